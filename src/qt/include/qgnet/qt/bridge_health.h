// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace qgnet {

/// BridgeHealth says whether a QtServer's Qt thread keeps up with its engine's loops: what waits in
/// the bridge's queues now, what was dropped, how big the batches are that one wake-up of the Qt
/// thread takes, and how long items wait before the Qt thread delivers them. The loops only note,
/// under the queue lock they take anyway, when a queue stopped being empty and how many bytes it
/// holds; everything else is computed on the Qt thread when it drains a batch, so the figures cost
/// the loops nothing extra per message. Times are in nanoseconds of the monotonic clock. A value
/// that was never measured (no batch drained yet) is 0. Read it with QtServer::bridgeHealth() (Qt
/// thread) or StatsFeed::bridgeHealth() (in- or out-of-process, with each snapshot).
struct BridgeHealth {
    /// queuedItems / queuedBytes: items (opens, data, closes, ticks) pushed by the loops and not yet
    /// emitted on the Qt thread, and the data bytes among them.
    std::uint64_t queuedItems = 0;
    std::uint64_t queuedBytes = 0;
    /// droppedDatagrams: the only thing the bridge ever drops (streams are paused instead): UDP
    /// datagrams beyond deliveryLimit bytes waiting on their loop (QtServer::droppedDatagrams).
    std::uint64_t droppedDatagrams = 0;
    /// batches / itemsDelivered: batches taken from the loops' queues and the items emitted so far.
    std::uint64_t batches = 0;
    std::uint64_t itemsDelivered = 0;
    /// lastBatch / maxBatch / averageBatch: items per batch, the latest, the largest, and the mean
    /// (itemsDelivered / batches).
    std::uint64_t lastBatch = 0;
    std::uint64_t maxBatch = 0;
    double averageBatch = 0;
    /// lastDrainLatencyNs / maxDrainLatencyNs / averageDrainLatencyNs: per batch, the time from
    /// the moment its oldest item was queued to the Qt thread's delivery of that item.
    std::int64_t lastDrainLatencyNs = 0;
    std::int64_t maxDrainLatencyNs = 0;
    std::int64_t averageDrainLatencyNs = 0;
    /// lagNs: how far behind the Qt thread is right now, the age of the oldest item still waiting
    /// (0 when nothing waits).
    std::int64_t lagNs = 0;
};

} // namespace qgnet
