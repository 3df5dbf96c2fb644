// SPDX-License-Identifier: Apache-2.0
#include "stats/live_counters.h"

namespace qgnet {

namespace detail {

LiveCounterCells& liveCells() noexcept
{
    static LiveCounterCells cells;
    return cells;
}

} // namespace detail

LiveCounters liveCounters() noexcept
{
    const auto& c = detail::liveCells();
    LiveCounters out;
    out.engines = c.engines.load(std::memory_order_relaxed);
    out.connections = c.connections.load(std::memory_order_relaxed);
    out.bufferBlocks = c.bufferBlocks.load(std::memory_order_relaxed);
    out.bufferBytes = c.bufferBytes.load(std::memory_order_relaxed);
    out.pendingTasks = c.pendingTasks.load(std::memory_order_relaxed);
    out.timers = c.timers.load(std::memory_order_relaxed);
    out.workerTasks = c.workerTasks.load(std::memory_order_relaxed);
    return out;
}

} // namespace qgnet
