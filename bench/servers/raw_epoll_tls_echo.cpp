// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-raw-epoll-tls: the reference TLS echo server. The raw epoll
// loop of raw_epoll_echo.cpp with OpenSSL on the socket (SSL_set_fd): one
// thread, level-triggered epoll, one shared 64 KiB plaintext buffer,
// SSL_read until it would block and SSL_write straight back. TLS servers of
// the suite are measured against it, with the same certificate and the
// library defaults (TLS 1.3, the cipher the client prefers).

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "raw_listener.h"
#include "server_cli.h"

namespace {

constexpr size_t kReadBufferSize = 64 * 1024;
constexpr int kMaxEvents = 256;

[[noreturn]] void die(const char* what)
{
    std::fprintf(stderr, "qgnet-bench-raw-epoll-tls: %s: %s\n", what, std::strerror(errno));
    std::exit(1);
}

[[noreturn]] void die_tls(const char* what)
{
    char reason[256] = "no OpenSSL error queued";
    if (unsigned long e = ERR_get_error(); e != 0)
        ERR_error_string_n(e, reason, sizeof reason);
    std::fprintf(stderr, "qgnet-bench-raw-epoll-tls: %s: %s\n", what, reason);
    std::exit(1);
}

// One session per socket. `pending` holds plaintext SSL_write could not take
// yet (it is retried with the same bytes, as OpenSSL requires); empty on the
// hot path.
struct Connection {
    SSL* ssl = nullptr;
    bool out_armed = false;
    std::vector<char> pending;
};

class Server {
public:
    Server(unsigned port, const std::string& cert, const std::string& key)
    {
        ctx_ = SSL_CTX_new(TLS_server_method());
        if (!ctx_)
            die_tls("SSL_CTX_new");
        if (SSL_CTX_use_certificate_chain_file(ctx_, cert.c_str()) != 1)
            die_tls(cert.c_str());
        if (SSL_CTX_use_PrivateKey_file(ctx_, key.c_str(), SSL_FILETYPE_PEM) != 1)
            die_tls(key.c_str());
        if (SSL_CTX_check_private_key(ctx_) != 1)
            die_tls("the key does not match the certificate");
        SSL_CTX_set_mode(ctx_, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        epfd_ = epoll_create1(EPOLL_CLOEXEC);
        if (epfd_ < 0)
            die("epoll_create1");
        listen_fd_ = qgnet_bench::open_loopback_listener(port, die);
        signal_fd_ = qgnet_bench::open_shutdown_signalfd(die);
        add(listen_fd_, EPOLLIN);
        add(signal_fd_, EPOLLIN);
    }

    unsigned port() const { return qgnet_bench::bound_port(listen_fd_, die); }

    void run()
    {
        epoll_event events[kMaxEvents];
        for (;;) {
            int n = epoll_wait(epfd_, events, kMaxEvents, -1);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                die("epoll_wait");
            }
            for (int i = 0; i < n; ++i) {
                int fd = events[i].data.fd;
                if (fd == listen_fd_) {
                    accept_all();
                } else if (fd == signal_fd_) {
                    return; // SIGINT/SIGTERM: clean exit
                } else {
                    serve(fd);
                }
            }
        }
    }

private:
    void add(int fd, uint32_t events)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.fd = fd;
        if (epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev) != 0)
            die("epoll_ctl(ADD)");
    }

    // Interest follows what OpenSSL last asked for: EPOLLOUT only while a write
    // (or a read that must write) waits for room.
    void want_out(int fd, bool out)
    {
        Connection& c = conns_[static_cast<size_t>(fd)];
        if (c.out_armed == out)
            return;
        c.out_armed = out;
        epoll_event ev{};
        ev.events = out ? EPOLLOUT : EPOLLIN;
        ev.data.fd = fd;
        if (epoll_ctl(epfd_, EPOLL_CTL_MOD, fd, &ev) != 0)
            die("epoll_ctl(MOD)");
    }

    void accept_all()
    {
        for (;;) {
            int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return;
                if (errno == EINTR || errno == ECONNABORTED)
                    continue;
                die("accept4");
            }
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (static_cast<size_t>(fd) >= conns_.size())
                conns_.resize(static_cast<size_t>(fd) + 1);
            Connection& c = conns_[static_cast<size_t>(fd)];
            c.ssl = SSL_new(ctx_);
            if (!c.ssl || SSL_set_fd(c.ssl, fd) != 1)
                die_tls("SSL_new");
            SSL_set_accept_state(c.ssl); // the first SSL_read runs the handshake
            add(fd, EPOLLIN);
        }
    }

    void close_conn(int fd)
    {
        Connection& c = conns_[static_cast<size_t>(fd)];
        SSL_free(c.ssl);
        c.ssl = nullptr;
        c.out_armed = false;
        c.pending.clear();
        ERR_clear_error(); // a peer's bad record must not surface on another connection
        close(fd);
    }

    // Writes n bytes of plaintext; what OpenSSL cannot take yet waits in
    // `pending` for EPOLLOUT. Returns false when the connection is gone or
    // must stop reading until its output is out.
    bool echo_back(int fd, const char* data, int n)
    {
        Connection& c = conns_[static_cast<size_t>(fd)];
        int w = SSL_write(c.ssl, data, n);
        if (w == n)
            return true;
        if (SSL_get_error(c.ssl, w) != SSL_ERROR_WANT_WRITE) {
            close_conn(fd);
            return false;
        }
        if (data != c.pending.data())
            c.pending.assign(data, data + n);
        want_out(fd, true);
        return false;
    }

    void serve(int fd)
    {
        Connection& c = conns_[static_cast<size_t>(fd)];
        if (!c.pending.empty()) {
            if (!echo_back(fd, c.pending.data(), static_cast<int>(c.pending.size())))
                return;
            c.pending.clear(); // keeps its capacity
        }
        // Read until OpenSSL would block: a decrypted record may sit in its buffer
        // with nothing left on the socket to raise another event.
        for (;;) {
            int n = SSL_read(c.ssl, buf_, sizeof buf_);
            if (n > 0) {
                if (!echo_back(fd, buf_, n))
                    return;
                continue;
            }
            switch (SSL_get_error(c.ssl, n)) {
            case SSL_ERROR_WANT_READ: want_out(fd, false); return;
            case SSL_ERROR_WANT_WRITE: want_out(fd, true); return;
            default: close_conn(fd); return; // EOF, reset, close_notify or a bad record
            }
        }
    }

    SSL_CTX* ctx_ = nullptr;
    int epfd_ = -1;
    int listen_fd_ = -1;
    int signal_fd_ = -1;
    std::vector<Connection> conns_; // indexed by fd
    char buf_[kReadBufferSize];
};

} // namespace

int main(int argc, char** argv)
{
    qgnet_bench::ServerCli cli = qgnet_bench::parse_server_cli(argc, argv, true);
    qgnet_bench::pin_to_cpu_or_die(cli.cpu);
    qgnet_bench::ignore_sigpipe();
    static Server server(cli.port, cli.tls_cert, cli.tls_key);
    qgnet_bench::announce_listening(server.port());
    server.run();
    return 0;
}
