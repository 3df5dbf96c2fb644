// SPDX-License-Identifier: Apache-2.0
#include "qgnet_test_support.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>
#include <utility>

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/un.h>
#include <unistd.h>

namespace qgnet_test {

namespace {

int msUntil(Deadline deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0)
        return 0;
    return left > 1000000 ? 1000000 : static_cast<int>(left);
}

std::string errnoText(const char* what, int e)
{
    return std::string(what) + ": " + std::strerror(e) + " (errno " + std::to_string(e) + ")";
}

} // namespace

// ---- scale ----------------------------------------------------------------------------------------------

double testScale()
{
    static const double scale = [] {
        const char* s = std::getenv("QGNET_TEST_SCALE");
        if (!s || !*s)
            return 1.0;
        char* end = nullptr;
        const double v = std::strtod(s, &end);
        if (end == s || !std::isfinite(v))
            return 1.0;
        return std::clamp(v, 0.01, 100.0);
    }();
    return scale;
}

std::size_t scaled(std::size_t n, std::size_t minimum)
{
    const auto v = static_cast<std::size_t>(std::llround(static_cast<double>(n) * testScale()));
    return std::max(v, minimum);
}

// ---- Fd -------------------------------------------------------------------------------------------------

Fd::Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

Fd& Fd::operator=(Fd&& other) noexcept
{
    if (this != &other)
        reset(std::exchange(other.fd_, -1));
    return *this;
}

Fd::~Fd() { reset(); }

int Fd::release() noexcept { return std::exchange(fd_, -1); }

void Fd::reset(int fd) noexcept
{
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = fd;
}

// ---- connecting -----------------------------------------------------------------------------------------

Fd connectSockaddr(const sockaddr* addr, socklen_t len, Deadline deadline, std::string& err, const char* bindIp,
    int rcvBuf)
{
    for (;;) {
        Fd fd(::socket(addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        if (!fd) {
            err = errnoText("socket", errno);
            return {};
        }
        if (rcvBuf > 0 && ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &rcvBuf, sizeof rcvBuf) != 0) {
            err = errnoText("setsockopt(SO_RCVBUF)", errno);
            return {};
        }
        if (bindIp) {
            sockaddr_in local{};
            local.sin_family = AF_INET;
            local.sin_port = 0;
            if (::inet_pton(AF_INET, bindIp, &local.sin_addr) != 1) {
                err = std::string("bad bind address ") + bindIp;
                return {};
            }
            if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0) {
                err = errnoText("bind", errno);
                return {};
            }
        }
        int rc = ::connect(fd.get(), addr, len);
        if (rc == 0)
            return fd;
        const int e = errno;
        if (e == EAGAIN && addr->sa_family == AF_UNIX) {
            // A Unix listener's backlog is full: try again until the deadline.
            if (msUntil(deadline) <= 0) {
                err = "connect: unix backlog stayed full until the deadline";
                return {};
            }
            pollfd none{-1, 0, 0};
            ::poll(&none, 1, 1);
            continue;
        }
        if (e != EINPROGRESS && e != EINTR) {
            err = errnoText("connect", e);
            return {};
        }
        for (;;) {
            pollfd p{fd.get(), POLLOUT, 0};
            rc = ::poll(&p, 1, msUntil(deadline));
            if (rc < 0 && errno == EINTR)
                continue;
            if (rc < 0) {
                err = errnoText("poll(connect)", errno);
                return {};
            }
            if (rc == 0) {
                err = "connect: timed out";
                return {};
            }
            break;
        }
        int soError = 0;
        socklen_t soLen = sizeof soError;
        if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &soError, &soLen) != 0) {
            err = errnoText("getsockopt(SO_ERROR)", errno);
            return {};
        }
        if (soError != 0) {
            err = errnoText("connect", soError);
            return {};
        }
        return fd;
    }
}

