#!/usr/bin/env bash
# Footprint: resident memory (VmRSS from /proc, children included) of this project's server and of a worker
# process, idle, under load and after a flood of submissions; and the time from process start to the first
# answered request (GET /api/v1/health). The seed's design is measured the same way in the same run.
#   bash bench/footprint/run.sh   # defaults: STARTS=5 LOAD_SCANS=20000 CONCURRENCY=256 FLOOD=10 SETTLE=10
# Phases, for each system: idle (5 s after start), under load (peak while LOAD_SCANS ping scans run end to end
# with ScanLoad, 256 in flight, poll 10 ms), flood (wrk POST /api/v1/scan for FLOOD s, 64 connections: peak during,
# then after the backlog it left is done and SETTLE s more). JVM options are bin/osint's (BENCH_JAVA_OPTS adds).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
STARTS="${STARTS:-5}" LOAD_SCANS="${LOAD_SCANS:-20000}" CONCURRENCY="${CONCURRENCY:-256}" FLOOD="${FLOOD:-10}"
SETTLE="${SETTLE:-10}"
command -v wrk >/dev/null || { echo "bench/footprint needs wrk: apt-get install wrk" >&2; exit 2; }
bench_init footprint
osint_build
mkdir -p "$WORK/classes"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" "$HERE/../e2e/ScanLoad.java"
start_redis
machine_line
RESULTS="$WORK/results.txt"
note() { echo "  $1: $2"; echo "$1|$2" >>"$RESULTS"; }

echo "== start to first answer: $STARTS starts of each (the process is started, then GET every 2 ms)"
for run in $(seq 1 "$STARTS"); do
  port="$(free_port)"
  echo "\$ java ${OSINT_JVM_FLAGS[*]} ${BENCH_JAVA_OPTS:-} -jar osint.jar server --port $port   # GET /api/v1/health"
  # shellcheck disable=SC2086
  note "osint embedded, first answer" "$(/usr/bin/python3 "$HERE/first_answer.py" "$port" /api/v1/health \
      "$WORK/start.log" -- "$JAVA" "${OSINT_JVM_FLAGS[@]}" ${BENCH_JAVA_OPTS:-} -jar "$OSINT_JAR" server --port "$port")"
done
if peer_available; then
  for run in $(seq 1 "$STARTS"); do
    port="$(free_port)"
    echo "\$ (cd seed-celery && python3 -m uvicorn app.main:app --port $port)   # GET /api/v1/collectors (its health waits for Celery)"
    note "peer API, first answer" "$(cd "$PEERS/seed-celery" && REDIS_URL="$BENCH_REDIS_URL/1" /usr/bin/python3 \
        "$HERE/first_answer.py" "$port" /api/v1/collectors "$WORK/start.log" -- /usr/bin/python3 -m uvicorn \
        app.main:app --host 127.0.0.1 --port "$port" --workers 1 --log-level warning --no-access-log)"
  done
fi

# phases LABEL BASE TYPE PID...: idle, under load, flood and after, for the processes given.
phases() {
  local label="$1" base="$2" type="$3"; shift 3
  sleep 5
  note "$label, idle" "rss_mb=$(rss_mb "$@")"
  echo "\$ java ScanLoad --base $base --type $type --total $LOAD_SCANS --concurrency $CONCURRENCY --poll-ms 10"
  rss_sampler load-sampler "$WORK/load.rss" "$@"
  "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -cp "$WORK/classes" ScanLoad --base "$base" \
      --type "$type" --total "$LOAD_SCANS" --concurrency "$CONCURRENCY" --poll-ms 10 --target example.test | head -1 \
      | sed 's/^/  /'
  stop_tracked load-sampler
  note "$label, under load (peak)" "rss_mb=$(max_of "$WORK/load.rss")"
  echo "\$ SCAN_TYPE=$type wrk -t2 -c64 -d${FLOOD}s -s bench/submit/scan.lua $base/api/v1/scan"
  rss_sampler flood-sampler "$WORK/flood.rss" "$@"
  local flood
  flood="$(SCAN_TYPE="$type" wrk -t2 -c64 -d"${FLOOD}s" -s "$HERE/../submit/scan.lua" "$base/api/v1/scan" | grep '^WRK ')"
  echo "  flood: ${flood#WRK }"
  scan_until_final "$base" "$type" example.test 900 >/dev/null # the backlog is done
  sleep "$SETTLE"
  stop_tracked flood-sampler
  note "$label, flood (peak)" "rss_mb=$(max_of "$WORK/flood.rss") submitted=$(echo "$flood" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')"
  note "$label, after the flood" "rss_mb=$(rss_mb "$@")"
  rm -f "$WORK/load.rss" "$WORK/flood.rss"
}

echo "== osint embedded: osint server (API and worker in one process)"
start_osint embedded
phases "osint embedded server" "$BENCH_OSINT_URL" ping "$(pid_of embedded)"
stop_tracked embedded

echo "== osint with Redis: osint server --workers 0 and one osint worker process, measured apart"
start_osint api --workers 0 -- REDIS_URL="$BENCH_REDIS_URL"
start_osint_worker worker-1 -- REDIS_URL="$BENCH_REDIS_URL"
await_workers "$BENCH_OSINT_URL" 1
sleep 5
note "osint worker process, idle" "rss_mb=$(rss_mb "$(pid_of worker-1)")"
rss_sampler worker-sampler "$WORK/worker.rss" "$(pid_of worker-1)"
phases "osint API (--workers 0)" "$BENCH_OSINT_URL" ping "$(pid_of api)"
stop_tracked worker-sampler
note "osint worker process, peak over load and flood" "rss_mb=$(max_of "$WORK/worker.rss")"
note "osint worker process, after the flood" "rss_mb=$(rss_mb "$(pid_of worker-1)")"
note "redis-server, after the flood" "rss_mb=$(rss_mb "$(pid_of redis)")"
stop_tracked worker-1 api
redis-cli -p "$BENCH_REDIS_PORT" flushall >/dev/null

if peer_available; then
  echo "== peer: the seed's design (uvicorn, 1 process; Celery prefork x8, health_check_interval 0.05)"
  start_peer 1
  sleep 5
  note "peer Celery worker (master + 8 children), idle" "rss_mb=$(rss_mb "$(pid_of peer-worker)")"
  rss_sampler peer-sampler "$WORK/peer-worker.rss" "$(pid_of peer-worker)"
  phases "peer API (uvicorn)" "$BENCH_PEER_URL" noop "$(pid_of peer-api)"
  stop_tracked peer-sampler
  note "peer Celery worker, peak over load and flood" "rss_mb=$(max_of "$WORK/peer-worker.rss")"
  note "peer Celery worker, after the flood" "rss_mb=$(rss_mb "$(pid_of peer-worker)")"
  stop_tracked peer-worker peer-api
fi

echo "== summary (medians where repeated)"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    what, figures = line.rstrip("\n").split("|", 1)
    rows.setdefault(what, []).append(dict(kv.split("=") for kv in figures.split()))
for what, runs in rows.items():
    parts = []
    for key in runs[0]:
        values = [r[key] for r in runs]
        try:
            med = statistics.median(float(v) for v in values)
            parts.append(f"{key} {med:g}" + (f" (runs: {', '.join(values)})" if len(runs) > 1 else ""))
        except ValueError:
            parts.append(f"{key} {values[0]}")
    print(f"{what:48s} {'; '.join(parts)}")
PY
