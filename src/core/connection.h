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
#include "buffer/conn_buffers.h"
#include "compact_address.h"
#include "qgnet/conn.h"
#include "qgnet/timeline.h"
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
    void beginDatagram(Bytes data, const SocketAddress& from)
    {
        setRemote(from);
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
        if (!fresh_.empty() || buffers_ || tls_)
            stashAndRelease();
    }
    /// takeAll is Conn::next(): every buffered byte, consumed; without a copy when the ring is empty.
    Bytes takeAll();
    bool closeRequested() const noexcept { return closeRequested_; }
    std::error_code closeReason() const noexcept { return extra_ ? extra_->closeReason : std::error_code(); }
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
    void setHandshakeDeadline(Clock::time_point t) { extra().handshakeDeadline = t; }
    /// keepDialCallback holds a TLS dialer's callback until the handshake ends.
    void keepDialCallback(AsyncCallback callback) { extra().dialCallback = std::move(callback); }

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
        bytes = 0;
        return buffers_ ? buffers_->outbound.gather(iov, maxIov, bytes) : 0;
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
    std::size_t outboundHeld() const noexcept { return buffers_ ? buffers_->outbound.heldBytes() : 0; }
    /// setBudgetPaused pauses or resumes reading for the budget, apart from the user's pauseRead:
    /// reading goes on only when neither holds it.
    void setBudgetPaused(bool paused);
    bool isBudgetPaused() const noexcept { return budgetPaused_; }

    // ---- timeouts ----
    /// nextTimeout is the earliest moment a timeout or deadline could fire (max() when none is set).
    Clock::time_point nextTimeout() const noexcept;
    /// expired returns the timeout that has fired at now, or an empty code.
    std::error_code expired(Clock::time_point now) const noexcept;
    /// Dialing: the connect deadline and what to tell the dialer (see Connector::dial).
    void beginConnecting(Clock::time_point deadline, AsyncCallback onDialed)
    {
        state_ = State::Connecting;
        Extra& e = extra();
        e.connectDeadline = deadline;
        e.dialCallback = std::move(onDialed);
    }
    AsyncCallback takeDialCallback() noexcept { return extra_ ? std::move(extra_->dialCallback) : AsyncCallback(); }
    void setConnected(const SocketAddress& local)
    {
        setAddress(local_, local, &Extra::otherLocal);
        if (extra_)
            extra_->connectDeadline = {};
        connected_ = true;
        state_ = State::Open;
    }
    void setRemote(const SocketAddress& remote) { setAddress(remote_, remote, &Extra::otherRemote); }
    /// setFlushDeadline bounds a graceful close's flush: past it the connection is cut off (WriteTimeout).
    void setFlushDeadline(Clock::time_point t) { extra().flushDeadline = t; }
    /// Callbacks of ConnHandle::closeWithCallback, run right after onClose.
    void addCloseCallback(AsyncCallback callback) { extra().closeCallbacks.push_back(std::move(callback)); }
    std::vector<AsyncCallback> takeCloseCallbacks() noexcept
    {
        return extra_ ? std::move(extra_->closeCallbacks) : std::vector<AsyncCallback>();
    }
    /// timeoutTimer is the loop's timer for this connection (0 when none is armed), due at timeoutTimerAt.
    TimerQueue::Id timeoutTimer() const noexcept { return extra_ ? extra_->timeoutTimer : 0; }
    Clock::time_point timeoutTimerAt() const noexcept
    {
        return extra_ ? extra_->timeoutTimerAt : Clock::time_point::max();
    }
    void setTimeoutTimer(TimerQueue::Id timer, Clock::time_point at)
    {
        if (!extra_ && timer == 0)
            return;
        Extra& e = extra();
        e.timeoutTimer = timer;
        e.timeoutTimerAt = at;
    }
    /// dialRace is, while Connecting, the dial this attempt belongs to.
    std::shared_ptr<DialRace>& dialRace() { return extra().dialRace; }

    // ---- loop bookkeeping ----
    // (slot, readAgainQueued, writeArmed and peerEnded are declared with the private members, where
    // they pack with the other small ones.)

    // ---- Conn implementation (called through Conn's non-virtual methods) ----
    std::size_t read(MutableBytes dst);
    Bytes peek(std::size_t n);
    std::size_t discard(std::size_t n) noexcept;
    std::size_t inboundBuffered() const noexcept { return inboundSize() + fresh_.size(); }
    std::size_t writeTo(const std::function<std::size_t(Bytes)>& sink);
    std::error_code write(Bytes data);
    std::error_code writev(std::span<const Bytes> parts);
    std::error_code flush();
    std::size_t outboundBuffered() const noexcept { return buffers_ ? buffers_->outbound.size() : 0; }
    std::size_t readFrom(int fd, std::error_code& ec);
    /// context is kept in the Extra part: the first call allocates it.
    std::any& context() { return extra().context; }
    SocketAddress localAddr() const noexcept { return address(local_, &Extra::otherLocal); }
    SocketAddress remoteAddr() const noexcept { return address(remote_, &Extra::otherRemote); }
    Network network() const noexcept { return network_; }

    // ---- statistics (loop thread; read by snapshot tasks) ----
    /// markOpened stamps the wall-clock time onOpen runs.
    void markOpened() noexcept { opened_ = std::chrono::system_clock::now(); }
    std::chrono::system_clock::time_point openedAt() const noexcept { return opened_; }
    void countReceived(std::size_t n) noexcept
    {
        bytesIn_ += n;
        if (watched_) [[unlikely]]
            noteTraffic(n, 0);
    }
    std::uint64_t bytesIn() const noexcept { return bytesIn_; }
    std::uint64_t bytesOut() const noexcept { return bytesOut_; }
    std::uint64_t highWaterHits() const noexcept { return extra_ ? extra_->highWaterHits : 0; }
    std::size_t outboundSpilled() const noexcept { return buffers_ ? buffers_->outbound.spilledBytes() : 0; }
    std::size_t outboundRingCapacity() const noexcept { return buffers_ ? buffers_->outbound.ringCapacity() : 0; }
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

    // ---- timeline (qgnet/timeline.h; loop thread) ----
    /// watched: someone watches this connection's timeline (EventLoop::watch). A byte next to the
    /// state, so the hot path's test reads a cache line it has already touched; nothing else of the
    /// timeline lives here (the loop keeps it, by id).
    bool watched() const noexcept { return watched_; }
    void setWatched(bool watched) noexcept { watched_ = watched; }
    /// noteTimeline records kind in the loop's timeline of this connection, if it is watched.
    void noteTimeline(TimelineEntry::Kind what, TimelineEntry::Cause cause = TimelineEntry::Cause::None,
        std::string_view detail = {}) noexcept;

