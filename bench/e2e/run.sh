#!/usr/bin/env bash
# End to end through the API: N scans submitted and followed to a final state, for ping (the peer's noop) and for
# dns against nsd on loopback, on this project embedded, with Redis + 1 and + 2 worker processes, and on the seed's
# design (FastAPI + Celery prefork x8) in the same run. Two load tools, the same closed-loop model:
#   scanload  bench/e2e/ScanLoad.java (JDK, virtual threads, raw keep-alive sockets): poll mode on both systems,
#             sse mode (GET /api/v1/scan/{id}/events instead of polling) on this project;
#   scanbench the peers' own Python tool ($PEERS/bench/scanbench.py), which caps near a few thousand scans/s.
#   bash bench/e2e/run.sh   # defaults: TOTAL=5000 CONCURRENCY=256 POLL_MS=10 RUNS=3 WARMUP=1000 PY_TOTAL=2000
#                           #           TYPES="ping dns" SYSTEMS="embedded redis1 redis2 peer" TOOLS="scanload sse scanbench"
#                           #           WORKER_CONCURRENCY=32 (OSINT_WORKER_CONCURRENCY of the server and the workers)
# Prints each command and its figures, Redis commands per task for the Redis runs, then medians and the ratios
# to the peer (same tool, same type). Needs redis-server, nsd, and /work/shared/peers for the peer and nsd zones.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
TOTAL="${TOTAL:-5000}" CONCURRENCY="${CONCURRENCY:-256}" POLL_MS="${POLL_MS:-10}" RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-1000}" PY_TOTAL="${PY_TOTAL:-2000}" TYPES="${TYPES:-ping dns}"
SYSTEMS="${SYSTEMS:-embedded redis1 redis2 peer}" TOOLS="${TOOLS:-scanload sse scanbench}"
bench_init e2e
osint_build
echo "== build: bench/e2e/ScanLoad.java"
mkdir -p "$WORK/classes"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" "$HERE/ScanLoad.java"
CLIENT_JVM=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m)
start_redis
start_nsd
machine_line
echo "== nsd (peers' dns-fixture) on 127.0.0.1:$BENCH_DNS_PORT; redis on $BENCH_REDIS_PORT"
RESULTS="$WORK/results.txt"

# load TOOL BASE TYPE TOTAL LABEL: one load run; prints the command and the figures, records the JSON line.
load() {
  local tool="$1" base="$2" type="$3" total="$4" label="$5" target=() mode=poll out
  if [ "$type" = dns ]; then target=(--target-pattern 't{i}.example.test' --targets 200); else target=(--target example.test); fi
  case "$tool" in
    scanload|sse)
      [ "$tool" = sse ] && mode=sse
      echo "\$ java ScanLoad --base $base --type $type --total $total --concurrency $CONCURRENCY --mode $mode --poll-ms $POLL_MS ${target[*]}"
      out="$("$JAVA" "${CLIENT_JVM[@]}" -cp "$WORK/classes" ScanLoad --base "$base" --type "$type" --total "$total" \
          --concurrency "$CONCURRENCY" --mode "$mode" --poll-ms "$POLL_MS" "${target[@]}" --label "$label")"
      ;;
    scanbench)
      local pattern=(--target-pattern 't{i}.example.test' --targets 200)
      [ "$type" = dns ] || pattern=(--target example.test)
      echo "\$ scanbench.py --base-url $base --type $type --total $total --concurrency $CONCURRENCY --poll-interval $(python3 -c "print($POLL_MS / 1000)") ${pattern[*]}"
      out="$(/usr/bin/python3 "$PEERS/bench/scanbench.py" --base-url "$base" --type "$type" --total "$total" \
          --concurrency "$CONCURRENCY" --poll-interval "$(python3 -c "print($POLL_MS / 1000)")" "${pattern[@]}" \
          --scan-timeout 120 --max-wall 900)"
      echo "$out" | sed -n 's/^throughput *\(.*\)/  \1/p; s/^e2e latency *\(.*\)/  e2e \1/p; s/^lost *\(.*\)/  lost \1/p'
      ;;
  esac
  [ "$tool" = scanbench ] || echo "  $(echo "$out" | head -1)"
  echo "$label|$type|$tool|$(echo "$out" | tail -1)" >>"$RESULTS"
}

