#!/usr/bin/env bash
# Excel writer on a 100k-row workbook: chatbridge's streaming writer (-Xmx128m, the T8 bound) against
# POI XSSF open-change-save per record (the naive baseline) and XSSF with one batch, in the same run.
# Usage: bench/run-excel-bench.sh [rows] [batches] [batch size] [naive records]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}; BATCHES=${2:-5}; BATCH=${3:-360}; NAIVE=${4:-3}
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
# a copy of the classes, so a build running meanwhile cannot pull them from under the benchmark
rm -rf bench/out/classes && mkdir -p bench/out/classes && cp -r target/classes target/test-classes bench/out/classes/
CP="bench/out/classes/test-classes:bench/out/classes/classes:$(cat target/bench.cp)"
B=io.chatbridge.connector.excel.ExcelBenchmark
mkdir -p bench/out
SRC=bench/out/bookings-$ROWS.xlsx
[ -f "$SRC" ] || java -Xmx1g -cp "$CP" $B generate "$SRC" "$ROWS"
cp "$SRC" bench/out/stream.xlsx; cp "$SRC" bench/out/naive.xlsx; cp "$SRC" bench/out/batch.xlsx; cp "$SRC" bench/out/naive128.xlsx
uptime
java -Xmx128m -cp "$CP" $B stream bench/out/stream.xlsx "$BATCHES" "$BATCH" 2>&1 | grep -E '^(stream|RESULT)'
java -Xmx2g -cp "$CP" $B xssf-naive bench/out/naive.xlsx "$NAIVE" 2>&1 | grep -E '^(xssf|RESULT)'
java -Xmx2g -cp "$CP" $B xssf-batch bench/out/batch.xlsx "$BATCH" 2>&1 | grep -E '^RESULT'
echo "xssf-naive with -Xmx128m:"; java -Xmx128m -cp "$CP" $B xssf-naive bench/out/naive128.xlsx 1 2>&1 | grep -E '^RESULT|OutOfMemoryError' | head -1
uptime
echo "append-only export, 1M rows, -Xmx128m:"; java -Xmx128m -cp "$CP" $B export bench/out/export-1m.xlsx 1000000 2>&1 | grep -E '^RESULT|OutOfMemoryError' | head -1
