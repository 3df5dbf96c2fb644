// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <memory>

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include "qgnet/qt/inspector_endpoint.h"
#include "qgnet/qt/qt_http_server.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/stats_feed.h"
#include "status_page.h"

namespace qgnet::demo {

/// DemoLimits are the status page's defences: a request head must be complete within headerTimeout
/// (else 408 and close), and the engine holds at most maxConnections connections (echo and page
/// together; a connection past it is closed at accept).
struct DemoLimits {
    std::chrono::milliseconds headerTimeout{5000};
    std::size_t maxConnections = 10000;
};

/// DemoServer is qgnet-demo's engine: a QtHttpServer whose loops serve the HTTP status page (routes
/// on the loop threads: "/", "/stats.json", "/metrics" in Prometheus's format, anything else 404) and, as a raw
/// listener, an echo; nothing crosses to Qt per message. A LocalStatsFeed follows the engine; its snapshots feed the
/// inspector views and the status page. Optionally an InspectorEndpoint lets qgnet-inspector attach
/// from outside, and its token then guards /stats.json and /metrics too.
class DemoServer : public QObject {
    Q_OBJECT
public:
    explicit DemoServer(QObject* parent = nullptr);
    ~DemoServer() override;

    /// start listens on echoUrl and httpUrl with `loops` loops on `backend` (io_uring falls back to
    /// epoll, with one log line, where the kernel refuses it). False with errorString() on failure.
    bool start(const QString& echoUrl, const QString& httpUrl, int loops, QtServer::IoBackend backend = QtServer::Epoll,
        const DemoLimits& limits = {});
    void stop();
    /// listenInspector serves the statistics on address for inspectors that know token; from then on
    /// the status page's /stats.json wants the same token (HttpAccess).
    bool listenInspector(const QString& address, const QString& token);
    /// setActionsAllowed lets inspectors run safe actions on the engine (--allow-actions): the
    /// docked inspector's feed and the endpoint of listenInspector. Off by default; set it first.
    void setActionsAllowed(bool allowed);

    QString errorString() const { return error_; }
    /// echoUrl / httpUrl are the bound URLs (real ports when 0 was asked for).
    QString echoUrl() const { return echoUrl_; }
    QString httpUrl() const { return httpUrl_; }
    QtServer* server() { return http_.server(); }
    /// http is the status page's server (route counts, WebSocket sessions for the inspector).
    QtHttpServer* http() { return &http_; }
    /// board holds the page's snapshot and JSON cache.
    StatusBoard* board() { return board_.get(); }
    LocalStatsFeed* feed() { return &feed_; }
    InspectorEndpoint* endpoint() { return endpoint_.get(); }

private:
    QtHttpServer http_;
    LocalStatsFeed feed_;
    std::unique_ptr<InspectorEndpoint> endpoint_;
    std::shared_ptr<StatusBoard> board_ = std::make_shared<StatusBoard>();
    std::shared_ptr<HttpAccess> access_ = std::make_shared<HttpAccess>();
    QString echoUrl_;
    QString httpUrl_;
    QString error_;
    bool echoStarted_ = false; // the echo listener is added once; a restart keeps it
    // The /ws sessions (this thread's), and when they were last sent the statistics.
    QList<QtWebSocket> sockets_;
    QElapsedTimer pushed_;
};

} // namespace qgnet::demo
