// SPDX-License-Identifier: Apache-2.0
#include "demo_server.h"

#include <QUrl>

#include "demo_echo.h"
#include "metrics_page.h"
#include "qgnet/conn.h"
#include "qgnet/http/request.h"
#include "qgnet/http/response.h"

namespace qgnet::demo {

namespace {

/// refuse answers a request HttpAccess turned down and closes: nothing pipelined behind it is served.
void refuse(int status, http::Response& response)
{
    response.send(status, "text/plain; charset=utf-8",
        std::to_string(status) + " " + std::string(http::reasonPhrase(status)) + "\n");
    if (status == 401)
        response.addHeader("WWW-Authenticate", "Bearer");
    response.closeAfter();
}

} // namespace

DemoServer::DemoServer(QObject* parent) : QObject(parent)
{
    server()->setBalancing(QtServer::LeastConnections);
    // The routes run on the loop threads: they hold shared pointers, never `this`.
    const auto guarded = [access = access_](bool protectedPath, auto serve) {
        return [access, protectedPath, serve](http::Request& request, http::Response& response) {
            if (const int refused = access->check(request, protectedPath))
                return refuse(refused, response);
            response.addHeader("Cache-Control", "no-store");
            serve(request, response);
        };
    };
    const auto page = guarded(false, [board = board_](http::Request&, http::Response& response) {
        response.send(200, "text/html; charset=utf-8", statusHtml(board->latest()));
    });
    http_.route("GET", "/", page);
    http_.route("GET", "/index.html", page);
    http_.route("GET", "/stats.json", guarded(true, [board = board_](http::Request&, http::Response& response) {
        response.send(200, "application/json", *board->json());
    }));
    // Prometheus's text format, under the same rules as /stats.json. The loops stop before http_ goes.
    http_.route("GET", "/metrics",
        guarded(true, [board = board_, http = &http_](http::Request&, http::Response& response) {
            response.send(200, "text/plain; version=0.0.4; charset=utf-8",
                metricsText(board->latest(), http->routeCounts(), http->webSocketSessions()));
        }));
    // Anything else: 404, but only to a request with an allowed Host (a foreign one learns nothing).
    http_.route("GET", "/{path...}", guarded(false, [](http::Request&, http::Response& response) {
        response.send(404, "text/plain; charset=utf-8", "not found\n");
    }));
    // /ws pushes what /stats.json answers to WebSocket clients, on opening and then at most once a
    // second, under the same rules, checked before the upgrade: the Host allow-list, the token, and
    // (WebSocketAccess's default) the same origin for a browser's page.
    http::WebSocketAccess webSocketAccess;
    webSocketAccess.check = [access = access_](const http::Request& request) { return access->check(request, true); };
    http_.webSocket("/ws", webSocketAccess);
    connect(&http_, &QtHttpServer::webSocketOpened, this, [this](const QtWebSocket& socket) {
        sockets_.append(socket);
        socket.sendText(QString::fromStdString(*board_->json()));
    });
    connect(&http_, &QtHttpServer::webSocketClosed, this,
        [this](const QtWebSocket& socket) { sockets_.removeAll(socket); });
    feed_.setServer(server());
    feed_.setHttpStatsSource([http = &http_] { return http->httpStats(); });
    connect(&feed_, &StatsFeed::snapshotReady, this, [this](const SnapshotPtr& s) {
        board_->publish(s);
        if (sockets_.isEmpty() || (pushed_.isValid() && pushed_.elapsed() < 1000))
            return;
        pushed_.start();
        const QString json = QString::fromStdString(*board_->json());
        for (const QtWebSocket& socket : std::as_const(sockets_))
            socket.sendText(json);
    });
}

DemoServer::~DemoServer() { stop(); }

bool DemoServer::start(const QString& echoUrl, const QString& httpUrl, int loops, QtServer::IoBackend backend,
    const DemoLimits& limits)
{
    error_.clear();
    server()->setLoops(loops);
    server()->setBackend(backend);
    Options options = server()->options();
    options.maxConnections = limits.maxConnections;
    server()->setOptions(options);
    http::ServerOptions httpOptions;
    httpOptions.headerTimeout = limits.headerTimeout;
    httpOptions.limits.maxBody = 0; // the page takes no uploads: 413
    http_.setServerOptions(httpOptions);
    http_.setListenAddresses({httpUrl});
    if (!echoStarted_) {
        http_.addRawListener(echoUrl, [](Conn& c) { return inspector::demoEcho(c); });
        echoStarted_ = true;
    }
    if (!http_.start()) {
        error_ = http_.errorString();
        return false;
    }
    echoUrl_ = http_.rawUrls().value(0);
    httpUrl_ = http_.httpUrls().value(0);
    // The listen address is a Host the page answers to (besides localhost and the loopback addresses).
    const QString host = QUrl(httpUrl_).host();
    access_->allowHost(
        (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host).toStdString());
    return true;
}

void DemoServer::stop()
{
    if (endpoint_)
        endpoint_->close();
    http_.stop();
}

void DemoServer::setActionsAllowed(bool allowed)
{
    feed_.setActionsAllowed(allowed);
    if (endpoint_)
        endpoint_->setActionsAllowed(allowed);
}

bool DemoServer::listenInspector(const QString& address, const QString& token)
{
    endpoint_ = std::make_unique<InspectorEndpoint>();
    endpoint_->setServer(server());
    endpoint_->setActionsAllowed(feed_.actionsAllowed());
    endpoint_->setHttpStatsSource([http = &http_] { return http->httpStats(); }); // the inspector's HTTP tab
    if (!endpoint_->listen(address, token)) {
        error_ = endpoint_->errorString();
        return false;
    }
    access_->setToken(token.toStdString());
    return true;
}

} // namespace qgnet::demo
