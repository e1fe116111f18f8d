#!/usr/bin/env bash
# Where the server's CPU goes, per HTTP request and per scan: runs one load against this project's server (embedded
# by default) with a flight recording (JFR, settings=profile) over the steady part, then prints CPU time per
# request and per scan (from /proc), JFR's hot methods, allocation sites, GC, and CPU by area (bench/profile/stacks.py).
#   bash bench/profile/run.sh submit        # wrk POST /api/v1/scan, 64 connections (ping scans)
#   bash bench/profile/run.sh get           # wrk GET /api/v1/scan/{id} of a finished scan
#   bash bench/profile/run.sh e2e-ping      # ScanLoad ping, 256 in flight, poll 10 ms
#   bash bench/profile/run.sh e2e-dns       # ScanLoad dns against nsd (the peers' fixture)
#   bash bench/profile/run.sh sse-ping      # ScanLoad ping following GET /api/v1/scan/{id}/events
# Settings: DURATION=30 (s recorded; e2e: scans = DURATION x RATE_GUESS) WARMUP=15 REDIS=1 (API --workers 0 and one
# worker process; the recording is of the API, WORKER_JFR=1 records the worker instead) BENCH_KEEP=1 keeps the .jfr.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
SCENARIO="${1:-submit}" DURATION="${DURATION:-30}" WARMUP="${WARMUP:-15}" REDIS="${REDIS:-0}"
RATE_GUESS="${RATE_GUESS:-300}"
bench_init "profile-$SCENARIO"
# deep enough for Jetty, Javalin and a regex's recursion on a virtual thread (JFR keeps 64 frames by default)
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:FlightRecorderOptions:stackdepth=512"
osint_build
mkdir -p "$WORK/classes"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" "$HERE/../e2e/ScanLoad.java"
start_nsd
DNS_ENV=(OSINT_DNS_RESOLVERS="127.0.0.1:$BENCH_DNS_PORT")
if [ "$REDIS" = 1 ]; then
  start_redis
  start_osint api --workers 0 -- REDIS_URL="$BENCH_REDIS_URL" "${DNS_ENV[@]}"
  start_osint_worker worker-1 -- REDIS_URL="$BENCH_REDIS_URL" "${DNS_ENV[@]}"
  await_workers "$BENCH_OSINT_URL" 1
  TARGET_PID="$(pid_of api)"
  [ "${WORKER_JFR:-0}" = 1 ] && TARGET_PID="$(pid_of worker-1)"
else
  start_osint embedded -- "${DNS_ENV[@]}"
  TARGET_PID="$(pid_of embedded)"
fi
BASE="$BENCH_OSINT_URL"
machine_line

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# load SECONDS: the scenario's load for about that long; prints "requests=N scans=M" last.
load() {
  local seconds="$1" out
  case "$SCENARIO" in
    submit|get)
      local url="$BASE/api/v1/scan" type=ping
      if [ "$SCENARIO" = get ]; then url="$BASE/api/v1/scan/$(scan_until_final "$BASE" ping example.test)"; type=""; fi
      echo "\$ SCAN_TYPE=$type wrk -t2 -c64 -d${seconds}s -s bench/submit/scan.lua $url" >&2
      out="$(SCAN_TYPE="$type" wrk -t2 -c64 -d"${seconds}s" -s "$HERE/../submit/scan.lua" "$url" | grep '^WRK ')"
      echo "  ${out#WRK }" >&2
      local n; n="$(echo "$out" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')"
      echo "requests=$n scans=$([ "$SCENARIO" = submit ] && echo "$n" || echo 0)"
      ;;
    e2e-ping|e2e-dns|sse-ping)
      local type=ping mode=poll target=(--target example.test)
      [ "$SCENARIO" = e2e-dns ] && { type=dns; target=(--target-pattern 't{i}.example.test' --targets 200); }
      [ "$SCENARIO" = sse-ping ] && mode=sse
      local total=$((seconds * RATE_GUESS))
      echo "\$ java ScanLoad --base $BASE --type $type --total $total --concurrency 256 --mode $mode --poll-ms 10 ${target[*]}" >&2
      out="$("$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -cp "$WORK/classes" ScanLoad --base "$BASE" \
          --type "$type" --total "$total" --concurrency 256 --mode "$mode" --poll-ms 10 "${target[@]}")"
      echo "  $(echo "$out" | head -1)" >&2
      python3 -c 'import json,sys; f=json.loads(sys.argv[1]); print("requests=%d scans=%d" % (f["total"] + f["polls"], f["completed"]))' \
          "$(echo "$out" | tail -1)"
      ;;
    *) echo "unknown scenario $SCENARIO" >&2; exit 2 ;;
  esac
}

echo "== warm-up, about $WARMUP s (not recorded)"
load "$WARMUP" >/dev/null
echo "== recording $SCENARIO on pid $TARGET_PID, about $DURATION s"
"$JAVA_HOME/bin/jcmd" "$TARGET_PID" JFR.start name=bench settings=profile >/dev/null
before="$(cpu_ticks "$TARGET_PID")"
start=$(date +%s%N)
counts="$(load "$DURATION")"
end=$(date +%s%N)
after="$(cpu_ticks "$TARGET_PID")"
"$JAVA_HOME/bin/jcmd" "$TARGET_PID" JFR.stop name=bench filename="$WORK/$SCENARIO.jfr" >/dev/null
requests="$(echo "$counts" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')"
scans="$(echo "$counts" | sed -n 's/.*scans=\([0-9]*\).*/\1/p')"
python3 - "$before" "$after" "$start" "$end" "$requests" "$scans" "$(getconf CLK_TCK)" <<'PY'
import sys
before, after, start, end, requests, scans, hz = (int(v) for v in sys.argv[1:])
cpu_s = (after - before) / hz
wall_s = (end - start) / 1e9
print(f"== server CPU: {cpu_s:.1f} s over {wall_s:.1f} s wall = {cpu_s / wall_s:.2f} cores; {requests} HTTP requests,"
      f" {scans} scans")
if requests:
    print(f"   {cpu_s / requests * 1e6:.0f} us of CPU per HTTP request (all the process's work divided by requests)")
if scans:
    print(f"   {cpu_s / scans * 1e6:.0f} us of CPU per scan")
PY
JFR="$JAVA_HOME/bin/jfr"
echo "== CPU by area and top frames (execution samples)"
"$JFR" print --json --events jdk.ExecutionSample "$WORK/$SCENARIO.jfr" | python3 "$HERE/stacks.py" 25
for view in hot-methods allocation-by-site allocation-by-class gc contention-by-site; do
  echo "== jfr view $view"
  "$JFR" view --width 160 "$view" "$WORK/$SCENARIO.jfr" | head -30
done
[ "${BENCH_KEEP:-0}" = 1 ] && echo "== recording: $WORK/$SCENARIO.jfr"
true
