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
    , stalls_(std::make_unique<qtdetail::LogCursor>())
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
    req.stallsAfter = stalls_->after();
    for (const auto& w : watched_)
        req.timelines.push_back(w.first);
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
    std::vector<LoopStall> stalls = stalls_->accept(snapshot->stalls);
    if (decisions.size() != snapshot->decisions.size() || events.size() != snapshot->events.size()
        || stalls.size() != snapshot->stalls.size()) {
        auto trimmed = std::make_shared<EngineSnapshot>(*snapshot);
        trimmed->decisions = std::move(decisions);
        trimmed->events = std::move(events);
        trimmed->stalls = std::move(stalls);
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

int StatsFeed::requestAction(const InspectorAction& action)
{
    const int request = ++nextAction_;
    sendAction(request, action);
    return request;
}

int StatsFeed::closeConnection(quint64 connectionId)
{
    InspectorAction a;
    a.kind = InspectorAction::Kind::CloseConnection;
    a.connection = connectionId;
    return requestAction(a);
}

int StatsFeed::pauseAccepting()
{
    InspectorAction a;
    a.kind = InspectorAction::Kind::PauseAccepting;
    return requestAction(a);
}

int StatsFeed::resumeAccepting()
{
    InspectorAction a;
    a.kind = InspectorAction::Kind::ResumeAccepting;
    return requestAction(a);
}

int StatsFeed::setBalancing(const QString& policy)
{
    // The wire form parses the name, so QML and the protocol accept the same words.
    QCborMap m;
    m.insert(QStringLiteral("action"), QStringLiteral("set-balancing"));
    m.insert(QStringLiteral("policy"), policy);
    QString why;
    const std::optional<InspectorAction> a = inspectorActionFromCbor(m, &why);
    if (!a) {
        const int request = ++nextAction_;
        finishAction(request, InspectorActionResult{false, QStringLiteral("bad-action"), why});
        return request;
    }
    return requestAction(*a);
}

int StatsFeed::setWaterMarks(qint64 high, qint64 low)
{
    InspectorAction a;
    a.kind = InspectorAction::Kind::SetWaterMarks;
    a.high = static_cast<std::uint64_t>(std::max<qint64>(high, 0));
    a.low = static_cast<std::uint64_t>(std::max<qint64>(low, 0));
    return requestAction(a);
}

void StatsFeed::sendAction(int request, const InspectorAction&)
{
    finishAction(request,
        InspectorActionResult{false, QStringLiteral("actions-disabled"), tr("This source does not allow actions")});
}

void StatsFeed::finishAction(int request, const InspectorActionResult& result)
{
    const QString message = result.ok ? QString() : QStringLiteral("%1: %2").arg(result.code, result.message);
    QMetaObject::invokeMethod(
        this, [this, request, ok = result.ok, message] { emit actionFinished(request, ok, message); },
        Qt::QueuedConnection);
}

void StatsFeed::setActionsAvailable(bool available)
{
    if (available == actionsAvailable_)
        return;
    actionsAvailable_ = available;
    emit actionsAvailableChanged();
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
    stalls_->reset();
}

void StatsFeed::resetSource()
{
    resetLogPosition();
    latest_.reset();
    emit sourceReset();
}

void StatsFeed::watchConnection(quint64 id)
{
    auto it = std::find_if(watched_.begin(), watched_.end(), [id](const auto& w) { return w.first == id; });
    if (it != watched_.end()) {
        ++it->second;
        return;
    }
    watched_.emplace_back(id, 1);
    applyWatch(id, true);
    refresh(); // the timeline's first entries at once, not at the next tick
}

void StatsFeed::unwatchConnection(quint64 id)
{
    auto it = std::find_if(watched_.begin(), watched_.end(), [id](const auto& w) { return w.first == id; });
    if (it == watched_.end() || --it->second > 0)
        return;
    watched_.erase(it);
    applyWatch(id, false);
}

std::vector<std::uint64_t> StatsFeed::watchedConnections() const
{
    std::vector<std::uint64_t> ids;
    for (const auto& w : watched_)
        ids.push_back(w.first);
    return ids;
}

void StatsFeed::applyWatch(std::uint64_t, bool) {}

void StatsFeed::setActive(bool active)
{
    if (active == active_)
        return;
    active_ = active;
    emit activeChanged();
}

} // namespace qgnet
