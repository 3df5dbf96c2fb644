#!/usr/bin/env bash
# Configures and builds one flavour of qgnet into its own build directory.
# Usage: scripts/build.sh [release|asan|tsan] [--target NAME]... [extra cmake args...]
#   --target NAME  build only NAME and what it needs (repeatable; default: everything)
#   release -> build/       (what the demo and benchmarks use; warnings are errors)
#   asan    -> build-asan/  (AddressSanitizer + UndefinedBehaviorSanitizer)
#   tsan    -> build-tsan/  (ThreadSanitizer)
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-release}
shift || true
targets=()
names=()
extra=()
while (($#)); do
    case $1 in
        --target) targets+=(--target "$2"); names+=("$2"); shift 2 ;;
        *) extra+=("$1"); shift ;;
    esac
done
case "$flavour" in
    release) dir=build; args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DQGNET_BUILD_BENCH=ON) ;;
    asan) dir=build-asan; args=(-DCMAKE_BUILD_TYPE=Debug "-DQGNET_SANITIZE=address,undefined" -DQGNET_BUILD_BENCH=OFF) ;;
    # TSan builds the engine, the Qt bridge and their tests, not the GUI applications: Debian's Qt is
    # not instrumented, so TSan cannot see its locks, and the applications add build time, not coverage.
    tsan) dir=build-tsan; args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DQGNET_SANITIZE=thread -DQGNET_BUILD_BENCH=OFF -DQGNET_BUILD_APPS=OFF) ;;
    *) echo "unknown flavour '$flavour' (release, asan, tsan)" >&2; exit 2 ;;
esac

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
echo "configuring $dir ($flavour)"
cmake -S . -B "$dir" -G Ninja -DQGNET_WERROR=ON -DQGNET_BUILD_TESTS=ON -DQGNET_BUILD_EXAMPLES=ON "${launcher[@]}" "${args[@]}" "${extra[@]}" >/dev/null
echo "building ${names[*]:-everything} in $dir on $(nproc) cores"
cmake --build "$dir" --parallel "$(nproc)" "${targets[@]}"
