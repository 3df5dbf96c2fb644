// SPDX-License-Identifier: Apache-2.0

#include "echo_target.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "fatal.h"
#include "websocket_client.h"

namespace qgnet_bench {
namespace {

std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

int socket_error(int fd)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return errno;
    return err;
}

} // namespace

EchoTarget::EchoTarget(std::size_t id, std::string host, unsigned port, pid_t server_pid, int conns, std::size_t size,
    int epfd, const ClientTls* tls, bool websocket)
    : id_(id)
    , host_(std::move(host))
    , port_(port)
    , server_pid_(server_pid)
    , size_(size)
    , websocket_(websocket)
    , tx_payload_(websocket ? clientFrameHeaderSize(size) : 0)
    , rx_payload_(websocket ? serverFrameHeaderSize(size) : 0)
    , epfd_(epfd)
    , tls_(tls)
    , conns_(static_cast<std::size_t>(conns))
{
    tx_size_ = tx_payload_ + size_;
    rx_size_ = rx_payload_ + size_;
    if (server_pid_ != 0) {
        server_clock_.emplace(server_pid_);
        if (!server_clock_->seconds())
            fail("cannot read CPU time of server pid %d", static_cast<int>(server_pid_));
    }
}

EchoTarget::~EchoTarget() { close_all(); }

double EchoTarget::server_cpu_seconds() const
{
    auto v = server_clock_->seconds();
    if (!v)
        fail("server pid %d disappeared during the run", static_cast<int>(server_pid_));
    return *v;
}

sockaddr_storage EchoTarget::resolve(socklen_t& len) const
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    std::string port = std::to_string(port_);
    if (int r = getaddrinfo(host_.c_str(), port.c_str(), &hints, &res); r != 0) {
        fail("resolve %s: %s", host_.c_str(), gai_strerror(r));
    }
    sockaddr_storage ss{};
    std::memcpy(&ss, res->ai_addr, res->ai_addrlen);
    len = res->ai_addrlen;
    freeaddrinfo(res);
    return ss;
}

void EchoTarget::ctl(int op, std::size_t idx, std::uint32_t ev)
{
    epoll_event e{};
    e.events = ev;
    e.data.u64 = event_key(id_, idx);
    if (epoll_ctl(epfd_, op, conns_[idx].fd, &e) != 0)
        fail("epoll_ctl: %s", std::strerror(errno));
}

void EchoTarget::start_connecting()
{
    socklen_t len = 0;
    sockaddr_storage addr = resolve(len);
    std::uint64_t seed = 0x51ed2701u;
    for (std::size_t i = 0; i < conns_.size(); ++i) {
        Connection& c = conns_[i];
        c.tx = std::make_unique<unsigned char[]>(tx_size_);
        c.rx = std::make_unique<unsigned char[]>(rx_size_);
        if (websocket_) {
            // The echo frame is known in full: the server's header and the payload
            // unmasked; what goes out is the client's header and the payload masked.
            c.expect = std::make_unique<unsigned char[]>(rx_size_);
            writeServerFrameHeader(c.expect.get(), size_);
            for (unsigned char& m : c.mask)
                m = static_cast<unsigned char>(splitmix64(seed));
            writeClientFrameHeader(c.tx.get(), size_, c.mask);
            for (std::size_t b = 0; b < size_; ++b) {
                c.expect[rx_payload_ + b] = static_cast<unsigned char>(splitmix64(seed));
                c.tx[tx_payload_ + b] = c.expect[rx_payload_ + b] ^ c.mask[b % 4];
            }
        } else {
            for (std::size_t b = 0; b < size_; ++b)
                c.tx[b] = static_cast<unsigned char>(splitmix64(seed));
        }
        c.fd = socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c.fd < 0)
            fail("socket (connection %zu of %zu): %s", i + 1, conns_.size(), std::strerror(errno));
        int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(c.fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 && errno != EINPROGRESS) {
            fail("connect %s:%u: %s", host_.c_str(), port_, std::strerror(errno));
        }
        ctl(EPOLL_CTL_ADD, i, EPOLLOUT); // writable == connect finished
    }
}

void EchoTarget::finish_connect(std::size_t idx)
{
    Connection& c = conns_[idx];
    int err = socket_error(c.fd);
    if (err != 0)
        fail("connect %s:%u: %s", host_.c_str(), port_, std::strerror(err));
    if (tls_) {
        c.ssl = tls_->attach(c.fd);
        continue_handshake(idx);
        return;
    }
    transport_ready(idx);
}

