#!/bin/bash
# How long chatbridge takes to start, launched four ways (README "Faster starts"):
#   jar       java -Xshare:auto -jar chatbridge.jar               (the fat jar; -Xshare:auto is the JVM's default,
#                                                                  and keeps the import from the build's copy)
#   default   java -jar chatbridge.jar                            (as the README's commands run it: the server
#                                                                  from the jar, the import's second JVM from the
#                                                                  build's copy and archive when <jar>-cds/ is beside it)
#   extracted java -jar <extracted>/chatbridge.jar                (java -Djarmode=tools -jar … extract)
#   cds       java -XX:SharedArchiveFile=… -jar <extracted>/…     (plus a class-data archive of a server run)
# Two measures each, in alternating rounds, on one data folder that exists already (as on any start but
# the first):
#   server    from launch until GET /actuator/health answers (the README's start command, dev profile)
#   import    the whole `import` command on a 3-line export (start, import, stop; the command forks as
#             users run it), which is all start-up
# Prints every run, then the medians and each launch's ratio to the jar's.
# usage: bench/run-startup-bench.sh <chatbridge.jar> [rounds, default 5]
#   e.g. mvn -B -DskipTests package && bench/run-startup-bench.sh target/chatbridge.jar 5
set -u
JAR=$(realpath "$1"); ROUNDS=${2:-5}
PORT=${PORT:-18089}
W=${TMPDIR:-/tmp}/chatbridge-startup-bench; rm -rf "$W"; mkdir -p "$W"
trap 'rm -rf "$W"' EXIT
cd "$(dirname "$0")/.." || exit 1 # the mappings folder of this checkout
printf '01/01/2023, 09:03 - Bella Pizza: Your order is confirmed.\n01/01/2023, 09:06 - Sam: Thanks!\n' > "$W/chat.txt"
java -Djarmode=tools -jar "$JAR" extract --destination "$W/app" > /dev/null || { echo "extract failed"; exit 1; }
QUIET=(-Xlog:cds=off -Xlog:cds+dynamic=off)

# the server: launch, wait for health, SIGTERM, wait for the exit; prints seconds to health
server() {
  local s e p
  s=$(date +%s%N)
  java "$@" --spring.profiles.active=dev --server.port="$PORT" --chatbridge.data-dir="$W/server-data" \
    > "$W/server.log" 2>&1 &
  p=$!
  until curl -sf "http://localhost:$PORT/actuator/health" > /dev/null 2>&1; do
    kill -0 $p 2> /dev/null || { echo "server died: $(tail -3 "$W/server.log")" >&2; return 1; }
    sleep 0.05
  done
  e=$(date +%s%N)
  kill $p; wait $p 2> /dev/null
  awk -v n=$((e - s)) 'BEGIN { printf "%.2f", n / 1e9 }'
}
import() {
  local s e
  s=$(date +%s%N)
  java "$@" import "$W/chat.txt" --business-author "Bella Pizza" --business-number +442079460000 \
    --data-dir "$W/import-data" > "$W/import.log" 2>&1 || { echo "import failed: $(tail -3 "$W/import.log")" >&2; return 1; }
  e=$(date +%s%N)
  awk -v n=$((e - s)) 'BEGIN { printf "%.2f", n / 1e9 }'
}
launch() { # launch name -> java arguments (split by the caller: a TMPDIR with spaces is not supported)
  case $1 in
    jar) echo "-Xshare:auto -jar $JAR" ;;
    default) echo "-jar $JAR" ;;
    extracted) echo "-jar $W/app/chatbridge.jar" ;;
    cds) echo "-XX:SharedArchiveFile=$W/app/chatbridge.jsa ${QUIET[*]} -jar $W/app/chatbridge.jar" ;;
  esac
}

# first starts: the data folders (initdb, migrations), and the archive, written as a server run stops
server -jar "$JAR" > /dev/null || exit 1
import -jar "$JAR" > /dev/null || exit 1
server -XX:ArchiveClassesAtExit="$W/app/chatbridge.jsa" "${QUIET[@]}" -jar "$W/app/chatbridge.jar" > /dev/null || exit 1
[ -s "$W/app/chatbridge.jsa" ] || { echo "no archive written"; exit 1; }
echo "archive: $(du -m "$W/app/chatbridge.jsa" | cut -f1) MB; extracted jar and libraries: $(du -sm --exclude=chatbridge.jsa "$W/app" | cut -f1) MB"
echo "load before: $(cat /proc/loadavg)"

declare -A RUNS
for r in $(seq 1 "$ROUNDS"); do
  for l in jar default extracted cds; do
    # shellcheck disable=SC2046 # the launch's arguments are meant to split
    s=$(server $(launch $l)) || exit 1
    # shellcheck disable=SC2046
    i=$(import $(launch $l)) || exit 1
    RUNS[$l-server]+="$s "; RUNS[$l-import]+="$i "
    echo "round $r  $l: server $s s, import $i s"
  done
done
echo "load after: $(cat /proc/loadavg)"
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for m in server import; do
  base=$(echo "${RUNS[jar-$m]}" | median)
  for l in jar default extracted cds; do
    v=$(echo "${RUNS[$l-$m]}" | median)
    awk -v m=$m -v l=$l -v v="$v" -v b="$base" 'BEGIN { printf "%-7s %-10s median %6.2f s   ratio to jar %.2f\n", m, l, v, v / b }'
  done
done
