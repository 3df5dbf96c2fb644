// SPDX-License-Identifier: Apache-2.0

#include "soak_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace qgnet_soak {

namespace {

constexpr std::size_t kMaxMessage = 64 * 1024;
// OpenSSL writes one record (16 KiB) per SSL_write with partial writes on; a retry after
// WANT_WRITE must pass the same bytes, which a fixed chunk regenerated from the offset does.
constexpr std::size_t kTlsChunk = 16 * 1024;

double monotonicSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

[[noreturn]] void fatal(const char* what)
{
    std::fprintf(stderr, "qgnet-soak-client: %s: %s\n", what, std::strerror(errno));
    std::exit(2);
}

std::string tlsError(SSL* ssl, int rc)
{
    const int error = SSL_get_error(ssl, rc);
    char reason[256] = "";
    if (unsigned long e = ERR_get_error(); e != 0)
        ERR_error_string_n(e, reason, sizeof reason);
    else if (error == SSL_ERROR_SYSCALL)
        std::snprintf(reason, sizeof reason, "%s", errno ? std::strerror(errno) : "EOF");
    ERR_clear_error();
    return "TLS error " + std::to_string(error) + " " + reason;
}

// Log-uniform in [1, 64 KiB]: as many 1-10 byte messages as 6-64 KiB ones.
std::size_t messageSize(Rng& rng)
{
    const double size = std::exp(rng.uniform() * std::log(static_cast<double>(kMaxMessage) + 1));
    return std::clamp<std::size_t>(static_cast<std::size_t>(size), 1, kMaxMessage);
}

std::uint64_t eventKey(std::size_t index, std::uint32_t socketNumber)
{
    return (static_cast<std::uint64_t>(index) << 32) | socketNumber;
}

const char* stateName(int state)
{
    static const char* const names[] = {"connecting", "handshaking", "ready", "active", "paused", "closing", "waiting",
        "done"};
    return names[state];
}

} // namespace

SoakClient::SoakClient(const SoakOptions& options)
    : options_(options)
    , sendBuffer_(kMaxMessage)
    , readBuffer_(kMaxMessage)
    , expectBuffer_(kMaxMessage)
{
    // Every connection is a descriptor: take the hard limit, as the load generator does.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    epfd_ = epoll_create1(EPOLL_CLOEXEC);
    if (epfd_ < 0)
        fatal("epoll_create1");
    if (options_.tls) {
        tlsContext_ = SSL_CTX_new(TLS_client_method());
        if (!tlsContext_)
            fatal("SSL_CTX_new");
        // The server's certificate is a throwaway one made by the script: not checked.
        SSL_CTX_set_verify(tlsContext_, SSL_VERIFY_NONE, nullptr);
        SSL_CTX_set_mode(tlsContext_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    }
    conns_.reserve(options_.conns);
    for (std::size_t i = 0; i < options_.conns; ++i)
        conns_.emplace_back(options_.seed, i);
}

SoakClient::~SoakClient()
{
    for (Conn& c : conns_)
        closeSocket(c, false);
    SSL_CTX_free(tlsContext_);
    if (epfd_ >= 0)
        close(epfd_);
}

std::string SoakClient::describe(const Conn& c) const
{
    char text[160];
    std::snprintf(text, sizeof text, "connection %zu (socket %" PRIu32 ", %s)", c.index, c.socketNumber,
        stateName(static_cast<int>(c.state)));
    return text;
}

void SoakClient::connectFailed(Conn& c, const std::string& what)
{
    // A server that is gone refuses every retry: count the first refusal in a row, not each one.
    if (c.connectFailing && started_) {
        closeSocket(c, true);
        c.state = ending_ ? State::Done : State::Waiting;
        if (!ending_)
            addTimer(c, now_ + 0.2);
        return;
    }
    c.connectFailing = true;
    lose(c, what);
}

void SoakClient::lose(Conn& c, const std::string& what)
{
    ++result_.lost;
    if (reports_++ < options_.maxReports)
        std::fprintf(stderr, "qgnet-soak-client: LOST %s at stream offset %" PRIu64 " (sent %" PRIu64 "): %s\n",
            describe(c).c_str(), c.verifyOffset, c.sendOffset, what.c_str());
    else if (reports_ == options_.maxReports + 1)
        std::fprintf(stderr, "qgnet-soak-client: further losses are only counted\n");
    // Carry on with a fresh socket from where the stream stands; the rest of a message cut short
    // is dropped from the stream.
    closeSocket(c, true);
    c.messageEnd = c.sendOffset;
    c.verifyOffset = c.sendOffset;
    c.pending = {};
    if (!started_) {
        std::fprintf(stderr, "qgnet-soak-client: could not open every connection\n");
        std::exit(2);
    }
    if (ending_) {
        c.state = State::Done;
        return;
    }
    // Not at once: a server that refuses connections would make this spin.
    c.state = State::Waiting;
    addTimer(c, now_ + 0.2);
}

void SoakClient::setEvents(Conn& c, std::uint32_t events)
{
    if (events == c.events)
        return;
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = eventKey(c.index, c.socketNumber);
    if (epoll_ctl(epfd_, EPOLL_CTL_MOD, c.fd, &ev) != 0)
        fatal("epoll_ctl");
    c.events = events;
}

void SoakClient::addTimer(Conn& c, double at) { timers_.push({at, c.index, ++c.timerSeq}); }

void SoakClient::openSocket(Conn& c)
{
    ++c.socketNumber;
    c.shutdownSent = false;
    c.lastProgress = now_;
    c.verifyOffset = c.sendOffset;
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0)
        fatal("socket");
    // Small messages in a closed loop must not wait for Nagle and delayed ACKs.
    const int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(options_.port));
    if (inet_pton(AF_INET, options_.host.c_str(), &address.sin_addr) != 1) {
        std::fprintf(stderr, "qgnet-soak-client: --host must be an IPv4 address\n");
        std::exit(2);
    }
    epoll_event ev{};
    ev.events = EPOLLOUT;
    ev.data.u64 = eventKey(c.index, c.socketNumber);
    if (epoll_ctl(epfd_, EPOLL_CTL_ADD, c.fd, &ev) != 0)
        fatal("epoll_ctl");
    c.events = EPOLLOUT;
    c.state = State::Connecting;
    if (connect(c.fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 && errno != EINPROGRESS)
        connectFailed(c, std::string("connect: ") + std::strerror(errno));
}

