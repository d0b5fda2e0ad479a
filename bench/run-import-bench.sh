#!/bin/bash
# Full chat-export import into a fresh embedded database, with the CPU it cost on both sides.
# usage: bench/run-import-bench.sh <classes dir> <export file> <label> [extra JVM args]
#   e.g. bench/run-import-bench.sh target/classes target/bench/export-100k.txt new
# Prints the import summary, the JVM's wall/user/sys time and the embedded PostgreSQL's CPU time
# (postmaster + backends, read from /proc while it runs), the JVM's CPU per thread (main, the import's
# writers and extraction threads, the JIT compilers, GC; read from /proc/<pid>/task, so a thread that
# ended counts what it had used a second before), and the load average before and after.
# Needs target/bench.cp (see bench/README.md). To compare with older code, copy its target/classes
# aside first and pass that directory as <classes dir>; alternate old and new runs on a shared machine.
set -u
CLS=$1; FILE=$2; LABEL=$3; shift 3
DATA=${TMPDIR:-/tmp}/chatbridge-import-bench-$LABEL
rm -rf "$DATA"
echo "load before: $(cat /proc/loadavg)"
( /usr/bin/time -f "jvm: wall=%e s user=%U s sys=%S s maxrss=%M KB" \
    java -Xmx1g "$@" -cp "$CLS:$(cat target/bench.cp)" io.chatbridge.ChatbridgeApplication import \
    "$FILE" --business-author "Bella Pizza" --business-number +442079460000 --data-dir "$DATA" 2>&1 \
    | tr '\r' '\n' | grep -v '^\s*$' | grep -v '^\[' | grep -v ' WARN ' | tail -14 ) &
RUN=$!
TICK=$(getconf CLK_TCK); LAST=""; PM=""; JVM=""; JVMSTART=0
started() { { cat /proc/"$1"/stat 2>/dev/null || echo "x) 0"; } | awk '{ sub(/^.*\) /, ""); print ($20 == "" ? 0 : $20) }'; }
declare -A THREADS
# One awk per sample (cat skips a file that vanished; mawk would stop) reads every thread (and every process, for PostgreSQL's backends): the first version
# started two processes per JVM thread twice a second, about 17 CPU-seconds of a 1M import (bench/README.md).
while kill -0 $RUN 2>/dev/null; do
  # the newest: the import's own JVM when the command forks one; never back to the first JVM, which
  # outlives the second by a moment and would overwrite its threads' times with its own
  CAND=$(pgrep -n -f -- "^(/\S*/)?java .*ChatbridgeApplication import .*--data-dir $DATA")
  if [ -n "$CAND" ] && [ "$CAND" != "$JVM" ] && [ "$(started "$CAND")" -gt "$JVMSTART" ]; then
    JVM=$CAND; JVMSTART=$(started "$CAND")
  fi
  if [ -n "$JVM" ] && [ -d /proc/"$JVM" ]; then
    while read -r n v; do THREADS[$n]=$v; done < <(cat /proc/"$JVM"/task/*/stat 2>/dev/null | awk '{ c = $0; sub(/^[^(]*\(/, "", c); sub(/\) [A-Za-z] .*$/, "", c)
        gsub(/ /, "_", c); r = $0; sub(/^.*\) /, "", r); split(r, f, " "); t[c] += f[12] + f[13] }
        END { for (k in t) print k, t[k] }')
  fi
  [ -n "$PM" ] && ! kill -0 "$PM" 2>/dev/null && PM=""  # initdb's bootstrap postgres ends; the postmaster follows
  [ -z "$PM" ] && PM=$(pgrep -o -f -- "postgres.*-D.*$DATA")
  if [ -n "$PM" ]; then
    V=$(cat /proc/[0-9]*/stat 2>/dev/null | awk -v pm="$PM" -v t="$TICK" '{ r = $0; sub(/^.*\) /, "", r); split(r, f, " ")
        if ($1 == pm) s += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) s += f[12] + f[13] }
        END { if (s > 0) printf "%.2f", s / t }')
    [ -n "$V" ] && LAST=$V
  fi
  sleep 0.5
done
wait $RUN
echo "postgres cpu: ${LAST} s"
echo "jvm cpu by thread (s):$(for k in "${!THREADS[@]}"; do echo "${THREADS[$k]} $k"; done | sort -rn | head -9 \
  | awk -v t="$TICK" '{printf " %s=%.1f", $2, $1/t}')"
echo "load after: $(cat /proc/loadavg)"
rm -rf "$DATA"
