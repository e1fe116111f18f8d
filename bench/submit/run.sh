#!/usr/bin/env bash
# The request path under wrk: POST /api/v1/scan (a Lua script gives the body) and GET /api/v1/scan/{id} of a
# finished scan, 64 connections, for this project embedded (API and worker in one process), with Redis (API with
# --workers 0 plus one worker process), and the seed's design (FastAPI + Celery, prefork x8) in the same run.
#   bash bench/submit/run.sh        # defaults: DURATION=10 RUNS=3 CONNECTIONS=64 THREADS=2 WARMUP=10
#   SYSTEMS=embedded bash bench/submit/run.sh   # only some of: embedded redis peer
# Scans are the built-in ping (the peer's noop) on example.test. Each server keeps its history in a fresh data
# directory of its own (not the one every earlier run grew), and the GETs start once its history writer has written
# what the POSTs left (the writer runs in the API process and would take a core from the GETs). Prints every wrk
# command and its figures, then medians. Needs wrk (apt-get install wrk), redis-server, and for the peer
# /work/shared/peers (skipped if absent).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
DURATION="${DURATION:-10}" RUNS="${RUNS:-3}" CONNECTIONS="${CONNECTIONS:-64}" THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-10}" SYSTEMS="${SYSTEMS:-embedded redis peer}"
command -v wrk >/dev/null || { echo "bench/submit needs wrk: apt-get install wrk" >&2; exit 2; }
bench_init submit
osint_build
start_redis
machine_line
RESULTS="$WORK/results.txt"

# wrk_run SYSTEM WHAT URL [TYPE]: one wrk run; TYPE set means POST a scan of that type.
wrk_run() {
  local system="$1" what="$2" url="$3" type="${4:-}" line
  echo "\$ SCAN_TYPE=$type SCAN_TARGET=example.test wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s -s bench/submit/scan.lua $url"
  line="$(SCAN_TYPE="$type" SCAN_TARGET=example.test wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" \
      -s "$HERE/scan.lua" "$url" | grep '^WRK ')"
  echo "  $system, $what: ${line#WRK }"
  echo "$system|$what|${line#WRK }" >>"$RESULTS"
}

# measure SYSTEM BASE_URL TYPE [HISTORY]: warm-up, RUNS x POST, then RUNS x GET of one finished scan; HISTORY=1
# (this project's servers) waits for the history writer to catch up with the floods before the GETs.
measure() {
  local system="$1" base="$2" type="$3" history="${4:-0}" id
  echo "== $system: warm-up, ${WARMUP} s of POST (not counted)"
  SCAN_TYPE="$type" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/scan.lua" "$base/api/v1/scan" >/dev/null
  for run in $(seq 1 "$RUNS"); do
    wrk_run "$system" "POST /api/v1/scan" "$base/api/v1/scan" "$type"
  done
  # a scan submitted after the floods is final once the backlog they left has drained
  id="$(scan_until_final "$base" "$type" example.test 600)"
  # and the GETs measure GET only once the history writer (in the API process) has written what the floods left
  [ "$history" = 1 ] && echo "  $system: $(await_history_written "$base" 600)"
  for run in $(seq 1 "$RUNS"); do
    wrk_run "$system" "GET /api/v1/scan/{id}" "$base/api/v1/scan/$id"
  done
}

wanted() { [[ " $SYSTEMS " == *" $1 "* ]]; }

if wanted embedded; then
  echo "== osint embedded: osint server (in-memory broker, worker in the process)"
  start_osint embedded -- OSINT_DATA_DIR="$WORK/data-embedded"
  measure "osint embedded" "$BENCH_OSINT_URL" ping 1
  stop_tracked embedded
fi

if wanted redis; then
  echo "== osint with Redis: osint server --workers 0, plus one osint worker process"
  start_osint api --workers 0 -- REDIS_URL="$BENCH_REDIS_URL" OSINT_DATA_DIR="$WORK/data-redis"
  start_osint_worker worker-1 -- REDIS_URL="$BENCH_REDIS_URL" OSINT_DATA_DIR="$WORK/data-redis"
  await_workers "$BENCH_OSINT_URL" 1
  measure "osint redis + 1 worker" "$BENCH_OSINT_URL" ping 1
  stop_tracked worker-1 api
  redis-cli -p "$BENCH_REDIS_PORT" flushall >/dev/null
fi

if ! wanted peer; then
  :
elif peer_available; then
  echo "== peer: the seed's design (uvicorn, 1 process; Celery prefork x8, health_check_interval 0.05; db 1 of our Redis)"
  start_peer 1
  measure "seed peer" "$BENCH_PEER_URL" noop
  stop_tracked peer-worker peer-api
else
  echo "== peer skipped: $PEERS/seed-celery or its Python packages are missing"
fi

echo "== medians of $RUNS runs (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s)"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    system, what, figures = line.rstrip("\n").split("|")
    f = dict(kv.split("=") for kv in figures.split())
    rows.setdefault((system, what), []).append(f)
for (system, what), runs in rows.items():
    med = lambda k: statistics.median(float(r[k]) for r in runs)
    print(f"{system:24s} {what:24s} {med('rps'):>9,.0f} req/s  p50 {med('p50_ms'):.2f} ms  p99 {med('p99_ms'):.2f} ms"
          f"  non-2xx {sum(int(r['non2xx']) for r in runs)}  (runs: {', '.join(r['rps'] for r in runs)})")
PY