void SoakClient::reopen(Conn& c)
{
    closeSocket(c, false);
    if (ending_)
        c.state = State::Done;
    else
        openSocket(c);
}

void SoakClient::closeSocket(Conn& c, bool reset)
{
    if (c.fd < 0)
        return;
    if (reset) {
        // SO_LINGER 0: close() sends RST and drops whatever is unsent or unread.
        linger lingerOption{1, 0};
        setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &lingerOption, sizeof lingerOption);
    }
    SSL_free(c.ssl);
    c.ssl = nullptr;
    close(c.fd);
    c.fd = -1;
    c.events = 0;
}

void SoakClient::onConnected(Conn& c)
{
    c.lastProgress = now_;
    if (!started_) {
        c.state = State::Ready;
        setEvents(c, EPOLLIN); // to notice a close before the traffic starts
        return;
    }
    c.state = State::Active;
    setEvents(c, EPOLLIN);
    if (!ending_)
        messageSent(c); // the stream goes on with its next step
    pump(c);
}

void SoakClient::handshake(Conn& c)
{
    ERR_clear_error();
    const int rc = SSL_do_handshake(c.ssl);
    if (rc == 1)
        return onConnected(c);
    switch (SSL_get_error(c.ssl, rc)) {
    case SSL_ERROR_WANT_READ: setEvents(c, EPOLLIN); return;
    case SSL_ERROR_WANT_WRITE: setEvents(c, EPOLLIN | EPOLLOUT); return;
    default: lose(c, "handshake: " + tlsError(c.ssl, rc));
    }
}

void SoakClient::onEvent(Conn& c, std::uint32_t events)
{
    switch (c.state) {
    case State::Connecting: {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0)
            return connectFailed(c, std::string("connect: ") + std::strerror(error));
        if (!(events & EPOLLOUT))
            return;
        c.connectFailing = false;
        if (!tlsContext_)
            return onConnected(c);
        c.ssl = SSL_new(tlsContext_);
        if (!c.ssl || SSL_set_fd(c.ssl, c.fd) != 1)
            fatal("SSL_new");
        SSL_set_connect_state(c.ssl);
        c.state = State::Handshaking;
        return handshake(c);
    }
    case State::Handshaking: return handshake(c);
    case State::Ready: {
        // Nothing was sent yet: any data or a close is the server's doing.
        bool wantOut = false;
        bool progressed = false;
        readSome(c, wantOut, progressed);
        return;
    }
    case State::Paused:
        // epoll reports hang-ups and errors even with no events asked for: the server closed a
        // paused connection, which it must not do.
        if (events & (EPOLLHUP | EPOLLERR))
            lose(c, "closed by the server while paused");
        return;
    case State::Active:
    case State::Closing: return pump(c);
    case State::Waiting:
    case State::Done: return;
    }
}