Fd connectTcp(const std::string& ip, std::uint16_t port, Deadline deadline, std::string& err, const char* bindIp)
{
    sockaddr_in v4{};
    if (::inet_pton(AF_INET, ip.c_str(), &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        return connectSockaddr(reinterpret_cast<const sockaddr*>(&v4), sizeof v4, deadline, err, bindIp);
    }
    sockaddr_in6 v6{};
    if (::inet_pton(AF_INET6, ip.c_str(), &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        return connectSockaddr(reinterpret_cast<const sockaddr*>(&v6), sizeof v6, deadline, err, nullptr);
    }
    err = "not a numeric IP address: " + ip;
    return {};
}

Fd connectUnix(const std::string& path, Deadline deadline, std::string& err)
{
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    if (path.size() >= sizeof un.sun_path) {
        err = "unix path too long: " + path;
        return {};
    }
    std::memcpy(un.sun_path, path.data(), path.size());
    socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1);
    if (!path.empty() && path[0] == '@') { // abstract namespace
        un.sun_path[0] = '\0';
        len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
    }
    return connectSockaddr(reinterpret_cast<const sockaddr*>(&un), len, deadline, err);
}

Fd connectUrl(std::string_view url, Deadline deadline, std::string& err)
{
    std::string_view rest = url;
    std::string_view scheme = "tcp";
    if (const auto pos = url.find("://"); pos != std::string_view::npos) {
        scheme = url.substr(0, pos);
        rest = url.substr(pos + 3);
    }
    if (scheme == "unix")
        return connectUnix(std::string(rest), deadline, err);
    if (scheme != "tcp" && scheme != "tcp4" && scheme != "tcp6") {
        err = "unsupported scheme in " + std::string(url);
        return {};
    }
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) {
        err = "no port in " + std::string(url);
        return {};
    }
    std::string_view host = rest.substr(0, colon);
    std::string_view portText = rest.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    const auto [ptr, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (ec != std::errc{} || ptr != portText.data() + portText.size() || port > 65535) {
        err = "bad port in " + std::string(url);
        return {};
    }
    return connectTcp(std::string(host), static_cast<std::uint16_t>(port), deadline, err);
}

// ---- data transfer --------------------------------------------------------------------------------------

bool exchange(int fd, std::span<const ConstBytes> pieces, std::vector<std::byte>& received, std::size_t expect,
    Deadline deadline, std::string& err)
{
    received.clear();
    received.reserve(expect);
    std::size_t piece = 0;
    std::size_t offset = 0;
    std::size_t sentTotal = 0;
    std::size_t toSend = 0;
    for (const auto& p : pieces)
        toSend += p.size();
    std::vector<std::byte> buf(64 * 1024);

    auto state = [&] {
        return "sent " + std::to_string(sentTotal) + " of " + std::to_string(toSend) + " bytes, received "
            + std::to_string(received.size()) + " of " + std::to_string(expect);
    };

    for (;;) {
        while (piece < pieces.size() && offset == pieces[piece].size()) {
            ++piece;
            offset = 0;
        }
        const bool wantSend = piece < pieces.size();
        const bool wantRecv = received.size() < expect;
        if (!wantSend && !wantRecv)
            return true;
        pollfd p{fd, 0, 0};
        if (wantSend)
            p.events |= POLLOUT;
        if (wantRecv)
            p.events |= POLLIN;
        const int rc = ::poll(&p, 1, msUntil(deadline));
        if (rc < 0) {
            if (errno == EINTR)
                continue;
            err = errnoText("poll", errno) + "; " + state();
            return false;
        }
        if (rc == 0) {
            err = "timed out: " + state();
            return false;
        }
        if (p.revents & POLLNVAL) {
            err = "poll: invalid descriptor; " + state();
            return false;
        }
        bool progressed = false;
        if (wantRecv && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
            const std::size_t want = std::min(buf.size(), expect - received.size());
            const ssize_t n = ::recv(fd, buf.data(), want, 0);
            if (n > 0) {
                received.insert(received.end(), buf.begin(), buf.begin() + n);
                progressed = true;
            } else if (n == 0) {
                err = "unexpected EOF: " + state();
                return false;
            } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                err = errnoText("recv", errno) + "; " + state();
                return false;
            }
        }
        if (wantSend && (p.revents & (POLLOUT | POLLHUP | POLLERR))) {
            const auto& cur = pieces[piece];
            const ssize_t n = ::send(fd, cur.data() + offset, cur.size() - offset, MSG_NOSIGNAL);
            if (n >= 0) {
                offset += static_cast<std::size_t>(n);
                sentTotal += static_cast<std::size_t>(n);
                progressed = true;
            } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                err = errnoText("send", errno) + "; " + state();
                return false;
            }
        }
        if (!progressed && (p.revents & (POLLHUP | POLLERR)) && !wantRecv) {
            err = "connection hung up; " + state();
            return false;
        }
    }
}

