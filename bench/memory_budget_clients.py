#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Drives bench/run-memory-budget.sh: N clients connect to an echo server on 127.0.0.1:PORT, send
# without ever reading, and keep offering data until the server has taken nothing from any of them
# for --stall seconds (the memory budget paused them all) or --seconds have passed. Meanwhile the
# server's VmRSS is sampled every 50 ms. Then one more client connects and must get a 1 MiB echo back
# byte-exact while the others still hold their memory. Prints one line of key=value figures.
# Standard library only.
import argparse
import os
import select
import socket
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--pid", type=int, required=True, help="the server, whose VmRSS is sampled")
parser.add_argument("--clients", type=int, default=40)
parser.add_argument("--stall", type=float, default=3.0)
parser.add_argument("--seconds", type=float, default=120.0)
args = parser.parse_args()


def rss_kib():
    with open(f"/proc/{args.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


base = rss_kib()
peak = base
hogs = []
for _ in range(args.clients):
    s = socket.create_connection(("127.0.0.1", args.port), timeout=30)
    s.setblocking(False)
    hogs.append(s)

block = os.urandom(64 * 1024)
offered = 0
reset = 0
last_progress = time.monotonic()
started = last_progress
next_sample = 0.0
while True:
    now = time.monotonic()
    if now >= next_sample:
        peak = max(peak, rss_kib())
        next_sample = now + 0.05
    _, writable, _ = select.select([], hogs, [], 0.05)
    for s in writable:
        try:
            offered += s.send(block)
            last_progress = time.monotonic()
        except BlockingIOError:
            pass
        except (ConnectionResetError, BrokenPipeError):
            reset += 1  # closed by the server (its budget closes a connection whose output still grows)
            hogs.remove(s)
            s.close()
    if not hogs:
        break
    now = time.monotonic()
    if now - last_progress >= args.stall or now - started >= args.seconds:
        break
stalled = time.monotonic() - last_progress >= args.stall
peak = max(peak, rss_kib())

# The 41st client: sends 1 MiB while reading, so only the server can hold it up.
payload = os.urandom(1024 * 1024)
fresh = socket.create_connection(("127.0.0.1", args.port), timeout=30)
fresh.setblocking(False)
sent = 0
received = bytearray()
deadline = time.monotonic() + 30
while len(received) < len(payload) and time.monotonic() < deadline:
    want_write = [fresh] if sent < len(payload) else []
    readable, writable, _ = select.select([fresh], want_write, [], 0.1)
    if writable:
        sent += fresh.send(payload[sent : sent + 65536])
    if readable:
        chunk = fresh.recv(1 << 20)
        if not chunk:
            break
        received += chunk
    peak = max(peak, rss_kib())
echoed = bytes(received) == payload
peak = max(peak, rss_kib())
print(
    f"clients={args.clients} offered_mib={offered / 1048576:.1f} stalled={int(stalled)} reset={reset} "
    f"rss_base_kib={base} rss_max_kib={peak} echoed={int(echoed)} echo_bytes={len(received)}",
    flush=True,
)
fresh.close()
for s in hogs:
    s.close()
