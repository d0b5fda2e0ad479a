#!/usr/bin/env bash
# The webhook load benchmark of issue 2: chatbridge's durable WhatsApp webhook against a no-I/O
# endpoint in the same JVM (the ceiling), then a durability check of every acknowledged wamid.
#
#   bench/run-webhook-bench.sh                 # full run, about 15 minutes
#   DURATION=10s WARMUP=3s bench/run-webhook-bench.sh   # smoke run
#
# Settings (environment): JAR (default target/chatbridge.jar, built if missing), PORT (18080),
# DURATION (60s per run), WARMUP (10s per run, not measured), SERVER_WARMUP (20s of load on each
# endpoint once after start-up, not measured), CONNECTIONS (64), DUPLICATES (0.1),
# DRAIN_MAX (seconds to wait for the pipeline to finish the backlog between runs, 300),
# JAVA_OPTS (server JVM options), SERVER_ARGS (extra --key=value for the server, e.g. to try a
# different spring.datasource.hikari.maximum-pool-size), RUNS (which runs, default all of:
# ceiling-full webhook-full ceiling-80 webhook-80 ceiling-1000 webhook-1000).
# Everything goes to bench/out/<UTC time>/ (bench/out/latest points at it); the summary table is
# printed last and saved as summary.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/chatbridge.jar}
PORT=${PORT:-18080}
DURATION=${DURATION:-60s}
WARMUP=${WARMUP:-10s}
SERVER_WARMUP=${SERVER_WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-64}
DUPLICATES=${DUPLICATES:-0.1}
DRAIN_MAX=${DRAIN_MAX:-300}
# each webhook run right after its ceiling run, so that both see the same machine (it is shared)
RUNS=${RUNS:-"ceiling-full webhook-full ceiling-80 webhook-80 ceiling-1000 webhook-1000"}
SECRET=bench-secret
ADMIN_PASSWORD=bench-admin
BASE=http://127.0.0.1:$PORT

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/out/$STAMP
DATA=$OUT/data
mkdir -p "$OUT"
ln -sfn "$STAMP" "$ROOT/bench/out/latest"
CLK_TCK=$(getconf CLK_TCK)

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/bench.log" >&2; }

# ---- build and start -------------------------------------------------------------------------

if [[ ! -f $JAR ]]; then
    log "building $JAR"
    (cd "$ROOT" && mvn -q -B -DskipTests package)
fi

log "starting chatbridge ($JAR) on port $PORT with data in $DATA"
DIRS=(--chatbridge.routes-dir="$ROOT/routes")
[[ -d $ROOT/mappings ]] && DIRS+=(--chatbridge.mappings-dir="$ROOT/mappings")
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086
CHATBRIDGE_ADMIN_PASSWORD=$ADMIN_PASSWORD CHATBRIDGE_WHATSAPP_APP_SECRET=$SECRET \
    java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --chatbridge.data-dir="$DATA" "${DIRS[@]}" \
    --spring.profiles.active=bench-ceiling ${SERVER_ARGS:-} >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
