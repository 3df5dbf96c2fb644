// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include "qgnet/qt/bridge_health.h"
#include "qgnet/qt/http_stats.h"
#include "qgnet/qt/inspector_action.h"
#include "qgnet/stats.h"

namespace qgnet {

class Engine;
class QtServer;

namespace qtdetail {
class LogCursor;
}

/// SnapshotPtr is how snapshots travel between threads and to every model: shared, immutable.
using SnapshotPtr = std::shared_ptr<const EngineSnapshot>;

/// StatsFeed delivers an engine's snapshots to the models at a steady rate (interval, default 100 ms,
/// i.e. 10 Hz), wherever the engine is: in this process (LocalStatsFeed) or in another one
/// (RemoteStatsFeed). Logs are fetched incrementally, so each snapshot carries only the decisions and
/// events that are new since the previous one. Pausing stops the requests, not the engine: after
/// resume, the next snapshot catches up (logs included, as far as the engine kept them).
/// Lives in and signals on the thread that owns it.
class QGNET_QT_EXPORT StatsFeed : public QObject {
    Q_OBJECT
    Q_PROPERTY(int interval READ interval WRITE setInterval NOTIFY intervalChanged)
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)
    Q_PROPERTY(bool active READ isActive NOTIFY activeChanged)
    Q_PROPERTY(
        bool includeConnections READ includeConnections WRITE setIncludeConnections NOTIFY includeConnectionsChanged)
    Q_PROPERTY(quint64 droppedDatagrams READ droppedDatagrams NOTIFY droppedDatagramsChanged)
    Q_PROPERTY(bool actionsAvailable READ actionsAvailable NOTIFY actionsAvailableChanged)
public:
    /// StatsFeed starts polling at once; without a source each tick costs nothing.
    explicit StatsFeed(QObject* parent = nullptr);
    ~StatsFeed() override;

    /// interval is the time between two snapshot requests in milliseconds (default 100, at least 1).
    int interval() const;
    void setInterval(int ms);
    /// paused stops the periodic requests (refresh() still works); the engine keeps counting. An
    /// answer to a periodic request that arrives after the pause is dropped (its log entries come
    /// again after resume), so nothing changes on screen from the moment of the pause.
    bool isPaused() const;
    void setPaused(bool paused);
    /// isActive: a source is attached and answering.
    bool isActive() const;
    /// includeConnections asks for every connection's statistics (ConnectionModel needs them; a
    /// loops-only view can save the copy). Default true.
    bool includeConnections() const;
    void setIncludeConnections(bool on);
    /// droppedDatagrams is how many UDP datagrams the source's Qt bridge dropped so far because its Qt
    /// thread had deliveryLimit bytes of datagrams still to take (QtServer::droppedDatagrams); 0 for
    /// a plain engine. Updated with each snapshot.
    quint64 droppedDatagrams() const { return droppedDatagrams_; }
    /// bridgeHealth is the source's Qt bridge health (QtServer::bridgeHealth) as of the latest
    /// snapshot; all zero for a plain engine or an endpoint that does not send it. Updated with each
    /// snapshot, before snapshotReady.
    BridgeHealth bridgeHealth() const { return bridgeHealth_; }
    /// httpStats is what the source's HTTP server reports (routes and their requests, WebSocket
    /// sessions; present false when it has none). Updated with each snapshot (httpStatsChanged when
    /// it changed).
    const HttpStats& httpStats() const { return httpStats_; }
    /// latest is the newest snapshot (null before the first).
    SnapshotPtr latest() const;
    /// watchConnection asks the source to record connection id's timeline (Engine::watchConnection,
    /// or the endpoint's "watch") and puts it in every snapshot from then on (EngineSnapshot::timelines,
    /// read by TimelineModel). Counted per id: each call needs its unwatchConnection; the source hears
    /// only the first watch and the last unwatch. The feed's destructor unwatches what is left.
    /// A refusal (the engine watches kMaxWatchedConnections already) comes as errorOccurred.
    Q_INVOKABLE void watchConnection(quint64 id);
    /// unwatchConnection undoes one watchConnection of id.
    Q_INVOKABLE void unwatchConnection(quint64 id);
    /// watchedConnections are the ids this feed watches now.
    std::vector<std::uint64_t> watchedConnections() const;

