# Shared pieces of the bench/ scripts (sourced, bash): a work directory, free ports, starting and stopping exactly
# the processes a script started (Redis, nsd, this project's server and workers, the seed's Celery peer), resident
# memory, medians and the machine line every script prints. Nothing here runs in ./mvnw verify.
#
#   . "$(dirname "$0")/../lib.sh"; bench_init submit
#   start_redis; start_osint api --workers 0 -- REDIS_URL="$BENCH_REDIS_URL"; start_osint_worker w1 -- REDIS_URL=…
#
# Settings (environment): PEERS (/work/shared/peers), JAVA_HOME (else bin/jdk.sh finds a JDK 21+),
# BENCH_JAVA_OPTS (extra JVM options for this project's processes after bin/osint's own, e.g. -Xmx512m or a flight recording),
# BENCH_KEEP=1 keeps the work directory (logs, recordings) after the run, BENCH_OSINT_JAR runs another build's
# osint.jar (a copy of the one before a change, for a before/after in one sitting) and skips the build,
# BENCH_REDIS_OPTS (more redis-server options, none by default).

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="${PEERS:-/work/shared/peers}"
BENCH_PIDS=()
BENCH_NAMES=()

# bench_init NAME: a fresh work directory, a JDK, and cleanup of every started process on exit.
bench_init() {
  BENCH_NAME="$1"
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/osint-bench-$BENCH_NAME.XXXXXX")"
  # shellcheck source=../bin/jdk.sh
  . "$BENCH_ROOT/bin/jdk.sh"
  if ! JAVA_HOME="$(find_jdk21_home)"; then
    echo "bench: needs a JDK 21 or newer (JAVA_HOME)" >&2
    exit 2
  fi
  export JAVA_HOME
  JAVA="$JAVA_HOME/bin/java"
  OSINT_JAR="${BENCH_OSINT_JAR:-$BENCH_ROOT/osint-cli/target/osint.jar}"
  # the options bin/osint gives the JVM (bounded heap, serial GC, class-data sharing archive)
  # shellcheck source=../bin/jvm-options.sh
  . "$BENCH_ROOT/bin/jvm-options.sh"
  osint_jvm_options "$JAVA" "$OSINT_JAR" worker
  OSINT_WORKER_JVM_FLAGS=("${OSINT_JVM_OPTIONS[@]}")
  osint_jvm_options "$JAVA" "$OSINT_JAR" server
  OSINT_JVM_FLAGS=("${OSINT_JVM_OPTIONS[@]}")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

# The line every script prints before its figures: figures compare only within one run, on one machine.
machine_line() {
  echo "== machine: $(nproc) cores, $(uname -sr), $("$JAVA" -version 2>&1 | head -1)," \
       "redis $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p') (options: ${BENCH_REDIS_OPTS:-none})"
  echo "== date: $(date -u +%Y-%m-%dT%H:%MZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Echoes the command, then runs it: every figure is printed with the command behind it.
run_shown() {
  echo "\$ $*" >&2
  "$@"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# track PID NAME: stopped by bench_cleanup (or stop_tracked NAME), newest first.
track() {
  BENCH_PIDS+=("$1")
  BENCH_NAMES+=("$2")
}

# Stops one process and the children it had when asked (Celery's pool, nsd's servers): TERM, then KILL after 15 s.
stop_pid() {
  local pid="$1" children
  kill -0 "$pid" 2>/dev/null || return 0
  children="$(ps -o pid= --ppid "$pid" 2>/dev/null | tr -s ' \n' ' ' || true)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  for child in $children; do kill -0 "$child" 2>/dev/null && kill -KILL "$child" 2>/dev/null; done
  true
  wait "$pid" 2>/dev/null || true
}

# stop_tracked NAME...: stops the tracked processes of these names (newest first) and forgets them.
stop_tracked() {
  local i name
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
    for name in "$@"; do
      if [ "${BENCH_NAMES[$i]:-}" = "$name" ]; then
        stop_pid "${BENCH_PIDS[$i]}"
        BENCH_NAMES[i]=""
      fi
    done
  done
}

bench_cleanup() {
  local i
  set +e
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
    [ -n "${BENCH_NAMES[$i]:-}" ] && stop_pid "${BENCH_PIDS[$i]}"
  done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "== logs in $WORK"
  else
    rm -rf "$WORK"
  fi
}

pid_of() { # the newest tracked pid of NAME
  local i
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
    [ "${BENCH_NAMES[$i]:-}" = "$1" ] && { echo "${BENCH_PIDS[$i]}"; return 0; }
  done
  return 1
}

# wait_http URL [SECONDS]: until anything answers over HTTP (any status).
wait_http() {
  local url="$1" limit="${2:-60}"
  for _ in $(seq 1 $((limit * 10))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" != "000" ] && return 0
    sleep 0.1
  done
  echo "bench: nothing answered at $url within $limit s" >&2
  return 1
}

# start_redis: a redis-server of our own on a free port, no persistence (as the peer runs it), plus BENCH_REDIS_OPTS
# (e.g. "--hash-max-listpack-value 1024"). Sets BENCH_REDIS_PORT and BENCH_REDIS_URL.
start_redis() {
  local opts
  read -r -a opts <<< "${BENCH_REDIS_OPTS:-}"
  BENCH_REDIS_PORT="$(free_port)"
  redis-server --port "$BENCH_REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
      --logfile "$WORK/redis.log" "${opts[@]}" &
  track $! redis
  BENCH_REDIS_URL="redis://127.0.0.1:$BENCH_REDIS_PORT"
  for _ in $(seq 1 100); do redis-cli -p "$BENCH_REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench: redis-server did not start" >&2
  return 1
}

# start_nsd: the peers' DNS fixture (example.test, bench.test; t0-t199) on a free port. Sets BENCH_DNS_PORT.
start_nsd() {
  BENCH_DNS_PORT="$(free_port)"
  DNS_PORT="$BENCH_DNS_PORT" PEER_RUN_DIR="$WORK/peers" bash "$PEERS/dns-fixture/start.sh" >"$WORK/nsd-start.log"
  track "$(cat "$WORK/peers/dns-fixture/nsd.pid")" nsd
}

# osint_build: the runnable jar from this worktree, rebuilt when the sources changed (as bin/osint does).
osint_build() {
  if [ -n "${BENCH_OSINT_JAR:-}" ]; then
    echo "== osint.jar: $BENCH_OSINT_JAR (BENCH_OSINT_JAR, not rebuilt)"
    return 0
  fi
  echo "== build: osint.jar from $BENCH_ROOT (bin/osint rebuilds it when the sources changed)"
  "$BENCH_ROOT/bin/osint" --version >/dev/null
}

# start_osint NAME [server options...] [-- VAR=value...]: this project's API (osint server) on a free port, with
# the given settings; waits until it answers. Sets BENCH_OSINT_PORT and BENCH_OSINT_URL.
start_osint() {
  local name="$1"; shift
  local args=() envs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  envs=("$@")
  BENCH_OSINT_PORT="$(free_port)"
  BENCH_OSINT_URL="http://127.0.0.1:$BENCH_OSINT_PORT"
  # shellcheck disable=SC2086
  env OSINT_SHUTDOWN_GRACE=2 "${envs[@]}" "$JAVA" "${OSINT_JVM_FLAGS[@]}" ${BENCH_JAVA_OPTS:-} -jar "$OSINT_JAR" \
      server --port "$BENCH_OSINT_PORT" "${args[@]}" >"$WORK/$name.log" 2>&1 &
  track $! "$name"
  wait_http "$BENCH_OSINT_URL/api/v1/health" 120
}

# start_osint_worker NAME [worker options...] [-- VAR=value...]: an osint worker process (needs REDIS_URL).
start_osint_worker() {
  local name="$1"; shift
  local args=() envs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  envs=("$@")
  # shellcheck disable=SC2086
  env OSINT_SHUTDOWN_GRACE=2 "${envs[@]}" "$JAVA" "${OSINT_WORKER_JVM_FLAGS[@]}" ${BENCH_JAVA_OPTS:-} -jar "$OSINT_JAR" \
      worker --name "$name" "${args[@]}" >"$WORK/$name.log" 2>&1 &
  track $! "$name"
}

# await_workers URL COUNT: until the API's health lists COUNT live workers.
await_workers() {
  local url="$1" count="$2"
  for _ in $(seq 1 600); do
    [ "$(curl -s "$url/api/v1/health" | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("workers", [])))' 2>/dev/null)" \
        -ge "$count" ] 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: $count worker(s) did not show up at $url" >&2
  return 1
}

# start_peer REDIS_DB: the seed's design (FastAPI + Celery) at its best configuration (prefork x8,
# health_check_interval 0.05), on our Redis and our nsd, started directly so that it never touches port 6379.
# Sets BENCH_PEER_URL. Needs Debian's python3-celery, python3-fastapi, python3-uvicorn, python3-redis,
# python3-dnspython.
start_peer() {
  local db="${1:-1}" port
  port="$(free_port)"
  BENCH_PEER_URL="http://127.0.0.1:$port"
  local peer_env=(REDIS_URL="$BENCH_REDIS_URL/$db" DNS_SERVER=127.0.0.1 DNS_PORT="${BENCH_DNS_PORT:-5353}"
                  CELERY_BROKER_TRANSPORT_OPTIONS='{"health_check_interval": 0.05}')
  (cd "$PEERS/seed-celery" && exec env "${peer_env[@]}" /usr/bin/python3 -m uvicorn app.main:app \
      --host 127.0.0.1 --port "$port" --workers 1 --log-level warning --no-access-log) >"$WORK/peer-api.log" 2>&1 &
  track $! peer-api
  (cd "$PEERS/seed-celery" && exec env "${peer_env[@]}" /usr/bin/python3 -m celery -A app.core.celery_app worker \
      --pool=prefork --concurrency="${PEER_CONCURRENCY:-8}" --loglevel=warning -n "bench-$$@%h") \
      >"$WORK/peer-worker.log" 2>&1 &
  track $! peer-worker
  wait_http "$BENCH_PEER_URL/api/v1/collectors" 60
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BENCH_PEER_URL/api/v1/health")" = 200 ] && return 0
    sleep 0.2
  done
  echo "bench: the peer's Celery worker did not answer its health check; see $WORK/peer-worker.log" >&2
  return 1
}

peer_available() {
  [ -d "$PEERS/seed-celery" ] && /usr/bin/python3 -c 'import celery, fastapi, uvicorn, redis, dns' 2>/dev/null
}

# rss_mb PID...: resident memory of these processes and all their descendants, in MB (VmRSS from /proc).
rss_mb() {
  python3 - "$@" <<'PY'
import os, sys
def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []
def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
seen, stack = set(), [int(p) for p in sys.argv[1:]]
while stack:
    p = stack.pop()
    if p not in seen:
        seen.add(p)
        stack.extend(children(p))
print(round(sum(rss(p) for p in seen) / 1024, 1))
PY
}

# median VALUES...: the median of numbers (the mean of the middle two for an even count).
median() {
  python3 -c 'import statistics, sys; print(round(statistics.median(float(v) for v in sys.argv[1:]), 2))' "$@"
}

# scan_until_final BASE_URL TYPE TARGET [SECONDS]: submits one scan, polls it to a final state, prints its id.
scan_until_final() {
  python3 - "$@" <<'PY'
import json, sys, time, urllib.request
base, kind, target = sys.argv[1:4]
limit = float(sys.argv[4]) if len(sys.argv) > 4 else 300
request = urllib.request.Request(base + "/api/v1/scan", json.dumps({"target": target, "type": kind}).encode(),
                                 {"Content-Type": "application/json"})
task = json.load(urllib.request.urlopen(request))["task_id"]
deadline = time.time() + limit
while time.time() < deadline:
    status = json.load(urllib.request.urlopen(f"{base}/api/v1/scan/{task}"))["status"]
    if status in ("SUCCESS", "FAILURE", "REVOKED"):
        print(task)
        sys.exit(0 if status == "SUCCESS" else 1)
    time.sleep(0.05)
sys.exit(f"scan {task} not final after {limit} s")
PY
}

# await_history_written BASE_URL [SECONDS]: until this project's server reads no finished scan waiting for its
# history writer (health's history.backlog is 0, or the history is off); prints the backlog it found and the
# seconds waited. A flood of submissions leaves the writer behind, and a writer catching up takes most of a core:
# a phase measured while it does measures it too.
await_history_written() {
  python3 - "$@" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
limit = float(sys.argv[2]) if len(sys.argv) > 2 else 600
start = time.time()
def backlog():
    history = json.load(urllib.request.urlopen(base + "/api/v1/health")).get("history") or {}
    return int(history.get("backlog", 0))
first = backlog()
while (left := backlog()) != 0:
    if time.time() - start > limit:
        sys.exit(f"history backlog still {left} after {limit:.0f} s")
    time.sleep(0.2)
print(f"history backlog {first}, written in {time.time() - start:.1f} s")
PY
}

# redis_commandstats PORT FILE: a snapshot of INFO cpu and INFO commandstats (for redis_per_task).
redis_commandstats() {
  { redis-cli -p "$1" info cpu; redis-cli -p "$1" info commandstats; } >"$2"
}

# redis_per_task BEFORE AFTER TASKS: Redis work per task between two snapshots: its CPU time, script calls
# (EVALSHA), status reads sent by clients (HGETALL, …) and every command run, those inside scripts too.
redis_per_task() {
  python3 - "$@" <<'PY'
import re, sys
def read(path):
    stats = {}
    for line in open(path):
        m = re.match(r"cmdstat_([^:]+):calls=(\d+)", line)
        if m:
            stats[m[1]] = int(m[2])
        m = re.match(r"used_cpu_(sys|user):([\d.]+)", line)
        if m:
            stats["cpu"] = stats.get("cpu", 0) + float(m[2])
    return stats
before, after, tasks = read(sys.argv[1]), read(sys.argv[2]), int(sys.argv[3])
cpu = after.pop("cpu", 0) - before.pop("cpu", 0)
delta = {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0) > 0}
scripts = sum(v for k, v in delta.items() if k.startswith("evalsha") or k.startswith("eval"))
client_reads = sum(delta.get(k, 0) for k in ("hgetall", "mget", "smembers"))
total = sum(delta.values())
top = ", ".join(f"{k} {v / tasks:.2f}" for k, v in sorted(delta.items(), key=lambda kv: -kv[1])[:8])
print(f"redis per task: {cpu / tasks * 1e6:.0f} us CPU, {scripts / tasks:.3f} script calls, {client_reads / tasks:.2f} status reads"
      f" (HGETALL/MGET/SMEMBERS), {total / tasks:.1f} commands in all; top: {top}")
PY
}

# rss_sampler NAME FILE PID...: writes the summed RSS (MB) of these processes and their children to FILE every
# 0.25 s until stopped (stop_tracked NAME); max_of FILE reads the peak.
rss_sampler() {
  local name="$1" file="$2"; shift 2
  ( while true; do rss_mb "$@" >>"$file"; sleep 0.25; done ) &
  track $! "$name"
}

max_of() {
  sort -n "$1" | tail -1
}
