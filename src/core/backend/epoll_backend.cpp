// SPDX-License-Identifier: Apache-2.0
// The readiness backend: epoll for events, an eventfd for cross-thread wake-ups, read/send/sendmsg
// for the bytes. See backend.h for the contract.

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "backend/backend.h"
#include "backend/direct_send.h"
#include "backend/syscalls.h"
#include "connection.h"
#include "engine_config.h"
#include "event_loop.h"
#include "listener.h"
#include "qgnet/error.h"
#include "socket_ops.h"

namespace qgnet::detail {

namespace {

constexpr std::uint32_t kReadEvents = EPOLLIN | EPOLLRDHUP;
constexpr std::uint32_t kWriteEvents = EPOLLOUT;
constexpr std::uint32_t kEdge = EPOLLET;

class EpollBackend final : public IoBackend {
public:
    EpollBackend(EventLoop& loop, const EngineConfig& config)
        : loop_(loop)
        , config_(config)
        , edge_(config.options.edgeTriggeredIO)
        , readBudget_(config.options.edgeTriggeredReadBudget)
        , wakeFd_(loop.mailbox()->eventFd())
        , events_(256)
    {
        epfd_ = ::epoll_create1(EPOLL_CLOEXEC);
        if (epfd_ < 0) {
            const auto ec = errnoCode();
            throw Error(ec, "epoll_create1 failed: " + ec.message());
        }
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.ptr = nullptr; // the one registration without a handle: the mailbox's eventfd
        if (::epoll_ctl(epfd_, EPOLL_CTL_ADD, wakeFd_, &ev) != 0) {
            const auto ec = errnoCode();
            ::close(epfd_);
            throw Error(ec, "cannot watch the wake-up eventfd: " + ec.message());
        }
    }

    ~EpollBackend() override { ::close(epfd_); }
    EpollBackend(const EpollBackend&) = delete;
    EpollBackend& operator=(const EpollBackend&) = delete;

    std::string_view name() const noexcept override { return "epoll"; }

    std::error_code addListener(Listener& listener) override { return control(EPOLL_CTL_ADD, listener, EPOLLIN); }

    void setListenerActive(Listener& listener, bool active) override
    {
        // A paused listener stays registered with an empty mask: no wake-ups, nothing to re-add.
        (void)control(EPOLL_CTL_MOD, listener, active ? std::uint32_t{EPOLLIN} : 0u);
    }

    void removeListener(Listener& listener) override { (void)control(EPOLL_CTL_DEL, listener, 0); }

    std::error_code addConnection(Connection& conn) override
    {
        if (conn.kind == IoHandle::Kind::Datagram)
            return control(EPOLL_CTL_ADD, conn, EPOLLIN); // always level-triggered: a batch per wake-up
        return control(EPOLL_CTL_ADD, conn, edge_ ? kReadEvents | kWriteEvents | kEdge : kReadEvents);
    }

    void removeConnection(Connection& conn) override { (void)control(EPOLL_CTL_DEL, conn, 0); }

    std::error_code watchConnect(Connection& conn) override { return control(EPOLL_CTL_ADD, conn, EPOLLOUT); }

    // conn.wantsRead() already says what is wanted. Level-triggered, the mask must lose EPOLLIN, or a
    // peer's EOF (or a paused reader's data) would wake the loop forever; edge-triggered, doRead()
    // simply ignores the edges.
    void setReading(Connection& conn, bool) override { updateConnection(conn); }

    void readMore(Connection& conn) override { doRead(conn); }

    IoResult trySend(Connection& conn, Bytes data) override { return sendNow(conn.socketFd, data); }

    IoResult trySendv(Connection& conn, std::span<const iovec> parts) override
    {
        return sendvNow(conn.socketFd, parts);
    }

    IoResult trySendTo(Connection& conn, const SocketAddress& to, Bytes data) override
    {
        return sendDatagramNow(conn.socketFd, to, data);
    }

    void requestFlush(Connection& conn) override { updateConnection(conn); }
    void flushDone(Connection& conn) override { updateConnection(conn); }