// Writes and reads until both would block, taking the stream's next steps as messages complete.
void SoakClient::pump(Conn& c)
{
    if (c.state != State::Active && c.state != State::Closing)
        return;
    const std::uint32_t socketNumber = c.socketNumber;
    bool wantOut = false;
    for (;;) {
        bool progressed = false;
        wantOut = false;
        if (c.state == State::Active && !writeSome(c, wantOut))
            return;
        if (c.socketNumber != socketNumber || (c.state != State::Active && c.state != State::Closing))
            return;
        if (c.state == State::Closing && c.ssl && !c.shutdownSent) {
            ERR_clear_error();
            const int rc = SSL_shutdown(c.ssl);
            if (rc >= 0)
                c.shutdownSent = true;
            else if (SSL_get_error(c.ssl, rc) == SSL_ERROR_WANT_WRITE)
                wantOut = true;
            else
                return lose(c, "close_notify: " + tlsError(c.ssl, rc));
        }
        if (!readSome(c, wantOut, progressed))
            return;
        if (c.socketNumber != socketNumber || (c.state != State::Active && c.state != State::Closing))
            return;
        // An echo came back: a step that waited for it may go ahead, and it may have more to write.
        if (!progressed || c.state != State::Active || c.sendOffset < c.messageEnd || !tryStep(c))
            break;
        if (c.socketNumber != socketNumber || (c.state != State::Active && c.state != State::Closing))
            return;
    }
    setEvents(c, wantOut ? EPOLLIN | EPOLLOUT : EPOLLIN);
}

// Writes the current message; false if the connection was lost or replaced.
bool SoakClient::writeSome(Conn& c, bool& wantOut)
{
    const std::uint32_t socketNumber = c.socketNumber;
    while (c.state == State::Active && c.sendOffset < c.messageEnd) {
        const std::size_t length = std::min<std::uint64_t>(c.messageEnd - c.sendOffset,
            c.ssl ? kTlsChunk : kMaxMessage);
        c.stream.fill(c.sendOffset, sendBuffer_.data(), length);
        long n;
        if (c.ssl) {
            ERR_clear_error();
            const int rc = SSL_write(c.ssl, sendBuffer_.data(), static_cast<int>(length));
            if (rc <= 0) {
                const int error = SSL_get_error(c.ssl, rc);
                if (error == SSL_ERROR_WANT_WRITE)
                    wantOut = true;
                else if (error != SSL_ERROR_WANT_READ) {
                    lose(c, "write: " + tlsError(c.ssl, rc));
                    return false;
                }
                return true;
            }
            n = rc;
        } else {
            n = send(c.fd, sendBuffer_.data(), length, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK) {
                    wantOut = true;
                    return true;
                }
                lose(c, std::string("write: ") + std::strerror(errno));
                return false;
            }
        }
        c.sendOffset += static_cast<std::uint64_t>(n);
        if (c.sendOffset == c.messageEnd) {
            messageSent(c);
            if (c.socketNumber != socketNumber || c.fd < 0)
                return false;
        }
    }
    return true;
}

// Reads until it would block; false if the connection was lost or replaced.
bool SoakClient::readSome(Conn& c, bool& wantOut, bool& progressed)
{
    for (;;) {
        long n;
        if (c.ssl) {
            ERR_clear_error();
            const int rc = SSL_read(c.ssl, readBuffer_.data(), static_cast<int>(readBuffer_.size()));
            if (rc <= 0) {
                const int error = SSL_get_error(c.ssl, rc);
                if (error == SSL_ERROR_WANT_READ)
                    return true;
                if (error == SSL_ERROR_WANT_WRITE) {
                    wantOut = true;
                    return true;
                }
                // After our close_notify, the server's close_notify ends it, and so does a bare FIN
                // (every byte is checked already, nothing can be cut off); a reset or error does not.
                const bool closed = error == SSL_ERROR_ZERO_RETURN
                    || (error == SSL_ERROR_SSL
                        && ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING);
                if (c.state == State::Closing && closed) {
                    if (c.verifyOffset != c.sendOffset) {
                        lose(c, "closed before the whole echo came back");
                        return false;
                    }
                    ERR_clear_error();
                    reopen(c);
                    return false;
                }
                lose(c,
                    error == SSL_ERROR_ZERO_RETURN ? "closed by the server (close_notify)"
                                                   : "read: " + tlsError(c.ssl, rc));
                return false;
            }
            n = rc;
        } else {
            n = recv(c.fd, readBuffer_.data(), readBuffer_.size(), 0);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return true;
                lose(c, std::string("read: ") + std::strerror(errno));
                return false;
            }
            if (n == 0) {
                if (c.state == State::Closing && c.verifyOffset == c.sendOffset) {
                    reopen(c);
                    return false;
                }
                lose(c, c.state == State::Closing ? "closed before the whole echo came back" : "closed by the server");
                return false;
            }
        }
        if (!verify(c, readBuffer_.data(), static_cast<std::size_t>(n)))
            return false;
        progressed = true;
        c.lastProgress = now_;
    }
}