SAMPLER_PID=
cleanup() {
    [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null || true
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

for _ in $(seq 1 240); do
    kill -0 "$SERVER_PID" 2>/dev/null || { log "chatbridge exited during start-up, see $OUT/server.log"; tail -30 "$OUT/server.log" >&2; exit 1; }
    curl -sf "$BASE/actuator/health" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -sf "$BASE/actuator/health" >/dev/null || { log "chatbridge not healthy after 120 s"; exit 1; }
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$OUT/server.log" | grep -o '[0-9]*$' | head -1)
PG_PID=$(head -1 "$DATA/postgres/postmaster.pid")
log "chatbridge up (pid $SERVER_PID), embedded PostgreSQL on port $PG_PORT (postmaster pid $PG_PID)"

psql_q() { psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }

# ---- process accounting from /proc -----------------------------------------------------------

pg_pids() { # the postmaster and its children (backends, walwriter, checkpointer, ...)
    echo "$PG_PID"
    ps -o pid= --ppid "$PG_PID" || true
}
cpu_ticks() { # utime+stime (+ reaped children) of the pids given
    local total=0 pid f
    for pid in "$@"; do
        f=$(cut -d' ' -f14-17 "/proc/$pid/stat" 2>/dev/null) || continue
        total=$((total + $(echo "$f" | awk '{print $1+$2+$3+$4}')))
    done
    echo "$total"
}
server_ticks() { cpu_ticks "$SERVER_PID"; }
pg_ticks() { cpu_ticks $(pg_pids); }
java_rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }
java_hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status"; }
pg_pss_kb() { # proportional set size, so shared buffers are not counted once per backend
    local total=0 pid v
    for pid in $(pg_pids); do
        v=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

sample_memory() {
    echo "epoch_s java_rss_kb pg_pss_kb" >"$OUT/memory.tsv"
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        echo "$(date +%s) $(java_rss_kb) $(pg_pss_kb)" >>"$OUT/memory.tsv"
        sleep 2
    done
}
sample_memory &
SAMPLER_PID=$!

# ---- one load run ----------------------------------------------------------------------------

result_field() { grep '^RESULT' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

wal_counters() { # commits and WAL flushes so far: how well commits are grouped into one fsync
    psql_q -F ' ' -c "select (select sum(xact_commit) from pg_stat_database), wal_sync from pg_stat_wal"
}

pending_work() { # inbox rows to normalise, conversations to extract, deliveries due
    psql_q -c "select (select count(*) from inbox where state in ('received', 'failed'))
        + (select count(*) from conversation where pending_extraction)
        + (select count(*) from delivery where state = 'in_flight' or (state = 'pending' and next_attempt_at <= now()))"
}

wait_for_drain() { # prints seconds waited until the pipeline has caught up: normalised, extracted, delivered
    local started=$SECONDS
    while (($(pending_work) > 0)) && ((SECONDS - started < DRAIN_MAX)); do sleep 1; done
    echo $((SECONDS - started))
}

run_load() { # name url rate
    local name=$1 url=$2 rate=$3 args=()
    [[ $rate != full ]] && args+=(--rate "$rate")
    [[ $name == webhook-* ]] && args+=(--acked-out "$OUT/$name.acked")
    local s0 p0 s1 p1 inbox0 inbox1 drained s2 p2 w0 w1 load
    inbox0=$(psql_q -c "select count(*) from inbox_item")
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r -a w0 <<<"$(wal_counters)"
    s0=$(server_ticks); p0=$(pg_ticks)
    log "run $name: $url at ${rate}/s for $DURATION (+$WARMUP warm-up)"
    java "$ROOT/bench/webhook-load/WebhookLoad.java" --url "$url" --secret "$SECRET" "${args[@]}" \
        --duration "$DURATION" --warmup "$WARMUP" --connections "$CONNECTIONS" --duplicates "$DUPLICATES" \
        --label "$name" --run-id "$name-$STAMP" >"$OUT/$name.txt" 2>"$OUT/$name.err"
    s1=$(server_ticks); p1=$(pg_ticks)
    read -r -a w1 <<<"$(wal_counters)"
    grep -v '^RESULT' "$OUT/$name.txt" >&2
    drained=$(wait_for_drain)
    s2=$(server_ticks); p2=$(pg_ticks)
    inbox1=$(psql_q -c "select count(*) from inbox_item")
    {
        echo "java_ticks=$((s1 - s0)) pg_ticks=$((p1 - p0)) drain_s=$drained"
        echo "java_ticks_to_drain=$((s2 - s0)) pg_ticks_to_drain=$((p2 - p0)) new_inbox_items=$((inbox1 - inbox0))"
        echo "commits=$((w1[0] - w0[0])) wal_syncs=$((w1[1] - w0[1])) load_before=$load"
        echo "java_rss_kb=$(java_rss_kb) java_hwm_kb=$(java_hwm_kb) pg_pss_kb=$(pg_pss_kb)"
    } >"$OUT/$name.proc"
    log "run $name done; pipeline backlog drained ${drained}s after the run"
}

proc_field() { tr ' ' '\n' <"$OUT/$1.proc" | awk -F= -v k="$2" '$1 == k {print $2}'; }

# A cold JVM spends its first seconds compiling; warm both paths before anything is measured.
log "warming up the server JVM for $SERVER_WARMUP on each endpoint (not measured)"
java "$ROOT/bench/webhook-load/WebhookLoad.java" --url "$BASE/webhooks/bench-noop" --duration "$SERVER_WARMUP" \
    --connections "$CONNECTIONS" --label warmup-ceiling --run-id "warmup-ceiling-$STAMP" >"$OUT/warmup-ceiling.txt" 2>&1
java "$ROOT/bench/webhook-load/WebhookLoad.java" --url "$BASE/webhooks/whatsapp" --secret "$SECRET" --rate 300 \
    --duration "$SERVER_WARMUP" --connections "$CONNECTIONS" --label warmup-webhook --run-id "warmup-webhook-$STAMP" \
    --acked-out "$OUT/warmup-webhook.acked" >"$OUT/warmup-webhook.txt" 2>&1
wait_for_drain >/dev/null
IDLE_S=20
s0=$(server_ticks); p0=$(pg_ticks); sleep $IDLE_S; s1=$(server_ticks); p1=$(pg_ticks)
IDLE_JAVA=$(awk -v t=$((s1 - s0)) -v hz="$CLK_TCK" -v s=$IDLE_S 'BEGIN {printf "%.0f", t * 100 / hz / s}')
IDLE_PG=$(awk -v t=$((p1 - p0)) -v hz="$CLK_TCK" -v s=$IDLE_S 'BEGIN {printf "%.0f", t * 100 / hz / s}')
log "idle for ${IDLE_S}s: chatbridge JVM ${IDLE_JAVA}% of a core, PostgreSQL ${IDLE_PG}%"

for run in $RUNS; do
    case $run in
        ceiling-full) run_load "$run" "$BASE/webhooks/bench-noop" full ;;
        ceiling-80) run_load "$run" "$BASE/webhooks/bench-noop" 80 ;;
        ceiling-1000) run_load "$run" "$BASE/webhooks/bench-noop" 1000 ;;
        webhook-80) run_load "$run" "$BASE/webhooks/whatsapp" 80 ;;
        webhook-1000) run_load "$run" "$BASE/webhooks/whatsapp" 1000 ;;
        webhook-full) run_load "$run" "$BASE/webhooks/whatsapp" full ;;
        *) log "unknown run $run"; exit 2 ;;
    esac
