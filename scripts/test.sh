#!/usr/bin/env bash
# The test command: installs what is missing, checks the C++ layout (.clang-format), then builds and
# runs the whole QTest suite through ctest in three builds: release (-Werror), ASan+UBSan, and TSan.
# Usage: scripts/test.sh [--quick]   (--quick: the release build only)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh build
# Layout first: it takes seconds, and an unformatted tree fails CI whatever the tests say.
scripts/check-format.sh

# Many tests open hundreds of sockets; the suite raises its own soft limit up to this hard limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
export QT_QPA_PLATFORM=offscreen

run_suite() {
    local dir=$1
    shift
    echo "=== ctest in $dir ==="
    # Two at a time: the suite is validated that way, and it keeps CI well inside its time limit.
    (cd "$dir" && ctest --output-on-failure --timeout 600 -j2 "$@")
}

scripts/build.sh release
run_suite build

if [[ "${1:-}" != --quick ]]; then
    scripts/build.sh asan
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        run_suite build-asan

    scripts/build.sh tsan
    # The engine and the Qt bridge (labels core, unit, qt); ctest adds tests/tsan.supp, which hides
    # only QtTest's own teardown in the uninstrumented Qt.
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" run_suite build-tsan -L "core|unit|qt"
fi
echo "all test suites passed"
