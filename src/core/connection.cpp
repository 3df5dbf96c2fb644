// SPDX-License-Identifier: Apache-2.0
#include "connection.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine_config.h"
#include "engine_core.h"
#include "event_loop.h"
#include "qgnet/error.h"
#include "socket_ops.h"
#include "stats/live_counters.h"
#include "tls/tls_session.h"

namespace qgnet::detail {

namespace {
std::atomic<std::uint64_t> nextConnectionId{1};
}

Connection::Connection(EventLoop& loop, int fd, Network network, const SocketAddress& local,
    const SocketAddress& remote, Kind handleKind)
    : IoHandle(handleKind)
    , network_(network)
    , loop_(&loop)
    , id_(nextConnectionId.fetch_add(1, std::memory_order_relaxed))
{
    socketFd = fd;
    setAddress(local_, local, &Extra::otherLocal);
    setAddress(remote_, remote, &Extra::otherRemote);
    const Options& o = loop.config().options;
    if (o.idleTimeout.count() > 0 || o.readTimeout.count() > 0 || o.writeTimeout.count() > 0) {
        Extra& e = extra();
        e.idleTimeout = o.idleTimeout;
        e.readTimeout = o.readTimeout;
        e.writeTimeout = o.writeTimeout;
    }
    countUp(liveCells().connections);
}

Connection::~Connection()
{
    delete buffers_; // only a connection closed with a send in flight still holds them (markClosed)
    countDown(liveCells().connections);
}

Connection::Extra& Connection::extra()
{
    if (!extra_)
        extra_ = std::make_unique<Extra>(loop_->now());
    return *extra_;
}

ConnBuffers& Connection::buffers()
{
    if (!buffers_)
        buffers_ = loop_->takeBuffers();
    return *buffers_;
}

void Connection::releaseBuffersIfIdle() noexcept
{
    if (buffers_ && buffers_->idle()) {
        loop_->returnBuffers(buffers_);
        buffers_ = nullptr;
    }
}

void Connection::setAddress(CompactAddress& to, const SocketAddress& from, std::unique_ptr<SocketAddress> Extra::*other)
{
    if (to.assign(from)) {
        if (extra_ && extra_.get()->*other)
            (extra_.get()->*other).reset();
        return;
    }
    auto& kept = extra().*other;
    if (kept)
        *kept = from; // a Unix datagram socket's next sender: no allocation per datagram
    else
        kept = std::make_unique<SocketAddress>(from);
}

SocketAddress Connection::address(const CompactAddress& from,
    std::unique_ptr<SocketAddress> Extra::*other) const noexcept
{
    if (from.isInline())
        return from.get();
    return extra_ && extra_.get()->*other ? *(extra_.get()->*other) : SocketAddress();
}

void Connection::beginTraffic(Bytes data) noexcept
{
    if (tls_)
        tls_->setInput(data); // ciphertext: the reader sees what it decrypts to (showPlaintext)
    else
        fresh_ = data;
    if (!data.empty() && extra_)
        extra_->lastRead = loop_->now(); // only timeouts read it, and they live in Extra
}

void Connection::showPlaintext(Bytes data) noexcept { fresh_ = data; }

// ---- TLS --------------------------------------------------------------------------------------

void Connection::enableTls(const TlsContext& context, TlsLoopBuffers& buffers, bool client, std::string_view peerName)
{
    tls_ = std::make_unique<TlsSession>(context, buffers, loop_->pool(), client, peerName);
}

TlsStatus Connection::tlsHandshake()
{
    const TlsStatus status = tls_->handshake();
    (void)sendStaged(); // the next flight, or the alert that explains a failure to the peer
    return status;
}

TlsReadStatus Connection::tlsRead(std::size_t& got)
{
    const MutableBytes plain = tls_->buffers().plain();
    const TlsReadStatus status = tls_->read(plain, got);
    (void)sendStaged(); // a read may answer (a key update, an alert)
    if (status == TlsReadStatus::Data)
        showPlaintext(plain.first(got));
    return status;
}

void Connection::tlsCloseNotify(std::error_code reason)
{
    if (!tls_ || state_ == State::Closed || reason.category() == std::system_category())
        return;
    if (reason == Errc::TlsError || reason == Errc::TlsHandshakeFailed || reason == Errc::TlsVerifyFailed
        || reason == Errc::TlsHandshakeTimeout || reason == Errc::TlsTruncated)
        return;
    tls_->closeNotify();
    (void)sendStaged();
}

// Encrypts in pieces of at most 64 KiB of plaintext, each sent (or buffered) before the next, so the
// loop's staging buffer stays small however large the write.
std::error_code Connection::writeTls(std::span<const Bytes> parts)
{
    constexpr std::size_t kPiece = 64 * 1024;
    for (Bytes part : parts) {
        while (!part.empty()) {
            const Bytes piece = part.first(std::min(kPiece, part.size()));
            if (!tls_->encrypt(piece)) {
                tls_->buffers().clearStaged();
                loop_->config().log(LogLevel::Warn,
                    "TLS encryption failed on the connection with " + remoteAddr().toString() + ": " + tls_->error());
                fail(Errc::TlsError);
                return Errc::TlsError;
            }
            part = part.subspan(piece.size());
            if (tls_->buffers().staged().size() >= kPiece)
                if (const std::error_code ec = sendStaged())
                    return ec;
        }
    }
    return sendStaged();
}

std::error_code Connection::sendStaged()
{
    const Bytes records = tls_->buffers().staged();
    if (records.empty())
        return {};
    const std::error_code ec = writeWire(records);
    tls_->buffers().clearStaged();
    return ec;
}

// ---- reader -----------------------------------------------------------------------------------

Bytes Connection::peek(std::size_t n)
{
    const std::size_t available = inboundBuffered();
    if (n > available || n == 0)
        return {};
    if (inboundSize() == 0)
        return fresh_.first(n); // the common case: no copy, a view of the loop's read buffer
    const RingBuffer& inbound = buffers_->inbound;
    const auto [first, second] = inbound.segments();
    if (first.size() >= n)
        return first.first(n);
    // The bytes straddle the ring's wrap point or the ring and the fresh data: join them once.
    std::byte* joined = loop_->scratch(n);
    const std::size_t fromRing = std::min(n, inbound.size());
    inbound.copyOut(fromRing, joined);
    if (n > fromRing)
        std::memcpy(joined + fromRing, fresh_.data(), n - fromRing);
    return {joined, n};
}

std::size_t Connection::discard(std::size_t n) noexcept
{
    const std::size_t fromRing = buffers_ ? buffers_->inbound.discard(n) : 0;
    const std::size_t fromFresh = std::min(n - fromRing, fresh_.size());
    fresh_ = fresh_.subspan(fromFresh);
    return fromRing + fromFresh;
}

std::size_t Connection::read(MutableBytes dst)
{
    const std::size_t n = std::min(dst.size(), inboundBuffered());
    const std::size_t fromRing = std::min(n, inboundSize());
    if (fromRing > 0)
        buffers_->inbound.copyOut(fromRing, dst.data());
    if (n > fromRing)
        std::memcpy(dst.data() + fromRing, fresh_.data(), n - fromRing);
    discard(n);
    return n;
}

std::size_t Connection::writeTo(const std::function<std::size_t(Bytes)>& sink)
{
    std::size_t total = 0;
    for (;;) {
        const Bytes first = buffers_ ? buffers_->inbound.segments().first : Bytes();
        const Bytes piece = !first.empty() ? first : fresh_;
        if (piece.empty())
            return total;
        const std::size_t taken = std::min(sink(piece), piece.size());
        discard(taken);
        total += taken;
        if (taken < piece.size())
            return total;
    }
}

Bytes Connection::takeAll()
{
    if (inboundSize() == 0) {
        const Bytes view = fresh_;
        fresh_ = {};
        return view;
    }
    const Bytes view = peek(inboundBuffered());
    discard(view.size());
    return view;
}

void Connection::stashAndRelease()
{
    if (isDatagram()) {
        fresh_ = {}; // a datagram is a whole message: what the handler left of it is dropped
        return;
    }
    // The cap is checked before anything is appended: the rings grow by doubling, so appending first
    // let one read make a ring allocate up to twice the cap. Past it the bytes are dropped (the
    // connection closes with InputLimitExceeded); a ring never grows beyond the cap rounded up to a
    // power of two.
    const std::size_t cap = loop_->config().options.maxInputBuffered;
    if (tls_ && tls_->inputPending()) {
        // ciphertext not decrypted yet (reading paused, or stopped midway)
        if (tls_->keptInput() + tls_->pendingInput() > cap) {
            tls_->dropInput();
            requestClose(Errc::InputLimitExceeded);
        } else {
            tls_->keepInput();
        }
    }
    if (!fresh_.empty()) {
        if (inboundSize() + fresh_.size() > cap)
            requestClose(Errc::InputLimitExceeded);
        else
            buffers().inbound.append(fresh_);
        fresh_ = {};
    }
    if (buffers_) {
        buffers_->inbound.release(); // only frees when empty; deferred to here so views stayed valid
        releaseBuffersIfIdle();
    }
}

// ---- writer -----------------------------------------------------------------------------------

void Connection::fail(std::error_code reason)
{
    // Output for a failed connection is pointless: drop it now. The loop closes the connection as soon
    // as control returns to it (after the callback, or after the flush it asked for). A failure
    // outranks an earlier graceful close request: it is what really ended the connection.
    // (While a completion backend's send may read it, the memory stays until the connection goes.)
    if (inFlight == 0 && buffers_) {
        buffers_->outbound.clear();
        afterOutputShrank();
    }
    closeRequested_ = true;
    extra().closeReason = reason;
}

bool Connection::exceedsOutputCap(std::size_t adding) const noexcept
{
    return outboundSize() + adding > loop_->config().options.maxOutputBuffered;
}

void Connection::noteWriteProgress() noexcept
{
    if (extra_) // only timeouts read it, and they live in Extra
        extra_->lastWrite = loop_->now();
}

void Connection::noteSent(std::size_t n) noexcept
{
    bytesOut_ += n;
    LoopCounters& counters = loop_->mutableCounters();
    LoopCounters::add(counters.bytesOut, n);
    LoopCounters::add(counters.writes, 1);
    noteWriteProgress();
    if (watched_) [[unlikely]]
        noteTraffic(0, n);
}

void Connection::noteTraffic(std::size_t in, std::size_t out) noexcept { loop_->timelineTraffic(*this, in, out); }

void Connection::noteTimeline(TimelineEntry::Kind what, TimelineEntry::Cause cause, std::string_view detail) noexcept
{
    if (watched_)
        loop_->timelineEntry(*this, what, cause, detail);
}

void Connection::appendOutput(Bytes data)
{
    OutboundBuffer& outbound = buffers().outbound;
    const bool startsWaiting = outbound.empty();
    outbound.append(data);
    if (startsWaiting) {
        noteWriteProgress(); // output starts waiting: the write timeout counts from here
        if (extra_ && (extra_->writeTimeout.count() > 0 || extra_->writeDeadline != Clock::time_point{}))
            loop_->refreshTimeouts(*this); // now that output is pending, a write deadline applies
    }
    if (writable_ && outbound.size() >= loop_->engine().outputHighWater()) {
        writable_ = false;
        ++extra().highWaterHits;
        noteTimeline(TimelineEntry::Kind::HighWater);
    }
}

void Connection::afterOutputShrank() noexcept
{
    if (!writable_ && outboundSize() <= loop_->engine().outputLowWater()) {
        writable_ = true;
        noteTimeline(TimelineEntry::Kind::LowWater);
    }
}

void Connection::wantFlush()
{
    if (!writeArmed && outboundSize() > 0) {
        writeArmed = true;
        loop_->backend().requestFlush(*this);
    }
}

std::error_code Connection::sendTo(const SocketAddress& to, Bytes data)
{
    if (!isDatagram())
        return Errc::UnsupportedOperation;
    if (state_ == State::Closed || closeRequested_)
        return Errc::ConnectionClosed;
    // One datagram, never buffered: EMSGSIZE, EAGAIN or ENOBUFS go back to the caller, and the
    // socket stays as it was (a datagram that cannot be sent concerns that datagram only).
    const IoResult r = loop_->backend().trySendTo(*this, to, data);
    if (r.error)
        return {r.error, std::system_category()};
    noteSent(data.size());
    return {};
}

std::error_code Connection::write(Bytes data)
{
    if (isDatagram())
        return sendTo(connected_ ? SocketAddress() : remoteAddr(), data);
    if (state_ == State::Closed || closeRequested_)
        return Errc::ConnectionClosed;
    if (data.empty())
        return {};
    if (tls_)
        return writeTls({&data, 1});
    return writeWire(data);
}

// The bytes that go on the wire (plaintext, or TLS records): write-through when nothing is pending,
// else to the outbound buffer in order.
std::error_code Connection::writeWire(Bytes data)
{
    if (state_ == State::Closed)
        return Errc::ConnectionClosed;
    if (outboundSize() == 0) {
        const IoResult r = loop_->backend().trySend(*this, data);
        if (r.error) {
            const std::error_code ec(r.error, std::system_category());
            fail(ec);
            return ec;
        }
        if (r.bytes > 0)
            noteSent(r.bytes);
        if (r.bytes == data.size())
            return {};
        data = data.subspan(r.bytes);
    }
    if (exceedsOutputCap(data.size())) {
        fail(Errc::OutputLimitExceeded);
        return Errc::OutputLimitExceeded;
    }
    appendOutput(data);
    wantFlush();
    return {};
}

std::error_code Connection::writev(std::span<const Bytes> parts)
{
    if (isDatagram()) { // the pieces make one datagram
        std::size_t total = 0;
        for (const Bytes& part : parts)
            total += part.size();
        std::byte* joined = loop_->scratch(total);
        for (const Bytes& part : parts) {
            if (!part.empty())
                std::memcpy(joined, part.data(), part.size());
            joined += part.size();
        }
        return write(Bytes(joined - total, total));
    }
    if (state_ == State::Closed || closeRequested_)
        return Errc::ConnectionClosed;
    if (tls_)
        return writeTls(parts);
    return writevWire(parts);
}

std::error_code Connection::writevWire(std::span<const Bytes> parts)
{
    std::size_t sent = 0;
    if (outboundSize() == 0) {
        // One gathered send for as many pieces as fit in an iovec array; the rest is buffered in order.
        iovec iov[64];
        std::size_t count = 0;
        for (; count < parts.size() && count < std::size(iov); ++count)
            iov[count] = {const_cast<std::byte*>(parts[count].data()), parts[count].size()};
        const IoResult r = loop_->backend().trySendv(*this, {iov, count});
        if (r.error) {
            const std::error_code ec(r.error, std::system_category());
            fail(ec);
            return ec;
        }
        sent = r.bytes;
        if (sent > 0)
            noteSent(sent);
    }
    std::size_t rest = 0;
    for (const Bytes& part : parts)
        rest += part.size();
    rest -= sent;
    if (rest == 0)
        return {};
    if (exceedsOutputCap(rest)) {
        fail(Errc::OutputLimitExceeded);
        return Errc::OutputLimitExceeded;
    }
    for (const Bytes& part : parts) {
        const std::size_t skip = std::min(sent, part.size());
        sent -= skip;
        if (part.size() > skip)
            appendOutput(part.subspan(skip));
    }
    wantFlush();
    return {};
}

bool Connection::flushNow() { return flush(false); }

bool Connection::flushBeforeClose() { return flush(true); }

bool Connection::flush(bool beforeClose)
{
    iovec iov[IOV_MAX];
    IoBackend& backend = loop_->backend();
    while (outboundSize() > 0) {
        std::size_t bytes = 0;
        const int count = buffers_->outbound.gather(iov, IOV_MAX, bytes);
        const std::span<const iovec> parts(iov, static_cast<std::size_t>(count));
        const IoResult r = beforeClose ? backend.sendBeforeClose(*this, parts) : backend.trySendv(*this, parts);
        if (r.error) {
            fail(std::error_code(r.error, std::system_category()));
            return false;
        }
        if (r.bytes > 0)
            noteSent(r.bytes);
        buffers_->outbound.consume(r.bytes);
        if (r.bytes < bytes)
            break; // the socket is full: wait for writability
    }
    afterOutputShrank();
    if (outboundSize() == 0) {
        if (writeArmed) {
            writeArmed = false;
            loop_->backend().flushDone(*this);
        }
        releaseBuffersIfIdle();
    } else {
        wantFlush();
    }
    return true;
}

void Connection::consumeSent(std::size_t n)
{
    if (n > 0)
        noteSent(n);
    if (buffers_)
        buffers_->outbound.consume(n);
    afterOutputShrank();
    writeArmed = false;
    if (outboundSize() > 0) {
        wantFlush();
    } else {
        loop_->backend().flushDone(*this);
        releaseBuffersIfIdle();
    }
}

std::error_code Connection::flush()
{
    if (state_ == State::Closed || closeRequested_)
        return Errc::ConnectionClosed;
    if (!flushNow())
        return closeReason();
    return {};
}

std::size_t Connection::readFrom(int sourceFd, std::error_code& ec)
{
    ec.clear();
    if (state_ == State::Closed || closeRequested_) {
        ec = Errc::ConnectionClosed;
        return 0;
    }
    // A stack buffer: the loop's read buffer may hold this callback's fresh data.
    std::byte buffer[16 * 1024];
    std::size_t total = 0;
    for (;;) {
        const ssize_t n = ::read(sourceFd, buffer, sizeof buffer);
        if (n > 0) {
            total += static_cast<std::size_t>(n);
            if ((ec = write(Bytes(buffer, static_cast<std::size_t>(n)))))
                return total;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN)
            ec = errnoCode();
        break;
    }
    if (!ec)
        ec = flush();
    return total;
}

// ---- state ------------------------------------------------------------------------------------

std::error_code Connection::requestClose(std::error_code reason)
{
    if (state_ == State::Closed)
        return Errc::ConnectionClosed;
    if (!closeRequested_) {
        extra().closeReason = reason;
        closeRequested_ = true;
    }
    return {};
}

void Connection::beginDrain()
{
    if (state_ != State::Open)
        return;
    state_ = State::Draining;
    loop_->backend().setReading(*this, false);
}

void Connection::setReadPaused(bool paused)
{
    if (readPaused_ == paused || state_ == State::Closed)
        return;
    const bool wasStopped = readingStopped();
    readPaused_ = paused;
    noteTimeline(paused ? TimelineEntry::Kind::ReadPaused : TimelineEntry::Kind::ReadResumed,
        TimelineEntry::Cause::User);
    readingChanged(wasStopped);
}

void Connection::setBudgetPaused(bool paused)
{
    if (budgetPaused_ == paused || state_ == State::Closed)
        return;
    const bool wasStopped = readingStopped();
    budgetPaused_ = paused;
    noteTimeline(paused ? TimelineEntry::Kind::ReadPaused : TimelineEntry::Kind::ReadResumed,
        TimelineEntry::Cause::MemoryBudget);
    readingChanged(wasStopped);
}

// The user's pause and the budget's are independent; the backend hears only when reading as a
// whole stops or starts.
void Connection::readingChanged(bool wasStopped)
{
    const bool stopped = readingStopped();
    if (stopped == wasStopped)
        return;
    loop_->backend().setReading(*this, !stopped);
    // Edge-triggered: bytes that arrived while paused raise no new edge, so go and read them.
    // TLS: what the session holds is no longer in the socket, so no readiness will announce it.
    if (!stopped && state_ == State::Open
        && (loop_->config().options.edgeTriggeredIO || (tls_ && tls_->hasBufferedInput())))
        loop_->queueReadAgain(*this);
}

std::size_t Connection::heldBytes() const noexcept
{
    const std::size_t buffered = buffers_ ? buffers_->inbound.capacity() + buffers_->outbound.heldBytes() : 0;
    return buffered + (tls_ ? tls_->keptCapacity() : 0);
}

// ---- timeouts ---------------------------------------------------------------------------------

Clock::time_point Connection::nextTimeout() const noexcept
{
    // A server's UDP socket is every peer's: no timeout of one Conn may close it for all of them.
    if (isDatagram() && !isConnectedDatagram())
        return Clock::time_point::max();
    if (!extra_)
        return Clock::time_point::max(); // no timeout or deadline was ever set
    const Extra& e = *extra_;
    if (state_ == State::Connecting)
        return e.connectDeadline != Clock::time_point{} ? e.connectDeadline : Clock::time_point::max();
    Clock::time_point next = Clock::time_point::max();
    if (state_ == State::Handshaking && e.handshakeDeadline != Clock::time_point{})
        next = e.handshakeDeadline;
    if (e.idleTimeout.count() > 0)
        next = std::min(next, std::max(e.lastRead, e.lastWrite) + e.idleTimeout);
    if (e.readTimeout.count() > 0)
        next = std::min(next, e.lastRead + e.readTimeout);
    if (e.readDeadline != Clock::time_point{})
        next = std::min(next, e.readDeadline);
    if (outboundSize() > 0) {
        if (e.writeTimeout.count() > 0)
            next = std::min(next, e.lastWrite + e.writeTimeout);
        if (e.writeDeadline != Clock::time_point{})
            next = std::min(next, e.writeDeadline);
        if (e.flushDeadline != Clock::time_point{})
            next = std::min(next, e.flushDeadline);
    }
    return next;
}

std::error_code Connection::expired(Clock::time_point now) const noexcept
{
    if (!extra_)
        return {};
    const Extra& e = *extra_;
    if (state_ == State::Connecting)
        return e.connectDeadline != Clock::time_point{} && now >= e.connectDeadline
            ? std::make_error_code(std::errc::timed_out)
            : std::error_code();
    if (state_ == State::Handshaking && e.handshakeDeadline != Clock::time_point{} && now >= e.handshakeDeadline)
        return Errc::TlsHandshakeTimeout;
    if (outboundSize() > 0 && !sendQueued) {
        if (e.writeTimeout.count() > 0 && now >= e.lastWrite + e.writeTimeout)
            return Errc::WriteTimeout;
        if (e.writeDeadline != Clock::time_point{} && now >= e.writeDeadline)
            return Errc::WriteTimeout;
        if (e.flushDeadline != Clock::time_point{} && now >= e.flushDeadline) // a graceful close ran out of time
            return closeRequested_ && e.closeReason == Errc::EngineShutdown ? e.closeReason : Errc::WriteTimeout;
    }
    if (e.readTimeout.count() > 0 && now >= e.lastRead + e.readTimeout)
        return Errc::ReadTimeout;
    if (e.readDeadline != Clock::time_point{} && now >= e.readDeadline)
        return Errc::ReadTimeout;
    if (e.idleTimeout.count() > 0 && now >= std::max(e.lastRead, e.lastWrite) + e.idleTimeout)
        return Errc::IdleTimeout;
    return {};
}

// A timeout set now counts from now, as a fresh deadline would.
void Connection::timeoutsChanged()
{
    Extra& e = extra();
    e.lastRead = e.lastWrite = loop_->now();
    loop_->refreshTimeouts(*this);
}

void Connection::setIdleTimeout(std::chrono::milliseconds t)
{
    extra().idleTimeout = std::max(t, std::chrono::milliseconds(0));
    timeoutsChanged();
}

void Connection::setReadTimeout(std::chrono::milliseconds t)
{
    extra().readTimeout = std::max(t, std::chrono::milliseconds(0));
    timeoutsChanged();
}

void Connection::setWriteTimeout(std::chrono::milliseconds t)
{
    extra().writeTimeout = std::max(t, std::chrono::milliseconds(0));
    timeoutsChanged();
}

void Connection::setReadDeadline(Clock::time_point t)
{
    extra().readDeadline = t;
    loop_->refreshTimeouts(*this);
}

void Connection::setWriteDeadline(Clock::time_point t)
{
    extra().writeDeadline = t;
    loop_->refreshTimeouts(*this);
}

void Connection::markClosed() noexcept
{
    state_ = State::Closed;
    fresh_ = {};
    if (buffers_) {
        buffers_->inbound.discard(buffers_->inbound.size());
        buffers_->inbound.release();
        if (inFlight == 0) // else an in-flight send may still read it: freed with the connection
            buffers_->outbound.clear();
        releaseBuffersIfIdle();
    }
    tls_.reset(); // the session's memory (OpenSSL's record buffers) goes now, not at the iteration's end
}

} // namespace qgnet::detail