bool SoakClient::verify(Conn& c, const unsigned char* data, std::size_t length)
{
    const std::uint64_t expected = std::min<std::uint64_t>(length, c.sendOffset - c.verifyOffset);
    c.stream.fill(c.verifyOffset, expectBuffer_.data(), expected);
    if (std::memcmp(data, expectBuffer_.data(), expected) != 0) {
        std::size_t i = 0;
        while (data[i] == expectBuffer_[i])
            ++i;
        result_.verified += i;
        c.verifyOffset += i;
        char what[96];
        std::snprintf(what, sizeof what, "echo differs: byte 0x%02x, sent 0x%02x", data[i], expectBuffer_[i]);
        lose(c, what);
        return false;
    }
    result_.verified += expected;
    c.verifyOffset += expected;
    if (expected < length) {
        lose(c, std::to_string(length - expected) + " more bytes echoed than sent");
        return false;
    }
    return true;
}

// The current message is written (or the socket is new): draw the stream's next step and take it
// if it can go now.
void SoakClient::messageSent(Conn& c)
{
    if (ending_)
        return;
    Step step;
    const double u = c.rng.uniform();
    if (u < options_.reconnectProbability) {
        step.kind = StepKind::Reconnect;
        step.graceful = c.rng.next() & 1;
    } else if (u < options_.reconnectProbability + options_.pauseProbability) {
        step.kind = StepKind::Pause;
        step.pauseSeconds = c.rng.uniform() * options_.maxPauseSeconds;
    } else {
        step.kind = StepKind::Message;
        step.size = messageSize(c.rng);
        step.waitForEcho = c.rng.uniform() >= options_.pipelineProbability;
    }
    c.pending = step;
    tryStep(c);
}

// Takes the pending step if its condition holds; true if it was taken.
bool SoakClient::tryStep(Conn& c)
{
    const std::uint64_t unechoed = c.sendOffset - c.verifyOffset;
    switch (c.pending.kind) {
    case StepKind::None: return false;
    case StepKind::Message:
        if (unechoed > 0 && (c.pending.waitForEcho || unechoed + c.pending.size > options_.window))
            return false;
        if (unechoed == 0)
            c.lastProgress = now_; // the stall clock starts with the first unechoed byte
        c.messageEnd = c.sendOffset + c.pending.size;
        ++result_.messages;
        break;
    case StepKind::Pause:
        ++result_.pauses;
        c.state = State::Paused;
        setEvents(c, 0);
        addTimer(c, now_ + c.pending.pauseSeconds);
        break;
    case StepKind::Reconnect:
        if (c.pending.graceful) {
            if (unechoed > 0)
                return false;
            ++result_.gracefulReconnects;
            c.pending = {};
            startGracefulClose(c);
            return true;
        }
        ++result_.resetReconnects;
        result_.abandoned += unechoed;
        c.pending = {};
        closeSocket(c, true);
        openSocket(c);
        return true;
    }
    c.pending = {};
    return true;
}

void SoakClient::startGracefulClose(Conn& c)
{
    c.state = State::Closing;
    c.lastProgress = now_;
    if (c.ssl)
        return; // pump() sends close_notify
    if (shutdown(c.fd, SHUT_WR) != 0)
        lose(c, std::string("shutdown: ") + std::strerror(errno));
}

void SoakClient::onTimer(Conn& c)
{
    if (c.state == State::Waiting) {
        openSocket(c);
        return;
    }
    if (c.state != State::Paused)
        return;
    c.state = State::Active;
    c.lastProgress = now_;
    setEvents(c, EPOLLIN);
    messageSent(c);
    pump(c);
}

