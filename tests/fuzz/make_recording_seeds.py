#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Usage: tests/fuzz/make_recording_seeds.py tests/fuzz/corpus/recording  (the named seeds; the rest of the
# corpus is what scripts/fuzz.sh --merge added)
# Makes the recording fuzz target's seed files: a control byte, then a recording file.
import struct, sys, os
def head(major, n):
    if n < 24: return bytes([major << 5 | n])
    if n < 256: return bytes([major << 5 | 24, n])
    if n < 65536: return bytes([major << 5 | 25]) + struct.pack('>H', n)
    if n < 2**32: return bytes([major << 5 | 26]) + struct.pack('>I', n)
    return bytes([major << 5 | 27]) + struct.pack('>Q', n)
def enc(v):
    if isinstance(v, bool): return b'\xf5' if v else b'\xf4'
    if isinstance(v, int): return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, str):
        b = v.encode(); return head(3, len(b)) + b
    if isinstance(v, list): return head(4, len(v)) + b''.join(enc(x) for x in v)
    if isinstance(v, dict): return head(5, len(v)) + b''.join(enc(k) + enc(x) for k, x in v.items())
    raise TypeError(v)
def frame(m):
    b = enc(m); return struct.pack('>I', len(b)) + b
def rec(snaps, version=1, source="seed"):
    out = b'qgnetrec' + struct.pack('>I', version)
    out += frame({"type": "qgnet-recording", "version": 1, "snapshots": len(snaps), "source": source,
                  "savedAt": 1700000000000, "windowMs": 60000})
    for at, s, dropped in snaps:
        out += frame({"at": at, "droppedDatagrams": dropped, "snapshot": s})
    return out
def snap(i, started=1700000000000000000, loops=2, conns=2):
    return {"format": 1, "taken": 1000000000 + i * 100000000, "wallTime": started + i * 100000000,
            "started": started, "policy": "round-robin",
            "loops": [{"index": l, "backend": "epoll", "connections": conns // loops, "bytesIn": 1000 * i,
                       "reads": 10 * i, "busyNs": 1000000 * i} for l in range(loops)],
            "connections": [{"id": c + 1, "loop": c % loops, "network": "tcp", "state": "open",
                             "remote": "127.0.0.1:%d" % (40000 + c), "bytesIn": 100 * i} for c in range(conns)],
            "decisions": [{"sequence": i + 1, "loads": [1, 0][:loops], "chosen": 0, "peer": "127.0.0.1:40000"}],
            "events": [{"sequence": i + 1, "kind": "opened" if i % 2 == 0 else "closed", "loop": 0,
                        "connection": 1, "peer": "127.0.0.1:40000", "reason": "" if i % 2 == 0 else "peer closed"}]}
seeds = {
    "empty-recording": b'\x00' + rec([]),
    "one-snapshot": b'\x01' + rec([(0, snap(0), 0)]),
    "three-snapshots": b'\x21' + rec([(0, snap(0, loops=1, conns=1), 0), (100, snap(1, loops=1, conns=0), 1),
                                     (200, snap(2, loops=1, conns=1), 1)]),
    "restarted-engine": b'\x12' + rec([(0, snap(3, loops=1, conns=1), 0),
                                      (100, snap(0, started=1700000000500000000, loops=1, conns=1), 0)]),
    "minimal-snapshots": b'\x35' + rec([(0, {"format": 1}, 0), (0, {"format": 1, "loops": [{"index": 0}]}, 0),
                                       (5, {"format": 1, "loops": [{"index": 0}],
                                            "connections": [{"id": 9, "loop": 0}]}, 0)]),
    "newer-version": b'\x00' + rec([], version=2),
    "time-goes-back": b'\x03' + rec([(5, {"format": 1}, 0), (4, {"format": 1}, 0)]),
}
d = sys.argv[1]
for name, data in seeds.items():
    assert len(data) <= 4096, (name, len(data))
    open(os.path.join(d, name), 'wb').write(data)
    print(name, len(data))
