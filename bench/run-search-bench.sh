#!/usr/bin/env bash
# Console search on 100k records / 20k customers / 300k messages: V71's indexes against the same
# searches with those indexes dropped, in the same run (SearchBenchmark, embedded PostgreSQL 17).
# Usage: bench/run-search-bench.sh [records] [warm runs per kind]
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-100000}; ROUNDS=${2:-40}
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
# a copy of the classes, so a build running meanwhile cannot pull them from under the benchmark
rm -rf bench/out/search-classes && mkdir -p bench/out/search-classes && cp -r target/classes target/test-classes bench/out/search-classes/
CP="bench/out/search-classes/test-classes:bench/out/search-classes/classes:$(cat target/bench.cp)"
uptime
java -cp "$CP" io.chatbridge.web.console.search.SearchBenchmark "$RECORDS" "$ROUNDS" 2>&1 | grep -vE ' (INFO|WARN|DEBUG) |^\s+at |waiting for server|server (started|stopped)'
uptime