void SoakClient::beginEnd()
{
    ending_ = true;
    for (Conn& c : conns_) {
        // Steps not yet taken are dropped; a message half written is finished, so that its echo
        // can be checked in full.
        c.pending = {};
        if (c.state == State::Paused) {
            ++c.timerSeq;
            c.state = State::Active;
            c.lastProgress = now_;
            setEvents(c, EPOLLIN);
            pump(c);
        } else if (c.state == State::Waiting) {
            c.state = State::Done;
        }
    }
}

bool SoakClient::finished(const Conn& c) const
{
    return c.state == State::Done
        || (c.state == State::Active && c.sendOffset == c.messageEnd && c.verifyOffset == c.sendOffset);
}

void SoakClient::checkStalls(double now)
{
    for (Conn& c : conns_) {
        const bool waiting = c.state == State::Connecting || c.state == State::Handshaking || c.state == State::Closing
            || (c.state == State::Active && c.verifyOffset < c.sendOffset);
        if (waiting && now - c.lastProgress > options_.stallSeconds)
            lose(c, "no progress for " + std::to_string(static_cast<int>(options_.stallSeconds)) + " s");
    }
}

SoakResult SoakClient::run()
{
    now_ = monotonicSeconds();
    for (Conn& c : conns_)
        openSocket(c);

    std::vector<epoll_event> events(1024);
    const double connectDeadline = now_ + options_.connectSeconds;
    double endAt = 0;
    double drainDeadline = 0;
    double nextScan = now_ + 1;
    for (;;) {
        now_ = monotonicSeconds();
        if (!started_) {
            const bool allUp = std::all_of(conns_.begin(), conns_.end(),
                [](const Conn& c) { return c.state == State::Ready; });
            if (allUp) {
                started_ = true;
                std::printf("connected %zu\n", conns_.size());
                std::fflush(stdout);
                endAt = now_ + options_.seconds;
                for (Conn& c : conns_) {
                    c.state = State::Active;
                    c.lastProgress = now_;
                    messageSent(c);
                    pump(c);
                }
                continue;
            }
            if (now_ > connectDeadline || stopRequested_) {
                std::fprintf(stderr, "qgnet-soak-client: not every connection was up after %.0f s\n",
                    options_.connectSeconds);
                std::exit(2);
            }
        } else if (!ending_ && (now_ >= endAt || stopRequested_)) {
            beginEnd();
            drainDeadline = now_ + options_.drainSeconds;
        }
        if (ending_) {
            if (std::all_of(conns_.begin(), conns_.end(), [this](const Conn& c) { return finished(c); }))
                break;
            if (now_ >= drainDeadline) {
                for (Conn& c : conns_)
                    if (!finished(c))
                        lose(c,
                            "not finished " + std::to_string(static_cast<int>(options_.drainSeconds))
                                + " s after the end");
                break;
            }
        }
        while (!timers_.empty() && timers_.top().at <= now_) {
            const Timer timer = timers_.top();
            timers_.pop();
            Conn& c = conns_[timer.index];
            if (timer.seq == c.timerSeq)
                onTimer(c);
        }
        if (started_ && now_ >= nextScan) {
            checkStalls(now_);
            nextScan = now_ + 1;
        }
        double wakeAt = started_ ? nextScan : connectDeadline;
        if (!timers_.empty())
            wakeAt = std::min(wakeAt, timers_.top().at);
        if (started_ && !ending_)
            wakeAt = std::min(wakeAt, endAt);
        const int timeoutMs = std::clamp(static_cast<int>(std::ceil((wakeAt - now_) * 1000)), 0, 1000);
        const int n = epoll_wait(epfd_, events.data(), static_cast<int>(events.size()), timeoutMs);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fatal("epoll_wait");
        }
        now_ = monotonicSeconds();
        for (int i = 0; i < n; ++i) {
            const std::uint64_t key = events[static_cast<std::size_t>(i)].data.u64;
            Conn& c = conns_[key >> 32];
            // An event for a socket this index has since replaced is stale.
            if (c.fd >= 0 && static_cast<std::uint32_t>(key) == c.socketNumber)
                onEvent(c, events[static_cast<std::size_t>(i)].events);
        }
    }

    // Every echo is back: close every connection the polite way (FIN, close_notify first for TLS).
    for (Conn& c : conns_) {
        if (c.ssl && c.fd >= 0) {
            ERR_clear_error();
            SSL_shutdown(c.ssl);
        }
        closeSocket(c, false);
    }
    return result_;
}

} // namespace qgnet_soak
