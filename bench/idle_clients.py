#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Opens N idle connections to 127.0.0.1:PORT (TLS with --tls: the handshake completes, nothing is
# sent after it), prints "ready N" once every one is up, then holds them until it is terminated.
# Used by bench/run-idle-memory.sh; standard library only.
import argparse
import signal
import socket
import ssl

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--conns", type=int, required=True)
parser.add_argument("--tls", action="store_true")
args = parser.parse_args()

context = None
if args.tls:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

held = []
for i in range(args.conns):
    s = socket.create_connection(("127.0.0.1", args.port), timeout=30)
    if context:
        s = context.wrap_socket(s, server_hostname="localhost")
    held.append(s)
print("ready", len(held), flush=True)
signal.pause()
