#!/usr/bin/env bash
# A before/after of the request path on a machine others use too: two builds of the server (embedded), started
# side by side and loaded at the same time by one wrk each, so that both see the same competition for the CPU.
# The figure to compare is CPU time per request (the server process's, from /proc, JIT and GC included), which
# depends far less on what else runs than requests/s does; requests/s and p99 are printed beside it.
#   bash bench/submit/ab.sh BEFORE.jar AFTER.jar   # defaults: DURATION=20 WARMUP=20 RUNS=3 CONNECTIONS=32
#   PHASES=get BROKER=redis bash bench/submit/ab.sh A.jar B.jar   # GETs only (PHASES: post get, both by default)
# OPTS_A / OPTS_B: JVM options for one side only, after bin/osint's; JVM_A / JVM_B: options instead of bin/osint's
# (e.g. JVM_A="--enable-native-access=ALL-UNNAMED" with one jar given twice compares the JVM defaults with
# bin/osint's). ENV_A / ENV_B: environment for one side only (e.g. ENV_A="MALLOC_ARENA_MAX=8", which bin/osint's
# options otherwise set to 2 for both). Resident memory of each side is printed idle and after each load.
# Each side keeps its history database in a directory of its own (OSINT_DATA_DIR), so that the two (and other
# runs on the machine) never wait for one SQLite file's lock. BROKER=redis: each side is an API started --workers 0 on a redis-server of its own plus one worker process of the
# same jar, as bench/submit/run.sh runs Redis mode; CPU per request is still the API process's, and Redis's CPU
# time and commands per request (INFO cpu and commandstats, scripts' commands included) are printed beside it.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
[ $# -eq 2 ] || { echo "usage: bench/submit/ab.sh BEFORE.jar AFTER.jar" >&2; exit 2; }
JAR_A="$(readlink -f "$1")" JAR_B="$(readlink -f "$2")"
DURATION="${DURATION:-20}" WARMUP="${WARMUP:-20}" RUNS="${RUNS:-3}" CONNECTIONS="${CONNECTIONS:-32}"
BROKER="${BROKER:-embedded}" PHASES="${PHASES:-post get}"
[[ "$BROKER" == embedded || "$BROKER" == redis ]] || { echo "BROKER is embedded or redis" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench/submit needs wrk: apt-get install wrk" >&2; exit 2; }
bench_init submit-ab
machine_line
RESULTS="$WORK/results.txt"

start_side() { # start_side NAME JAR OPTS [JVM] [ENV]: sets URL_<NAME> and PID_<NAME>
  local name="$1" jar="$2" opts="$3" jvm="${4:-}" saved=("${OSINT_JVM_FLAGS[@]}") saved_worker=("${OSINT_WORKER_JVM_FLAGS[@]}")
  local env=()
  # shellcheck disable=SC2206
  [ -n "${5:-}" ] && env=($5)
  # shellcheck disable=SC2206
  [ -n "$jvm" ] && { OSINT_JVM_FLAGS=($jvm); OSINT_WORKER_JVM_FLAGS=($jvm); }
  if [ "$BROKER" = redis ]; then
    start_redis
    printf -v "REDIS_PORT_$name" '%s' "$BENCH_REDIS_PORT"
    OSINT_JAR="$jar" BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} $opts" start_osint "$name" --workers 0 -- \
        REDIS_URL="$BENCH_REDIS_URL" OSINT_DATA_DIR="$WORK/data-$name" "${env[@]}"
    OSINT_JAR="$jar" BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} $opts" start_osint_worker "$name-worker" -- \
        REDIS_URL="$BENCH_REDIS_URL" OSINT_DATA_DIR="$WORK/data-$name" "${env[@]}"
    await_workers "$BENCH_OSINT_URL" 1
  else
    OSINT_JAR="$jar" BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} $opts" start_osint "$name" -- \
        OSINT_DATA_DIR="$WORK/data-$name" "${env[@]}"
  fi
  OSINT_JVM_FLAGS=("${saved[@]}") OSINT_WORKER_JVM_FLAGS=("${saved_worker[@]}")
  printf -v "URL_$name" '%s' "$BENCH_OSINT_URL"
  printf -v "PID_$name" '%s' "$(pid_of "$name")"
}
echo "== broker: $BROKER"
echo "== A: $JAR_A ${JVM_A:-${OSINT_JVM_FLAGS[*]}} ${OPTS_A:-} ${ENV_A:-}"
start_side A "$JAR_A" "${OPTS_A:-}" "${JVM_A:-}" "${ENV_A:-}"
echo "== B: $JAR_B ${JVM_B:-${OSINT_JVM_FLAGS[*]}} ${OPTS_B:-} ${ENV_B:-}"
start_side B "$JAR_B" "${OPTS_B:-}" "${JVM_B:-}" "${ENV_B:-}"
sleep 5
echo "  idle: A rss_mb=$(rss_mb "$PID_A"), B rss_mb=$(rss_mb "$PID_B")"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# redis_totals SIDE: Redis's CPU time (µs) and commands run so far (scripts' own included); "0 0" when embedded.
redis_totals() {
  local port_var="REDIS_PORT_$1"
  [ "$BROKER" = redis ] || { echo "0 0"; return; }
  { redis-cli -p "${!port_var}" info cpu; redis-cli -p "${!port_var}" info commandstats; } | python3 -c '
import re, sys
cpu = calls = 0
for line in sys.stdin:
    m = re.match(r"used_cpu_(?:sys|user):([\d.]+)", line)
    cpu += float(m[1]) if m else 0
    m = re.match(r"cmdstat_[^:]+:calls=(\d+)", line)
    calls += int(m[1]) if m else 0
print(round(cpu * 1e6), calls)'
}

