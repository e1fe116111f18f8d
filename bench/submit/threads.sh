#!/usr/bin/env bash
# Where a POST /api/v1/scan's CPU goes on the embedded broker, by thread, with the history writer's share counted in
# full: for each jar in turn (alternated, ROUNDS times) a fresh server, WARMUP s of POST flood (not counted), a wait
# until the history backlog is written, then one wrk POST flood of DURATION s (64 connections, ping scans) and a
# wait until the writer has written what it left. Prints wrk's line, the server's CPU per request over the flood
# alone and including that drain (/proc), and the drain's CPU by thread group (http = Jetty's request threads,
# history-writer, C1/C2 = the JIT, VM Thread = the serial collector, ForkJoinPool = the worker's carrier threads).
#   bash bench/submit/threads.sh BEFORE.jar AFTER.jar     # defaults: DURATION=10 WARMUP=10 ROUNDS=3
# SERVER_ENV adds environment to the servers (e.g. SERVER_ENV=OSINT_HISTORY=off).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
[ $# -ge 1 ] || { echo "usage: bench/submit/threads.sh JAR..." >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench/submit needs wrk: apt-get install wrk" >&2; exit 2; }
DURATION="${DURATION:-10}" WARMUP="${WARMUP:-10}" ROUNDS="${ROUNDS:-3}"
bench_init submit-threads
machine_line
HZ=$(getconf CLK_TCK)
# threads PID: one line per thread, "name<TAB>user+system ticks"
threads() {
  for t in /proc/$1/task/*; do
    n="$(cat "$t/comm" 2>/dev/null)" || continue
    awk -v n="$n" '{ s=$0; sub(/^.*\) /, "", s); split(s, f, " "); print n "\t" f[12] + f[13] }' "$t/stat" 2>/dev/null || true
  done
}
# by_group BEFORE AFTER REQUESTS: CPU per request of each thread group between two snapshots
by_group() { python3 - "$@" "$HZ" <<'PY'
import collections, re, sys
def load(path):
    groups = collections.Counter()
    for line in open(path):
        name, ticks = line.rstrip("\n").rsplit("\t", 1)
        groups["http" if name.startswith("http") else re.sub(r"[-#]?\d+$", "", name)] += int(ticks)
    return groups
a, b, requests, hz = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = sorted(((b[k] - a[k], k) for k in set(a) | set(b) if b[k] - a[k] > 0), reverse=True)
print("   " + ", ".join("%s %.0f" % (k, d / hz / requests * 1e6) for d, k in rows[:9]) + " (us of CPU per request)")
PY
}
for round in $(seq 1 "$ROUNDS"); do
  for jar in "$@"; do
    label="$(basename "$jar" .jar)"
    OSINT_JAR="$jar"
    start_osint "s-$label" -- OSINT_DATA_DIR="$WORK/data-$label-$round" ${SERVER_ENV:-}
    pid="$(pid_of "s-$label")"
    SCAN_TYPE=ping wrk -t2 -c64 -d"${WARMUP}s" -s "$HERE/scan.lua" "$BENCH_OSINT_URL/api/v1/scan" >/dev/null
    await_history_written "$BENCH_OSINT_URL" 600 >/dev/null
    threads "$pid" > "$WORK/t0"
    t0=$(awk '{print $14+$15}' /proc/$pid/stat); load0="$(cut -d' ' -f1 /proc/loadavg)"
    line="$(SCAN_TYPE=ping wrk -t2 -c64 -d"${DURATION}s" -s "$HERE/scan.lua" "$BENCH_OSINT_URL/api/v1/scan" | grep '^WRK ')"
    t1=$(awk '{print $14+$15}' /proc/$pid/stat); threads "$pid" > "$WORK/t1"
    drain="$(await_history_written "$BENCH_OSINT_URL" 600)"
    t2=$(awk '{print $14+$15}' /proc/$pid/stat); threads "$pid" > "$WORK/t2"
    n="$(echo "$line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')"
    rss="$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status)"
    echo "round $round $label load=$load0 ${line#WRK } | flood cpu/req=$(( (t1-t0)*1000000/HZ/n ))us with-drain cpu/req=$(( (t2-t0)*1000000/HZ/n ))us | $drain | rss=${rss}MB"
    by_group "$WORK/t0" "$WORK/t2" "$n"
    stop_tracked "s-$label"
  done
done