# measure SYSTEM BASE TYPE [REDIS]: a warm-up, then RUNS runs of each tool (sse on this project only).
measure() {
  local system="$1" base="$2" type="$3" redis="${4:-}" tool run
  echo "== $system, $type: warm-up of $WARMUP scans (not counted)"
  "$JAVA" "${CLIENT_JVM[@]}" -cp "$WORK/classes" ScanLoad --base "$base" --type "$type" --total "$WARMUP" \
      --concurrency "$CONCURRENCY" --poll-ms "$POLL_MS" --target-pattern 't{i}.example.test' >/dev/null
  for run in $(seq 1 "$RUNS"); do
    for tool in $TOOLS; do
      [ "$tool" = sse ] && [ "$system" = peer ] && continue
      local total="$TOTAL"
      [ "$tool" = scanbench ] && total="$PY_TOTAL"
      [ -n "$redis" ] && redis_commandstats "$BENCH_REDIS_PORT" "$WORK/before"
      load "$tool" "$base" "$type" "$total" "$system"
      if [ -n "$redis" ]; then
        redis_commandstats "$BENCH_REDIS_PORT" "$WORK/after"
        echo "  $(redis_per_task "$WORK/before" "$WORK/after" "$total")"
      fi
    done
  done
}

DNS_ENV=(OSINT_DNS_RESOLVERS="127.0.0.1:$BENCH_DNS_PORT" OSINT_WORKER_CONCURRENCY="${WORKER_CONCURRENCY:-32}")
for system in $SYSTEMS; do
  case "$system" in
    embedded)
      echo "== osint embedded: osint server (in-memory broker, worker in the process)"
      start_osint embedded -- "${DNS_ENV[@]}"
      for type in $TYPES; do measure embedded "$BENCH_OSINT_URL" "$type"; done
      stop_tracked embedded
      ;;
    redis1|redis2)
      n="${system#redis}"
      echo "== osint with Redis: osint server --workers 0, plus $n osint worker process(es)"
      start_osint api --workers 0 -- REDIS_URL="$BENCH_REDIS_URL" "${DNS_ENV[@]}"
      for w in $(seq 1 "$n"); do
        start_osint_worker "worker-$w" -- REDIS_URL="$BENCH_REDIS_URL" "${DNS_ENV[@]}"
      done
      await_workers "$BENCH_OSINT_URL" "$n"
      for type in $TYPES; do measure "redis + $n worker(s)" "$BENCH_OSINT_URL" "$type" redis; done
      stop_tracked $(seq -f 'worker-%g' 1 "$n") api
      redis-cli -p "$BENCH_REDIS_PORT" flushall >/dev/null
      ;;
    peer)
      if ! peer_available; then echo "== peer skipped: $PEERS/seed-celery or its Python packages are missing"; continue; fi
      echo "== peer: the seed's design (uvicorn, 1 process; Celery prefork x8, health_check_interval 0.05; db 1 of our Redis)"
      start_peer 1
      for type in $TYPES; do
        peer_type="$type"; [ "$type" = ping ] && peer_type=noop
        measure peer "$BENCH_PEER_URL" "$peer_type"
      done
      stop_tracked peer-worker peer-api
      ;;
  esac
done

echo "== medians of $RUNS runs ($CONCURRENCY scans in flight, poll $POLL_MS ms; scanload/sse $TOTAL scans, scanbench $PY_TOTAL)"
python3 - "$RESULTS" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    system, kind, tool, payload = line.rstrip("\n").split("|", 3)
    try:
        figures = json.loads(payload)
    except ValueError:
        continue
    kind = "ping" if kind == "noop" else kind
    rows.setdefault((system, kind, tool), []).append(figures)
def rate(f): return f.get("completed_per_s") or 0
def e2e(f, p): return f["e2e"][f"p{p}_ms"] if "e2e" in f else f[f"e2e_p{p}_ms"]
peer = {(k, t): statistics.median(rate(f) for f in runs) for (s, k, t), runs in rows.items() if s == "peer"}
for (system, kind, tool), runs in rows.items():
    med = statistics.median(rate(f) for f in runs)
    p50 = statistics.median(e2e(f, 50) or 0 for f in runs)
    p99 = statistics.median(e2e(f, 99) or 0 for f in runs)
    lost = sum(f.get("lost", 0) for f in runs)
    base = peer.get((kind, "scanload" if tool == "sse" else tool))
    ratio = f"  {med / base:.1f}x peer" if base and system != "peer" else ""
    print(f"{system:22s} {kind:5s} {tool:9s} {med:>9,.1f} scans/s  e2e p50 {p50:.1f} ms  p99 {p99:.1f} ms"
          f"  lost {lost}{ratio}  (runs: {', '.join(f'{rate(f):.0f}' for f in runs)})")
PY
