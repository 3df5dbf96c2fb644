#!/usr/bin/env bash
# The demo command: installs what is missing, builds, and runs qgnet-demo, a Qt application with an
# embedded qgnet server (echo on tcp://127.0.0.1:9000, an HTTP status page on http://127.0.0.1:9080/),
# a built-in load generator and the inspector docked beside it. Extra arguments go to qgnet-demo
# (see build/bin/qgnet-demo --help), e.g. scripts/demo.sh --loops 8 --load 64 --lang zh_CN.
# Without a display (no DISPLAY or WAYLAND_DISPLAY) it runs under xvfb-run: the server, the status
# page and the load all work; add --screenshot demo.png --after 5 to see the window.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
# Only the demo and what it links: the tests and benchmarks are the test command's business.
scripts/build.sh release --target qgnet-demo

echo "qgnet-demo: echo on tcp://127.0.0.1:9000, status page on http://127.0.0.1:9080/ (Ctrl-C stops it)"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    echo "no display found: running under xvfb-run"
    exec xvfb-run -a build/bin/qgnet-demo "$@"
fi
exec build/bin/qgnet-demo "$@"
