#!/usr/bin/env bash
# Checks (default) or applies (--fix) the C++ layout of .clang-format to every tracked C++ file.
# CI runs the check through scripts/test.sh; a failure lists the files and how to fix them.
# Usage: scripts/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."

clang_format=${CLANG_FORMAT:-clang-format}
command -v "$clang_format" >/dev/null || { echo "check-format: $clang_format is missing (scripts/deps.sh build installs it)" >&2; exit 1; }
# Fuzz corpora are data, not code. Outside a git checkout (a copied tree) every C++ file but the
# build directories'.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files '*.cpp' '*.h' | grep -v '/corpus/')
else
    mapfile -t files < <(find . -path './build*' -prune -o \( -name '*.cpp' -o -name '*.h' \) -print | sed 's|^\./||' | grep -v '/corpus/' | sort)
fi
if [[ ${1:-} == --fix ]]; then
    "$clang_format" -i "${files[@]}"
    exit 0
fi
unformatted=()
for f in "${files[@]}"; do
    "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if ((${#unformatted[@]})); then
    printf 'not formatted by .clang-format (%s):\n' "$("$clang_format" --version)" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    echo "fix with: scripts/check-format.sh --fix" >&2
    exit 1
fi
echo "format: ${#files[@]} files follow .clang-format"
