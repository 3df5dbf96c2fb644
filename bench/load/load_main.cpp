// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-load: closed-loop echo load generator. One thread, epoll.
// Every connection keeps exactly one message in flight: send S bytes, wait for
// all S to come back, check them, send the next. Only messages completed
// inside the measured window (after warmup) are counted. Output is one line of
// key=value pairs on stdout; any connection error or corrupted echo is fatal
// (message on stderr, exit 1) so a broken server can never post a good score.

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "load_options.hpp"
#include "process_cpu.hpp"

namespace {

using qgnet_bench::LoadOptions;

[[noreturn]] void fail(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
[[noreturn]] void fail(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::fputs("qgnet-bench-load: ", stderr);
  std::vfprintf(stderr, fmt, ap);
  std::fputc('\n', stderr);
  va_end(ap);
  std::exit(1);
}

double monotonic_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);  // vDSO: no syscall
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

struct Connection {
  int fd = -1;
  bool connected = false;
  bool out_armed = false;
  std::size_t sent = 0;
  std::size_t received = 0;
  std::uint64_t seq = 0;
  std::unique_ptr<unsigned char[]> tx;  // the message in flight
  std::unique_ptr<unsigned char[]> rx;  // what has come back of it
};

// Everything the report needs, taken at the window's start and end.
struct Snapshot {
  double wall = 0;
  std::uint64_t msgs = 0;
  double self_cpu = 0;
  double server_cpu = 0;
};

class LoadGenerator {
 public:
  explicit LoadGenerator(const LoadOptions& o) : opt_(o), conns_(static_cast<std::size_t>(o.conns)) {
    if (opt_.server_pid != 0) {
      server_clock_ = std::make_unique<qgnet_bench::ProcessCpuClock>(opt_.server_pid);
      if (!server_clock_->seconds()) fail("cannot read CPU time of server pid %d", static_cast<int>(opt_.server_pid));
    }
    epfd_ = epoll_create1(EPOLL_CLOEXEC);
    if (epfd_ < 0) fail("epoll_create1: %s", std::strerror(errno));
  }

  void run() {
    connect_all();
    double t0 = monotonic_seconds();
    for (std::size_t i = 0; i < conns_.size(); ++i) begin_message(i);
    double window_start = t0 + opt_.warmup;
    double window_end = window_start + opt_.duration;
    bool in_window = false;

    std::vector<epoll_event> events(1024);
    for (;;) {
      double now = monotonic_seconds();
      if (!in_window && now >= window_start) {
        start_ = snapshot(now);
        in_window = true;
      }
      if (now >= window_end) {
        end_ = snapshot(now);
        break;
      }
      double next = in_window ? window_end : window_start;
      int timeout_ms = static_cast<int>(std::ceil((next - now) * 1000.0));
      int n = epoll_wait(epfd_, events.data(), static_cast<int>(events.size()), timeout_ms);
      if (n < 0) {
        if (errno == EINTR) continue;
        fail("epoll_wait: %s", std::strerror(errno));
      }
      for (int k = 0; k < n; ++k) dispatch(events[static_cast<std::size_t>(k)]);
    }
  }

  void report() const {
    std::uint64_t msgs = end_.msgs - start_.msgs;
    double secs = end_.wall - start_.wall;
    if (msgs == 0) fail("no message completed in the %.3f s window: server stalled?", secs);
    std::printf("msgs=%llu secs=%.6f msgs_per_sec=%.1f client_cpu_sec=%.6f", static_cast<unsigned long long>(msgs),
                secs, static_cast<double>(msgs) / secs, end_.self_cpu - start_.self_cpu);
    if (server_clock_) {
      double server_cpu = end_.server_cpu - start_.server_cpu;
      std::printf(" server_cpu_sec=%.6f server_cpu_us_per_msg=%.4f server_cpu_source=%s", server_cpu,
                  server_cpu * 1e6 / static_cast<double>(msgs), server_clock_->source());
    }
    std::printf(" conns=%d size=%zu\n", opt_.conns, opt_.size);
    std::fflush(stdout);
  }