    void poll(std::chrono::milliseconds timeout) override
    {
        const int n = sys::epollWait(epfd_, events_.data(), static_cast<int>(events_.size()),
            static_cast<int>(std::min<std::chrono::milliseconds::rep>(timeout.count(), INT32_MAX)));
        loop_.pollReturned();
        if (n < 0) {
            if (errno != EINTR)
                config_.log(LogLevel::Error, "epoll_wait failed: " + errnoCode().message());
            return;
        }
        for (int i = 0; i < n; ++i)
            dispatch(events_[static_cast<std::size_t>(i)]);
        if (static_cast<std::size_t>(n) == events_.size() && events_.size() < 4096)
            events_.resize(events_.size() * 2); // a full batch: take more per call next time
    }

    void wakeup() noexcept override { loop_.mailbox()->wakeup(); }

private:
    std::error_code control(int op, IoHandle& handle, std::uint32_t events)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.ptr = &handle;
        if (::epoll_ctl(epfd_, op, handle.socketFd, &ev) != 0)
            return errnoCode();
        handle.backendState = events;
        return {};
    }

    // Level-triggered connections want EPOLLOUT only while output is pending and EPOLLIN only while
    // reading; edge-triggered ones keep their one registration (EPOLLOUT edges are free there). With
    // nothing wanted the registration is edge-triggered: EPOLLHUP and EPOLLERR cannot be masked, and
    // level-triggered they would wake the loop on every wait while a paused connection's peer is gone.
    void updateConnection(Connection& conn)
    {
        if (edge_)
            return;
        std::uint32_t want = (conn.wantsRead() ? kReadEvents : 0u) | (conn.writeArmed ? kWriteEvents : 0u);
        if (want == 0)
            want = kEdge;
        if (want != conn.backendState)
            (void)control(EPOLL_CTL_MOD, conn, want);
    }