done

# ---- durability: every acknowledged wamid is in the inbox exactly once -----------------------

cat "$OUT"/webhook-*.acked "$OUT"/warmup-webhook.acked 2>/dev/null | sort -u >"$OUT/acked-all.txt" || true
ACKED=$(wc -l <"$OUT/acked-all.txt")
psql_q >"$OUT/durability.txt" <<SQL
create temp table acked (wamid text primary key);
\copy acked from '$OUT/acked-all.txt'
select 'acked=' || count(*) from acked;
select 'lost=' || count(*) from acked a
    where not exists (select 1 from inbox_item i where i.channel = 'whatsapp' and i.external_id = a.wamid);
select 'wamids_stored_twice=' || count(*) from (
    select external_id from inbox_item group by channel, external_id having count(*) > 1) d;
select 'inbox_rows=' || count(*) from inbox;
select 'inbox_rows_without_item=' || count(*) from inbox i
    where not exists (select 1 from inbox_item it where it.inbox_id = i.id);
select 'messages=' || count(*) from message;
select 'messages_stored_twice=' || count(*) from (
    select external_id from message group by channel, external_id having count(*) > 1) d;
select 'inbox_not_normalised=' || count(*) from inbox where state <> 'normalised';
SQL
dur_field() { awk -F= -v k="$1" '$1 == k {print $2}' "$OUT/durability.txt"; }

API_SAMPLE=0
API_FOUND=0
if ((ACKED > 0)); then
    for wamid in $(shuf -n 200 "$OUT/acked-all.txt"); do
        API_SAMPLE=$((API_SAMPLE + 1))
        code=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" "$BASE/api/inbox/$wamid")
        [[ $code == 200 ]] && API_FOUND=$((API_FOUND + 1))
    done
fi

# ---- summary ---------------------------------------------------------------------------------

JAVA_PEAK_MB=$(awk 'NR > 1 && $2 > m {m = $2} END {printf "%.0f", m / 1024}' "$OUT/memory.tsv")
PG_PEAK_MB=$(awk 'NR > 1 && $3 > m {m = $3} END {printf "%.0f", m / 1024}' "$OUT/memory.tsv")
JAVA_LAST_MB=$(($(java_rss_kb) / 1024))
PG_LAST_MB=$(($(pg_pss_kb) / 1024))
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain -- src pom.xml 2>/dev/null | grep -q . && echo " (+uncommitted changes)" || true)

