// SPDX-License-Identifier: Apache-2.0
// FaultProxy: one poll() thread that accepts on the loopback, connects each client to the upstream
// address and pumps both directions through their FaultSpec. Each direction holds at most one piece
// (what one recv() returned) and reads again only once it is forwarded, so a receiver that stops
// reading, or a stall, pushes back on the sender as a direct connection would.
#include "fault_proxy.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace qgnet_test {

namespace {

constexpr std::size_t kPiece = 64 * 1024;

// Close with an RST instead of a FIN.
void closeWithReset(int& fd)
{
    if (fd < 0)
        return;
    setLingerZero(fd);
    ::close(fd);
    fd = -1;
}

void closeFd(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// One direction of a proxied connection.
struct Half {
    std::vector<std::byte> pending; // read from the source, not yet forwarded (from offset)
    std::size_t offset = 0;
    Clock::time_point readyAt{};
    std::size_t forwarded = 0;
    bool sourceEnded = false;     // the source sent its FIN (or reset)
    bool destinationShut = false; // we sent the destination our FIN
    bool dropping = false;        // past shutdownAfter: what the source sends is dropped
    bool stallCounted = false;

    bool hasPending() const noexcept { return offset < pending.size(); }
};

struct Pair {
    int fd[2] = {-1, -1}; // [0] the client, [1] the upstream server
    bool connecting = true;
    bool done = false;
    Half half[2]; // [0] client -> server, [1] server -> client
};

} // namespace

struct FaultProxy::Impl {
    sockaddr_storage upstream{};
    socklen_t upstreamLen = 0;
    FaultSpec spec[2];
    int listenFd = -1;
    int wakeFd = -1;
    std::atomic<bool> released{false};
    std::atomic<bool> stopping{false};
    std::vector<std::unique_ptr<Pair>> pairs;
    mutable std::mutex errorMu;
    std::string error;

