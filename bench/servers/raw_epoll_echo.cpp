// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-raw-epoll: the reference echo server. One thread, level-triggered
// epoll, one shared 64 KiB read buffer, read() then write() straight back.
// It is deliberately what a careful person would hand-write, nothing cleverer:
// every other server in the suite is measured against it.

#include <netinet/in.h>
#include <netinet/tcp.h>
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
    std::fprintf(stderr, "qgnet-bench-raw-epoll: %s: %s\n", what, std::strerror(errno));
    std::exit(1);
}

// Bytes the kernel did not take on the last write. Only allocated on the first
// partial write of a connection and reused afterwards; empty on the hot path.
struct Connection {
    std::vector<char> pending;
    size_t pending_off = 0;
};

class Server {
public:
    explicit Server(unsigned port)
    {
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
                } else if (!conns_[static_cast<size_t>(fd)].pending.empty()) {
                    flush_pending(fd); // only EPOLLOUT (or an error) is armed now
                } else {
                    // EPOLLIN, or EPOLLERR/EPOLLHUP which read() turns into an error/EOF.
                    echo(fd);
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

    void modify(int fd, uint32_t events)
    {
        epoll_event ev{};
        ev.events = events;
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
                die("accept4"); // EMFILE etc.: fail loudly rather than spin
            }
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (static_cast<size_t>(fd) >= conns_.size())
                conns_.resize(static_cast<size_t>(fd) + 1);
            add(fd, EPOLLIN);
        }
    }

    void close_conn(int fd)
    {
        Connection& c = conns_[static_cast<size_t>(fd)];
        c.pending.clear();
        c.pending_off = 0;
        close(fd); // also removes it from the epoll set
    }

    void echo(int fd)
    {
        ssize_t n = read(fd, buf_, sizeof buf_);
        if (n <= 0) {
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                return;
            close_conn(fd); // EOF or reset
            return;
        }
        ssize_t w = write(fd, buf_, static_cast<size_t>(n));
        if (w == n)
            return; // the common case: done, no further syscall
        if (w < 0) {
            if (errno != EAGAIN) {
                close_conn(fd);
                return;
            }
            w = 0;
        }
        // Partial write: keep the rest, stop reading (back-pressure) and wait for
        // EPOLLOUT. This is the only place the interest set changes.
        Connection& c = conns_[static_cast<size_t>(fd)];
        c.pending.assign(buf_ + w, buf_ + n);
        c.pending_off = 0;
        modify(fd, EPOLLOUT);
    }

    void flush_pending(int fd)
    {
        Connection& c = conns_[static_cast<size_t>(fd)];
        size_t left = c.pending.size() - c.pending_off;
        ssize_t w = write(fd, c.pending.data() + c.pending_off, left);
        if (w < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return;
            close_conn(fd);
            return;
        }
        c.pending_off += static_cast<size_t>(w);
        if (c.pending_off == c.pending.size()) {
            c.pending.clear(); // keeps capacity for the next partial write
            c.pending_off = 0;
            modify(fd, EPOLLIN);
        }
    }

    int epfd_ = -1;
    int listen_fd_ = -1;
    int signal_fd_ = -1;
    std::vector<Connection> conns_; // indexed by fd: no hashing per event
    char buf_[kReadBufferSize];
};

} // namespace

int main(int argc, char** argv)
{
    qgnet_bench::ServerCli cli = qgnet_bench::parse_server_cli(argc, argv);
    qgnet_bench::pin_to_cpu_or_die(cli.cpu);
    qgnet_bench::ignore_sigpipe();
    static Server server(cli.port); // static: 64 KiB buffer stays off the stack
    qgnet_bench::announce_listening(server.port());
    server.run();
    return 0;
}
