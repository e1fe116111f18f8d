#!/usr/bin/python3
"""Time from process start to its first answered HTTP request, and its resident memory then.

    first_answer.py PORT PATH LOG -- COMMAND...

Starts COMMAND (its output to LOG), sends GET PATH to 127.0.0.1:PORT every 2 ms until any HTTP answer comes,
prints "first_answer_ms=… status=… rss_mb=…", then stops the process it started (SIGTERM, SIGKILL after 15 s).
"""
import socket, subprocess, sys, time

port, path, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
command = sys.argv[sys.argv.index("--") + 1:]

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0

def answer():
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = s.recv(64)
            return data.split()[1].decode() if data.startswith(b"HTTP/") else None
    except OSError:
        return None

with open(log, "ab") as out:
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        status = None
        while status is None:
            if process.poll() is not None:
                sys.exit(f"the process exited ({process.returncode}) before it answered; see {log}")
            if time.monotonic() - start > 120:
                sys.exit("no answer within 120 s")
            status = answer()
            if status is None:
                time.sleep(0.002)
        elapsed = (time.monotonic() - start) * 1000
        print(f"first_answer_ms={elapsed:.0f} status={status} rss_mb={rss_mb(process.pid):.1f}")
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
