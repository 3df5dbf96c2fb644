// SPDX-License-Identifier: Apache-2.0
#include "http_server_item.h"

#include <QPointer>
#include <QtQml/qqmlinfo.h>

namespace qgnet::qml {

HttpServerItem::HttpServerItem(QObject* parent) : QObject(parent) {}

void HttpServerItem::setListen(const QString& url)
{
    if (url == listen_)
        return;
    listen_ = url;
    emit listenChanged();
}

void HttpServerItem::setRoutes(const QStringList& routes)
{
    if (routes == routes_)
        return;
    routes_ = routes;
    emit routesChanged();
}

void HttpServerItem::setWebSockets(const QStringList& paths)
{
    if (paths == webSockets_)
        return;
    webSockets_ = paths;
    emit webSocketsChanged();
}

void HttpServerItem::setLoops(int loops)
{
    if (loops == loops_ || loops < 1)
        return;
    loops_ = loops;
    emit loopsChanged();
}

void HttpServerItem::setRunning(bool on)
{
    if (on == running_)
        return;
    running_ = on;
    if (complete_)
        apply();
    emit runningChanged();
}

void HttpServerItem::attachFeed(LocalStatsFeed* feed) const
{
    if (!feed || !server_)
        return;
    feed->setServer(server_->server());
    feed->setHttpStatsSource(
        [server = QPointer<QtHttpServer>(server_)] { return server ? server->httpStats() : HttpStats(); });
}

QString HttpServerItem::url() const { return started_ && server_ ? server_->httpUrls().value(0) : QString(); }

void HttpServerItem::componentComplete()
{
    complete_ = true;
    apply();
    emit runningChanged();
}

// apply starts or stops the server as `running` says. A QtHttpServer fixes its routes at its first
// start, so each start makes a new one with the properties as they are now.
void HttpServerItem::apply()
{
    if (!running_) {
        if (server_)
            server_->stop();
        started_ = false;
        return;
    }
    if (started_)
        return;
    delete server_;
    server_ = new QtHttpServer(this);
    Options options = server_->server()->options();
    options.numEventLoop = loops_;
    server_->server()->setOptions(options);
    server_->setListenAddresses({listen_});
    for (const QString& route : std::as_const(routes_)) {
        const QStringList parts = route.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parts.size() == 2)
            server_->routeToThread(parts[0].toLatin1(), parts[1].toUtf8());
        else
            qmlWarning(this) << "HttpServer: a route is \"METHOD /pattern\", not" << route;
    }
    for (const QString& path : std::as_const(webSockets_))
        server_->webSocket(path.toUtf8());
    connect(server_, &QtHttpServer::requestReceived, this,
        [this](const QtHttpRequest& r) { emit request(HttpRequestValue(r)); });
    connect(server_, &QtHttpServer::webSocketOpened, this,
        [this](const QtWebSocket& s) { emit webSocketOpened(WebSocketValue(s)); });
    connect(server_, &QtHttpServer::webSocketMessage, this,
        [this](const QtWebSocket& s, const QByteArray& m, bool text) {
            emit webSocketMessage(WebSocketValue(s), QString::fromUtf8(m), text);
        });
    connect(server_, &QtHttpServer::webSocketClosed, this,
        [this](const QtWebSocket& s, int code) { emit webSocketClosed(WebSocketValue(s), code); });
    connect(server_, &QtHttpServer::webSocketSessionsChanged, this, &HttpServerItem::webSocketSessionsChanged);
    started_ = server_->start();
    error_ = started_ ? QString() : server_->errorString();
}

} // namespace qgnet::qml
