// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <any>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>

#include "qgnet/address.h"
#include "qgnet/bytes.h"
#include "qgnet/conn_handle.h"

namespace qgnet {

/// Conn is one connection as an EventHandler sees it: a reader over the bytes received, a writer
/// towards the peer, and the socket's options. The engine owns every Conn; a handler gets a reference
/// in its callbacks and must not keep it beyond onClose.
///
/// Threads: the reader, writer, context, address and close methods belong to the loop thread that owns
/// the connection (call them inside callbacks). The socket-option methods (fd, dup, set*) are
/// thread-safe.
///
/// Buffers: the bytes of one wake-up are read into the loop's read buffer and shown to onTraffic
/// without a copy; whatever onTraffic leaves unconsumed is moved into the connection's inbound ring.
/// Output is written through to the socket when nothing is pending; the rest goes, in order, to an
/// outbound ring of Options::writeBufferCap bytes and then to a list of pooled chunks. A connection
/// with nothing buffered holds no buffer memory.
class QGNET_EXPORT Conn {
public:
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    // ---- Reader -------------------------------------------------------------------------------

    /// read copies up to dst.size() buffered bytes into dst, consumes them, and returns how many.
    std::size_t read(MutableBytes dst);

    /// peek returns the next n buffered bytes without consuming them, or an empty view when fewer
    /// than n are buffered. The view points into the buffers when they hold the bytes contiguously,
    /// otherwise into a per-loop scratch copy; it is valid until the callback returns or the next
    /// reader call.
    Bytes peek(std::size_t n);
    /// peek() returns every buffered byte.
    Bytes peek();

    /// next is peek followed by discard of the same bytes; the view stays valid as for peek.
    Bytes next(std::size_t n);
    /// next() returns and consumes every buffered byte.
    Bytes next();

    /// discard consumes up to n buffered bytes and returns how many it consumed.
    std::size_t discard(std::size_t n);

    /// inboundBuffered is the number of received bytes not yet consumed.
    std::size_t inboundBuffered() const noexcept;

    /// writeTo hands every buffered byte to sink, in contiguous pieces, consuming what sink reports
    /// as taken; it stops early when sink takes less than it was offered. Returns the bytes taken.
    std::size_t writeTo(const std::function<std::size_t(Bytes)>& sink);

    // ---- Writer -------------------------------------------------------------------------------

    /// write sends data to the peer: straight to the socket when nothing is pending, otherwise (and
    /// for whatever the socket does not take) into the outbound buffer, which the loop flushes when
    /// the socket becomes writable. Byte order is always kept. Returns an error only when the
    /// connection is closed or broken, or a limit is hit; the data is then dropped. On UDP it sends one
    /// datagram to the sender of the datagram being handled (or to the connected peer), as sendTo.
    std::error_code write(Bytes data);
    std::error_code write(std::string_view data) { return write(asBytes(data)); }

    /// sendTo sends one datagram to any peer from a UDP connection (Errc::UnsupportedOperation on a
    /// stream). Datagrams are never buffered: an error such as EMSGSIZE (std::errc::message_size) or
    /// EAGAIN comes back here and the datagram is dropped.
    std::error_code sendTo(const SocketAddress& to, Bytes data);

    /// writev writes several pieces in order, as one gathered write when nothing is pending (on UDP:
    /// as one datagram).
    std::error_code writev(std::span<const Bytes> parts);

    /// flush tries to write the whole outbound buffer now (writev of at most IOV_MAX pieces per call,
    /// until the socket would block). What remains is flushed when the socket becomes writable.
    std::error_code flush();

    /// outboundBuffered is the number of bytes written but not yet handed to the kernel.
    std::size_t outboundBuffered() const noexcept;

    /// readFrom reads the file descriptor fd until end of file (or until it would block) into the
    /// outbound buffer and then flushes, unlike gnet's ReadFrom which only buffers. Returns the bytes
    /// read; ec reports a read error on fd or a broken connection.
    std::size_t readFrom(int fd, std::error_code& ec);

    // ---- Connection ---------------------------------------------------------------------------

    /// context is a slot for the handler's per-connection state (a codec, a session object). It is
    /// allocated with the connection's rarely used part on first access, so a connection that never
    /// uses it does not pay for it (it may throw std::bad_alloc).
    std::any& context();
    void setContext(std::any value);