bool sendAll(int fd, ConstBytes data, Deadline deadline, std::string& err)
{
    std::vector<std::byte> none;
    const ConstBytes pieces[] = {data};
    return exchange(fd, pieces, none, 0, deadline, err);
}

bool sendAll(int fd, std::string_view data, Deadline deadline, std::string& err)
{
    return sendAll(fd, std::as_bytes(std::span(data.data(), data.size())), deadline, err);
}

bool recvExact(int fd, std::vector<std::byte>& out, std::size_t n, Deadline deadline, std::string& err)
{
    return exchange(fd, {}, out, n, deadline, err);
}

bool echoRoundTrip(int fd, ConstBytes data, Deadline deadline, std::string& err)
{
    std::vector<std::byte> got;
    const ConstBytes pieces[] = {data};
    if (!exchange(fd, pieces, got, data.size(), deadline, err))
        return false;
    err = firstMismatch(data, got);
    return err.empty();
}

bool echoRoundTrip(int fd, std::string_view data, Deadline deadline, std::string& err)
{
    return echoRoundTrip(fd, std::as_bytes(std::span(data.data(), data.size())), deadline, err);
}

const char* toString(ReadEnd end) noexcept
{
    switch (end) {
    case ReadEnd::Eof: return "EOF";
    case ReadEnd::Reset: return "reset";
    case ReadEnd::Data: return "unexpected data";
    case ReadEnd::Timeout: return "timeout";
    case ReadEnd::Error: return "error";
    }
    return "?";
}

namespace {

ReadEnd readUntilEnd(int fd, std::vector<std::byte>* keep, Deadline deadline, std::string& err)
{
    std::byte buf[16 * 1024];
    std::size_t total = 0;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int rc = ::poll(&p, 1, msUntil(deadline));
        if (rc < 0) {
            if (errno == EINTR)
                continue;
            err = errnoText("poll", errno);
            return ReadEnd::Error;
        }
        if (rc == 0) {
            err = "no EOF before the deadline (" + std::to_string(total) + " bytes read)";
            return ReadEnd::Timeout;
        }
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n == 0)
            return ReadEnd::Eof;
        if (n > 0) {
            total += static_cast<std::size_t>(n);
            if (!keep) {
                err = std::to_string(n) + " unexpected bytes before EOF";
                return ReadEnd::Data;
            }
            keep->insert(keep->end(), buf, buf + n);
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            continue;
        if (errno == ECONNRESET) {
            err = "connection reset";
            return ReadEnd::Reset;
        }
        err = errnoText("recv", errno);
        return ReadEnd::Error;
    }
}

} // namespace

ReadEnd waitForEnd(int fd, Deadline deadline, std::string& err) { return readUntilEnd(fd, nullptr, deadline, err); }

ReadEnd drainUntilEnd(int fd, std::vector<std::byte>& out, Deadline deadline, std::string& err)
{
    return readUntilEnd(fd, &out, deadline, err);
}

