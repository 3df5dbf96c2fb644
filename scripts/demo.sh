#!/usr/bin/env bash
# The demo command: installs what is missing, builds, and runs the main program.
# For now that is qgnet-echo (the Qt demo application replaces it later). Extra arguments are
# passed to it; by default it echoes on tcp://127.0.0.1:9000 with 4 loops until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
scripts/build.sh release
if (($# == 0)); then
    set -- --listen tcp://127.0.0.1:9000 --loops 4
fi
echo "try, from another shell: exec 3<>/dev/tcp/127.0.0.1/9000; echo hello >&3; head -c6 <&3"
exec build/bin/qgnet-echo "$@"
