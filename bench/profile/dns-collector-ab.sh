#!/usr/bin/env bash
# Not a figure of its own: the dns collector's own CPU per scan for two builds, side by side in one sitting, without
# the HTTP API, the broker or the history (bench/e2e/cpu-ab.sh measures those with it). Runs DnsCollectorLoad (32
# scans at a time against nsd on loopback, the peers' dns-fixture) on each jar in turn, A, B, A, B, ...
#   bash bench/profile/dns-collector-ab.sh BEFORE.jar AFTER.jar   # ROUNDS=3 WARMUP=20000 TOTAL=30000
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
[ $# -eq 2 ] || { echo "usage: bench/profile/dns-collector-ab.sh BEFORE.jar AFTER.jar" >&2; exit 2; }
ROUNDS="${ROUNDS:-3}" WARMUP="${WARMUP:-20000}" TOTAL="${TOTAL:-30000}"
bench_init dns-collector-ab
start_nsd
machine_line
for side in A B; do
  jar="$1"; [ "$side" = B ] && jar="$2"
  mkdir -p "$WORK/$side"
  "$JAVA_HOME/bin/javac" -cp "$jar" -d "$WORK/$side" "$HERE/DnsCollectorLoad.java"
done
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    jar="$1"; [ "$side" = B ] && jar="$2"
    echo -n "round $round $side: "
    "$JAVA" -XX:+UseSerialGC -Xmx384m -cp "$WORK/$side:$jar" DnsCollectorLoad "$BENCH_DNS_PORT" "$WARMUP" "$TOTAL"
  done
done
