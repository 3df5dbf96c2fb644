// SPDX-License-Identifier: Apache-2.0
#include <mutex>

#include "qgnet/engine.h"
#include "qgnet/error.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet {

// State is shared with the snapshot callbacks in flight. The callback runs on an engine loop thread;
// it posts the snapshot to the feed under the mutex, and the feed's destructor clears `feed` under
// the same mutex, so a late answer never touches a deleted feed (Qt discards events posted to an
// object when it is destroyed). `generation` drops answers from an engine the feed no longer follows.
struct LocalStatsFeed::State {
    std::mutex mutex;
    LocalStatsFeed* feed = nullptr;
    std::uint64_t generation = 0; // written and read on the feed's thread only
};

LocalStatsFeed::LocalStatsFeed(QObject* parent)
    : StatsFeed(parent)
    , state_(std::make_shared<State>())
{
    state_->feed = this;
}

LocalStatsFeed::~LocalStatsFeed()
{
    std::lock_guard lock(state_->mutex);
    state_->feed = nullptr;
}

QtServer* LocalStatsFeed::server() const { return server_; }

void LocalStatsFeed::setServer(QtServer* server)
{
    if (server == server_)
        return;
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
            emit serverChanged();
        });
    }
    emit serverChanged();
    refresh();
}

void LocalStatsFeed::setEngine(Engine* engine)
{
    if (server_) {
        disconnect(server_, nullptr, this, nullptr);
        server_ = nullptr;
        emit serverChanged();
    }
    engine_ = engine;
    ++state_->generation;
    cancelRequest();
    resetLogPosition();
    setActive(false);
    refresh();
}

void LocalStatsFeed::request(const SnapshotRequest& request)
{
    Engine* engine = server_ ? server_->engine() : engine_;
    if (!engine || engine->validate()) {
        cancelRequest();
        setActive(false);
        return;
    }
    const std::uint64_t generation = state_->generation;
    std::shared_ptr<State> state = state_;
    const std::error_code ec = engine->snapshotAsync(request, [state, generation](EngineSnapshot snapshot) {
        auto shared = std::make_shared<const EngineSnapshot>(std::move(snapshot));
        std::lock_guard lock(state->mutex);
        if (!state->feed)
            return;
        LocalStatsFeed* feed = state->feed;
        QMetaObject::invokeMethod(
            feed,
            [feed, state, generation, shared] {
                if (state->generation == generation)
                    feed->deliver(shared);
            },
            Qt::QueuedConnection);
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
