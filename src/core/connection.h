// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <any>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <system_error>
#include <vector>

#include "backend/backend.h"
#include "buffer/outbound_buffer.h"
#include "buffer/ring_buffer.h"
#include "qgnet/conn.h"
#include "qgnet/tls.h"
#include "timer_queue.h"

namespace qgnet::detail {

class EventLoop;
struct DialRace;
class TlsLoopBuffers;
class TlsSession;
enum class TlsStatus : std::uint8_t;
enum class TlsReadStatus : std::uint8_t;

/// Connection is the object behind a Conn: the socket, its inbound ring, the fresh bytes of the
/// current read, its outbound buffer, backpressure and timeout state, and its place in the close state
/// machine. It is owned by its loop, created and destroyed there, and only touched from there (but for
/// the socket options).
///
///   Connecting ──connected──▶ Open    (a client's non-blocking connect; failure or timeout: gone, no onClose)
///   Handshaking ──TLS handshake done──▶ Open (onOpen then; failure or timeout: gone, no onClose)
///   Open ──peer EOF, or engine stop with a drain time, while output is pending──▶ Draining ──flushed──▶ Closed
///     └──────── Action::Close / close() / I/O error / limit / timeout / engine stop ───────────────▶ Closed
///
/// The connection never closes itself: a failure inside it only records closeRequested/closeReason,
/// and the loop acts on that as soon as control returns to it (EventLoop::settle).
///
/// With TLS (Options::tls) a TlsSession sits between the socket's bytes and the reader/writer: the
/// backend's bytes are ciphertext handed to the session (beginTraffic), the reader shows the
/// plaintext it yields (showPlaintext), and every write encrypts first and sends the records through
/// the same write-through/outbound path (writeWire). Such a connection is Handshaking once registered
/// (it reads and writes like an Open one) and reaches the handler (onOpen) only once the handshake is
/// done (tls/tls_handshake.h).
class Connection final : public Conn, public IoHandle {
public:
    enum class State : std::uint8_t { Connecting, Handshaking, Open, Draining, Closed };

    /// kind is Connection for a stream socket, Datagram for a UDP socket (one per UDP listener and
    /// loop on the server side: each datagram is shown to onTraffic with its sender as remoteAddr()).
    Connection(EventLoop& loop, int fd, Network network, const SocketAddress& local, const SocketAddress& remote,
        Kind kind = Kind::Connection);
    ~Connection();

    EventLoop& loop() const noexcept { return *loop_; }
    State state() const noexcept { return state_; }
    std::uint64_t id() const noexcept { return id_; }

    // ---- used by the loop around callbacks ----
    /// beginTraffic shows data (a backend-owned buffer) to the reader for the coming onTraffic;
    /// with TLS it makes data the session's ciphertext input instead (see receiveTls).
    void beginTraffic(Bytes data) noexcept;
    /// beginDatagram shows one datagram and makes its sender the remote address replies go to.
    void beginDatagram(Bytes data, const SocketAddress& from) noexcept
    {
        remote_ = from;
        beginTraffic(data);
    }
    /// showPlaintext makes data (decrypted TLS input) the reader's fresh bytes.
    void showPlaintext(Bytes data) noexcept;
    bool isDatagram() const noexcept { return kind == Kind::Datagram; }
    /// isConnectedDatagram: a UDP socket with a fixed peer (a client's), which has a lifetime of its
    /// own, unlike a server's UDP socket, which only carries datagrams.
    bool isConnectedDatagram() const noexcept { return isDatagram() && connected_; }
    /// endCallback keeps what onTraffic left unconsumed, enforces the input cap, and releases memory
    /// the callback emptied. Inline: for an echo that consumed everything there is nothing to do.
    void endCallback()
    {
        if (!fresh_.empty() || inbound_.holdsMemory() || tls_)
            stashAndRelease();
    }
    /// takeAll is Conn::next(): every buffered byte, consumed; without a copy when the ring is empty.
    Bytes takeAll();
    bool closeRequested() const noexcept { return closeRequested_; }
    std::error_code closeReason() const noexcept { return closeReason_; }
    /// writabilityNotice says whether the handler must hear of a writability change, and which.
    bool writabilityNoticeDue() const noexcept { return writable_ != notifiedWritable_; }
    bool takeWritabilityNotice() noexcept { return notifiedWritable_ = writable_; }

