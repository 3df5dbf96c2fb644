// SPDX-License-Identifier: Apache-2.0
#pragma once

// LoopQueue: one loop's items (BridgeItem) on their way to a Qt thread, and ConnShared, the state of
// a connection that its loop and the Qt thread share. BridgeHandler (bridge_handler.h) pushes and
// drains them; the whole delivery path is described there.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include <QByteArray>
#include <QString>

#include "qgnet/qt/qt_connection.h"

namespace qgnet::qtdetail {

/// ConnShared is one connection's state that both its loop and the Qt thread use.
struct ConnShared {
    QtConnection connection;
    bool stream = true;                       // UDP "connections" are never paused
    std::atomic<std::int64_t> undelivered{0}; // bytes pushed and not yet emitted
    std::atomic<bool> paused{false};          // the bridge paused reading (not the user)
    std::size_t seen = 0; // loop thread only: buffered bytes already delivered (a traffic handler left them)
    // A datagram's: its loop's count of datagram bytes pushed and not yet emitted (null for streams).
    std::shared_ptr<std::atomic<std::int64_t>> datagramBytes;
};

/// BridgeItem is one thing a loop hands to the Qt thread.
struct BridgeItem {
    enum class Kind : std::uint8_t { Opened, Data, Closed, Dialed, DialFailed, Tick, Shutdown };
    Kind kind = Kind::Data;
    std::shared_ptr<ConnShared> conn; // null for DialFailed, Tick, Shutdown
    QByteArray data;                  // Data
    QString reason;                   // Closed, DialFailed
    int request = 0;                  // Dialed, DialFailed
};

/// monotonicNs is the clock of the bridge's health figures (BridgeHealth): steady, in nanoseconds.
inline std::int64_t monotonicNs() noexcept
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// LoopQueue is one loop's items on their way to the Qt thread: pushed by the loop, drained by
/// the Qt thread. `scheduled` is true from the push that posted a drain until that drain found
/// the queue empty. For BridgeHealth the push notes, under the lock it holds anyway, when the
/// queue stopped being empty (one clock read per batch, not per item) and the data bytes it holds.
class LoopQueue {
public:
    /// Waiting is what a queue holds that the Qt thread has not taken yet.
    struct Waiting {
        std::size_t items = 0;
        std::uint64_t bytes = 0;
        std::int64_t oldestNs = 0; ///< When the oldest of them was queued (monotonicNs); 0 when none.
    };

    /// push appends item (any thread); true when the caller must wake the Qt thread.
    bool push(BridgeItem&& item);
    /// takeBatch moves everything queued into batch (Qt thread; batch must be empty) and sets
    /// batchQueuedNs and batchBytesLeft for it.
    void takeBatch(std::vector<BridgeItem>& batch);
    /// waiting is what is queued and not taken yet (Qt thread, for BridgeHealth).
    Waiting waiting();
    /// finishDrain clears `scheduled`, then re-checks: true when items arrived meanwhile and the
    /// caller must post another drain (no wake-up is lost between the check and the clear).
    bool finishDrain();

    std::vector<BridgeItem> batch;    ///< Items taken, not yet emitted (Qt thread only).
    std::size_t position = 0;         ///< Next item of batch to emit (Qt thread only).
    std::int64_t batchQueuedNs = 0;   ///< When batch's first item was queued (Qt thread only).
    std::uint64_t batchBytesLeft = 0; ///< Data bytes of batch not yet emitted (Qt thread only).

private:
    std::mutex mutex_;
    std::vector<BridgeItem> incoming_;
    std::uint64_t incomingBytes_ = 0;  // guarded by mutex_
    std::int64_t incomingSinceNs_ = 0; // guarded by mutex_: when incoming_ stopped being empty
    std::atomic<bool> scheduled_{false};
};

} // namespace qgnet::qtdetail
