#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# The Qt bridge's cost, side by side in one run: qgnet-bench-bridge --mode engine (the engine alone)
# against --mode bridge (the same echo inside a QtServer with a 10 Hz LocalStatsFeed, the four
# inspector models and an InspectorEndpoint). Both are driven by qgnet-bench-load through
# run-echo-bench.sh (same pinning, rounds with rotating order, medians); this script then prints the
# bridge/engine ratios per point:
#   throughput ratio  = msgs/s (bridge) / msgs/s (engine)          (goal: >= 0.95)
#   CPU ratio         = server us/msg (bridge) / us/msg (engine)   (the CPU the bridge adds per message)
# Where the load generator is saturated (a 2-CPU machine), msgs/s is capped by the client for both,
# and the CPU ratio is the telling figure.
#
# usage: bench/run-bridge-bench.sh [run-echo-bench.sh options, e.g. --build-dir build --rounds 5]
# QGNET_BENCH_BRIDGE_DATA=1 adds the bridge-data mode (echo through the Qt thread) to the table.
# QGNET_BENCH_BRIDGE_TIMELINE=1 adds bridge-timeline: bridge with a second inspector attached to the endpoint and one
# connection's timeline open in both (issue 20: throughput >= 0.95x the engine alone).
# Build first: cmake --build build --target qgnet-bench-bridge qgnet-bench-load

set -euo pipefail
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

out=""
args=()
while (($#)); do
  if [[ $1 == --out && $# -ge 2 ]]; then out=$2; shift 2; continue; fi
  args+=("$1")
  shift
done
if [[ -z $out ]]; then
  mkdir -p "$script_dir/results"
  out=$script_dir/results/bridge-$(date +%Y%m%d-%H%M%S).csv
fi

servers="engine bridge"
if [[ ${QGNET_BENCH_BRIDGE_DATA:-0} == 1 ]]; then servers="$servers bridge-data"; fi
if [[ ${QGNET_BENCH_BRIDGE_TIMELINE:-0} == 1 ]]; then servers="$servers bridge-timeline"; fi
"$script_dir/run-echo-bench.sh" --conns "10 100" --sizes "64 4096" --rounds 3 "${args[@]}" \
  --servers "$servers" --out "$out"

echo
echo "## bridge / engine"
echo
awk -F, '
  NR == 1 { next }
  { key = $1 "," $2; mps[key "," $3] = $6; us[key "," $3] = $8; if (!(key in seen)) { seen[key] = 1; keys[++n] = key } }
  END {
    print "| conns | size | engine msgs/s | bridge msgs/s | throughput ratio | engine us/msg | bridge us/msg | CPU ratio |"
    print "|---:|---:|---:|---:|---:|---:|---:|---:|"
    worst = ""
    for (i = 1; i <= n; i++) {
      k = keys[i]; split(k, cs, ",")
      em = mps[k ",engine"]; bm = mps[k ",bridge"]; eu = us[k ",engine"]; bu = us[k ",bridge"]
      dm = mps[k ",bridge-data"]; if (dm != "" && em > 0) data[k] = sprintf("%.3f", dm / em)
      tm = mps[k ",bridge-timeline"]; tu = us[k ",bridge-timeline"]
      if (tm != "" && em > 0 && eu > 0) timeline[k] = sprintf("%.3f (CPU %.3f)", tm / em, tu / eu)
      tr = (em > 0 && bm != "") ? bm / em : -1
      cr = (eu > 0 && bu != "") ? bu / eu : -1
      printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", cs[1], cs[2], em, bm,
        (tr < 0 ? "-" : sprintf("%.3f", tr)), eu, bu, (cr < 0 ? "-" : sprintf("%.3f", cr))
      if (tr >= 0 && (worst == "" || tr < worst)) worst = tr
    }
    if (worst != "") printf "\nlowest throughput ratio: %.3f (goal >= 0.95)\n", worst
    for (i = 1; i <= n; i++) if (keys[i] in data) printf "bridge-data (echo through the Qt thread) / engine at %s: %s\n", keys[i], data[keys[i]]
    for (i = 1; i <= n; i++) if (keys[i] in timeline) printf "bridge-timeline (two inspectors, one attached; a timeline open) / engine at %s: %s\n", keys[i], timeline[keys[i]]
  }' "$out"