void EchoTarget::transport_ready(std::size_t idx)
{
    Connection& c = conns_[idx];
    ctl(EPOLL_CTL_MOD, idx, EPOLLIN);
    if (!websocket_) {
        c.connected = true;
        ++connected_;
        return;
    }
    // A request of about 200 bytes on a fresh connection fits its empty send
    // buffer: a short write here means something is broken, not slow.
    const std::string request = webSocketUpgradeRequest(host_, port_, "/ws", webSocketKey(event_key(id_, idx)));
    const auto* p = reinterpret_cast<const unsigned char*>(request.data());
    if (write_some(idx, p, request.size()) != request.size()) {
        fail("port %u, connection %zu: the upgrade request did not go out in one write", port_, idx);
    }
    c.upgrading = true;
}

// Reads the answer to the upgrade up to its blank line. Nothing may follow it:
// the server has nothing to send until the first message.
void EchoTarget::read_upgrade(std::size_t idx)
{
    Connection& c = conns_[idx];
    for (;;) {
        unsigned char buf[1024];
        bool eof = false;
        std::size_t n = read_some(idx, buf, sizeof buf, eof);
        if (eof)
            fail("server on port %u closed connection %zu during the upgrade", port_, idx);
        if (n == 0)
            return;
        c.upgrade_in.append(reinterpret_cast<const char*>(buf), n);
        if (c.upgrade_in.size() > 16384)
            fail("port %u, connection %zu: the upgrade answer exceeds 16 KiB", port_, idx);
        std::size_t end = c.upgrade_in.find("\r\n\r\n");
        if (end == std::string::npos)
            continue;
        if (end + 4 != c.upgrade_in.size()) {
            fail("server on port %u sent data after the upgrade answer on connection %zu", port_, idx);
        }
        std::string why = checkUpgradeResponse(c.upgrade_in, webSocketKey(event_key(id_, idx)));
        if (!why.empty())
            fail("port %u, connection %zu: %s", port_, idx, why.c_str());
        c.upgrading = false;
        c.upgrade_in = std::string();
        c.connected = true;
        ++connected_;
        return;
    }
}

void EchoTarget::continue_handshake(std::size_t idx)
{
    Connection& c = conns_[idx];
    int r = SSL_do_handshake(c.ssl);
    if (r == 1) {
        transport_ready(idx);
        return;
    }
    switch (SSL_get_error(c.ssl, r)) {
    case SSL_ERROR_WANT_READ: ctl(EPOLL_CTL_MOD, idx, EPOLLIN); return;
    case SSL_ERROR_WANT_WRITE: ctl(EPOLL_CTL_MOD, idx, EPOLLOUT); return;
    default: fail_tls("TLS handshake", port_, idx);
    }
}

// EPOLLOUT is armed only while part of a message is still unsent, or while a
// TLS read needs to write first.
void EchoTarget::update_interest(std::size_t idx)
{
    Connection& c = conns_[idx];
    bool need_out = c.sent < tx_size_ || c.read_wants_out;
    if (need_out != c.out_armed) {
        c.out_armed = need_out;
        ctl(EPOLL_CTL_MOD, idx, need_out ? (EPOLLIN | EPOLLOUT) : EPOLLIN);
    }
}

std::size_t EchoTarget::write_some(std::size_t idx, const unsigned char* p, std::size_t n)
{
    Connection& c = conns_[idx];
    if (!c.ssl) {
        ssize_t w = write(c.fd, p, n);
        if (w >= 0)
            return static_cast<std::size_t>(w);
        if (errno != EAGAIN && errno != EINTR)
            fail("write (port %u, connection %zu): %s", port_, idx, std::strerror(errno));
        return 0;
    }
    int w = SSL_write(c.ssl, p, static_cast<int>(n));
    if (w > 0)
        return static_cast<std::size_t>(w);
    if (SSL_get_error(c.ssl, w) == SSL_ERROR_WANT_WRITE)
        return 0;
    fail_tls("SSL_write", port_, idx);
}

std::size_t EchoTarget::read_some(std::size_t idx, unsigned char* p, std::size_t n, bool& eof)
{
    Connection& c = conns_[idx];
    eof = false;
    if (!c.ssl) {
        ssize_t r = read(c.fd, p, n);
        if (r > 0)
            return static_cast<std::size_t>(r);
        if (r == 0)
            eof = true;
        else if (errno != EAGAIN && errno != EINTR)
            fail("read (port %u, connection %zu): %s", port_, idx, std::strerror(errno));
        return 0;
    }
    int r = SSL_read(c.ssl, p, static_cast<int>(n));
    if (r > 0)
        return static_cast<std::size_t>(r);
    switch (SSL_get_error(c.ssl, r)) {
    case SSL_ERROR_WANT_READ: return 0;
    case SSL_ERROR_WANT_WRITE:
        c.read_wants_out = true;
        update_interest(idx);
        return 0;
    case SSL_ERROR_ZERO_RETURN: eof = true; return 0;
    default: fail_tls("SSL_read", port_, idx);
    }
}