summary() {
    echo "chatbridge webhook benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT$DIRTY"
    echo "jar: $JAR"
    echo "machine: $(nproc) cores $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load average at start $LOAD_AT_START, at the end $(cut -d' ' -f1-3 /proc/loadavg) (shared machine)"
    echo "java: $(java -version 2>&1 | head -1); runs: $DURATION measured after $WARMUP warm-up, $CONNECTIONS connections, $DUPLICATES exact duplicates"
    echo
    printf '%-13s %-5s %8s %8s %6s %9s %8s %8s %8s %9s %7s %7s %7s %7s %5s %7s\n' \
        run rate sent 2xx other resp/s p50_ms p90_ms p99_ms max_ms x_rps x_p99 cpu_ms c/fsync load drain_s
    for run in $RUNS; do
        local f=$OUT/$run.txt ceiling rps p99 ok sent other ticks cpu grouping
        [[ -f $f ]] || continue
        rps=$(result_field "$f" rps); p99=$(result_field "$f" p99_ms)
        ok=$(result_field "$f" s2xx); sent=$(result_field "$f" sent)
        other=$(($(result_field "$f" s4xx) + $(result_field "$f" s5xx) + $(result_field "$f" other) + $(result_field "$f" errors) + $(result_field "$f" missed)))
        ticks=$(($(proc_field "$run" java_ticks) + $(proc_field "$run" pg_ticks)))
        cpu=$(awk -v t="$ticks" -v n="$ok" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", n ? t * 1000 / hz / n : 0}')
        ceiling=$OUT/ceiling-${run#*-}.txt
        local xr=- xp=-
        if [[ $run == webhook-* && -f $ceiling ]]; then
            xr=$(awk -v a="$rps" -v b="$(result_field "$ceiling" rps)" 'BEGIN {printf "%.3f", b ? a / b : 0}')
            xp=$(awk -v a="$p99" -v b="$(result_field "$ceiling" p99_ms)" 'BEGIN {printf "%.1f", b ? a / b : 0}')
        fi
        grouping=$(awk -v c="$(proc_field "$run" commits)" -v w="$(proc_field "$run" wal_syncs)" 'BEGIN {printf "%.1f", w ? c / w : 0}')
        printf '%-13s %-5s %8s %8s %6s %9s %8s %8s %8s %9s %7s %7s %7s %7s %5s %7s\n' "$run" "${run#*-}" "$sent" "$ok" \
            "$other" "$rps" "$(result_field "$f" p50_ms)" "$(result_field "$f" p90_ms)" "$p99" \
            "$(result_field "$f" max_ms)" "$xr" "$xp" "$cpu" "$grouping" "$(proc_field "$run" load_before)" "$(proc_field "$run" drain_s)"
    done
    echo
    echo "durability: acked distinct wamids $(dur_field acked), lost $(dur_field lost), stored twice $(dur_field wamids_stored_twice); inbox rows $(dur_field inbox_rows) (without an item: $(dur_field inbox_rows_without_item)); normalised messages $(dur_field messages) (twice: $(dur_field messages_stored_twice)); API sample $API_FOUND/$API_SAMPLE found"
    echo "idle after warm-up: chatbridge JVM ${IDLE_JAVA}% of a core, PostgreSQL ${IDLE_PG}%"
    echo "memory: chatbridge JVM RSS peak $JAVA_PEAK_MB MB, at end $JAVA_LAST_MB MB; embedded PostgreSQL PSS peak $PG_PEAK_MB MB, at end $PG_LAST_MB MB (sampled every 2 s)"
    echo
    echo "columns: other = 4xx+5xx+errors+missed; resp/s and latencies over the measured window, latency from the intended send time at a fixed rate;"
    echo "x_rps / x_p99 = chatbridge / ceiling for the same load; cpu_ms = server JVM + PostgreSQL CPU during the run per 2xx (the pipeline's share included);"
    echo "c/fsync = commits per WAL flush (group commit); load = 1-min load average before the run; drain_s = wait after the run until the pipeline had normalised, extracted and delivered everything"
}
summary | tee "$OUT/summary.txt"