    /// actionsAvailable: the source lets this feed run safe actions (InspectorAction): a
    /// LocalStatsFeed with actionsAllowed and an engine, or an endpoint whose welcome allowed them.
    bool actionsAvailable() const { return actionsAvailable_; }
    /// requestAction asks the source to run action. The answer comes later (never before this
    /// returns) as actionFinished with the number returned here; without actions it is an error
    /// ("actions-disabled"), never silence. The shorthands below are the same for QML.
    int requestAction(const InspectorAction& action);
    Q_INVOKABLE int closeConnection(quint64 connectionId);
    Q_INVOKABLE int pauseAccepting();
    Q_INVOKABLE int resumeAccepting();
    /// setBalancing takes a policy's protocol name: "round-robin", "least-connections", "source-addr-hash".
    Q_INVOKABLE int setBalancing(const QString& policy);
    Q_INVOKABLE int setWaterMarks(qint64 high, qint64 low);

public Q_SLOTS:
    /// refresh requests a snapshot now (also while paused).
    void refresh();

Q_SIGNALS:
    /// snapshotReady carries each new snapshot (its logs hold only entries not delivered before).
    void snapshotReady(const qgnet::SnapshotPtr& snapshot);
    /// errorOccurred reports a failed request or a lost/refused source, in words for the user.
    void errorOccurred(const QString& message);
    void intervalChanged();
    void pausedChanged();
    void activeChanged();
    void includeConnectionsChanged();
    void droppedDatagramsChanged();
    /// sourceReset says that the snapshots which follow start over (a recording sought backwards,
    /// RecordingFeed): the models drop their rows, logs and histories, as for a new source.
    void sourceReset();
    void actionsAvailableChanged();
    /// actionFinished answers requestAction: ok, or why not (code and message in words).
    void actionFinished(int request, bool ok, const QString& message);
    void httpStatsChanged();

protected:
    /// request asks the source for a snapshot; the subclass calls deliver() (on this object's thread)
    /// when it arrives, or fail() when it cannot.
    virtual void request(const SnapshotRequest& request) = 0;
    /// deliver hands an answer to the feed (filters the logs, updates latest, emits snapshotReady).
    void deliver(SnapshotPtr snapshot);
    /// setDroppedDatagrams records the source's bridge counter (droppedDatagramsChanged); the
    /// subclass calls it before deliver().
    void setDroppedDatagrams(quint64 count);
    /// setBridgeHealth records the source's bridge health; the subclass calls it before deliver().
    void setBridgeHealth(const BridgeHealth& health) { bridgeHealth_ = health; }
    /// sendAction hands an action to the source; the subclass calls finishAction(request, ...) once
    /// the answer is known (on this object's thread, possibly at once). The default refuses.
    virtual void sendAction(int request, const InspectorAction& action);
    /// finishAction emits actionFinished for request from the event loop (never re-entrantly).
    void finishAction(int request, const InspectorActionResult& result);
    /// setActionsAvailable says whether the source allows actions (actionsAvailableChanged).
    void setActionsAvailable(bool available);
    /// setHttpStats records the source's HTTP counters (httpStatsChanged); before deliver().
    void setHttpStats(const HttpStats& stats);
    /// fail ends the request in flight with an error (errorOccurred).
    void fail(const QString& message);
    /// setActive says whether the source answers (activeChanged).
    void setActive(bool active);
    /// cancelRequest ends the request in flight without an answer and without an error (no source
    /// to ask, or the source changed and a late answer will be ignored).
    void cancelRequest();
    /// applyWatch tells the source that id starts (on) or stops being watched by this feed; the base
    /// does nothing. Called on the first watchConnection of an id and its last unwatchConnection.
    virtual void applyWatch(std::uint64_t id, bool on);
    /// resetLogPosition makes the next request ask for the logs from the start (a new engine
    /// numbers its decisions and events from 1 again).
    void resetLogPosition();
    /// resetSource starts over: the log positions and latest() are reset and sourceReset is emitted.
    void resetSource();

private:
    void poll(bool force);
    QTimer timer_;
    QElapsedTimer requestAge_; // a request unanswered for long (engine gone) no longer blocks the next
    bool refreshPending_ = false;
    bool forced_ = false; // the request in flight came from refresh(): answered even while paused
    bool paused_ = false;
    bool active_ = false;
    bool inFlight_ = false;
    bool includeConnections_ = true;
    // Where the incremental logs stand: nothing lost or repeated across snapshots (see log_cursor.h).
    std::unique_ptr<qtdetail::LogCursor> decisions_;
    std::unique_ptr<qtdetail::LogCursor> events_;
    SnapshotPtr latest_;
    quint64 droppedDatagrams_ = 0;
    std::unique_ptr<qtdetail::LogCursor> stalls_; // the stall log (LoopStall), as the two above
    BridgeHealth bridgeHealth_;
    bool actionsAvailable_ = false;
    int nextAction_ = 0;
    std::vector<std::pair<std::uint64_t, int>> watched_; // id and its watchers (views)
    HttpStats httpStats_;
};

/// LocalStatsFeed reads an engine of this process (Engine::snapshotAsync; the Qt thread never waits
/// on a loop). The engine may come and go: a QtServer is followed across stop and start.
class QGNET_QT_EXPORT LocalStatsFeed : public StatsFeed {
    Q_OBJECT
    Q_PROPERTY(qgnet::QtServer* server READ server WRITE setServer NOTIFY serverChanged)
    Q_PROPERTY(bool actionsAllowed READ actionsAllowed WRITE setActionsAllowed NOTIFY actionsAllowedChanged)
public:
    explicit LocalStatsFeed(QObject* parent = nullptr);
    ~LocalStatsFeed() override;
    /// server is the QtServer followed (null: none, or a plain engine via setEngine).
    QtServer* server() const;
    void setServer(QtServer* server);
    /// setEngine follows a plain engine instead (it must outlive the feed or be reset first).
    void setEngine(Engine* engine);
    /// actionsAllowed lets this feed run safe actions on its engine directly (requestAction). Off
    /// by default; an application turns it on explicitly (qgnet-demo: --allow-actions). Each action
    /// is logged once (category qgnet.qt).
    bool actionsAllowed() const { return actionsAllowed_; }
    void setActionsAllowed(bool allowed);
    /// setHttpStatsSource reads an HTTP server's counters with each snapshot (httpStats), e.g.
    /// [http] { return http->httpStats(); } for a QtHttpServer; an empty function stops it.
    void setHttpStatsSource(std::function<HttpStats()> source);

Q_SIGNALS:
    void serverChanged();
    void actionsAllowedChanged();

protected:
    void request(const SnapshotRequest& request) override;
    void sendAction(int request, const InspectorAction& action) override;
    void applyWatch(std::uint64_t id, bool on) override;

private:
    void updateActionsAvailable();
    bool actionsAllowed_ = false;
    struct State;
    std::function<HttpStats()> httpStatsSource_;
    std::unique_ptr<State> state_; // where answers arrive (a late one is dropped safely), which engine they belong to
    QtServer* server_ = nullptr;
    Engine* engine_ = nullptr;
};

} // namespace qgnet

Q_DECLARE_METATYPE(qgnet::SnapshotPtr)