    void dispatch(const epoll_event& ev)
    {
        if (!ev.data.ptr) {
            std::uint64_t count;
            while (::read(wakeFd_, &count, sizeof count) < 0 && errno == EINTR) {}
            loop_.handleWakeup();
            return;
        }
        auto* handle = static_cast<IoHandle*>(ev.data.ptr);
        if (handle->kind == IoHandle::Kind::Listener) {
            loop_.handleAcceptReady(*static_cast<Listener*>(handle));
            return;
        }
        if (handle->kind == IoHandle::Kind::Datagram
            && static_cast<Connection*>(handle)->state() == Connection::State::Open) {
            if (ev.events & (EPOLLIN | EPOLLERR))
                readDatagrams(*static_cast<Connection*>(handle));
            return;
        }
        auto& conn = *static_cast<Connection*>(handle);
        if (conn.state() == Connection::State::Closed)
            return; // closed earlier in this batch; memory lives until the iteration ends
        if (conn.state() == Connection::State::Connecting) {
            loop_.handleConnectReady(conn);
            return;
        }
        // Edge-triggered, the EOF's edge may come with the data's, and no edge follows it: remember it.
        if (ev.events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR))
            conn.peerEnded = true;
        // Write first: a flush frees the peer to send more and, when draining, may finish the connection.
        if ((ev.events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) && conn.writeArmed) {
            loop_.handleWritable(conn);
            if (conn.state() == Connection::State::Closed)
                return;
        }
        if (conn.wantsRead()) {
            if (ev.events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP))
                doRead(conn);
        } else if (ev.events & (EPOLLERR | EPOLLHUP)) {
            // Paused: the hang-up is all there is to see. If the connection stays open (input left for
            // resumeRead), the edge-triggered empty registration keeps it from reporting it again.
            (void)loop_.handlePeerGoneWhilePaused(conn, (ev.events & EPOLLERR) != 0);
        }
    }

    // Level-triggered: one read per readiness event, as gnet. Edge-triggered: read until EAGAIN, a
    // short read (the kernel had no more; new data raises a new edge) or the budget, then come back
    // later through the loop's read-again list. A short read after the peer's end was reported is
    // read past: the EOF (or the error) is still to be taken, and no new edge will announce it.
    void doRead(Connection& conn)
    {
        if (!readBuffer_) // on first use: the acceptor's loop never reads a stream
            readBuffer_ = std::make_unique_for_overwrite<std::byte[]>(config_.options.readBufferCap);
        const MutableBytes buffer(readBuffer_.get(), config_.options.readBufferCap);
        std::size_t total = 0;
        for (;;) {
            const ssize_t n = sys::read(conn.socketFd, buffer.data(), buffer.size());
            if (n > 0) {
                loop_.handleReceived(conn, Bytes(buffer.data(), static_cast<std::size_t>(n)));
                if (!edge_ || !conn.wantsRead())
                    return;
                if (static_cast<std::size_t>(n) < buffer.size() && !conn.peerEnded)
                    return;
                total += static_cast<std::size_t>(n);
                if (total >= readBudget_) {
                    loop_.queueReadAgain(conn);
                    return;
                }
                continue;
            }
            if (n == 0) {
                loop_.handlePeerClosed(conn);
                return;
            }
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN)
                loop_.handleError(conn, errnoCode());
            return;
        }
    }

    // Up to kDatagramBatch datagrams per recvmmsg, each into its own readBufferCap slot (allocated
    // when the loop gets its first datagram socket); at most kDatagramBudget per readiness event, so
    // a flood on one socket cannot starve the loop's other sockets.
    static constexpr unsigned kDatagramBatch = 8;
    static constexpr int kDatagramBudget = 64;

    // No stream and no UDP socket is left to read into them (the loop's promise): the read buffers
    // go (readBufferCap bytes, readBufferCap times the batch for UDP) and come back on the next read.
    void releaseIdleMemory() noexcept override
    {
        readBuffer_.reset();
        datagramBuffer_.reset();
    }

    void readDatagrams(Connection& conn)
    {
        const std::size_t slot = config_.options.readBufferCap;
        if (!datagramBuffer_)
            datagramBuffer_ = std::make_unique_for_overwrite<std::byte[]>(slot * kDatagramBatch);
        mmsghdr messages[kDatagramBatch];
        iovec iov[kDatagramBatch];
        sockaddr_storage from[kDatagramBatch];
        for (int taken = 0; taken < kDatagramBudget;) {
            for (unsigned i = 0; i < kDatagramBatch; ++i) {
                iov[i] = {datagramBuffer_.get() + i * slot, slot};
                messages[i] = {};
                messages[i].msg_hdr.msg_iov = &iov[i];
                messages[i].msg_hdr.msg_iovlen = 1;
                messages[i].msg_hdr.msg_name = &from[i];
                messages[i].msg_hdr.msg_namelen = sizeof from[i];
            }
            const int n = sys::recvmmsg(conn.socketFd, messages, kDatagramBatch, MSG_DONTWAIT);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                // EAGAIN: drained. Anything else (an ICMP error on a connected socket) concerns one
                // earlier datagram, not this socket: report it to a connected (client) socket only.
                if (errno != EAGAIN && conn.remoteAddr().family() != AF_UNSPEC && conn.isConnectedDatagram())
                    loop_.handleError(conn, errnoCode());
                return;
            }
            for (int i = 0; i < n; ++i) {
                const auto& m = messages[i];
                const bool truncated = (m.msg_hdr.msg_flags & MSG_TRUNC) != 0;
                const SocketAddress peer(reinterpret_cast<const sockaddr*>(&from[i]), m.msg_hdr.msg_namelen);
                loop_.handleDatagram(conn,
                    Bytes(datagramBuffer_.get() + static_cast<std::size_t>(i) * slot,
                        std::min<std::size_t>(m.msg_len, slot)),
                    peer, truncated);
                if (conn.state() == Connection::State::Closed)
                    return;
            }
            taken += n;
            if (static_cast<unsigned>(n) < kDatagramBatch)
                return;
        }
    }

    EventLoop& loop_;
    const EngineConfig& config_;
    std::unique_ptr<std::byte[]> datagramBuffer_;
    const bool edge_;
    const std::size_t readBudget_;
    int epfd_ = -1;
    const int wakeFd_;
    std::vector<epoll_event> events_;
    std::unique_ptr<std::byte[]> readBuffer_; // every stream read of this loop lands here (readBufferCap bytes)
};

} // namespace

std::unique_ptr<IoBackend> makeEpollBackend(EventLoop& loop, const EngineConfig& config)
{
    return std::make_unique<EpollBackend>(loop, config);
}

} // namespace qgnet::detail