  // Abortive close (RST) so a long benchmark run does not pile up TIME_WAIT
  // sockets; the window is already over when this runs.
  void close_all() {
    linger lg{1, 0};
    for (Connection& c : conns_) {
      if (c.fd < 0) continue;
      setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      close(c.fd);
      c.fd = -1;
    }
  }

 private:
  Snapshot snapshot(double now) const {
    Snapshot s;
    s.wall = now;
    s.msgs = completed_;
    s.self_cpu = qgnet_bench::self_cpu_seconds();
    if (server_clock_) {
      auto v = server_clock_->seconds();
      if (!v) fail("server pid %d disappeared during the run", static_cast<int>(opt_.server_pid));
      s.server_cpu = *v;
    }
    return s;
  }

  sockaddr_storage resolve(socklen_t& len) const {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    std::string port = std::to_string(opt_.port);
    if (int r = getaddrinfo(opt_.host.c_str(), port.c_str(), &hints, &res); r != 0) {
      fail("resolve %s: %s", opt_.host.c_str(), gai_strerror(r));
    }
    sockaddr_storage ss{};
    std::memcpy(&ss, res->ai_addr, res->ai_addrlen);
    len = res->ai_addrlen;
    freeaddrinfo(res);
    return ss;
  }

  void ctl(int op, std::size_t idx, uint32_t ev) {
    epoll_event e{};
    e.events = ev;
    e.data.u64 = idx;
    if (epoll_ctl(epfd_, op, conns_[idx].fd, &e) != 0) fail("epoll_ctl: %s", std::strerror(errno));
  }

  // Non-blocking connects for all N, then wait until every one is established:
  // load starts only when the full connection count is in place.
  void connect_all() {
    socklen_t len = 0;
    sockaddr_storage addr = resolve(len);
    std::uint64_t seed = 0x51ed2701u;
    for (std::size_t i = 0; i < conns_.size(); ++i) {
      Connection& c = conns_[i];
      c.tx = std::make_unique<unsigned char[]>(opt_.size);
      c.rx = std::make_unique<unsigned char[]>(opt_.size);
      for (std::size_t b = 0; b < opt_.size; ++b) c.tx[b] = static_cast<unsigned char>(splitmix64(seed));
      c.fd = socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if (c.fd < 0) fail("socket (connection %zu of %d): %s", i + 1, opt_.conns, std::strerror(errno));
      int one = 1;
      setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (connect(c.fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 && errno != EINPROGRESS) {
        fail("connect %s:%u: %s", opt_.host.c_str(), opt_.port, std::strerror(errno));
      }
      ctl(EPOLL_CTL_ADD, i, EPOLLOUT);  // writable == connect finished
    }

    std::size_t up = 0;
    double deadline = monotonic_seconds() + opt_.connect_timeout;
    std::vector<epoll_event> events(1024);
    while (up < conns_.size()) {
      double left = deadline - monotonic_seconds();
      if (left <= 0) fail("only %zu of %d connections established within %.1f s", up, opt_.conns, opt_.connect_timeout);
      int n = epoll_wait(epfd_, events.data(), static_cast<int>(events.size()), static_cast<int>(std::ceil(left * 1000)));
      if (n < 0 && errno != EINTR) fail("epoll_wait: %s", std::strerror(errno));
      for (int k = 0; k < n; ++k) {
        std::size_t i = events[static_cast<std::size_t>(k)].data.u64;
        Connection& c = conns_[i];
        if (c.connected) continue;
        int err = socket_error(c.fd);
        if (err != 0) fail("connect %s:%u: %s", opt_.host.c_str(), opt_.port, std::strerror(err));
        c.connected = true;
        ++up;
        ctl(EPOLL_CTL_MOD, i, EPOLLIN);
      }
    }
  }

  static int socket_error(int fd) {
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return errno;
    return err;
  }

  // A per-connection sequence number at both ends of the payload makes a
  // stale, duplicated or truncated echo differ from what is expected now.
  void begin_message(std::size_t idx) {
    Connection& c = conns_[idx];
    ++c.seq;
    std::size_t stamp = opt_.size < sizeof c.seq ? opt_.size : sizeof c.seq;
    std::memcpy(c.tx.get(), &c.seq, stamp);
    std::memcpy(c.tx.get() + opt_.size - stamp, &c.seq, stamp);
    c.sent = 0;
    c.received = 0;
    send_some(idx);
  }

  void send_some(std::size_t idx) {
    Connection& c = conns_[idx];
    ssize_t n = write(c.fd, c.tx.get() + c.sent, opt_.size - c.sent);
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR) fail("write (connection %zu): %s", idx, std::strerror(errno));
      n = 0;
    }
    c.sent += static_cast<std::size_t>(n);
    // EPOLLOUT is armed only while part of a message is still unsent.
    bool need_out = c.sent < opt_.size;
    if (need_out != c.out_armed) {
      c.out_armed = need_out;
      ctl(EPOLL_CTL_MOD, idx, need_out ? (EPOLLIN | EPOLLOUT) : EPOLLIN);
    }
  }

