#!/usr/bin/env bash
# Username check benchmark: the username collector checking the whole default catalogue (Sherlock's sites and the
# project's overlay) against a loopback farm where every site answers as its catalogue describes, each after its own
# delay (50-500 ms), at several max_concurrency values. Not part of the test suite.
# Usage: bash bench/username/run.sh [runs]
# Each site is a host name of its own (site-000.farm.test, ...) resolved to 127.0.0.1 by a hosts file given to the
# JVM, so the per-host limit sees one host per site, as it would on the internet.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-5}"
HOSTS="${HOSTS:-600}"
CONCURRENCIES="${CONCURRENCIES:-20 100 200 500}"
WORK="${TMPDIR:-/tmp}/osint-bench-username"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$WORK"
: > "$WORK/hosts"
for i in $(seq 0 $((HOSTS - 1))); do printf '127.0.0.1 site-%03d.farm.test\n' "$i" >> "$WORK/hosts"; done

cd "$ROOT"
# one reactor run, so that the modules' test classes stand in for their test jars
./mvnw -q -o -pl osint-collectors -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
    -Dmdep.includeScope=test >/dev/null
CP="osint-collectors/target/test-classes:osint-collectors/target/classes:osint-core/target/classes:osint-core/target/test-classes:$(cat "$WORK/cp.txt")"

echo "== osint username check: the default catalogue, $RUNS runs per max_concurrency ($CONCURRENCIES), $(nproc) cores, $(date -I)"
"$JAVA_HOME/bin/java" -Djdk.net.hosts.file="$WORK/hosts" -Dlogback.configurationFile="$ROOT/bench/dns-bruteforce/logback.xml" \
    -cp "$CP" dev.osint.collectors.username.UsernameCheckBench "$RUNS" "$WORK" "$HOSTS" $CONCURRENCIES
