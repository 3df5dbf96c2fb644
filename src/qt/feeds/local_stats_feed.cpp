// SPDX-License-Identifier: Apache-2.0
#include "bridge/thread_inbox.h"
#include "qgnet/engine.h"
#include "qgnet/error.h"
#include "qgnet/qt/logging.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet {

// The snapshot callback runs on an engine loop thread; it posts the snapshot into the feed's inbox,
// which runs the delivery on the feed's thread. The inbox closes with the feed, so a late answer
// never touches a deleted feed; `generation` drops answers from an engine the feed no longer follows.
struct LocalStatsFeed::State {
    explicit State(LocalStatsFeed* feed) : inbox(feed) {}
    qtdetail::ThreadInbox inbox;
    std::uint64_t generation = 0; // the feed's thread only
};

LocalStatsFeed::LocalStatsFeed(QObject* parent) : StatsFeed(parent), state_(std::make_unique<State>(this)) {}

LocalStatsFeed::~LocalStatsFeed()
{
    // The engine keeps a watched connection's timeline until its last watcher leaves: leave.
    for (const std::uint64_t id : watchedConnections())
        applyWatch(id, false);
}

void LocalStatsFeed::applyWatch(std::uint64_t id, bool on)
{
    Engine* engine = server_ ? server_->engine() : engine_;
    if (!engine || engine->validate())
        return;
    const std::error_code ec = on ? engine->watchConnection(id) : engine->unwatchConnection(id);
    if (ec)
        emit errorOccurred(tr("Cannot watch connection %1: %2").arg(id).arg(QString::fromStdString(ec.message())));
}

QtServer* LocalStatsFeed::server() const { return server_; }

void LocalStatsFeed::setServer(QtServer* server)
{
    if (server == server_)
        return;
    const auto watched = watchedConnections();
    for (const std::uint64_t id : watched)
        applyWatch(id, false);
    if (server_)
        disconnect(server_, nullptr, this, nullptr);
    server_ = server;
    engine_ = nullptr;
    ++state_->generation;
    cancelRequest();
    resetLogPosition();
    setActive(false);
    if (server_) {
        // A restarted server is a new engine: start its logs from the beginning.
        connect(server_, &QtServer::runningChanged, this, [this] {
            ++state_->generation;
            cancelRequest();
            resetLogPosition();
            if (!server_->isRunning())
                setActive(false);
            refresh();
        });
        connect(server_, &QObject::destroyed, this, [this] {
            server_ = nullptr;
            ++state_->generation;
            cancelRequest();
            setActive(false);
            updateActionsAvailable();
            emit serverChanged();
        });
    }
    updateActionsAvailable();
    for (const std::uint64_t id : watched)
        applyWatch(id, true);
    emit serverChanged();
    refresh();
}

void LocalStatsFeed::setEngine(Engine* engine)
{
    const auto watched = watchedConnections();
    for (const std::uint64_t id : watched)
        applyWatch(id, false);
    if (server_) {
        disconnect(server_, nullptr, this, nullptr);
        server_ = nullptr;
        emit serverChanged();
    }
    engine_ = engine;
    updateActionsAvailable();
    for (const std::uint64_t id : watched)
        applyWatch(id, true);
    ++state_->generation;
    cancelRequest();
    resetLogPosition();
    setActive(false);
    refresh();
}

void LocalStatsFeed::setActionsAllowed(bool allowed)
{
    if (allowed == actionsAllowed_)
        return;
    actionsAllowed_ = allowed;
    updateActionsAvailable();
    emit actionsAllowedChanged();
}

void LocalStatsFeed::updateActionsAvailable() { setActionsAvailable(actionsAllowed_ && (server_ || engine_)); }

void LocalStatsFeed::sendAction(int request, const InspectorAction& action)
{
    if (!actionsAllowed_) {
        StatsFeed::sendAction(request, action); // refused: actions-disabled
        return;
    }
    // In this process the engine is called directly, on this (the server's) thread.
    const InspectorActionResult result = performAction(server_, engine_, action);
    qCInfo(lcQt).noquote() << "in-process inspector asked to" << describeAction(action) << "-"
                           << (result.ok ? QStringLiteral("done")
                                         : result.code + QStringLiteral(": ") + result.message);
    finishAction(request, result);
}
void LocalStatsFeed::setHttpStatsSource(std::function<HttpStats()> source) { httpStatsSource_ = std::move(source); }

void LocalStatsFeed::request(const SnapshotRequest& request)
{
    Engine* engine = server_ ? server_->engine() : engine_;
    if (!engine || engine->validate()) {
        cancelRequest();
        setActive(false);
        return;
    }
    if (QString why; !state_->inbox.ensureReady(&why)) {
        fail(tr("Cannot create a wake-up descriptor: %1").arg(why));
        return;
    }
    const std::uint64_t generation = state_->generation;
    const qtdetail::ThreadInbox::Poster inbox = state_->inbox.poster();
    const std::error_code ec = engine->snapshotAsync(request, [this, inbox, generation](EngineSnapshot snapshot) {
        auto shared = std::make_shared<const EngineSnapshot>(std::move(snapshot));
        // `this` is used on the feed's thread only, and only while the inbox (so the feed) exists.
        inbox.post([this, generation, shared = std::move(shared)]() mutable {
            if (state_->generation != generation)
                return;
            if (server_) {
                setDroppedDatagrams(server_->droppedDatagrams());
                setBridgeHealth(server_->bridgeHealth());
            }
            setHttpStats(httpStatsSource_ ? httpStatsSource_() : HttpStats());
            deliver(std::move(shared));
        });
    });
    if (ec) {
        if (ec == make_error_code(Errc::EngineStopped)) {
            cancelRequest();
            setActive(false);
        } else {
            fail(tr("Cannot read the engine's statistics: %1").arg(QString::fromStdString(ec.message())));
        }
    }
}

} // namespace qgnet