  void receive_some(std::size_t idx) {
    Connection& c = conns_[idx];
    // Never read past the current message: extra bytes from a misbehaving
    // server stay queued and then fail the next message's comparison.
    ssize_t n = read(c.fd, c.rx.get() + c.received, opt_.size - c.received);
    if (n == 0) fail("server closed connection %zu", idx);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return;
      fail("read (connection %zu): %s", idx, std::strerror(errno));
    }
    c.received += static_cast<std::size_t>(n);
    if (c.received < opt_.size) return;
    if (std::memcmp(c.rx.get(), c.tx.get(), opt_.size) != 0) {
      std::size_t at = 0;
      while (c.rx[at] == c.tx[at]) ++at;
      fail("echo mismatch on connection %zu, message %llu, byte %zu of %zu", idx,
           static_cast<unsigned long long>(c.seq), at, opt_.size);
    }
    ++completed_;
    begin_message(idx);
  }

  void dispatch(const epoll_event& ev) {
    std::size_t idx = ev.data.u64;
    if (ev.events & EPOLLERR) {
      int err = socket_error(conns_[idx].fd);
      fail("connection %zu: %s", idx, std::strerror(err != 0 ? err : EIO));
    }
    if (ev.events & (EPOLLIN | EPOLLHUP)) receive_some(idx);
    if ((ev.events & EPOLLOUT) && conns_[idx].out_armed) send_some(idx);
  }

  LoadOptions opt_;
  std::vector<Connection> conns_;
  int epfd_ = -1;
  std::unique_ptr<qgnet_bench::ProcessCpuClock> server_clock_;
  std::uint64_t completed_ = 0;
  Snapshot start_, end_;
};

void pin_or_die(int cpu) {
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) fail("sched_setaffinity(cpu %d): %s", cpu, std::strerror(errno));
}

// One fd per connection plus a few; raise the soft limit up to the hard one.
void ensure_fd_limit(int conns) {
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rlim_t need = static_cast<rlim_t>(conns) + 32;
  if (rl.rlim_cur >= need) return;
  if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
    fail("%d connections need %llu file descriptors, hard limit is %llu", conns,
         static_cast<unsigned long long>(need), static_cast<unsigned long long>(rl.rlim_max));
  }
  rl.rlim_cur = need;
  if (setrlimit(RLIMIT_NOFILE, &rl) != 0) fail("setrlimit(RLIMIT_NOFILE): %s", std::strerror(errno));
}

}  // namespace

int main(int argc, char** argv) {
  LoadOptions opt = qgnet_bench::parse_load_options(argc, argv);
  pin_or_die(opt.cpu);
  ensure_fd_limit(opt.conns);
  signal(SIGPIPE, SIG_IGN);  // a dead server must surface as EPIPE, not kill us silently
  LoadGenerator gen(opt);
  gen.run();
  gen.report();
  gen.close_all();
  return 0;
}