    void fail(const std::string& what)
    {
        std::lock_guard lock(errorMu);
        if (error.empty())
            error = what;
    }
};

FaultProxy::FaultProxy(const sockaddr* upstream, socklen_t upstreamLen, FaultSpec toServer, FaultSpec toClient)
    : impl_(new Impl)
{
    std::memcpy(&impl_->upstream, upstream, std::min<std::size_t>(upstreamLen, sizeof impl_->upstream));
    impl_->upstreamLen = upstreamLen;
    impl_->spec[0] = toServer;
    impl_->spec[1] = toClient;
}

FaultProxy::~FaultProxy()
{
    if (thread_.joinable()) {
        impl_->stopping = true;
        const std::uint64_t one = 1;
        (void)!::write(impl_->wakeFd, &one, sizeof one);
        thread_.join();
    }
    for (auto& p : impl_->pairs) {
        closeFd(p->fd[0]);
        closeFd(p->fd[1]);
    }
    closeFd(impl_->listenFd);
    closeFd(impl_->wakeFd);
    delete impl_;
}

bool FaultProxy::start(std::string& err)
{
    impl_->listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (impl_->listenFd < 0) {
        err = std::string("FaultProxy: socket: ") + std::strerror(errno);
        return false;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(impl_->listenFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0
        || ::listen(impl_->listenFd, 4096) != 0
        || ::getsockname(impl_->listenFd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        err = std::string("FaultProxy: bind/listen: ") + std::strerror(errno);
        return false;
    }
    port_ = ntohs(addr.sin_port);
    impl_->wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (impl_->wakeFd < 0) {
        err = std::string("FaultProxy: eventfd: ") + std::strerror(errno);
        return false;
    }
    thread_ = std::thread([this] { run(); });
    return true;
}

Fd FaultProxy::connect(std::string& err)
{
    return connectTcp("127.0.0.1", port_, deadlineIn(std::chrono::seconds(10)), err);
}

void FaultProxy::release()
{
    impl_->released = true;
    const std::uint64_t one = 1;
    (void)!::write(impl_->wakeFd, &one, sizeof one);
}

std::size_t FaultProxy::forwarded(Direction d) const noexcept
{
    return d == Direction::ToServer ? forwardedToServer_.load() : forwardedToClient_.load();
}

bool FaultProxy::waitStalls(int n, std::chrono::milliseconds timeout)
{
    return waitFor([&] { return stalls_.load() >= n; }, timeout);
}

std::string FaultProxy::error() const
{
    std::lock_guard lock(impl_->errorMu);
    return impl_->error;
}

void FaultProxy::run()
{
    Impl& im = *impl_;
    std::vector<pollfd> fds;
    std::vector<std::byte> buffer(kPiece);

    // Counted before the sockets close, so that a test that saw the reset also sees the count.
    const auto resetPair = [&](Pair& p) {
        ++resets_;
        ++finished_;
        closeWithReset(p.fd[0]);
        closeWithReset(p.fd[1]);
        p.done = true;
    };
    // Whether direction d is held at its stall point; counts the stall the first time it is met.
    const auto stalled = [&](Half& h, int d) {
        if (h.forwarded < im.spec[d].stallAfter || im.released.load())
            return false;
        if (!h.stallCounted) {
            h.stallCounted = true;
            ++stalls_;
        }
        return true;
    };
    // Applies the byte-count faults reached at h.forwarded; false when the pair was reset.
    const auto applyFaults = [&](Pair& p, int d) {
        Half& h = p.half[d];
        const FaultSpec& s = im.spec[d];
        if (h.forwarded >= s.resetAfter) {
            resetPair(p);
            return false;
        }
        if (h.forwarded >= s.shutdownAfter && !h.dropping) {
            h.dropping = true;
            h.pending.clear();
            h.offset = 0;
            if (!h.destinationShut) {
                ::shutdown(p.fd[1 - d], SHUT_WR);
                h.destinationShut = true;
            }
        }
        return true;
    };
    // Bytes direction d may send in one send() now.
    const auto sendLimit = [&](const Half& h, int d) {
        const FaultSpec& s = im.spec[d];
        std::size_t limit = h.pending.size() - h.offset;
        if (s.slice > 0)
            limit = std::min(limit, s.slice);
        for (const std::size_t mark : {s.stallAfter, s.resetAfter, s.shutdownAfter}) {
            if (mark > h.forwarded)
                limit = std::min(limit, mark - h.forwarded);
        }
        return limit;
    };
    // Forwards what direction d may send; false when the pair was reset.
    const auto pump = [&](Pair& p, int d) {
        Half& h = p.half[d];
        const int dst = p.fd[1 - d];
        while (h.hasPending() && !stalled(h, d) && Clock::now() >= h.readyAt) {
            const ssize_t n = ::send(dst, h.pending.data() + h.offset, sendLimit(h, d), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EINTR)
                    return true;
                if (errno != EPIPE && errno != ECONNRESET)
                    im.fail(std::string("FaultProxy: send: ") + std::strerror(errno));
                resetPair(p);
                return false;
            }
            h.offset += static_cast<std::size_t>(n);
            h.forwarded += static_cast<std::size_t>(n);
            (d == 0 ? forwardedToServer_ : forwardedToClient_) += static_cast<std::size_t>(n);
            if (!applyFaults(p, d))
                return false;
        }
        if (!h.hasPending() && h.sourceEnded && !h.destinationShut) {
            ::shutdown(dst, SHUT_WR);
            h.destinationShut = true;
        }
        return true;
    };
    // Reads one piece from direction d's source; false when the pair was reset.
    const auto readPiece = [&](Pair& p, int d) {
        Half& h = p.half[d];
        const ssize_t n = ::recv(p.fd[d], buffer.data(), buffer.size(), 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return true;
            if (errno != ECONNRESET)
                im.fail(std::string("FaultProxy: recv: ") + std::strerror(errno));
            resetPair(p);
            return false;
        }
        if (n == 0) {
            h.sourceEnded = true;
            return true;
        }
        if (h.dropping)
            return true;
        h.pending.assign(buffer.begin(), buffer.begin() + n);
        h.offset = 0;
        h.readyAt = Clock::now() + im.spec[d].delay;
        return true;
    };
    const auto wantsRead = [&](Pair& p, int d) {
        Half& h = p.half[d];
        return !p.connecting && !h.sourceEnded && !h.hasPending() && !stalled(h, d);
    };
    const auto wantsWrite = [&](Pair& p, int d, Clock::time_point now) {
        Half& h = p.half[d];
        return !p.connecting && h.hasPending() && now >= h.readyAt && !stalled(h, d);
    };

    while (!im.stopping.load()) {
        const Clock::time_point now = Clock::now();
        fds.clear();
        fds.push_back({im.listenFd, POLLIN, 0});
        fds.push_back({im.wakeFd, POLLIN, 0});
        int timeoutMs = -1;
        for (auto& p : im.pairs) {
            for (int end = 0; end < 2; ++end) {
                short events = 0;
                if (p->connecting) {
                    events = end == 1 ? POLLOUT : 0;
                } else {
                    // fd[end] is the source of direction `end` and the destination of direction 1 - end.
                    if (wantsRead(*p, end))
                        events |= POLLIN;
                    if (wantsWrite(*p, 1 - end, now))
                        events |= POLLOUT;
                }
                // An fd with no interest is left out, so a hang-up we are not ready for cannot spin the loop.
                fds.push_back({events != 0 ? p->fd[end] : -1, events, 0});
            }
            for (const Half& h : p->half) {
                if (h.hasPending() && h.readyAt > now) {
                    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(h.readyAt - now).count();
                    timeoutMs = timeoutMs < 0 ? static_cast<int>(wait) : std::min(timeoutMs, static_cast<int>(wait));
                }
            }
        }
        if (::poll(fds.data(), fds.size(), timeoutMs) < 0) {
            if (errno == EINTR)
                continue;
            im.fail(std::string("FaultProxy: poll: ") + std::strerror(errno));
            return;
        }
        if (fds[1].revents != 0) {
            std::uint64_t value = 0;
            (void)!::read(im.wakeFd, &value, sizeof value);
        }
        for (std::size_t i = 0; i < im.pairs.size(); ++i) {
            Pair& p = *im.pairs[i];
            const short rev[2] = {fds[2 + 2 * i].revents, fds[3 + 2 * i].revents};
            if (p.connecting) {
                if (rev[1] == 0)
                    continue;
                int soError = 0;
                socklen_t len = sizeof soError;
                ::getsockopt(p.fd[1], SOL_SOCKET, SO_ERROR, &soError, &len);
                if (soError != 0) {
                    im.fail(std::string("FaultProxy: connect to the upstream: ") + std::strerror(soError));
                    resetPair(p);
                    continue;
                }
                p.connecting = false;
            }
            for (int d = 0; d < 2 && !p.done; ++d) {
                Half& h = p.half[d];
                if ((rev[d] & (POLLIN | POLLHUP | POLLERR)) && !h.sourceEnded && wantsRead(p, d) && !readPiece(p, d))
                    break;
                if (!pump(p, d))
                    break;
            }
            if (!p.done && p.half[0].destinationShut && p.half[1].destinationShut && p.half[0].sourceEnded
                && p.half[1].sourceEnded) {
                ++finished_;
                closeFd(p.fd[0]);
                closeFd(p.fd[1]);
                p.done = true;
            }
        }
        im.pairs.erase(std::remove_if(im.pairs.begin(), im.pairs.end(), [](const auto& p) { return p->done; }),
            im.pairs.end());

        if (fds[0].revents != 0) {
            for (;;) {
                const int client = ::accept4(im.listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (client < 0)
                    break;
                auto p = std::make_unique<Pair>();
                p->fd[0] = client;
                p->fd[1] = ::socket(im.upstream.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
                const int one = 1;
                ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                if (im.upstream.ss_family != AF_UNIX)
                    ::setsockopt(p->fd[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                if (p->fd[1] < 0
                    || (::connect(p->fd[1], reinterpret_cast<const sockaddr*>(&im.upstream), im.upstreamLen) != 0
                        && errno != EINPROGRESS && errno != EAGAIN)) {
                    im.fail(std::string("FaultProxy: connect to the upstream: ") + std::strerror(errno));
                    resetPair(*p);
                    continue;
                }
                im.pairs.push_back(std::move(p));
            }
        }
    }
}

} // namespace qgnet_test
