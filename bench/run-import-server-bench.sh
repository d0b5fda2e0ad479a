#!/bin/bash
# Chat-export imports through the API of one running server (POST /api/imports, then polling), one
# file after another: the first runs on a cold JVM, the next ones on a JVM that has compiled the import's
# code. Give other chats (ExportGenerator with a weeks argument, and other numbers; see bench/README.md) so
# that every message and record is new.
# Prints each job's wall time and summary, and the CPU the server's JVM and its embedded PostgreSQL
# spent on it (from /proc).
# usage: [SERVER_ARGS="--name=value ..."] bench/run-import-server-bench.sh <chatbridge.jar> <export file>...
#   e.g. bench/run-import-server-bench.sh target/chatbridge.jar target/bench/export-1m{,-b,-c}.txt
set -u
JAR=$1; shift
FILES=("$@")
BUSINESS=${BUSINESS:-+442079460000}
D=${TMPDIR:-/tmp}/chatbridge-import-server-bench; rm -rf "$D"; mkdir -p "$D"
PORT=${PORT:-18088}
export CHATBRIDGE_ADMIN_PASSWORD=bench-$RANDOM-$RANDOM
java -Xmx1g -jar "$JAR" --spring.profiles.active=dev --server.port=$PORT --chatbridge.data-dir="$D" ${SERVER_ARGS:-} \
    > "$D/server.log" 2>&1 &
SP=$!
trap 'kill $SP 2>/dev/null; wait $SP 2>/dev/null; rm -rf "$D"' EXIT
API=http://localhost:$PORT/api/imports
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -u admin:$CHATBRIDGE_ADMIN_PASSWORD $API/none)" != 000 ] && break
  sleep 2
done
TICK=$(getconf CLK_TCK)
jvmcpu() { awk -v t="$TICK" '{print ($14+$15)/t}' /proc/$SP/stat; }
pgcpu() {
  PM=$(pgrep -o -f -- "postgres.*-D.*$D")
  V=$(awk -v t="$TICK" '{print ($14+$15+$16+$17)/t}' /proc/"$PM"/stat); B=0
  for c in $(pgrep -P "$PM"); do
    b=$(awk -v t="$TICK" '{print ($14+$15)/t}' /proc/"$c"/stat 2>/dev/null); B=$(echo "$B + ${b:-0}" | bc)
  done
  echo "$V + $B" | bc
}
echo "load before: $(cat /proc/loadavg)"
for f in "${FILES[@]}"; do
  C0=$(jvmcpu); P0=$(pgcpu); T0=$(date +%s.%N)
  ID=$(curl -s -u admin:$CHATBRIDGE_ADMIN_PASSWORD -F file=@"$f" -F businessNumber="$BUSINESS" \
      -F "businessAuthor=Bella Pizza" $API | sed 's/.*"id":"\([^"]*\)".*/\1/')
  while true; do
    S=$(curl -s -u admin:$CHATBRIDGE_ADMIN_PASSWORD $API/"$ID")
    echo "$S" | grep -q '"state":"\(done\|failed\)"' && break
    sleep 0.5
  done
  T1=$(date +%s.%N); C1=$(jvmcpu); P1=$(pgcpu)
  echo "import of $(basename "$f"): wall $(echo "$T1 - $T0" | bc) s, server JVM CPU $(echo "$C1 - $C0" | bc) s," \
      "PostgreSQL CPU $(echo "$P1 - $P0" | bc) s"
  echo "  $(echo "$S" | grep -o '"state":"[a-z]*"\|"took":[^,}]*\|"newMessages":[0-9]*\|"recordsByType":{[^}]*}' | tr '\n' ' ')"
done
echo "load after: $(cat /proc/loadavg)"