# load WHAT SECONDS RECORD: both sides at once; WHAT is post or get
load() {
  local what="$1" seconds="$2" record="$3" side type url after out wrk_pids=()
  declare -A started redis_started
  for side in A B; do
    local base_var="URL_$side" pid_var="PID_$side" id_var="ID_$side"
    url="${!base_var}/api/v1/scan" type=ping
    [ "$what" = get ] && { url="${!base_var}/api/v1/scan/${!id_var}"; type=""; }
    started[$side]="$(ticks "${!pid_var}")"
    redis_started[$side]="$(redis_totals "$side")"
    SCAN_TYPE="$type" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "$HERE/scan.lua" "$url" >"$WORK/wrk-$side.out" &
    wrk_pids+=($!)
  done
  wait "${wrk_pids[@]}"
  [ "$record" = 1 ] || return 0
  for side in A B; do
    local pid_var="PID_$side"
    after="$(ticks "${!pid_var}")"
    out="$(grep '^WRK ' "$WORK/wrk-$side.out")"
    local redis_now redis_then
    read -r -a redis_now <<<"$(redis_totals "$side")"
    read -r -a redis_then <<<"${redis_started[$side]}"
    echo "$side|$what|${out#WRK } cpu_ticks=$((after - ${started[$side]})) redis_cpu_us=$((redis_now[0] - redis_then[0])) redis_calls=$((redis_now[1] - redis_then[1]))" >>"$RESULTS"
    local cpu_s
    cpu_s="$(awk -v t=$((after - ${started[$side]})) -v hz="$(getconf CLK_TCK)" 'BEGIN{print t/hz}')"
    echo "  $side $what: ${out#WRK } cpu_s=$cpu_s rss_mb=$(rss_mb "${!pid_var}")"
  done
}

echo "\$ SCAN_TYPE=ping wrk -t1 -c$CONNECTIONS -d${DURATION}s -s bench/submit/scan.lua <A and B>/api/v1/scan   # at once"
if [[ " $PHASES " == *" post "* ]]; then
  echo "== warm-up: ${WARMUP} s of POST on both (not counted)"
  load post "$WARMUP" 0
  for run in $(seq 1 "$RUNS"); do load post "$DURATION" 1; done
fi
if [[ " $PHASES " == *" get "* ]]; then
  ID_A="$(scan_until_final "$URL_A" ping example.test 600)"
  ID_B="$(scan_until_final "$URL_B" ping example.test 600)"
  # the GETs measure GET once each side's history writer has written what the POSTs left
  echo "  A: $(await_history_written "$URL_A" 600); B: $(await_history_written "$URL_B" 600)"
  echo "\$ wrk -t1 -c$CONNECTIONS -d${DURATION}s <A and B>/api/v1/scan/{id}   # at once"
  [[ " $PHASES " == *" post "* ]] || { echo "== warm-up: ${WARMUP} s of GET on both (not counted)"; load get "$WARMUP" 0; }
  for run in $(seq 1 "$RUNS"); do load get "$DURATION" 1; done
fi

echo "== medians of $RUNS runs, A and B loaded at the same time (wrk -t1 -c$CONNECTIONS -d${DURATION}s each)"
python3 - "$RESULTS" "$(getconf CLK_TCK)" <<'PY'
import statistics, sys
hz = int(sys.argv[2])
rows = {}
for line in open(sys.argv[1]):
    side, what, figures = line.rstrip("\n").split("|")
    f = dict(kv.split("=") for kv in figures.split())
    rows.setdefault((what, side), []).append(f)
for (what, side), runs in sorted(rows.items()):
    med = lambda k: statistics.median(float(r[k]) for r in runs)
    cpu_us = statistics.median(int(r["cpu_ticks"]) / hz / max(1, int(r["requests"])) * 1e6 for r in runs)
    redis = ""
    if any(int(r["redis_calls"]) for r in runs):
        per = lambda k: statistics.median(int(r[k]) / max(1, int(r["requests"])) for r in runs)
        redis = f"  redis (its worker's work too) {per('redis_cpu_us'):.0f} us CPU/request, {per('redis_calls'):.1f} commands/request"
    print(f"{side} {what:5s} {cpu_us:7.0f} us CPU/request  {med('rps'):>8,.0f} req/s  p50 {med('p50_ms'):.2f} ms"
          f"  p99 {med('p99_ms'):.2f} ms  non-2xx {sum(int(r['non2xx']) for r in runs)}{redis}")
PY
