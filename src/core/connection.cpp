// SPDX-License-Identifier: Apache-2.0
#include "connection.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine_config.h"
#include "event_loop.h"
#include "qgnet/error.h"
#include "socket_ops.h"

namespace qgnet::detail {

Connection::Connection(EventLoop& loop, int fd, Network network, const SocketAddress& local,
    const SocketAddress& remote)
    : IoHandle(Kind::Connection)
    , loop_(&loop)
    , network_(network)
    , local_(local)
    , remote_(remote)
    , inbound_(loop.pool())
    , outbound_(loop.pool(), loop.config().options.writeBufferCap)
{
    socketFd = fd;
}

Connection::~Connection() = default;

// ---- reader -----------------------------------------------------------------------------------

Bytes Connection::peek(std::size_t n)
{
    const std::size_t available = inboundBuffered();
    if (n > available || n == 0)
        return {};
    if (inbound_.empty())
        return fresh_.first(n); // the common case: no copy, a view of the loop's read buffer
    const auto [first, second] = inbound_.segments();
    if (first.size() >= n)
        return first.first(n);
    // The bytes straddle the ring's wrap point or the ring and the fresh data: join them once.
    std::byte* joined = loop_->scratch(n);
    const std::size_t fromRing = std::min(n, inbound_.size());
    inbound_.copyOut(fromRing, joined);
    if (n > fromRing)
        std::memcpy(joined + fromRing, fresh_.data(), n - fromRing);
    return {joined, n};
}

std::size_t Connection::discard(std::size_t n) noexcept
{
    const std::size_t fromRing = inbound_.discard(n);
    const std::size_t fromFresh = std::min(n - fromRing, fresh_.size());
    fresh_ = fresh_.subspan(fromFresh);
    return fromRing + fromFresh;
}

std::size_t Connection::read(MutableBytes dst)
{
    const std::size_t n = std::min(dst.size(), inboundBuffered());
    const std::size_t fromRing = std::min(n, inbound_.size());
    inbound_.copyOut(fromRing, dst.data());
    if (n > fromRing)
        std::memcpy(dst.data() + fromRing, fresh_.data(), n - fromRing);
    discard(n);
    return n;
}

std::size_t Connection::writeTo(const std::function<std::size_t(Bytes)>& sink)
{
    std::size_t total = 0;
    for (;;) {
        const auto [first, second] = inbound_.segments();
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

void Connection::endCallback()
{
    if (!fresh_.empty()) {
        inbound_.append(fresh_);
        fresh_ = {};
    }
    inbound_.release(); // only frees when empty; deferred to here so views stayed valid
}

// ---- writer -----------------------------------------------------------------------------------

void Connection::fail(int error)
{
    // The loop closes the connection as soon as control returns to it (after the callback, or after
    // the flush it asked for); the connection never closes itself from under a running callback.
    const std::error_code reason(error, std::system_category());
    if (state_ == State::Closed)
        return;
    outbound_.clear();
    closeRequested_ = true;
    closeReason_ = reason;
}

std::error_code Connection::write(Bytes data)
{
    if (state_ == State::Closed || closeRequested_)
        return Errc::ConnectionClosed;
    if (data.empty())
        return {};
    if (outbound_.empty()) {
        const IoResult r = loop_->backend().trySend(*this, data);
        if (r.error) {
            fail(r.error);
            return {r.error, std::system_category()};
        }
        data = data.subspan(r.bytes);
        if (data.empty())
            return {};
    }
    outbound_.append(data);
    if (!writeArmed) {
        writeArmed = true;
        loop_->backend().requestFlush(*this);
    }
    return {};
}

std::error_code Connection::writev(std::span<const Bytes> parts)
{
    if (state_ == State::Closed || closeRequested_)
        return Errc::ConnectionClosed;
    if (outbound_.empty()) {
        // One gathered send for as many pieces as fit in an iovec array; the rest is buffered in order.
        iovec iov[64];
        std::size_t count = 0;
        for (; count < parts.size() && count < std::size(iov); ++count)
            iov[count] = {const_cast<std::byte*>(parts[count].data()), parts[count].size()};
        const IoResult r = loop_->backend().trySendv(*this, {iov, count});
        if (r.error) {
            fail(r.error);
            return {r.error, std::system_category()};
        }
        std::size_t sent = r.bytes;
        std::size_t i = 0;
        for (; i < parts.size() && sent >= parts[i].size(); ++i)
            sent -= parts[i].size();
        if (i == parts.size())
            return {};
        outbound_.append(parts[i].subspan(sent));
        for (++i; i < parts.size(); ++i)
            outbound_.append(parts[i]);
    } else {
        for (const Bytes& part : parts)
            outbound_.append(part);
    }
    if (!outbound_.empty() && !writeArmed) {
        writeArmed = true;
        loop_->backend().requestFlush(*this);
    }
    return {};
}

bool Connection::flushNow()
{
    iovec iov[IOV_MAX];
    while (!outbound_.empty()) {
        std::size_t bytes = 0;
        const int count = outbound_.gather(iov, IOV_MAX, bytes);
        const IoResult r = loop_->backend().trySendv(*this, {iov, static_cast<std::size_t>(count)});
        if (r.error) {
            fail(r.error);
            return false;
        }
        outbound_.consume(r.bytes);
        if (r.bytes < bytes)
            break; // the socket is full: wait for writability
    }
    if (outbound_.empty()) {
        if (writeArmed) {
            writeArmed = false;
            loop_->backend().flushDone(*this);
        }
    } else if (!writeArmed) {
        writeArmed = true;
        loop_->backend().requestFlush(*this);
    }
    return true;
}

void Connection::consumeSent(std::size_t n)
{
    outbound_.consume(n);
    writeArmed = false;
    if (!outbound_.empty()) {
        writeArmed = true;
        loop_->backend().requestFlush(*this);
    } else {
        loop_->backend().flushDone(*this);
    }
}

std::error_code Connection::flush()
{
    if (state_ == State::Closed || closeRequested_)
        return Errc::ConnectionClosed;
    if (!flushNow())
        return closeReason_;
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
        closeRequested_ = true;
        closeReason_ = reason;
    }
    return {};
}

void Connection::beginDrain()
{
    state_ = State::Draining;
    readingOff = true;
    loop_->backend().setReading(*this, false);
}

void Connection::markClosed() noexcept
{
    state_ = State::Closed;
    fresh_ = {};
    inbound_.discard(inbound_.size());
    inbound_.release();
    outbound_.clear();
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
Bytes Conn::next() { return next(inboundBuffered()); }
std::size_t Conn::discard(std::size_t n) { return self(*this).discard(n); }
std::size_t Conn::inboundBuffered() const noexcept { return self(*this).inboundBuffered(); }
std::size_t Conn::writeTo(const std::function<std::size_t(Bytes)>& sink) { return self(*this).writeTo(sink); }
std::error_code Conn::write(Bytes data) { return self(*this).write(data); }
std::error_code Conn::writev(std::span<const Bytes> parts) { return self(*this).writev(parts); }
std::error_code Conn::flush() { return self(*this).flush(); }
std::size_t Conn::outboundBuffered() const noexcept { return self(*this).outboundBuffered(); }
std::size_t Conn::readFrom(int fd, std::error_code& ec) { return self(*this).readFrom(fd, ec); }
std::any& Conn::context() noexcept { return self(*this).context(); }
void Conn::setContext(std::any value) { self(*this).context() = std::move(value); }
const SocketAddress& Conn::localAddr() const noexcept { return self(*this).localAddr(); }
const SocketAddress& Conn::remoteAddr() const noexcept { return self(*this).remoteAddr(); }
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

int Conn::fd() const noexcept { return self(*this).socketFd; }
int Conn::dup(std::error_code& ec) const noexcept
{
    const int copy = ::fcntl(self(*this).socketFd, F_DUPFD_CLOEXEC, 0);
    ec = copy < 0 ? detail::errnoCode() : std::error_code();
    return copy;
}
std::error_code Conn::setReadBuffer(int bytes) noexcept { return detail::setIntOption(fd(), SOL_SOCKET, SO_RCVBUF, bytes); }
std::error_code Conn::setWriteBuffer(int bytes) noexcept { return detail::setIntOption(fd(), SOL_SOCKET, SO_SNDBUF, bytes); }
std::error_code Conn::setLinger(std::optional<std::chrono::seconds> timeout) noexcept { return detail::setLinger(fd(), timeout); }
std::error_code Conn::setKeepAlivePeriod(std::chrono::seconds idle) noexcept { return detail::setKeepAlive(fd(), idle); }
std::error_code Conn::setNoDelay(bool noDelay) noexcept
{
    return detail::setIntOption(fd(), IPPROTO_TCP, TCP_NODELAY, noDelay ? 1 : 0);
}

} // namespace qgnet
