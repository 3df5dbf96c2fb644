// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstdint>

namespace qgnet {

/// LiveCounters counts the objects the engine has alive right now, process-wide, over every engine.
/// Tests (and leak hunts in applications) assert that each returns to zero once the engines are gone.
/// Reading them is a handful of relaxed atomic loads; the engine updates them only where it creates
/// or destroys the object, never per message.
struct QGNET_EXPORT LiveCounters {
    std::int64_t engines = 0;      ///< EngineCore objects.
    std::int64_t connections = 0;  ///< Connection objects (open, or closed and not yet freed).
    std::int64_t bufferBlocks = 0; ///< Buffer blocks handed out by the loops' pools (rings, chunks).
    std::int64_t bufferBytes = 0;  ///< The size of those blocks together: the memory they hold.
    std::int64_t pendingTasks = 0; ///< Cross-thread tasks queued to loops and not yet run or cancelled.
    std::int64_t timers = 0;       ///< Timers scheduled on loops and not yet fired or cancelled.
    std::int64_t workerTasks = 0;  ///< Tasks queued to or running on worker pools.
};

/// liveCounters returns the current counts.
QGNET_EXPORT LiveCounters liveCounters() noexcept;

} // namespace qgnet
