// SPDX-License-Identifier: Apache-2.0
#pragma once

// ThreadBacklog: the bound on what QtHttpServer's loops hand to its Qt thread (requests of
// routeToThread routes, WebSocket messages) while that thread has not run them yet.
//
//   loop thread                                   Qt thread (ThreadInbox drain)
//   post(item) -> added(share, bytes)             delivered(share, bytes) before the signal
//   total > limit or share > limit/4:             total <= limit/2 (and the share <= limit/8):
//     WebSocket::holdReading / Response::postpone   release: ConnHandle::wake -> Server::release
//     hold(handle, share)
//
// Backpressure, not loss: a held connection stops reading (the kernel's window closes on the peer)
// and its next message or request stays in its input, in order, until it is released. The queue can
// pass the limit by what was already on its way: one message or request per loop thread (the
// decisions are not serialised) and one per held connection (the one that crossed the line).

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <qgnet/conn_handle.h>

namespace qgnet::qtdetail {

/// ThreadBacklog counts the bytes queued for the Qt thread, server-wide and per connection, and keeps
/// the connections held for it until the Qt thread drained below half. Thread-safe.
class ThreadBacklog {
public:
    /// Share is one connection's part of the backlog (a WebSocket's; a request needs none: its
    /// connection answers nothing else until the Qt thread answered it).
    struct Share {
        std::atomic<long long> bytes{0};
    };
    /// Releaser lets a held connection go on (on its loop); false when it could not be asked now.
    using Releaser = std::function<bool(const ConnHandle&)>;

    /// kItemOverhead is what one queued item costs besides its payload (the task, its captures, the
    /// signal's copies), so a flood of empty messages is bounded too.
    static constexpr long long kItemOverhead = 256;

    explicit ThreadBacklog(long long limit) : limit_(limit) {}

    void setReleaser(Releaser releaser) { releaser_ = std::move(releaser); }
    void setLimit(long long bytes) noexcept { limit_.store(bytes < 1 ? 1 : bytes, std::memory_order_relaxed); }
    long long limit() const noexcept { return limit_.load(std::memory_order_relaxed); }

    /// over: the Qt thread has more than the limit waiting (loop threads ask before a request).
    bool over() const noexcept { return bytes_.load() > limit(); }
    /// added counts an item posted for the Qt thread (loop thread); true when the connection that
    /// posted it should now be held (the server or its share is over).
    bool added(Share* share, long long bytes) noexcept;
    /// hold keeps handle until the backlog drained (loop thread, after holding the connection).
    void hold(const ConnHandle& handle, std::shared_ptr<Share> share);
    /// delivered uncounts an item as the Qt thread takes it, and releases what may go on.
    void delivered(Share* share, long long bytes);

    long long queuedBytes() const noexcept { return bytes_.load(std::memory_order_relaxed); }
    long long peakBytes() const noexcept { return peak_.load(std::memory_order_relaxed); }
    int heldConnections() const noexcept { return held_.load(std::memory_order_relaxed); }

private:
    bool drained() const noexcept { return bytes_.load() <= limit() / 2; }
    // releaseDrained releases the held connections whose share drained too (any thread).
    void releaseDrained();

    struct Held {
        ConnHandle handle;
        std::shared_ptr<Share> share;
    };
    std::atomic<long long> limit_;
    std::atomic<long long> bytes_{0};
    std::atomic<long long> peak_{0};
    std::atomic<int> held_{0};
    std::mutex mutex_;
    std::vector<Held> heldList_; // guarded by mutex_
    Releaser releaser_;          // set before the loops start
};

} // namespace qgnet::qtdetail
