#!/usr/bin/python3
"""Runs Sherlock (unmodified) with a hosts file as its only name resolution, as the JVM gets -Djdk.net.hosts.file:

    PYTHONPATH=$PEERS/sherlock sherlock_hosts.py HOSTS -- SHERLOCK_ARGS...

Names listed in HOSTS resolve to their address; any other name fails at once, as on a machine without DNS (so
Sherlock's update check and exclusion list fail fast, as they do offline).
"""
import runpy
import socket
import sys

hosts = {}
with open(sys.argv[1]) as f:
    for line in f:
        parts = line.split()
        if len(parts) >= 2 and not parts[0].startswith("#"):
            for name in parts[1:]:
                hosts[name.lower()] = parts[0]

real_getaddrinfo = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name in hosts:
        return real_getaddrinfo(hosts[name], *args, **kwargs)
    if name in ("127.0.0.1", "localhost", "::1"):
        return real_getaddrinfo(host, *args, **kwargs)
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


socket.getaddrinfo = getaddrinfo
sys.argv = ["sherlock"] + sys.argv[sys.argv.index("--") + 1:]
runpy.run_module("sherlock_project", run_name="__main__")
