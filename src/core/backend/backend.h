// SPDX-License-Identifier: Apache-2.0
#pragma once

// The I/O backend contract. One backend per loop, used only from that loop's thread (except
// wakeup()). The loop and the connections never make I/O system calls on sockets themselves: they ask
// the backend, and the backend reports back through the EventLoop::handle* entry points. The contract
// fits a readiness API (epoll: "you may read/write now", the backend does the syscall) and a completion
// API (io_uring: "this recv/send/accept has completed") alike; docs/architecture.md shows how each maps.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

#include <sys/uio.h>

#include "qgnet/address.h"
#include "qgnet/bytes.h"

namespace qgnet::detail {

class Connection;
class EventLoop;
class Listener;
struct EngineConfig;

/// IoHandle is the part of a listener, connection or datagram socket that a backend keys its
/// registrations on.
/// backendState is private to the backend (epoll keeps the armed event mask there).
/// inFlight counts the operations a completion backend still has outstanding on a connection
/// (including ones queued for the next submission); the loop frees a closed connection, and the
/// connection frees its outbound memory, only once it is zero. epoll leaves it at zero.
/// sendQueued is true while a completion backend holds a send for the connection that it has not yet
/// submitted: the output has not met the socket yet, so write timeouts and deadlines do not judge it
/// (epoll writes at once and never sets it).
struct IoHandle {
    enum class Kind : std::uint8_t { Listener, Connection, Datagram };
    explicit IoHandle(Kind k) noexcept : kind(k) {}
    // The single bytes last: a Connection puts its own small members in the padding after them.
    int socketFd = -1;
    std::uint32_t backendState = 0;
    std::uint32_t inFlight = 0;
    Kind kind;
    bool sendQueued = false;
};

/// IoResult is the outcome of an immediate send: bytes taken (0 when the socket is full or the backend
/// only queues), or a system error (never EAGAIN).
struct IoResult {
    std::size_t bytes = 0;
    int error = 0;
};

class IoBackend {
public:
    virtual ~IoBackend() = default;

    /// name is "epoll" or "io_uring", for logs and statistics.
    virtual std::string_view name() const noexcept = 0;

    /// addListener starts accepting: the loop gets handleAcceptReady(listener).
    virtual std::error_code addListener(Listener& listener) = 0;
    /// setListenerActive pauses (false) or resumes (true) accepting, for accept back-off.
    virtual void setListenerActive(Listener& listener, bool active) = 0;
    /// removeListener stops accepting; the listener gets no further callbacks.
    virtual void removeListener(Listener& listener) = 0;

    /// addConnection starts receiving: the loop gets handleReceived/PeerClosed/Error/Writable/Sent.
    virtual std::error_code addConnection(Connection& conn) = 0;
    /// watchConnect waits for a non-blocking connect on conn to finish: the loop gets
    /// handleConnectReady(conn). After it, the loop removes the watch and calls addConnection.
    virtual std::error_code watchConnect(Connection& conn) = 0;
    /// removeConnection stops all I/O on conn; it gets no further callbacks. A completion backend
    /// cancels what is in flight and keeps conn.inFlight above zero until the last completion came.
    virtual void removeConnection(Connection& conn) = 0;
    /// setReading stops (false) or resumes (true) receiving on conn.
    virtual void setReading(Connection& conn, bool on) = 0;
    /// readMore continues reading conn after its edge-triggered read budget ran out.
    virtual void readMore(Connection& conn) = 0;

    /// trySend / trySendv write now if this backend does immediate writes (epoll), else return 0.
    virtual IoResult trySend(Connection& conn, Bytes data) = 0;
    virtual IoResult trySendv(Connection& conn, std::span<const iovec> parts) = 0;
    /// trySendTo sends one datagram on a datagram socket, to `to` (or, when `to` is empty, to the
    /// socket's connected peer). Datagrams are never buffered: EAGAIN comes back as an error.
    virtual IoResult trySendTo(Connection& conn, const SocketAddress& to, Bytes data) = 0;
    /// sendBeforeClose is the last, best-effort write of a connection that closes without waiting for
    /// its output (a forced stop, a timeout): it writes now, without blocking, what the socket takes.
    /// epoll: trySendv. A completion backend writes directly what it has not submitted yet.
    virtual IoResult sendBeforeClose(Connection& conn, std::span<const iovec> parts) { return trySendv(conn, parts); }
    /// requestFlush tells the backend that conn's outbound buffer has data to send.
    virtual void requestFlush(Connection& conn) = 0;
    /// flushDone tells the backend that conn's outbound buffer is empty again.
    virtual void flushDone(Connection& conn) = 0;

    /// poll waits up to timeout (negative: no limit) for events, calls EventLoop::pollReturned() once
    /// the wait is over, then dispatches the events to the loop.
    virtual void poll(std::chrono::milliseconds timeout) = 0;
    /// wakeup makes a current or the next poll return promptly; thread-safe, async-signal-safe.
    virtual void wakeup() noexcept = 0;
    /// submitPending hands the kernel what a completion backend has queued without waiting (the loop
    /// calls it once as it exits, before waiting for the last completions). epoll: nothing to do.
    virtual void submitPending() {}
    /// owesCompletions: a completion backend still expects the completions of operations it cancelled
    /// on handles that are gone (a removed listener's accept). Until they come, the kernel holds
    /// those sockets open, so a stopping loop waits for them: a restarted server must find its port
    /// free. epoll: never.
    virtual bool owesCompletions() const noexcept { return false; }
    /// releaseIdleMemory lets the system have the pages of receive buffers the backend owns (io_uring's
    /// provided buffers, epoll's read buffers). The loop calls it only while it has no connection and no UDP socket, so
    /// that nothing can be receiving into them (MemoryReclaim, after a burst).
    virtual void releaseIdleMemory() noexcept {}
};

/// chooseBackend settles config.options.backend once per engine, before any loop exists: the
/// environment's QGNET_BACKEND (epoll or io_uring) overrides Options::backend, and io_uring falls
/// back to epoll, said in one log line, where this kernel cannot run it (uringUnavailableReason).
void chooseBackend(EngineConfig& config);

/// makeBackend creates the backend chooseBackend settled on, for loop (backend_factory.cpp: the only
/// place that names the concrete backends); throws qgnet::Error if it cannot be set up.
std::unique_ptr<IoBackend> makeBackend(EventLoop& loop, const EngineConfig& config);

/// makeEpollBackend creates the epoll backend for loop; throws qgnet::Error if epoll or eventfd fail.
std::unique_ptr<IoBackend> makeEpollBackend(EventLoop& loop, const EngineConfig& config);

/// makeUringBackend creates the io_uring backend for loop; throws qgnet::Error if the ring cannot be
/// set up. Call uringUnavailableReason() first: the engine falls back to epoll when it says why not.
std::unique_ptr<IoBackend> makeUringBackend(EventLoop& loop, const EngineConfig& config);

/// uringUnavailableReason is empty when this kernel runs the io_uring backend (ring set-up, the
/// opcodes and multishot features it uses), else one line saying why not. The environment variable
/// QGNET_SIMULATE_IO_URING_FAILURE=1 makes it fail, so that the fallback can be tested.
std::string uringUnavailableReason();

} // namespace qgnet::detail
