#!/usr/bin/python3
"""Runs one username scan and reads its verdicts against the farm's expected.json, for bench/username/sherlock.sh.

    verdicts.py api BASE_URL USERNAME EXPECTED OPTIONS_JSON   # POST /api/v1/scan, poll every 20 ms until final
    verdicts.py cli RESULT_JSON_FILE EXPECTED WALL_MS         # the output of `osint scan username … --json`
    verdicts.py sherlock CSV EXPECTED WALL_MS                 # Sherlock's USERNAME.csv

Prints one line: wall time, accounts found of those expected, false positives, and what the hostile sites got.
Reads only the public result (data.results[] / data.found[] with site and status), not the collector's classes.
"""
import csv, json, sys, time, urllib.request

def site_verdicts_from_result(result):
    """site name -> status, from a username result's data (results[] with status, else found[])."""
    data = (result or {}).get("data", {})
    verdicts = {}
    for item in data.get("results", []) or []:
        if isinstance(item, dict) and "site" in item:
            verdicts[item["site"]] = str(item.get("status", ""))
    for item in data.get("found", []) or []:
        if isinstance(item, dict) and "site" in item:
            verdicts.setdefault(item["site"], "FOUND")
    return verdicts

def report(tool, wall_ms, verdicts, expected, extra=""):
    accounts = set(expected["accounts"])
    found = {site for site, status in verdicts.items() if status in ("FOUND", "Claimed")}
    missed = sorted(accounts - found)
    false = sorted(found - accounts)
    hostile = "; ".join(f"{kind} " + ",".join(f"{s}={verdicts.get(s, '-')}" for s in expected[kind])
                        for kind in ("slow", "rate_limited", "down", "waf"))
    print(f"{tool}: wall_ms={wall_ms:.0f} found={len(found & accounts)}/{len(accounts)} false_positives={len(false)}"
          f" missed={','.join(missed) or 'none'}{extra} | {hostile}")

mode = sys.argv[1]
if mode == "api":
    base, username, expected_path, options = sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])
    expected = json.load(open(expected_path))
    body = json.dumps({"target": username, "type": "username", "options": options}).encode()
    start = time.monotonic()
    task = json.load(urllib.request.urlopen(urllib.request.Request(base + "/api/v1/scan", body,
                                                                   {"Content-Type": "application/json"})))["task_id"]
    while True:
        status = json.load(urllib.request.urlopen(f"{base}/api/v1/scan/{task}"))
        if status["status"] in ("SUCCESS", "FAILURE", "REVOKED"):
            break
        time.sleep(0.02)
    wall = (time.monotonic() - start) * 1000
    if status["status"] != "SUCCESS":
        sys.exit(f"scan {task} ended {status['status']}: {status.get('error')}")
    result = status["result"]
    took = result.get("metadata", {}).get("duration_ms")
    report("osint API", wall, site_verdicts_from_result(result), expected,
           f" collector_ms={took:.0f}" if isinstance(took, (int, float)) else "")
elif mode == "cli":
    result = json.load(open(sys.argv[2]))
    result = result.get("result", result)
    report("osint CLI (process)", float(sys.argv[4]), site_verdicts_from_result(result), json.load(open(sys.argv[3])))
elif mode == "sherlock":
    verdicts = {row["name"]: row["exists"] for row in csv.DictReader(open(sys.argv[2]))}
    report("Sherlock (process)", float(sys.argv[4]), verdicts, json.load(open(sys.argv[3])))
