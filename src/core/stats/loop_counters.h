// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>

namespace qgnet::detail {

/// LoopCounters are one loop's statistics counters. Only the loop's own thread writes them, so an
/// increment is a relaxed load and store (no locked instruction, no contention: a few cycles per
/// message); any thread may read them, relaxed, for a snapshot.
struct LoopCounters {
    std::atomic<std::uint64_t> accepted{0};
    std::atomic<std::uint64_t> closed{0};
    std::atomic<std::uint64_t> bytesIn{0};
    std::atomic<std::uint64_t> bytesOut{0};
    std::atomic<std::uint64_t> reads{0};
    std::atomic<std::uint64_t> writes{0};
    std::atomic<std::uint64_t> iterations{0};
    std::atomic<std::uint64_t> busyNanos{0};
    std::atomic<std::uint64_t> stalls{0};
    std::atomic<std::uint64_t> longestNanos{0};
    std::atomic<std::uint64_t> completionOverflows{0};
    std::atomic<std::uint64_t> recvBuffersExhausted{0};
    std::atomic<std::uint64_t> memoryReclaims{0};
    std::atomic<std::uint64_t> budgetPauses{0}; // Options::memoryBudget (memory_budget.h)
    std::atomic<std::uint64_t> budgetCloses{0};
    std::atomic<std::uint64_t> budgetPaused{0}; // a gauge: paused by the budget now
    std::atomic<std::int64_t> threadId{0};

    /// add is the single-writer increment.
    static void add(std::atomic<std::uint64_t>& counter, std::uint64_t n) noexcept
    {
        counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
};

} // namespace qgnet::detail
