#!/usr/bin/env python3
"""Save-to-reload latency of `build-site serve` on the benchmark corpus, against `hugo server` on the same pages.

For build-site: the time from saving one page to the reload event on the live-reload stream.
For Hugo: the rebuild time `hugo server` reports for the same edit ("Total in N ms"), its own figure.
Usage: reload_bench.py CORPUS BUILD_SITE [EDITS]
"""
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import time

corpus, build_site = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 15
page_rel = "content/section-7/page-3.md"


def start(command, cwd, ready):
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stdout.readline()
        match = re.search(ready, line)
        if match:
            return process, match
    process.kill()
    sys.exit(f"{command[0]} did not start")


def edit(path, index):
    with open(path) as f:
        text = f.read()
    text = re.sub(r"\nEdit \d+\.\n$", "\n", text) + f"\nEdit {index}.\n"
    with open(path, "w") as f:
        f.write(text)


# build-site serve
site_dir = os.path.join(corpus, "buildsite")
server, match = start([build_site, "serve", "--port", "0"], site_dir, r"Serving http://127\.0\.0\.1:(\d+)/")
port = int(match.group(1))
# The server answers while its first build runs; edits are timed once that build is in place.
start_built = time.time() + 120
while time.time() < start_built and "Built " not in server.stdout.readline():
    pass
events = socket.create_connection(("127.0.0.1", port))
# serve answers only requests that name it with its port (DNS rebinding).
events.sendall(f"GET /__build-site/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
events.recv(4096)
latencies = []
for index in range(edits):
    time.sleep(0.3)
    started = time.perf_counter()
    edit(os.path.join(site_dir, page_rel), index)
    received = b""
    while b"event: reload" not in received:
        ready, _, _ = select.select([events], [], [], 30)
        if not ready:
            sys.exit("no reload event within 30 s")
        received += events.recv(65536)
    latencies.append((time.perf_counter() - started) * 1000)
server.terminate()
server.wait(10)

# hugo server, same page, its own reported rebuild time
hugo_dir = os.path.join(corpus, "hugo")
hugo, _ = start(["hugo", "server", "--port", "0", "--bind", "127.0.0.1", "--disableFastRender"], hugo_dir, r"Web Server is available")
hugo_times = []
for index in range(edits):
    time.sleep(0.5)
    edit(os.path.join(hugo_dir, page_rel), index)
    deadline = time.time() + 30
    while time.time() < deadline:
        line = hugo.stdout.readline()
        match = re.search(r"Total in (\d+) ms", line)
        if match:
            hugo_times.append(float(match.group(1)))
            break
hugo.terminate()
hugo.wait(10)

ours = statistics.median(latencies)
print(f"save -> reload event, build-site serve: median {ours:.0f} ms over {edits} edits (min {min(latencies):.0f}, max {max(latencies):.0f}); target <= 50 ms")
if hugo_times:
    theirs = statistics.median(hugo_times)
    print(f"hugo server rebuild (its own 'Total in' figure): median {theirs:.0f} ms; ratio build-site/hugo {ours / theirs:.2f}")
