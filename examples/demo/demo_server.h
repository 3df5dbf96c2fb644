// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <memory>

#include <QObject>
#include <QString>

#include "qgnet/qt/inspector_endpoint.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/stats_feed.h"
#include "status_page.h"

namespace qgnet::demo {

/// DemoServer is qgnet-demo's engine: one QtServer with two listeners, an echo and a small HTTP
/// status page, both served on the loop threads through the traffic handler (nothing crosses to
/// Qt per message). A LocalStatsFeed follows the engine; its snapshots feed the inspector views
/// and the status page. Optionally an InspectorEndpoint lets qgnet-inspector attach from outside.
class DemoServer : public QObject {
    Q_OBJECT
public:
    explicit DemoServer(QObject* parent = nullptr);
    ~DemoServer() override;

    /// start listens on echoUrl and httpUrl with `loops` loops on `backend` (io_uring falls back to
    /// epoll, with one log line, where the kernel refuses it). False with errorString() on failure.
    bool start(const QString& echoUrl, const QString& httpUrl, int loops,
        QtServer::IoBackend backend = QtServer::Epoll);
    void stop();
    /// listenInspector serves the statistics on address for inspectors that know token; from then on
    /// the status page's /stats.json wants the same token (HttpAccess).
    bool listenInspector(const QString& address, const QString& token);

    QString errorString() const { return error_; }
    /// echoUrl / httpUrl are the bound URLs (real ports when 0 was asked for).
    QString echoUrl() const { return echoUrl_; }
    QString httpUrl() const { return httpUrl_; }
    QtServer* server() { return &server_; }
    LocalStatsFeed* feed() { return &feed_; }
    InspectorEndpoint* endpoint() { return endpoint_.get(); }

private:
    QtServer server_;
    LocalStatsFeed feed_;
    std::unique_ptr<InspectorEndpoint> endpoint_;
    std::shared_ptr<StatusBoard> board_ = std::make_shared<StatusBoard>();
    std::shared_ptr<HttpAccess> access_ = std::make_shared<HttpAccess>();
    std::shared_ptr<std::atomic<int>> httpPort_ = std::make_shared<std::atomic<int>>(-1);
    QString echoUrl_;
    QString httpUrl_;
    QString error_;
};

} // namespace qgnet::demo
