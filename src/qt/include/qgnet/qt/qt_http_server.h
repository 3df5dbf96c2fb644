// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <memory>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include "qgnet/http/response.h"
#include "qgnet/http/router.h"
#include "qgnet/http/server.h"
#include "qgnet/qt/http_stats.h"
#include "qgnet/qt/qt_http_request.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/qt_web_socket.h"

namespace qgnet {

namespace qtdetail {
class HttpServerPrivate;
}

/// QtHttpServer is QGnet::Http's HTTP/1.1 and WebSocket server embedded in a Qt application, on a
/// QtServer's engine (server(): listen addresses, loops, backend, options such as maxConnections).
/// A route is served one of two ways:
/// - route(): a C++ handler that runs on the loop threads (fast, concurrent; it must not block and
///   must not touch GUI objects); it may still defer its answer (Response::defer);
/// - routeToThread(): the request is copied and delivered to this object's thread as requestReceived,
///   batched with one wake-up per batch (the bridge's ThreadInbox), and answered from there or any
///   other thread whenever ready (QtHttpRequest::respond). Until then its connection reads at most
///   64 KiB more and answers nothing else, so the requests in flight are bounded by the connections.
/// A WebSocket path (webSocket()) reports sessions and messages as signals on this thread; a
/// QtWebSocket sends from any thread. Raw listeners (addRawListener) serve another protocol on the
/// same loops, e.g. an echo beside a status page.
///
/// What waits for this object's thread is bounded (threadQueueLimit): past it, connections stop
/// reading instead of queueing more, and go on once the thread has caught up (nothing is dropped).
///
/// Threads: configuration, start/stop and the signals belong to this object's thread; routeCounts,
/// webSocketSessions and the thread queue's counters may be read from any thread (the inspector's).
class QGNET_QT_EXPORT QtHttpServer : public QObject {
    Q_OBJECT
    Q_PROPERTY(int webSocketSessions READ webSocketSessions NOTIFY webSocketSessionsChanged)
public:
    /// RouteCount is one route and the requests it has answered (or deferred) so far.
    struct RouteCount {
        QByteArray method;
        QByteArray pattern;
        quint64 requests = 0;
        bool onThread = false; ///< routeToThread (else a loop-thread handler)
    };

    /// kDefaultThreadQueueLimit is the default of threadQueueLimit: 8 MiB.
    static constexpr qint64 kDefaultThreadQueueLimit = 8 * 1024 * 1024;

    explicit QtHttpServer(QObject* parent = nullptr);
    ~QtHttpServer() override; ///< stops the engine and joins its threads

    /// server is the QtServer underneath: set its loops, backend and options here (its listen
    /// addresses, trafficHandler and loopHandler are this server's). Its signals work as usual.
    QtServer* server();
    /// listenAddresses are the HTTP listeners' URLs ("tcp://127.0.0.1:8080"); before start.
    QStringList listenAddresses() const;
    void setListenAddresses(const QStringList& urls);
    /// setServerOptions sets the HTTP limits and timeouts (header timeout, body timeout, ...); before start.
    void setServerOptions(const http::ServerOptions& options);

    /// route adds a loop-thread handler for method and pattern (http::Router's patterns); before start.
    void route(const QByteArray& method, const QByteArray& pattern, http::RouteHandler handler);
    /// routeToThread delivers method + pattern's requests to requestReceived; before start.
    void routeToThread(const QByteArray& method, const QByteArray& pattern);
    /// webSocket makes path a WebSocket endpoint reported by the webSocket* signals, for the upgrade
    /// requests access accepts (checked on the loop before the 101; see http::WebSocketAccess: by
    /// default any Host, the same origin for browsers, and programs that send no Origin); before start.
    void webSocket(const QByteArray& path, const http::WebSocketAccess& access = {});
    /// addRawListener adds a TCP listener whose connections go to handler on the loop threads instead
    /// of HTTP (told apart by local port, so give each raw listener a port of its own); before start.
    void addRawListener(const QString& url, QtServer::TrafficHandler handler);

    /// start starts the engine on the HTTP addresses plus the raw listeners; false with
    /// errorString() (and QtServer::errorOccurred) on failure.
    bool start();
    void stop(int drainMs = 0);
    QString errorString() const;
    /// httpUrls / rawUrls are the bound URLs of each kind, in the order given.
    QStringList httpUrls() const;
    QStringList rawUrls() const;

    /// routeCounts are the routes in the order added, with their request counts (any thread).
    QList<RouteCount> routeCounts() const;
    /// webSocketSessions is the number of WebSocket sessions open now (any thread).
    int webSocketSessions() const;
    /// httpStats is routeCounts and webSocketSessions as an inspector shows them
    /// (InspectorEndpoint::setHttpStatsSource); any thread.
    HttpStats httpStats() const;

    /// setThreadQueueLimit bounds the bytes of requests and WebSocket messages delivered to this
    /// thread and not yet run (payload plus about 256 bytes per item; default
    /// kDefaultThreadQueueLimit). Past it, backpressure instead of loss: a routeToThread request
    /// stays in its connection's input, and a WebSocket connection stops right behind the message
    /// that crossed the limit (or a quarter of it for one connection alone); those connections stop
    /// reading, so TCP pushes back on their peers, and go on, in order, once this thread drained the
    /// queue below half the limit. The queue passes the limit by at most the items already on their
    /// way: one per loop thread and one per held connection (a message is at most
    /// ServerOptions::maxWebSocketMessage). Any thread, any time.
    void setThreadQueueLimit(qint64 bytes);
    qint64 threadQueueLimit() const;
    /// threadQueuedBytes is what waits for this thread now; threadQueuePeakBytes the most it ever
    /// was; heldConnections how many connections wait for it to drain (any thread).
    qint64 threadQueuedBytes() const;
    qint64 threadQueuePeakBytes() const;
    int heldConnections() const;

Q_SIGNALS:
    /// requestReceived: a routeToThread request; answer it through request (now or later).
    void requestReceived(const qgnet::QtHttpRequest& request);
    /// webSocketOpened / webSocketMessage / webSocketClosed: a session's life, in order per session.
    void webSocketOpened(const qgnet::QtWebSocket& socket);
    void webSocketMessage(const qgnet::QtWebSocket& socket, const QByteArray& message, bool text);
    void webSocketClosed(const qgnet::QtWebSocket& socket, int code);
    void webSocketSessionsChanged();

private:
    std::unique_ptr<qtdetail::HttpServerPrivate> d_;
};

} // namespace qgnet