private:
    /// Extra is what only some connections need, allocated on first use (extra()) and kept until the
    /// connection goes: timeouts and deadlines with their timer, the dial's and ConnHandle's
    /// callbacks, the user's context, the close reason, the high-water count, and a Unix address
    /// (CompactAddress keeps IP ones only). An idle TCP connection with no timeout configured has none.
    struct Extra {
        explicit Extra(Clock::time_point now) noexcept : lastRead(now), lastWrite(now) {}
        std::error_code closeReason;
        std::uint64_t highWaterHits = 0;
        std::any context;
        TimerQueue::Id timeoutTimer = 0;
        Clock::time_point timeoutTimerAt = Clock::time_point::max();
        std::chrono::milliseconds idleTimeout{0};
        std::chrono::milliseconds readTimeout{0};
        std::chrono::milliseconds writeTimeout{0};
        Clock::time_point readDeadline{};
        Clock::time_point writeDeadline{};
        Clock::time_point flushDeadline{};
        Clock::time_point connectDeadline{};
        Clock::time_point handshakeDeadline{};
        Clock::time_point lastRead;
        Clock::time_point lastWrite; // last write progress, or when output started waiting
        AsyncCallback dialCallback;
        std::vector<AsyncCallback> closeCallbacks;
        std::shared_ptr<DialRace> dialRace;
        std::unique_ptr<SocketAddress> otherLocal; // a local address CompactAddress cannot hold
        std::unique_ptr<SocketAddress> otherRemote;
    };

    /// extra is the Extra part, allocated on first use.
    Extra& extra();
    /// buffers are the connection's ConnBuffers, taken from the loop on first need.
    ConnBuffers& buffers();
    /// releaseBuffersIfIdle gives the ConnBuffers back to the loop once they hold nothing.
    void releaseBuffersIfIdle() noexcept;
    std::size_t inboundSize() const noexcept { return buffers_ ? buffers_->inbound.size() : 0; }
    std::size_t outboundSize() const noexcept { return buffers_ ? buffers_->outbound.size() : 0; }
    void setAddress(CompactAddress& to, const SocketAddress& from, std::unique_ptr<SocketAddress> Extra::*other);
    SocketAddress address(const CompactAddress& from, std::unique_ptr<SocketAddress> Extra::*other) const noexcept;
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
    void afterOutputShrank() noexcept;
    void noteWriteProgress() noexcept;
    void noteSent(std::size_t n) noexcept;
    void timeoutsChanged();
    void readingChanged(bool wasStopped);
    void noteTraffic(std::size_t in, std::size_t out) noexcept;

    // Ordered so that the small members fill what IoHandle leaves (it ends in two single bytes) and
    // pack with each other: see the static_assert below.
    Network network_;
    State state_ = State::Open;
    bool closeRequested_ = false;
    bool readPaused_ = false;
    bool budgetPaused_ = false;
    bool writable_ = true;
    bool connected_ = false;
    bool notifiedWritable_ = true;
    bool client_ = false;
    bool watched_ = false; // in the padding before slot: the object does not grow

public:
    bool readAgainQueued = false; ///< on the loop's edge-triggered "read again" list
    bool writeArmed = false;      ///< the backend has been asked to flush
    /// peerEnded: the poller reported the peer's end (EOF, hang-up or error) behind whatever is still
    /// to be read, so a short read is no sign that the socket is drained (edge-triggered epoll).
    bool peerEnded = false;
    std::uint32_t slot = 0; ///< index in the loop's connection table (ConnHandle keys on it)

private:
    CompactAddress local_;
    CompactAddress remote_;
    EventLoop* loop_;
    const std::uint64_t id_;
    Bytes fresh_;
    std::unique_ptr<TlsSession> tls_;
    ConnBuffers* buffers_ = nullptr; // the loop's, while the connection holds bytes
    std::unique_ptr<Extra> extra_;
    std::chrono::system_clock::time_point opened_;
    std::uint64_t bytesIn_ = 0;
    std::uint64_t bytesOut_ = 0;
};

// What an idle connection costs is mostly this object (bench/run-idle-memory.sh: at most 0.25 KiB of
// user space per idle connection, malloc's header and the loop's slot included). 168 bytes and glibc's
// 8-byte header make a 176-byte chunk; 8 bytes more would take the next size, 192. What only a busy
// or unusual connection needs goes to ConnBuffers or Connection::Extra, not here.
static_assert(sizeof(Connection) <= 168, "keep an idle connection small: see bench/run-idle-memory.sh");

} // namespace qgnet::detail
