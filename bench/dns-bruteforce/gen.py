#!/usr/bin/env python3
"""Writes a 20,000-label wordlist and a zone (brute.test) in which every 10th label exists."""
import sys

out, total, every = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
prefixes = ["app", "api", "web", "db", "mail", "vpn", "dev", "stage", "cdn", "host"]
labels = [f"{prefixes[i % len(prefixes)]}-{i:05d}" for i in range(total)]
with open(f"{out}/words.txt", "w") as f:
    f.write("\n".join(labels) + "\n")
with open(f"{out}/brute.test.zone", "w") as f:
    f.write("$ORIGIN brute.test.\n$TTL 300\n"
            "@ IN SOA ns1.brute.test. hostmaster.brute.test. 2024010101 3600 900 604800 300\n"
            "@ IN NS ns1.brute.test.\nns1 IN A 127.0.53.1\n")
    for i, label in enumerate(labels):
        if i % every == 0:
            f.write(f"{label} IN A 198.18.{i // 250 % 256}.{i % 250 + 1}\n")
print(len(labels), total // every + (1 if total % every else 0))