    /// localAddr / remoteAddr are the connection's socket addresses (the peer's is empty for an
    /// unnamed Unix client). Returned by value: the connection keeps them compactly (28 bytes for
    /// an IP address instead of a 136-byte SocketAddress), so there is no SocketAddress to refer to.
    SocketAddress localAddr() const noexcept;
    SocketAddress remoteAddr() const noexcept;

    /// network is the connection's transport (that of the listener that accepted it, or of the dialed URL).
    Network network() const noexcept;

    /// loopIndex is the index of the loop that owns the connection (0..numEventLoop-1).
    int loopIndex() const noexcept;

    /// isOpen tells whether the connection is still open (false once it is closing or closed).
    bool isOpen() const noexcept;

    /// id is unique within the process and never reused, unlike fd().
    std::uint64_t id() const noexcept;

    /// handle returns the connection's thread-safe handle, for asyncWrite, wake and close from any
    /// thread (see ConnHandle).
    ConnHandle handle() const;

    /// close closes the connection once the current callback returns, as returning Action::Close
    /// does: reading stops, output still pending is flushed (for up to Options::closeFlushTimeout),
    /// then onClose runs with Errc::ClosedByHandler. Loop thread only (Errc::WrongThread otherwise).
    std::error_code close();

    // ---- Backpressure and timeouts (loop thread) ---------------------------------------------

    /// isWritable is false from the moment unsent output reached Options::outputHighWater until it
    /// drained to outputLowWater (see EventHandler::onWritabilityChanged).
    bool isWritable() const noexcept;

    /// pauseRead stops reading from the socket: no onTraffic until resumeRead(). The kernel's receive
    /// window then fills and the peer's sends slow down: backpressure towards it. A peer that resets
    /// meanwhile still ends the connection (onClose with the socket's error), and so does one that
    /// hangs up with nothing of its left unread (PeerClosed); what it did send waits for resumeRead.
    void pauseRead();
    void resumeRead();
    bool isReadPaused() const noexcept;

    /// setIdleTimeout / setReadTimeout / setWriteTimeout override Options' timeouts for this
    /// connection (zero: none), counted from now. Timeouts and deadlines have no effect on a server's
    /// UDP socket: it carries every peer's datagrams and is not closed for one of them.
    void setIdleTimeout(std::chrono::milliseconds timeout);
    void setReadTimeout(std::chrono::milliseconds timeout);
    void setWriteTimeout(std::chrono::milliseconds timeout);

    /// setReadDeadline closes the connection with Errc::ReadTimeout when the deadline passes, as Go's
    /// read deadline fails reads after it; extend it after each onTraffic for a sliding limit.
    /// setWriteDeadline closes it with Errc::WriteTimeout if output is still pending when the deadline
    /// passes. setDeadline sets both. A default-constructed time_point clears a deadline. These make
    /// gnet's SetDeadline family (ErrUnsupportedOp there) work.
    using TimePoint = std::chrono::steady_clock::time_point;
    void setDeadline(TimePoint deadline);
    void setReadDeadline(TimePoint deadline);
    void setWriteDeadline(TimePoint deadline);

    // ---- Socket (thread-safe) -----------------------------------------------------------------

    /// fd is the socket's file descriptor; it belongs to the engine: do not close it.
    int fd() const noexcept;
    /// dup returns a duplicate of the socket's descriptor, which the caller must close.
    int dup(std::error_code& ec) const noexcept;
    /// setReadBuffer / setWriteBuffer set SO_RCVBUF / SO_SNDBUF.
    std::error_code setReadBuffer(int bytes) noexcept;
    std::error_code setWriteBuffer(int bytes) noexcept;
    /// setLinger sets SO_LINGER: nullopt restores the default (the OS finishes sending in the
    /// background); zero makes close discard unsent data and reset the connection.
    std::error_code setLinger(std::optional<std::chrono::seconds> timeout) noexcept;
    /// setKeepAlivePeriod enables TCP keep-alive with this idle time (interval a fifth of it, at
    /// least 1 s, 5 probes); zero disables keep-alive.
    std::error_code setKeepAlivePeriod(std::chrono::seconds idle) noexcept;
    /// setNoDelay sets TCP_NODELAY (true disables Nagle's algorithm).
    std::error_code setNoDelay(bool noDelay) noexcept;

protected:
    Conn() = default;
    ~Conn() = default;
};

} // namespace qgnet