// ---- the public Conn methods: thin forwards to the Connection behind them ----------------------

namespace qgnet {

namespace {
detail::Connection& self(Conn& c) { return static_cast<detail::Connection&>(c); }
const detail::Connection& self(const Conn& c) { return static_cast<const detail::Connection&>(c); }
} // namespace

std::size_t Conn::read(MutableBytes dst) { return self(*this).read(dst); }
Bytes Conn::peek(std::size_t n) { return self(*this).peek(n); }
Bytes Conn::peek() { return self(*this).peek(inboundBuffered()); }
Bytes Conn::next(std::size_t n)
{
    const Bytes view = self(*this).peek(n);
    self(*this).discard(view.size());
    return view;
}
Bytes Conn::next() { return self(*this).takeAll(); }
std::size_t Conn::discard(std::size_t n) { return self(*this).discard(n); }
std::size_t Conn::inboundBuffered() const noexcept { return self(*this).inboundBuffered(); }
std::size_t Conn::writeTo(const std::function<std::size_t(Bytes)>& sink) { return self(*this).writeTo(sink); }
std::error_code Conn::write(Bytes data) { return self(*this).write(data); }
std::error_code Conn::writev(std::span<const Bytes> parts) { return self(*this).writev(parts); }
std::error_code Conn::flush() { return self(*this).flush(); }
std::size_t Conn::outboundBuffered() const noexcept { return self(*this).outboundBuffered(); }
std::size_t Conn::readFrom(int fd, std::error_code& ec) { return self(*this).readFrom(fd, ec); }
std::any& Conn::context() { return self(*this).context(); }
void Conn::setContext(std::any value) { self(*this).context() = std::move(value); }
SocketAddress Conn::localAddr() const noexcept { return self(*this).localAddr(); }
SocketAddress Conn::remoteAddr() const noexcept { return self(*this).remoteAddr(); }
Network Conn::network() const noexcept { return self(*this).network(); }
int Conn::loopIndex() const noexcept { return self(*this).loop().index(); }
bool Conn::isOpen() const noexcept
{
    return self(*this).state() != detail::Connection::State::Closed && !self(*this).closeRequested();
}
std::error_code Conn::close()
{
    if (!self(*this).loop().isLoopThread())
        return Errc::WrongThread;
    return self(*this).requestClose(Errc::ClosedByHandler);
}

std::uint64_t Conn::id() const noexcept { return self(*this).id(); }
ConnHandle Conn::handle() const
{
    const auto& c = self(*this);
    return ConnHandle(c.loop().mailbox(), c.slot, c.id());
}
bool Conn::isWritable() const noexcept { return self(*this).isWritable(); }
void Conn::pauseRead() { self(*this).setReadPaused(true); }
void Conn::resumeRead() { self(*this).setReadPaused(false); }
bool Conn::isReadPaused() const noexcept { return self(*this).isReadPaused(); }
void Conn::setIdleTimeout(std::chrono::milliseconds t) { self(*this).setIdleTimeout(t); }
void Conn::setReadTimeout(std::chrono::milliseconds t) { self(*this).setReadTimeout(t); }
void Conn::setWriteTimeout(std::chrono::milliseconds t) { self(*this).setWriteTimeout(t); }
void Conn::setDeadline(TimePoint t)
{
    self(*this).setReadDeadline(t);
    self(*this).setWriteDeadline(t);
}
void Conn::setReadDeadline(TimePoint t) { self(*this).setReadDeadline(t); }
void Conn::setWriteDeadline(TimePoint t) { self(*this).setWriteDeadline(t); }

std::error_code Conn::sendTo(const SocketAddress& to, Bytes data) { return self(*this).sendTo(to, data); }

bool isTls(const Conn& conn) noexcept { return self(conn).isTls(); }
std::string_view tlsProtocol(const Conn& conn) noexcept
{
    const detail::TlsSession* tls = self(conn).tls();
    return tls ? tls->alpn() : std::string_view();
}
std::string_view tlsVersion(const Conn& conn) noexcept
{
    const detail::TlsSession* tls = self(conn).tls();
    return tls ? tls->version() : std::string_view();
}

int Conn::fd() const noexcept { return self(*this).socketFd; }
int Conn::dup(std::error_code& ec) const noexcept
{
    const int copy = ::fcntl(self(*this).socketFd, F_DUPFD_CLOEXEC, 0);
    ec = copy < 0 ? detail::errnoCode() : std::error_code();
    return copy;
}
std::error_code Conn::setReadBuffer(int bytes) noexcept
{
    return detail::setIntOption(fd(), SOL_SOCKET, SO_RCVBUF, bytes);
}
std::error_code Conn::setWriteBuffer(int bytes) noexcept
{
    return detail::setIntOption(fd(), SOL_SOCKET, SO_SNDBUF, bytes);
}
std::error_code Conn::setLinger(std::optional<std::chrono::seconds> timeout) noexcept
{
    return detail::setLinger(fd(), timeout);
}
std::error_code Conn::setKeepAlivePeriod(std::chrono::seconds idle) noexcept
{
    return detail::setKeepAlive(fd(), idle);
}
std::error_code Conn::setNoDelay(bool noDelay) noexcept
{
    return detail::setIntOption(fd(), IPPROTO_TCP, TCP_NODELAY, noDelay ? 1 : 0);
}

} // namespace qgnet