void EchoTarget::start()
{
    feeding_ = true;
    for (std::size_t i = 0; i < conns_.size(); ++i) {
        if (!conns_[i].busy)
            begin_message(i);
    }
}

// A per-connection sequence number at both ends of the payload makes a
// stale, duplicated or truncated echo differ from what is expected now.
void EchoTarget::begin_message(std::size_t idx)
{
    Connection& c = conns_[idx];
    ++c.seq;
    std::size_t stamp = size_ < sizeof c.seq ? size_ : sizeof c.seq;
    unsigned char* payload = websocket_ ? c.expect.get() + rx_payload_ : c.tx.get();
    std::memcpy(payload, &c.seq, stamp);
    std::memcpy(payload + size_ - stamp, &c.seq, stamp);
    if (websocket_) {
        // Mask the stamped bytes again (the mask repeats every 4 bytes from the payload's start).
        for (std::size_t b : {std::size_t{0}, size_ - stamp}) {
            for (std::size_t k = b; k < b + stamp; ++k)
                c.tx[tx_payload_ + k] = payload[k] ^ c.mask[k % 4];
        }
    }
    c.sent = 0;
    c.received = 0;
    if (!c.busy) {
        c.busy = true;
        ++in_flight_;
    }
    send_some(idx);
}

void EchoTarget::send_some(std::size_t idx)
{
    Connection& c = conns_[idx];
    c.sent += write_some(idx, c.tx.get() + c.sent, tx_size_ - c.sent);
    update_interest(idx);
}

void EchoTarget::receive_some(std::size_t idx)
{
    Connection& c = conns_[idx];
    // Never read past the current message: extra bytes from a misbehaving
    // server stay queued and then fail the next message's comparison. Plain
    // TCP reads once per readiness event; TLS reads until it would block, as
    // a record already decrypted and buffered raises no further event.
    do {
        bool eof = false;
        std::size_t n = read_some(idx, c.rx.get() + c.received, rx_size_ - c.received, eof);
        if (eof)
            fail("server on port %u closed connection %zu", port_, idx);
        if (n == 0)
            return;
        c.received += n;
    } while (c.ssl && c.received < rx_size_);
    if (c.received < rx_size_)
        return;
    const unsigned char* expected = websocket_ ? c.expect.get() : c.tx.get();
    if (std::memcmp(c.rx.get(), expected, rx_size_) != 0) {
        std::size_t at = 0;
        while (c.rx[at] == expected[at])
            ++at;
        fail("echo mismatch on port %u, connection %zu, message %llu, byte %zu of %zu%s", port_, idx,
            static_cast<unsigned long long>(c.seq), at, rx_size_, websocket_ ? " (frame header included)" : "");
    }
    ++completed_;
    if (feeding_) {
        begin_message(idx);
    } else {
        c.busy = false;
        --in_flight_;
    }
}

// Nothing may arrive on a connection with no message in flight: an early
// close or unsolicited bytes are as fatal as a corrupted echo.
void EchoTarget::reject_idle_data(std::size_t idx)
{
    unsigned char byte = 0;
    bool eof = false;
    std::size_t n = read_some(idx, &byte, 1, eof);
    if (eof)
        fail("server on port %u closed idle connection %zu", port_, idx);
    if (n > 0)
        fail("server on port %u sent data on idle connection %zu", port_, idx);
}

void EchoTarget::handle(std::uint64_t key, std::uint32_t events)
{
    std::size_t idx = static_cast<std::size_t>(key & 0xffffffffu);
    Connection& c = conns_[idx];
    if (!c.connected) {
        if (c.upgrading)
            read_upgrade(idx);
        else if (c.ssl)
            continue_handshake(idx);
        else
            finish_connect(idx);
        return;
    }
    if (events & EPOLLERR) {
        int err = socket_error(c.fd);
        fail("port %u, connection %zu: %s", port_, idx, std::strerror(err != 0 ? err : EIO));
    }
    if ((events & EPOLLOUT) && c.read_wants_out) {
        c.read_wants_out = false;
        update_interest(idx);
        events |= EPOLLIN; // the read that waited for it
    }
    if (events & (EPOLLIN | EPOLLHUP)) {
        if (c.busy)
            receive_some(idx);
        else
            reject_idle_data(idx);
    }
    if ((events & EPOLLOUT) && c.out_armed && c.sent < tx_size_)
        send_some(idx);
}

void EchoTarget::close_all()
{
    linger lg{1, 0};
    for (Connection& c : conns_) {
        SSL_free(c.ssl); // no close_notify: the sockets are reset below
        c.ssl = nullptr;
        if (c.fd < 0)
            continue;
        setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        close(c.fd);
        c.fd = -1;
    }
}

} // namespace qgnet_bench
