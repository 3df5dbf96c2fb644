// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>

#include "backend/backend.h"
#include "listener_probe.h"
#include "qgnet/address.h"
#include "timer_queue.h"

namespace qgnet::detail {

class EventLoop;

/// Listener is one listening socket owned by one loop (the acceptor, or a loop in reuseport mode).
/// acceptReady() takes pending connections in a bounded batch and hands each to the engine; accept
/// failures never stop the engine: transient ones are retried, resource exhaustion (EMFILE, ENFILE,
/// ENOBUFS, ENOMEM) pauses the listener with a doubling back-off so that the loop neither spins nor
/// gives up.
class Listener final : public IoHandle {
public:
    /// Listener takes ownership of fd. unlinkPath: remove the Unix socket file when closed.
    Listener(int fd, const ListenAddress& address, const SocketAddress& bound, int addressIndex,
        bool unlinkPath) noexcept;
    ~Listener();
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    const ListenAddress& address() const noexcept { return address_; }
    const SocketAddress& bound() const noexcept { return bound_; }
    Network network() const noexcept { return address_.network(); }
    /// addressIndex is the position of this listener's URL in the engine's address list.
    int addressIndex() const noexcept { return addressIndex_; }

    /// acceptReady accepts up to a batch of connections. Loop thread.
    void acceptReady(EventLoop& loop);
    /// acceptCompleted takes one accept that a completion backend did: fd >= 0 is the new socket,
    /// else error is accept's errno (transient ones are ignored, exhaustion backs off). Loop thread.
    void acceptCompleted(EventLoop& loop, int fd, int error);
    /// hold stops (true) or restarts (false) accepting for Engine::pauseAccepting: new connections
    /// wait in the kernel's backlog meanwhile. A back-off in progress does not restart a held
    /// listener, and releasing one that is backing off leaves the restart to the back-off. Loop thread.
    void hold(EventLoop& loop, bool on) noexcept;
    /// close deregisters and closes the socket (and cancels a pending back-off). Loop thread.
    void close(EventLoop& loop) noexcept;
    /// setProbe gives the listener the engine-owned probe that snapshots read (before the loop runs).
    void setProbe(ListenerProbe* probe) noexcept { probe_ = probe; }
    /// countRefused counts a connection closed at accept over Options::maxConnections (the engine
    /// calls it before the close, so a peer that sees the end finds it counted). Loop thread.
    void countRefused() noexcept;

private:
    void backOff(EventLoop& loop, int error);
    void pause(EventLoop& loop, ListenerState why);
    void countAccepted() noexcept;

    ListenAddress address_;
    SocketAddress bound_;
    int addressIndex_;
    bool unlinkPath_;
    std::chrono::milliseconds backoff_{0};
    TimerQueue::Id resumeTimer_ = 0;
    ListenerProbe* probe_ = nullptr;                         // the engine's; null only for a listener that never runs
    bool held_ = false;                                      // Engine::pauseAccepting
    ListenerState backoffState_ = ListenerState::BackingOff; // why the current back-off began
};

} // namespace qgnet::detail
