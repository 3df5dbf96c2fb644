// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <any>
#include <cstddef>
#include <cstdint>
#include <system_error>

#include "backend.h"
#include "outbound_buffer.h"
#include "qgnet/conn.h"
#include "ring_buffer.h"

namespace qgnet::detail {

class EventLoop;

/// Connection is the object behind a Conn: the socket, its inbound ring, the fresh bytes of the
/// current read, its outbound buffer and its place in the close state machine. It is owned by its
/// loop, created and destroyed there, and only touched from there (but for the socket options).
///
///   Open ──peer EOF with output pending──▶ Draining ──output flushed──▶ Closed
///     └──────────── Action::Close / close() / I/O error / engine stop ──────▶ Closed
class Connection final : public Conn, public IoHandle {
public:
    enum class State : std::uint8_t { Open, Draining, Closed };

    Connection(EventLoop& loop, int fd, Network network, const SocketAddress& local, const SocketAddress& remote);
    ~Connection();

    EventLoop& loop() const noexcept { return *loop_; }
    State state() const noexcept { return state_; }

    // ---- used by the loop around callbacks ----
    /// beginTraffic shows data (a backend-owned buffer) to the reader for the coming onTraffic.
    void beginTraffic(Bytes data) noexcept { fresh_ = data; }
    /// endCallback keeps what onTraffic left unconsumed and releases memory the callback emptied.
    void endCallback();
    /// closeRequested is set by close() or a write error inside a callback; the loop acts on it.
    bool closeRequested() const noexcept { return closeRequested_; }
    std::error_code closeReason() const noexcept { return closeReason_; }

    // ---- writer internals ----
    /// flushNow writes as much of the outbound buffer as the socket takes; arms or disarms the
    /// backend's write interest accordingly. Returns false if the connection failed.
    bool flushNow();
    /// consumeSent drops n bytes that a completion backend reports as sent, then continues.
    void consumeSent(std::size_t n);
    /// beginDrain: the peer closed its side while output is pending: stop reading, keep flushing.
    void beginDrain();
    /// markClosed moves to Closed and drops all buffers (after onClose).
    void markClosed() noexcept;
    void setState(State s) noexcept { state_ = s; }

    // ---- loop bookkeeping ----
    std::size_t slot = 0;          ///< index in the loop's connection table
    bool readAgainQueued = false;  ///< on the loop's edge-triggered "read again" list
    bool writeArmed = false;       ///< the backend has been asked to flush
    bool readingOff = false;       ///< receiving is stopped (draining after the peer's EOF)

    // ---- Conn implementation (called through Conn's non-virtual methods) ----
    std::size_t read(MutableBytes dst);
    Bytes peek(std::size_t n);
    std::size_t discard(std::size_t n) noexcept;
    std::size_t inboundBuffered() const noexcept { return inbound_.size() + fresh_.size(); }
    std::size_t writeTo(const std::function<std::size_t(Bytes)>& sink);
    std::error_code write(Bytes data);
    std::error_code writev(std::span<const Bytes> parts);
    std::error_code flush();
    std::size_t outboundBuffered() const noexcept { return outbound_.size(); }
    std::size_t readFrom(int fd, std::error_code& ec);
    std::any& context() noexcept { return context_; }
    const SocketAddress& localAddr() const noexcept { return local_; }
    const SocketAddress& remoteAddr() const noexcept { return remote_; }
    Network network() const noexcept { return network_; }
    std::error_code requestClose(std::error_code reason);

private:
    void fail(int error);

    EventLoop* loop_;
    Network network_;
    State state_ = State::Open;
    bool closeRequested_ = false;
    std::error_code closeReason_;
    SocketAddress local_;
    SocketAddress remote_;
    RingBuffer inbound_;
    Bytes fresh_;
    OutboundBuffer outbound_;
    std::any context_;
};

} // namespace qgnet::detail
