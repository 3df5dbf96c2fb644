// SPDX-License-Identifier: Apache-2.0
#include "listener.h"

#include <algorithm>
#include <cerrno>
#include <string>

#include <sys/socket.h>
#include <unistd.h>

#include "engine_config.h"
#include "engine_core.h"
#include "event_loop.h"
#include "socket_ops.h"

namespace qgnet::detail {

namespace {

// At most this many accepts per readiness event, so an accept storm cannot starve the loop's
// established connections (a level-triggered listener reports the rest next iteration).
constexpr int kAcceptBatch = 64;
constexpr std::chrono::milliseconds kFirstBackoff{10};
constexpr std::chrono::milliseconds kMaxBackoff{500};

// Errors that concern only the connection being accepted (it was reset or the route went away):
// retry at once. accept(2) asks Linux callers to treat the network errors like EAGAIN.
bool isTransient(int error)
{
    switch (error) {
    case EINTR:
    case ECONNABORTED:
    case EPROTO:
    case EPERM:
    case ENETDOWN:
    case ENOPROTOOPT:
    case EHOSTDOWN:
    case ENONET:
    case EHOSTUNREACH:
    case EOPNOTSUPP:
    case ENETUNREACH: return true;
    default: return false;
    }
}

} // namespace

Listener::Listener(int fd, const ListenAddress& address, const SocketAddress& bound, int addressIndex,
    bool unlinkPath) noexcept
    : IoHandle(Kind::Listener)
    , address_(address)
    , bound_(bound)
    , addressIndex_(addressIndex)
    , unlinkPath_(unlinkPath)
{
    socketFd = fd;
}

Listener::~Listener()
{
    if (socketFd >= 0)
        ::close(socketFd); // never registered (the engine did not start)
}

void Listener::acceptReady(EventLoop& loop)
{
    if (socketFd < 0 || held_)
        return; // closed or held earlier in this iteration; its event was already in the batch
    for (int i = 0; i < kAcceptBatch; ++i) {
        SocketAddress peer;
        socklen_t len = SocketAddress::capacity();
        const int accepted = ::accept4(socketFd, peer.data(), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (accepted >= 0) {
            peer.setSize(len);
            countAccepted(); // before the connection can be served: a reader that saw it sees the count
            if (!loop.engine().dispatchAccepted(loop, *this, accepted, peer)) {
                pause(loop, ListenerState::AtLimit); // over Options::maxConnections: the socket was closed
                return;
            }
            backoff_ = std::chrono::milliseconds(0);
            continue;
        }
        if (errno == EAGAIN)
            return;
        loop.countError(ErrorKind::Accept, errno);
        if (isTransient(errno))
            continue;
        backOff(loop, errno);
        return;
    }
}

void Listener::acceptCompleted(EventLoop& loop, int fd, int error)
{
    if (fd >= 0) {
        SocketAddress peer;
        socklen_t len = SocketAddress::capacity();
        if (::getpeername(fd, peer.data(), &len) == 0)
            peer.setSize(len);
        countAccepted();
        if (!loop.engine().dispatchAccepted(loop, *this, fd, peer)) {
            pause(loop, ListenerState::AtLimit); // over Options::maxConnections: the socket was closed
            return;
        }
        backoff_ = std::chrono::milliseconds(0);
        return;
    }
    if (error == EAGAIN)
        return;
    loop.countError(ErrorKind::Accept, error);
    if (isTransient(error))
        return;
    backOff(loop, error);
}

// Out of descriptors or memory (or something unexpected): stop watching the listener, or a
// level-triggered poller would report the pending connection forever and the loop would spin.
// Retry after a back-off that doubles up to kMaxBackoff; the pending connections wait in the backlog.
void Listener::backOff(EventLoop& loop, int error)
{
    if (backoff_.count() == 0) { // the first in this episode
        const std::error_code ec(error, std::system_category());
        loop.config().log(LogLevel::Warn,
            "accept on " + address_.url(bound_) + " failed: " + ec.message()
                + "; pausing accepts and retrying with back-off (up to 500 ms)");
        loop.recordEvent(EngineEvent::Kind::Error, 0, {}, ec, "accept on " + address_.url(bound_));
    }
    if (probe_)
        probe_->backoffError.store(error, std::memory_order_relaxed);
    pause(loop, ListenerState::BackingOff);
}

// Counts for ListenerStats: the probe's fields have one writer, this loop.
void Listener::countAccepted() noexcept
{
    if (probe_)
        ListenerProbe::bump(probe_->accepted);
}

void Listener::countRefused() noexcept
{
    if (probe_)
        ListenerProbe::bump(probe_->refused);
}

// Stops watching the listener for the current back-off, which doubles with each pause of an episode
// up to kMaxBackoff. A completion backend may still deliver accepts made before the pause: those do
// not stack further timers.
void Listener::pause(EventLoop& loop, ListenerState why)
{
    if (resumeTimer_)
        return;
    backoff_ = backoff_.count() == 0 ? kFirstBackoff : std::min(backoff_ * 2, kMaxBackoff);
    backoffState_ = why;
    loop.backend().setListenerActive(*this, false);
    if (probe_) {
        probe_->backoffMs.store(backoff_.count(), std::memory_order_relaxed);
        probe_->state.store(held_ ? ListenerState::Paused : why, std::memory_order_relaxed);
    }
    resumeTimer_ = loop.timers().schedule(Clock::now() + backoff_, [this, &loop] {
        resumeTimer_ = 0;
        if (!held_)
            loop.backend().setListenerActive(*this, true);
        if (probe_) {
            probe_->state.store(held_ ? ListenerState::Paused : ListenerState::Accepting, std::memory_order_relaxed);
            probe_->backoffError.store(0, std::memory_order_relaxed);
            probe_->backoffMs.store(0, std::memory_order_relaxed);
        }
    });
}

void Listener::hold(EventLoop& loop, bool on) noexcept
{
    if (socketFd < 0 || held_ == on)
        return;
    held_ = on;
    if (on)
        loop.backend().setListenerActive(*this, false);
    else if (!resumeTimer_)
        loop.backend().setListenerActive(*this, true);
    // Released during a back-off: the back-off's state until its timer ends.
    if (probe_)
        probe_->state.store(on ? ListenerState::Paused
                : resumeTimer_ ? backoffState_
                               : ListenerState::Accepting,
            std::memory_order_relaxed);
}

void Listener::close(EventLoop& loop) noexcept
{
    if (socketFd < 0)
        return;
    if (resumeTimer_) {
        loop.timers().cancel(resumeTimer_);
        resumeTimer_ = 0;
    }
    loop.backend().removeListener(*this);
    loop.engine().closeListenerFd(socketFd, probe_);
    socketFd = -1;
    if (unlinkPath_) {
        const std::string path = bound_.toString();
        if (!path.empty() && path.front() != '@')
            ::unlink(path.c_str());
    }
}

} // namespace qgnet::detail