std::string firstMismatch(ConstBytes expected, ConstBytes actual)
{
    const std::size_t n = std::min(expected.size(), actual.size());
    const auto [e, a] = std::mismatch(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(n),
        actual.begin());
    if (e == expected.begin() + static_cast<std::ptrdiff_t>(n)) {
        if (expected.size() == actual.size())
            return {};
        return "length differs: expected " + std::to_string(expected.size()) + " bytes, got "
            + std::to_string(actual.size());
    }
    const auto off = static_cast<std::size_t>(e - expected.begin());
    std::ostringstream s;
    s << "first difference at offset " << off << " of " << expected.size() << ": expected 0x" << std::hex
      << std::to_integer<unsigned>(*e) << ", got 0x" << std::to_integer<unsigned>(*a);
    return s.str();
}

// ---- socket helpers -------------------------------------------------------------------------------------

bool setLingerZero(int fd)
{
    linger l{};
    l.l_onoff = 1;
    l.l_linger = 0;
    return ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l) == 0;
}

bool isListeningSocket(int fd)
{
    int v = 0;
    socklen_t len = sizeof v;
    return ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0 && v == 1;
}

std::uint16_t localPort(int fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0)
        return 0;
    if (ss.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in*>(&ss)->sin_port);
    if (ss.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&ss)->sin6_port);
    return 0;
}

// ---- random ---------------------------------------------------------------------------------------------

std::vector<std::byte> randomBytes(Rng& rng, std::size_t n)
{
    std::vector<std::byte> out(n);
    std::size_t i = 0;
    while (i + 8 <= n) {
        const std::uint64_t v = rng();
        std::memcpy(out.data() + i, &v, 8);
        i += 8;
    }
    if (i < n) {
        const std::uint64_t v = rng();
        std::memcpy(out.data() + i, &v, n - i);
    }
    return out;
}

std::size_t randomSize(Rng& rng, std::size_t lo, std::size_t hi)
{
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
}

std::size_t logUniformSize(Rng& rng, std::size_t lo, std::size_t hi)
{
    const double a = std::log(static_cast<double>(lo));
    const double b = std::log(static_cast<double>(hi) + 1.0);
    const double x = std::exp(std::uniform_real_distribution<double>(a, b)(rng));
    return std::clamp(static_cast<std::size_t>(x), lo, hi);
}

std::uint64_t seedFor(std::string_view what, std::uint64_t index)
{
    std::uint64_t h = fnv1a64(std::as_bytes(std::span(what.data(), what.size())));
    h ^= index + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

std::uint64_t fnv1a64(ConstBytes data) noexcept
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const std::byte b : data) {
        h ^= std::to_integer<std::uint64_t>(b);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// ---- process resources ----------------------------------------------------------------------------------

long raiseNofileLimit(std::string& err)
{
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        err = errnoText("getrlimit", errno);
        return -1;
    }
    if (rl.rlim_cur != rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &rl) != 0) {
            err = errnoText("setrlimit", errno);
            return -1;
        }
    }
    return rl.rlim_cur == RLIM_INFINITY ? 1L << 20 : static_cast<long>(rl.rlim_cur);
}

long long processCpuTicks(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = all.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream fields(all.substr(close + 1));
    // Fields after the command name start with field 3 (state); utime and stime are fields 14 and 15.
    std::string tok;
    long long utime = -1;
    long long stime = -1;
    for (int field = 3; field <= 15 && (fields >> tok); ++field) {
        if (field == 14)
            utime = std::atoll(tok.c_str());
        if (field == 15)
            stime = std::atoll(tok.c_str());
    }
    if (utime < 0 || stime < 0)
        return -1;
    return utime + stime;
}

long clockTicksPerSecond() { return ::sysconf(_SC_CLK_TCK); }

long receiveQueued(int fd)
{
    int n = 0;
    if (::ioctl(fd, FIONREAD, &n) != 0)
        return -1;
    return n;
}

