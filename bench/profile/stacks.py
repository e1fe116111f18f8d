#!/usr/bin/python3
"""Where the CPU goes in a flight recording: reads `jfr print --json --events jdk.ExecutionSample FILE` on stdin.

    jfr print --json --events jdk.ExecutionSample rec.jfr | stacks.py [TOP]

Prints the share of samples per area (the innermost frame of a known library or of the project on each stack),
the top methods by self samples (the leaf frame) and by inclusive samples (anywhere on the stack, once per stack).
"""
import json, sys
from collections import Counter

top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
AREAS = [  # first match from the leaf upwards names the area of a sample
    ("ch.qos.logback", "logging (logback)"), ("org.slf4j", "logging (logback)"),
    ("com.fasterxml.jackson", "JSON (jackson)"), ("io.micrometer", "metrics (micrometer)"),
    ("io.lettuce", "redis client (lettuce)"), ("io.netty", "redis client (netty)"),
    ("org.xbill.DNS", "dns (dnsjava)"), ("io.javalin", "http (javalin)"),
    ("org.eclipse.jetty", "http (jetty)"), ("jakarta.servlet", "http (jetty)"),
    ("dev.osint.server", "osint server"), ("dev.osint.queue", "osint queue"),
    ("dev.osint.collectors", "osint collectors"), ("dev.osint.core", "osint core"),
    ("java.util.concurrent", "jdk concurrency"), ("jdk.internal.misc.Unsafe", "jdk concurrency"),
    ("java.lang.VirtualThread", "jdk virtual threads"), ("sun.nio.ch", "jdk nio"),
    ("java.util.regex", "jdk regex"), ("java.util.UUID", "jdk uuid"), ("sun.security", "jdk security"),
    ("java.security", "jdk security"), ("java.time", "jdk time"), ("java.lang.invoke", "jdk invoke"),
]

def name(frame):
    method = frame.get("method", {})
    cls = method.get("type", {}).get("name", "?").replace("/", ".")
    return f"{cls}.{method.get('name', '?')}"

data = json.load(sys.stdin)
events = data.get("recording", {}).get("events", [])
self_counts, inclusive, areas = Counter(), Counter(), Counter()
for event in events:
    frames = [name(f) for f in event.get("values", {}).get("stackTrace", {}).get("frames", [])]
    if not frames:
        continue
    self_counts[frames[0]] += 1
    for method in set(frames):
        inclusive[method] += 1
    area = "other"
    for frame in frames:
        hit = next((label for prefix, label in AREAS if frame.startswith(prefix)), None)
        if hit:
            area = hit
            break
    areas[area] += 1
total = sum(self_counts.values()) or 1
print(f"{total} execution samples")
print("-- by area (innermost known frame)")
for area, n in areas.most_common():
    print(f"  {100 * n / total:5.1f} %  {area}")
print(f"-- top {top} methods, self")
for method, n in self_counts.most_common(top):
    print(f"  {100 * n / total:5.1f} %  {method}")
print(f"-- top {top} methods, inclusive (project and library entry points)")
shown = 0
for method, n in inclusive.most_common():
    if method.startswith(("java.lang.Thread.run", "java.lang.VirtualThread.run", "java.lang.Continuation",
                          "jdk.internal.vm.Continuation", "java.util.concurrent.ThreadPoolExecutor",
                          "java.lang.Thread.runWith", "java.util.concurrent.ForkJoin")):
        continue
    print(f"  {100 * n / total:5.1f} %  {method}")
    shown += 1
    if shown >= top:
        break
