// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/stats_feed.h"

#include <algorithm>

#include "feeds/log_cursor.h"

namespace qgnet {

namespace {

// A request that got no answer for this long is abandoned (an engine that stopped may never run
// its snapshot callback); the next tick asks again.
constexpr qint64 RequestGiveUpMs = 5000;

} // namespace

StatsFeed::StatsFeed(QObject* parent)
    : QObject(parent)
    , decisions_(std::make_unique<qtdetail::LogCursor>())
    , events_(std::make_unique<qtdetail::LogCursor>())
{
    static const int registered = qRegisterMetaType<qgnet::SnapshotPtr>();
    Q_UNUSED(registered);
    timer_.setInterval(100);
    connect(&timer_, &QTimer::timeout, this, [this] { poll(false); });
    timer_.start();
}

StatsFeed::~StatsFeed() = default;

int StatsFeed::interval() const { return timer_.interval(); }

void StatsFeed::setInterval(int ms)
{
    ms = std::max(ms, 1);
    if (ms == timer_.interval())
        return;
    timer_.setInterval(ms);
    emit intervalChanged();
}

bool StatsFeed::isPaused() const { return paused_; }

void StatsFeed::setPaused(bool paused)
{
    if (paused == paused_)
        return;
    paused_ = paused;
    emit pausedChanged();
}

bool StatsFeed::isActive() const { return active_; }

bool StatsFeed::includeConnections() const { return includeConnections_; }

void StatsFeed::setIncludeConnections(bool on)
{
    if (on == includeConnections_)
        return;
    includeConnections_ = on;
    emit includeConnectionsChanged();
}

SnapshotPtr StatsFeed::latest() const { return latest_; }

void StatsFeed::refresh() { poll(true); }

void StatsFeed::poll(bool force)
{
    if (paused_ && !force)
        return;
    if (inFlight_) {
        if (requestAge_.isValid() && requestAge_.elapsed() < std::max<qint64>(RequestGiveUpMs, 10LL * interval())) {
            refreshPending_ = refreshPending_ || force;
            return;
        }
        inFlight_ = false;
    }
    SnapshotRequest req;
    req.connections = includeConnections_;
    req.decisionsAfter = decisions_->after();
    req.eventsAfter = events_->after();
    inFlight_ = true;
    forced_ = force;
    requestAge_.start();
    request(req); // may answer synchronously (deliver/fail/cancelRequest)
}

void StatsFeed::deliver(SnapshotPtr snapshot)
{
    inFlight_ = false;
    if (!snapshot)
        return;
    if (paused_ && !forced_) {
        // Asked before the pause: dropped, and the logs are not advanced, so after resume the
        // next snapshot brings these entries again.
        refreshPending_ = false;
        return;
    }
    // A different start time means another engine (restarted server, re-attached endpoint): its
    // logs are numbered afresh, so the positions must not carry over.
    if (latest_ && latest_->started != snapshot->started)
        resetLogPosition();
    // Keep only log entries not delivered before (a snapshot may repeat some, see LogCursor).
    std::vector<BalanceDecision> decisions = decisions_->accept(snapshot->decisions);
    std::vector<EngineEvent> events = events_->accept(snapshot->events);
    if (decisions.size() != snapshot->decisions.size() || events.size() != snapshot->events.size()) {
        auto trimmed = std::make_shared<EngineSnapshot>(*snapshot);
        trimmed->decisions = std::move(decisions);
        trimmed->events = std::move(events);
        snapshot = std::move(trimmed);
    }
    latest_ = snapshot;
    setActive(true);
    emit snapshotReady(snapshot);
    if (refreshPending_) {
        refreshPending_ = false;
        poll(true);
    }
}

void StatsFeed::setDroppedDatagrams(quint64 count)
{
    if (count == droppedDatagrams_)
        return;
    droppedDatagrams_ = count;
    emit droppedDatagramsChanged();
}

void StatsFeed::setHttpStats(const HttpStats& stats)
{
    if (stats == httpStats_)
        return;
    httpStats_ = stats;
    emit httpStatsChanged();
}

void StatsFeed::fail(const QString& message)
{
    inFlight_ = false;
    refreshPending_ = false;
    emit errorOccurred(message);
}

void StatsFeed::cancelRequest()
{
    inFlight_ = false;
    refreshPending_ = false;
}

void StatsFeed::resetLogPosition()
{
    decisions_->reset();
    events_->reset();
}

void StatsFeed::setActive(bool active)
{
    if (active == active_)
        return;
    active_ = active;
    emit activeChanged();
}

} // namespace qgnet