    // ---- TLS (tls_session.h) ----
    /// enableTls attaches a session (before the connection is registered); throws qgnet::Error.
    void enableTls(const TlsContext& context, TlsLoopBuffers& buffers, bool client, std::string_view peerName);
    bool isTls() const noexcept { return tls_ != nullptr; }
    TlsSession* tls() const noexcept { return tls_.get(); }
    /// tlsHandshake advances the handshake and sends the records it produced (an alert too).
    TlsStatus tlsHandshake();
    /// tlsRead decrypts into the loop's plaintext buffer (see TlsSession::read); got bytes of it
    /// become the reader's fresh data when the status is Data.
    TlsReadStatus tlsRead(std::size_t& got);
    /// tlsCloseNotify sends close_notify once, unless reason is a socket or TLS failure.
    void tlsCloseNotify(std::error_code reason);
    void setHandshakeDeadline(Clock::time_point t) noexcept { handshakeDeadline_ = t; }
    /// keepDialCallback holds a TLS dialer's callback until the handshake ends.
    void keepDialCallback(AsyncCallback callback) noexcept { dialCallback_ = std::move(callback); }

    // ---- writer internals ----
    /// flushNow writes as much of the outbound buffer as the socket takes; arms or disarms the
    /// backend's write interest accordingly. Returns false if the connection failed.
    bool flushNow();
    /// flushBeforeClose is the last flush of a connection that closes without waiting for its output:
    /// what the socket takes now goes (IoBackend::sendBeforeClose), the rest is lost with the close.
    bool flushBeforeClose();
    /// gatherOutbound fills iov with the front of the outbound buffer (see OutboundBuffer::gather),
    /// for a completion backend's send.
    int gatherOutbound(iovec* iov, int maxIov, std::size_t& bytes) const noexcept
    {
        return outbound_.gather(iov, maxIov, bytes);
    }
    /// consumeSent drops n bytes that a completion backend reports as sent, then continues.
    void consumeSent(std::size_t n);
    /// beginDrain stops reading and keeps flushing until the output is gone (peer EOF, engine stop).
    void beginDrain();
    /// markClosed moves to Closed and drops all buffers (after onClose).
    void markClosed() noexcept;
    void setState(State s) noexcept { state_ = s; }
    /// wantsRead: open (or in its TLS handshake), not paused by the user. Backends consult it to arm
    /// or skip reads.
    bool wantsRead() const noexcept
    {
        return (state_ == State::Open || state_ == State::Handshaking) && !readPaused_ && !budgetPaused_;
    }
    /// readingStopped: paused by the user (pauseRead) or by the memory budget; what backends check
    /// before watching for the peer's hang-up instead of reading.
    bool readingStopped() const noexcept { return readPaused_ || budgetPaused_; }

    // ---- Options::memoryBudget (memory_budget.h) ----
    /// heldBytes is the pool memory the connection's buffers hold: the inbound ring, the outbound ring
    /// and chunks, and a TLS session's kept ciphertext.
    std::size_t heldBytes() const noexcept;
    /// outboundHeld is the outbound buffer's part of heldBytes.
    std::size_t outboundHeld() const noexcept { return outbound_.heldBytes(); }
    /// setBudgetPaused pauses or resumes reading for the budget, apart from the user's pauseRead:
    /// reading goes on only when neither holds it.
    void setBudgetPaused(bool paused);
    bool isBudgetPaused() const noexcept { return budgetPaused_; }
    std::size_t heldAtPause = 0;     ///< heldBytes() when the budget paused it
    std::size_t outboundAtPause = 0; ///< outboundHeld() then

    // ---- timeouts ----
    /// nextTimeout is the earliest moment a timeout or deadline could fire (max() when none is set).
    Clock::time_point nextTimeout() const noexcept;
    /// expired returns the timeout that has fired at now, or an empty code.
    std::error_code expired(Clock::time_point now) const noexcept;
    /// Dialing: the connect deadline and what to tell the dialer (see Connector::dial).
    void beginConnecting(Clock::time_point deadline, AsyncCallback onDialed) noexcept
    {
        state_ = State::Connecting;
        connectDeadline_ = deadline;
        dialCallback_ = std::move(onDialed);
    }
    AsyncCallback takeDialCallback() noexcept { return std::move(dialCallback_); }
    void setConnected(const SocketAddress& local) noexcept
    {
        local_ = local;
        connectDeadline_ = {};
        connected_ = true;
        state_ = State::Open;
    }
    void setRemote(const SocketAddress& remote) noexcept { remote_ = remote; }
    /// setFlushDeadline bounds a graceful close's flush: past it the connection is cut off (WriteTimeout).
    void setFlushDeadline(Clock::time_point t) noexcept { flushDeadline_ = t; }
    /// Callbacks of ConnHandle::closeWithCallback, run right after onClose.
    void addCloseCallback(AsyncCallback callback) { closeCallbacks_.push_back(std::move(callback)); }
    std::vector<AsyncCallback> takeCloseCallbacks() noexcept { return std::move(closeCallbacks_); }
    TimerQueue::Id timeoutTimer = 0;    ///< the loop's timer for this connection, if armed
    std::shared_ptr<DialRace> dialRace; ///< while Connecting: the dial this attempt belongs to
    Clock::time_point timeoutTimerAt = Clock::time_point::max();

