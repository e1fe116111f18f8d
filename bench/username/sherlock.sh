#!/usr/bin/env bash
# A username scan beside Sherlock on the same hostile loopback farm (bench/username/Farm.java): SITES sites
# answering in 50-500 ms, plus 3 slow ones (2 s), 3 that answer 429 once with Retry-After: 1, 2 down (503) and 2
# behind a WAF challenge. Driven through the public surface only (a catalogue in Sherlock's format given with
# OSINT_USERNAME_SITES, the API and the CLI), so it holds whatever the collector's insides become.
#   bash bench/username/sherlock.sh    # defaults: SITES=500 RUNS=3 OPTIONS='{}' (the collector's defaults)
# Figures: the scan's wall time through the API (submit to SUCCESS, server warm), the CLI's whole process
# (osint scan username … --json, JVM start included), and Sherlock's whole process (Python start included; its
# defaults: 20 threads, no retries), each with accounts found of those on the farm. Target: the API scan within
# the slowest site (2 s) plus one honoured Retry-After (1 s), every account found, faster than Sherlock.
# Needs /work/shared/peers/sherlock and Debian's python3-requests, -requests-futures, -colorama, -pandas,
# -openpyxl, -socks, -certifi, -tomli, -stem (see its README).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
SITES="${SITES:-500}" RUNS="${RUNS:-3}" OPTIONS="${OPTIONS:-{\}}"
bench_init username-sherlock
osint_build
machine_line

echo "\$ java bench/username/Farm.java --sites $SITES --out \$WORK/farm"
"$JAVA" "$HERE/Farm.java" --sites "$SITES" --out "$WORK/farm" >"$WORK/farm.log" 2>&1 &
track $! farm
for _ in $(seq 1 600); do [ -s "$WORK/farm/port" ] && break; sleep 0.1; done
[ -s "$WORK/farm/port" ] || { echo "the farm did not start; see $WORK/farm.log" >&2; exit 1; }
cat "$WORK/farm.log"
FARM=(OSINT_USERNAME_SITES="$WORK/farm/catalogue.json" OSINT_SSRF_ALLOW=127.0.0.0/8)
EXPECTED="$WORK/farm/expected.json"
RESULTS="$WORK/results.txt"

echo "== osint server (embedded) with the farm's catalogue; -Djdk.net.hosts.file resolves the farm's names"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Djdk.net.hosts.file=$WORK/farm/hosts" start_osint username-api -- "${FARM[@]}"
echo "\$ POST /api/v1/scan {\"type\": \"username\", \"target\": \"alice-w\", \"options\": $OPTIONS}   # warm-up, not counted"
/usr/bin/python3 "$HERE/verdicts.py" api "$BENCH_OSINT_URL" alice-w "$EXPECTED" "$OPTIONS" >/dev/null
for run in $(seq 1 "$RUNS"); do
  echo "\$ POST /api/v1/scan {\"type\": \"username\", \"target\": \"alice-o$run\", \"options\": $OPTIONS}; poll every 20 ms"
  /usr/bin/python3 "$HERE/verdicts.py" api "$BENCH_OSINT_URL" "alice-o$run" "$EXPECTED" "$OPTIONS" | tee -a "$RESULTS"
done
stop_tracked username-api

cli_options=()
while read -r kv; do [ -n "$kv" ] && cli_options+=(-o "$kv"); done < <(python3 -c \
    'import json,sys; [print(f"{k}={v}") for k, v in json.loads(sys.argv[1]).items()]' "$OPTIONS")
osint_jvm_options "$JAVA" "$OSINT_JAR" scan
CLI_JVM_FLAGS=("${OSINT_JVM_OPTIONS[@]}")
for run in $(seq 1 "$RUNS"); do
  echo "\$ OSINT_USERNAME_SITES=catalogue.json OSINT_JAVA_OPTS=-Djdk.net.hosts.file=hosts bin/osint scan username alice-c$run --json ${cli_options[*]:-}"
  start=$(date +%s%N)
  # what bin/osint runs, on the jar under test (bin/osint would rebuild from the sources when they changed)
  env "${FARM[@]}" "$JAVA" "${CLI_JVM_FLAGS[@]}" -Djdk.net.hosts.file="$WORK/farm/hosts" -jar "$OSINT_JAR" scan username \
      "alice-c$run" --json "${cli_options[@]}" >"$WORK/cli-$run.json" 2>"$WORK/cli-$run.log" || true
  end=$(date +%s%N)
  /usr/bin/python3 "$HERE/verdicts.py" cli "$WORK/cli-$run.json" "$EXPECTED" "$(( (end - start) / 1000000 ))" \
      | tee -a "$RESULTS"
done

if [ -d "$PEERS/sherlock" ] && /usr/bin/python3 -c 'import requests, requests_futures, pandas' 2>/dev/null; then
  mkdir -p "$WORK/sherlock"
  for run in $(seq 1 "$RUNS"); do
    echo "\$ PYTHONPATH=\$PEERS/sherlock python3 bench/username/sherlock_hosts.py hosts -- --json catalogue.json --csv --print-all --no-color --ignore-exclusions alice-s$run"
    start=$(date +%s%N)
    (cd "$WORK/sherlock" && PYTHONPATH="$PEERS/sherlock" /usr/bin/python3 "$HERE/sherlock_hosts.py" \
        "$WORK/farm/hosts" -- --json "$WORK/farm/catalogue.json" --csv --print-all --no-color --ignore-exclusions \
        "alice-s$run" >"$WORK/sherlock-$run.log" 2>&1) || true
    end=$(date +%s%N)
    /usr/bin/python3 "$HERE/verdicts.py" sherlock "$WORK/sherlock/alice-s$run.csv" "$EXPECTED" \
        "$(( (end - start) / 1000000 ))" | tee -a "$RESULTS"
  done
else
  echo "== Sherlock skipped: $PEERS/sherlock or its Python packages are missing"
fi
echo "== farm served: $(curl -s "http://127.0.0.1:$(cat "$WORK/farm/port")/stats")"

echo "== medians of $RUNS runs ($SITES sites, 10 of them hostile)"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(.+?): wall_ms=(\d+) found=(\d+)/(\d+) false_positives=(\d+)", line)
    if m:
        rows.setdefault(m[1], []).append((int(m[2]), int(m[3]), int(m[4]), int(m[5])))
for tool, runs in rows.items():
    wall = statistics.median(r[0] for r in runs)
    print(f"{tool:22s} wall {wall / 1000:.2f} s (runs: {', '.join(f'{r[0] / 1000:.2f}' for r in runs)});"
          f" found {min(r[1] for r in runs)}-{max(r[1] for r in runs)} of {runs[0][2]};"
          f" false positives {max(r[3] for r in runs)}")
PY
