#!/usr/bin/env bash
# The embedded server's young pauses under a POST flood, for builds and JVM options compared in turn: for each
# variant (alternated, ROUNDS times) a fresh server, WARMUP s of POST flood (not counted), a wait until the history
# backlog is written, one wrk POST flood of DURATION s (64 connections, ping scans), and the drain again. Prints
# wrk's line, the server's CPU per request over the flood, its VM Thread's (where the serial collector runs) per
# request, the young pauses in the flood from -Xlog:gc (count, median and max wall time) and the VM Thread's CPU per
# pause, which depends far less on what else runs than the wall time does; RSS after the drain.
#   bash bench/submit/pauses.sh "LABEL|JAR|JVM OPTIONS" ...   # defaults: DURATION=15 WARMUP=10 ROUNDS=2
#   bash bench/submit/pauses.sh "default|osint.jar|" "young8|osint.jar|-Xmn8m"
# The options come after bin/osint's (the last -Xmn wins); a different collector needs JVM options of its own, which
# this script does not take (bench/submit/ab.sh's JVM_A/JVM_B do).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
[ $# -ge 1 ] || { echo "usage: bench/submit/pauses.sh \"LABEL|JAR|OPTIONS\"..." >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench/submit needs wrk: apt-get install wrk" >&2; exit 2; }
DURATION="${DURATION:-15}" WARMUP="${WARMUP:-10}" ROUNDS="${ROUNDS:-2}"
bench_init submit-pauses
machine_line
HZ=$(getconf CLK_TCK)
# vm_ticks PID: user+system ticks of the JVM's VM Thread
vm_ticks() {
  for t in /proc/$1/task/*; do
    [ "$(cat "$t/comm" 2>/dev/null)" = "VM Thread" ] && awk '{ s=$0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "$t/stat"
  done
  return 0
}
for round in $(seq 1 "$ROUNDS"); do
  for variant in "$@"; do
    IFS='|' read -r label jar opts <<<"$variant"
    log="$WORK/gc-$label-$round.log"
    OSINT_JAR="$(readlink -f "$jar")" BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} $opts -Xlog:gc:file=$log" \
        start_osint "s-$label" -- OSINT_DATA_DIR="$WORK/data-$label-$round"
    pid="$(pid_of "s-$label")"
    SCAN_TYPE=ping wrk -t2 -c64 -d"${WARMUP}s" -s "$HERE/scan.lua" "$BENCH_OSINT_URL/api/v1/scan" >/dev/null
    await_history_written "$BENCH_OSINT_URL" 600 >/dev/null
    p0=$(grep -c "Pause" "$log"); v0=$(vm_ticks "$pid"); t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
    load0="$(cut -d' ' -f1 /proc/loadavg)"
    line="$(SCAN_TYPE=ping wrk -t2 -c64 -d"${DURATION}s" -s "$HERE/scan.lua" "$BENCH_OSINT_URL/api/v1/scan" | grep '^WRK ')"
    p1=$(grep -c "Pause" "$log"); v1=$(vm_ticks "$pid"); t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
    await_history_written "$BENCH_OSINT_URL" 600 >/dev/null
    n="$(echo "$line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')"
    pauses="$(grep "Pause" "$log" | sed -n "$((p0 + 1)),${p1}p" | sed 's/.* \([0-9.]*\)ms$/\1/' | sort -n |
        awk '{ a[NR] = $1 } END { if (NR) printf "%d, median %.1f ms, max %.1f ms", NR, a[int((NR + 1) / 2)], a[NR]; else printf "0" }')"
    per_pause="$(awk -v d=$((v1 - v0)) -v p=$((p1 - p0)) -v hz="$HZ" 'BEGIN { if (p) printf "%.1f ms", d / hz / p * 1000; else printf "-" }')"
    echo "round $round $label load=$load0 ${line#WRK } | cpu/req=$(( (t1 - t0) * 1000000 / HZ / n ))us" \
         "collector/req=$(( (v1 - v0) * 1000000 / HZ / n ))us | young pauses $pauses | collector cpu/pause=$per_pause" \
         "| rss=$(rss_mb "$pid")MB"
    stop_tracked "s-$label"
  done
done