// ---- waiting and threads --------------------------------------------------------------------------------

void pauseUntil(Deadline when)
{
    for (;;) {
        const int ms = msUntil(when);
        if (ms <= 0) {
            if (Clock::now() >= when)
                return;
            continue; // less than a millisecond left
        }
        pollfd none{-1, 0, 0};
        ::poll(&none, 1, ms);
    }
}

bool waitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout)
{
    const Deadline deadline = Clock::now() + timeout;
    for (;;) {
        if (pred())
            return true;
        if (Clock::now() >= deadline)
            return pred();
        pollfd none{-1, 0, 0};
        ::poll(&none, 1, 1);
    }
}

std::vector<std::string> runThreads(int n, const std::function<void(int index, std::string& failure)>& body)
{
    std::vector<std::string> failures(static_cast<std::size_t>(n));
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        threads.emplace_back([&body, &failures, i] {
            std::string& f = failures[static_cast<std::size_t>(i)];
            try {
                body(i, f);
            } catch (const std::exception& e) {
                f = std::string("exception: ") + e.what();
            } catch (...) {
                f = "unknown exception";
            }
        });
    }
    for (auto& t : threads)
        t.join();
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
        if (!failures[static_cast<std::size_t>(i)].empty())
            out.push_back("thread " + std::to_string(i) + ": " + failures[static_cast<std::size_t>(i)]);
    }
    return out;
}

struct GatedThreads::State {
    std::promise<std::string> gate;
    std::shared_future<std::string> opened;
    bool released = false;
    bool joined = false;
    std::vector<std::string> failures;
    std::vector<std::thread> threads;
};

GatedThreads::GatedThreads(int n, Body body) : state_(std::make_unique<State>())
{
    State& st = *state_;
    st.opened = st.gate.get_future().share();
    st.failures.resize(static_cast<std::size_t>(n));
    st.threads.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        st.threads.emplace_back([&st, body, i] {
            const std::string arg = st.opened.get();
            if (arg.empty())
                return;
            std::string& f = st.failures[static_cast<std::size_t>(i)];
            try {
                body(i, arg, f);
            } catch (const std::exception& e) {
                f = std::string("exception: ") + e.what();
            } catch (...) {
                f = "unknown exception";
            }
        });
    }
}

GatedThreads::~GatedThreads()
{
    release({});
    join();
}

void GatedThreads::release(const std::string& arg)
{
    if (state_->released)
        return;
    state_->released = true;
    state_->gate.set_value(arg);
}

std::vector<std::string> GatedThreads::join()
{
    State& st = *state_;
    std::vector<std::string> out;
    if (st.joined)
        return out;
    release({});
    for (auto& t : st.threads)
        t.join();
    st.joined = true;
    for (std::size_t i = 0; i < st.failures.size(); ++i) {
        if (!st.failures[i].empty())
            out.push_back("thread " + std::to_string(i) + ": " + st.failures[i]);
    }
    return out;
}

std::string joinLines(const std::vector<std::string>& lines, std::size_t maxLines)
{
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < maxLines; ++i) {
        if (!out.empty())
            out += '\n';
        out += lines[i];
    }
    if (lines.size() > maxLines)
        out += "\n... and " + std::to_string(lines.size() - maxLines) + " more";
    return out;
}

// ---- multi-socket echo ----------------------------------------------------------------------------------

