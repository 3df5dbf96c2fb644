// SPDX-License-Identifier: Apache-2.0
//
// Paired, interleaved A/B measurement of two targets. On a machine whose
// speed drifts by tens of percent over tens of seconds, two servers measured
// one after the other compare machine states as much as servers. Here both
// are connected all the time and driven alternately, in short slices, in
// ABBA order (A B B A A B B A ...): each adjacent (A, B) pair of slices sees
// nearly the same machine, a linear drift biases the AB pairs and the BA pairs
// in opposite directions, and the spread of the per-pair ratios shows how far
// a single comparison can be trusted.
//
// One slice: the active target starts its closed loop; an unmeasured ramp of
// kRampFraction of the slice; the measured part of --slice seconds, bracketed
// by samples of the active target's messages and server CPU clock; then a
// drain (no new messages, wait until every echo in flight came back), so the
// other target starts from the same idle state. The idle target has no message
// in flight and its server no work.
#pragma once

#include <cstddef>
#include <vector>

#include "load_generator.h"
#include "load_options.h"

namespace qgnet_bench {

// The ramp before the measured part, as a fraction of --slice. A target that
// (re)starts sends on all its connections at once; a tenth of the slice lets
// that synchronised first burst spread out (several round trips even at 1000
// connections) while costing little of the run.
inline constexpr double kRampFraction = 0.10;

// Which target (0 = A, 1 = B) slice i drives: A B B A, repeated.
inline std::size_t abba_target(std::size_t i) { return (i % 4 == 1 || i % 4 == 2) ? 1 : 0; }

// The q-quantile (0..1) of `values`, interpolating linearly between order
// statistics (the usual "type 7" definition). `values` must not be empty.
double quantile(std::vector<double> values, double q);

// Runs the warmup and --slices slices and prints the report: one line per
// target (its measured slices summed) and one line of B/A pair ratios. With
// --slice-log, also writes every measured slice as a CSV row to that file.
void run_paired(LoadGenerator& gen, const LoadOptions& opt);

} // namespace qgnet_bench
