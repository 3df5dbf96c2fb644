// SPDX-License-Identifier: Apache-2.0
// Watched connections and their timelines (qgnet/timeline.h). The engine counts who watches which
// id; each loop keeps the timelines of the watched connections it holds, by id, and flags the
// connection, so that its hot path tests one byte it already has in cache. Nothing here runs while
// nobody watches.
#include <algorithm>
#include <mutex>

#include "connection.h"
#include "engine_core.h"
#include "event_loop.h"
#include "qgnet/error.h"
#include "tls/tls_session.h"

namespace qgnet {

std::error_code Engine::watchConnection(std::uint64_t id) const
{
    if (!core_)
        return Errc::EngineStopped;
    return core_->watchConnection(id);
}

std::error_code Engine::unwatchConnection(std::uint64_t id) const
{
    if (!core_)
        return Errc::EngineStopped;
    return core_->unwatchConnection(id);
}

namespace detail {

std::error_code EngineCore::watchConnection(std::uint64_t id)
{
    if (stopRequested())
        return Errc::EngineStopped;
    {
        std::lock_guard lock(watchMutex_);
        auto it = std::find_if(watched_.begin(), watched_.end(), [id](const auto& w) { return w.first == id; });
        if (it != watched_.end()) {
            ++it->second; // already watched: one more watcher, nothing to tell the loops
            return {};
        }
        if (watched_.size() >= kMaxWatchedConnections)
            return Errc::WatchLimit;
        watched_.emplace_back(id, 1);
    }
    // The connection's loop is not known here (ids are engine-wide): every loop looks for it. A loop
    // whose queue is full cannot be asked; then the watch is undone and a loop that did start the
    // timeline drops it at its next snapshot (collectTimelines), since the id is no longer registered.
    for (auto& loop : loops_) {
        EventLoop* l = loop.get();
        if (l->post([l, id](bool run) {
                if (run)
                    l->watch(id);
            })
            != Mailbox::Push::Queued) {
            (void)unwatchConnection(id);
            return Errc::QueueFull;
        }
    }
    return {};
}

std::error_code EngineCore::unwatchConnection(std::uint64_t id)
{
    {
        std::lock_guard lock(watchMutex_);
        auto it = std::find_if(watched_.begin(), watched_.end(), [id](const auto& w) { return w.first == id; });
        if (it == watched_.end())
            return {};
        if (--it->second > 0)
            return {};
        watched_.erase(it);
    }
    // A loop that misses this (full queue, stopping) drops the timeline at its next snapshot.
    for (auto& loop : loops_) {
        EventLoop* l = loop.get();
        (void)l->post([l, id](bool run) {
            if (run)
                l->unwatch(id);
        });
    }
    return {};
}

bool EngineCore::isWatched(std::uint64_t id) const
{
    std::lock_guard lock(watchMutex_);
    return std::any_of(watched_.begin(), watched_.end(), [id](const auto& w) { return w.first == id; });
}

TimelineLog* EventLoop::timelineOf(std::uint64_t id) noexcept
{
    for (auto& t : timelines_)
        if (t->id() == id)
            return t.get();
    return nullptr;
}

Connection* EventLoop::findConnection(std::uint64_t id) const noexcept
{
    for (Connection* conn : slots_)
        if (conn && conn->id() == id && conn->state() != Connection::State::Closed)
            return conn;
    return nullptr;
}

void EventLoop::watch(std::uint64_t id)
{
    assertInLoopThread();
    if (timelineOf(id) || !engine_->isWatched(id))
        return;
    Connection* conn = findConnection(id);
    if (!conn || (conn->isDatagram() && !conn->isConnectedDatagram()))
        return; // not ours (or a server's UDP socket, which is no connection)
    auto log = std::make_unique<TimelineLog>(id, index_, now_);
    // What happened before watching began, as far as the connection's state tells it.
    const bool opened = conn->state() == Connection::State::Open || conn->state() == Connection::State::Draining;
    if (opened && conn->isTls())
        log->addAt(TimelineEntry::Kind::TlsHandshakeDone, conn->openedAt(), conn->tls()->version());
    if (opened)
        log->addAt(TimelineEntry::Kind::Opened, conn->openedAt());
    log->add(TimelineEntry::Kind::Watched, now_);
    if (conn->isReadPaused())
        log->add(TimelineEntry::Kind::ReadPaused, now_, TimelineEntry::Cause::User);
    if (conn->isBudgetPaused())
        log->add(TimelineEntry::Kind::ReadPaused, now_, TimelineEntry::Cause::MemoryBudget);
    if (!conn->isWritable())
        log->add(TimelineEntry::Kind::HighWater, now_);
    timelines_.push_back(std::move(log));
    conn->setWatched(true);
}

void EventLoop::unwatch(std::uint64_t id)
{
    assertInLoopThread();
    auto it = std::find_if(timelines_.begin(), timelines_.end(), [id](const auto& t) { return t->id() == id; });
    if (it == timelines_.end())
        return;
    timelines_.erase(it);
    if (Connection* conn = findConnection(id))
        conn->setWatched(false);
}

void EventLoop::timelineEntry(Connection& conn, TimelineEntry::Kind kind, TimelineEntry::Cause cause,
    std::string_view detail) noexcept
{
    try {
        if (TimelineLog* log = timelineOf(conn.id()))
            log->add(kind, now_, cause, detail);
    } catch (...) { // an entry lost to a failed allocation; the connection goes on
    }
}

void EventLoop::timelineTraffic(Connection& conn, std::size_t bytesIn, std::size_t bytesOut) noexcept
{
    try {
        if (TimelineLog* log = timelineOf(conn.id()))
            log->traffic(now_, bytesIn, bytesOut);
    } catch (...) {
    }
}

void EventLoop::timelineClosed(Connection& conn, std::error_code reason) noexcept
{
    if (!conn.watched())
        return;
    conn.setWatched(false); // the timeline stays, closed, until unwatched
    try {
        if (TimelineLog* log = timelineOf(conn.id()))
            log->close(now_, reason ? reason.message() : std::string());
    } catch (...) {
    }
}

void EventLoop::collectTimelines(const SnapshotRequest& request, EngineSnapshot& out)
{
    assertInLoopThread();
    std::erase_if(timelines_, [this](const std::unique_ptr<TimelineLog>& t) {
        if (engine_->isWatched(t->id()))
            return false;
        if (Connection* conn = findConnection(t->id()))
            conn->setWatched(false);
        return true;
    });
    for (const std::uint64_t id : request.timelines) {
        if (const TimelineLog* log = timelineOf(id))
            log->collect(out.timelines.emplace_back());
    }
}

} // namespace detail
} // namespace qgnet