bool multiEcho(const std::vector<Fd>& fds, const std::vector<std::vector<std::byte>>& payloads, Deadline deadline,
    std::string& err)
{
    const std::size_t n = fds.size();
    if (payloads.size() != n) {
        err = "multiEcho: payload count differs from socket count";
        return false;
    }
    std::vector<std::size_t> sent(n, 0);
    std::vector<std::vector<std::byte>> got(n);
    std::vector<pollfd> pfds(n);
    std::vector<std::byte> buf(64 * 1024);
    std::size_t done = 0;
    std::vector<bool> finished(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        got[i].reserve(payloads[i].size());
        if (payloads[i].empty()) {
            finished[i] = true;
            ++done;
        }
    }
    while (done < n) {
        for (std::size_t i = 0; i < n; ++i) {
            pfds[i].fd = finished[i] ? -1 : fds[i].get();
            pfds[i].events = 0;
            pfds[i].revents = 0;
            if (!finished[i]) {
                if (sent[i] < payloads[i].size())
                    pfds[i].events |= POLLOUT;
                pfds[i].events |= POLLIN;
            }
        }
        const int rc = ::poll(pfds.data(), static_cast<nfds_t>(n), msUntil(deadline));
        if (rc < 0) {
            if (errno == EINTR)
                continue;
            err = errnoText("poll", errno);
            return false;
        }
        if (rc == 0) {
            std::size_t stuck = 0;
            while (stuck < n && finished[stuck])
                ++stuck;
            err = "timed out with " + std::to_string(n - done) + " of " + std::to_string(n)
                + " sockets unfinished; e.g. socket " + std::to_string(stuck) + ": sent " + std::to_string(sent[stuck])
                + ", received " + std::to_string(got[stuck].size()) + " of " + std::to_string(payloads[stuck].size());
            return false;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (finished[i] || pfds[i].revents == 0)
                continue;
            const int fd = fds[i].get();
            const auto& want = payloads[i];
            if ((pfds[i].revents & (POLLOUT | POLLERR | POLLHUP)) && sent[i] < want.size()) {
                const ssize_t w = ::send(fd, want.data() + sent[i], want.size() - sent[i], MSG_NOSIGNAL);
                if (w > 0)
                    sent[i] += static_cast<std::size_t>(w);
                else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    err = "socket " + std::to_string(i) + ": " + errnoText("send", errno);
                    return false;
                }
            }
            if (pfds[i].revents & (POLLIN | POLLERR | POLLHUP)) {
                const std::size_t room = std::min(buf.size(), want.size() - got[i].size() + 1);
                const ssize_t r = ::recv(fd, buf.data(), room, 0);
                if (r > 0) {
                    got[i].insert(got[i].end(), buf.begin(), buf.begin() + r);
                    if (got[i].size() > want.size()) {
                        err = "socket " + std::to_string(i) + ": received more bytes than were sent";
                        return false;
                    }
                } else if (r == 0) {
                    err = "socket " + std::to_string(i) + ": unexpected EOF after " + std::to_string(got[i].size())
                        + " of " + std::to_string(want.size()) + " bytes";
                    return false;
                } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    err = "socket " + std::to_string(i) + ": " + errnoText("recv", errno);
                    return false;
                }
            }
            if (got[i].size() == want.size()) {
                if (auto m = firstMismatch(want, got[i]); !m.empty()) {
                    err = "socket " + std::to_string(i) + ": " + m;
                    return false;
                }
                finished[i] = true;
                ++done;
            }
        }
    }
    return true;
}

// ---- big endian -----------------------------------------------------------------------------------------

void putBe32(std::byte* p, std::uint32_t v) noexcept
{
    for (int i = 3; i >= 0; --i) {
        p[i] = static_cast<std::byte>(v & 0xff);
        v >>= 8;
    }
}

void putBe64(std::byte* p, std::uint64_t v) noexcept
{
    for (int i = 7; i >= 0; --i) {
        p[i] = static_cast<std::byte>(v & 0xff);
        v >>= 8;
    }
}

std::uint32_t getBe32(const std::byte* p) noexcept
{
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v = (v << 8) | std::to_integer<std::uint32_t>(p[i]);
    return v;
}

std::uint64_t getBe64(const std::byte* p) noexcept
{
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | std::to_integer<std::uint64_t>(p[i]);
    return v;
}

} // namespace qgnet_test
