// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>

#include "qgnet/live_counters.h"

namespace qgnet::detail {

/// The process-wide counters behind qgnet::liveCounters(). Relaxed: they count, they do not order.
struct LiveCounterCells {
    std::atomic<std::int64_t> engines{0};
    std::atomic<std::int64_t> connections{0};
    std::atomic<std::int64_t> bufferBlocks{0};
    std::atomic<std::int64_t> bufferBytes{0};
    std::atomic<std::int64_t> pendingTasks{0};
    std::atomic<std::int64_t> timers{0};
    std::atomic<std::int64_t> workerTasks{0};
};

LiveCounterCells& liveCells() noexcept;

inline void countUp(std::atomic<std::int64_t>& cell, std::int64_t n = 1) noexcept
{
    cell.fetch_add(n, std::memory_order_relaxed);
}

inline void countDown(std::atomic<std::int64_t>& cell, std::int64_t n = 1) noexcept
{
    cell.fetch_sub(n, std::memory_order_relaxed);
}

} // namespace qgnet::detail
