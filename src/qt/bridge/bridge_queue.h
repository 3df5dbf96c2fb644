// SPDX-License-Identifier: Apache-2.0
#pragma once

// LoopQueue: one loop's items (BridgeItem) on their way to a Qt thread, and ConnShared, the state of
// a connection that its loop and the Qt thread share. BridgeHandler (bridge_handler.h) pushes and
// drains them; the whole delivery path is described there.

#include <atomic>
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

/// LoopQueue is one loop's items on their way to the Qt thread: pushed by the loop, drained by
/// the Qt thread. `scheduled` is true from the push that posted a drain until that drain found
/// the queue empty.
class LoopQueue {
public:
    /// push appends item (any thread); true when the caller must wake the Qt thread.
    bool push(BridgeItem&& item);
    /// takeBatch moves everything queued into batch (Qt thread; batch must be empty).
    void takeBatch(std::vector<BridgeItem>& batch);
    /// finishDrain clears `scheduled`, then re-checks: true when items arrived meanwhile and the
    /// caller must post another drain (no wake-up is lost between the check and the clear).
    bool finishDrain();

    std::vector<BridgeItem> batch; ///< Items taken, not yet emitted (Qt thread only).
    std::size_t position = 0;      ///< Next item of batch to emit (Qt thread only).

private:
    std::mutex mutex_;
    std::vector<BridgeItem> incoming_;
    std::atomic<bool> scheduled_{false};
};

} // namespace qgnet::qtdetail