    // ---- loop bookkeeping ----
    std::uint32_t slot = 0;       ///< index in the loop's connection table (ConnHandle keys on it)
    bool readAgainQueued = false; ///< on the loop's edge-triggered "read again" list
    bool writeArmed = false;      ///< the backend has been asked to flush
    /// peerEnded: the poller reported the peer's end (EOF, hang-up or error) behind whatever is still
    /// to be read, so a short read is no sign that the socket is drained (edge-triggered epoll).
    bool peerEnded = false;

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

    // ---- statistics (loop thread; read by snapshot tasks) ----
    /// markOpened stamps the wall-clock time onOpen runs.
    void markOpened() noexcept { opened_ = std::chrono::system_clock::now(); }
    std::chrono::system_clock::time_point openedAt() const noexcept { return opened_; }
    void countReceived(std::size_t n) noexcept { bytesIn_ += n; }
    std::uint64_t bytesIn() const noexcept { return bytesIn_; }
    std::uint64_t bytesOut() const noexcept { return bytesOut_; }
    std::uint64_t highWaterHits() const noexcept { return highWaterHits_; }
    std::size_t outboundSpilled() const noexcept { return outbound_.spilledBytes(); }
    std::size_t outboundRingCapacity() const noexcept { return outbound_.ringCapacity(); }
    /// isClient: dialled or enrolled by a Client rather than accepted.
    bool isClient() const noexcept { return client_; }
    void setClient() noexcept { client_ = true; }
    std::error_code requestClose(std::error_code reason);
    std::error_code sendTo(const SocketAddress& to, Bytes data);
    bool isWritable() const noexcept { return writable_; }
    void setReadPaused(bool paused);
    bool isReadPaused() const noexcept { return readPaused_; }
    void setTimeouts(std::chrono::milliseconds idle, std::chrono::milliseconds read, std::chrono::milliseconds write);
    void setIdleTimeout(std::chrono::milliseconds t);
    void setReadTimeout(std::chrono::milliseconds t);
    void setWriteTimeout(std::chrono::milliseconds t);
    void setReadDeadline(Clock::time_point t);
    void setWriteDeadline(Clock::time_point t);

private:
    std::error_code writeWire(Bytes data);
    std::error_code writevWire(std::span<const Bytes> parts);
    std::error_code writeTls(std::span<const Bytes> parts);
    std::error_code sendStaged();
    bool flush(bool beforeClose);
    void stashAndRelease();
    void fail(std::error_code reason);
    bool exceedsOutputCap(std::size_t adding) const noexcept;
    void appendOutput(Bytes data);
    void wantFlush();
    void afterOutputShrank();
    void noteWriteProgress() noexcept;
    void noteSent(std::size_t n) noexcept;
    void timeoutsChanged();
    void readingChanged(bool wasStopped);

    EventLoop* loop_;
    const std::uint64_t id_;
    Network network_;
    State state_ = State::Open;
    bool closeRequested_ = false;
    bool readPaused_ = false;
    bool budgetPaused_ = false;
    bool writable_ = true;
    bool connected_ = false;
    bool notifiedWritable_ = true;
    bool client_ = false;
    std::error_code closeReason_;
    SocketAddress local_;
    SocketAddress remote_;
    RingBuffer inbound_;
    Bytes fresh_;
    OutboundBuffer outbound_;
    std::any context_;
    std::unique_ptr<TlsSession> tls_;
    Clock::time_point handshakeDeadline_{};

    std::chrono::milliseconds idleTimeout_{0};
    std::chrono::milliseconds readTimeout_{0};
    std::chrono::milliseconds writeTimeout_{0};
    Clock::time_point readDeadline_{};
    Clock::time_point writeDeadline_{};
    Clock::time_point flushDeadline_{};
    Clock::time_point connectDeadline_{};
    AsyncCallback dialCallback_;
    std::vector<AsyncCallback> closeCallbacks_;
    Clock::time_point lastRead_;
    Clock::time_point lastWrite_; // last write progress, or when output started waiting
    std::chrono::system_clock::time_point opened_;
    std::uint64_t bytesIn_ = 0;
    std::uint64_t bytesOut_ = 0;
    std::uint64_t highWaterHits_ = 0;
};

} // namespace qgnet::detail
