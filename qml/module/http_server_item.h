// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QQmlParserStatus>
#include <QStringList>
#include <QtQml/qqml.h>

#include "qgnet/qt/qt_http_server.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet::qml {

/// HttpRequest (QML value type httpRequest) is a request an HttpServer delivered: its method, path,
/// query, body and route parameters, and respond() to answer it (now or later).
class HttpRequestValue {
    Q_GADGET
    QML_VALUE_TYPE(httpRequest)
    Q_PROPERTY(QString method READ method CONSTANT)
    Q_PROPERTY(QString path READ path CONSTANT)
    Q_PROPERTY(QString query READ query CONSTANT)
    Q_PROPERTY(QString route READ route CONSTANT)
    Q_PROPERTY(QString body READ body CONSTANT)
    Q_PROPERTY(bool open READ isOpen CONSTANT)
public:
    HttpRequestValue() = default;
    explicit HttpRequestValue(QtHttpRequest request) : request_(std::move(request)) {}

    QString method() const { return QString::fromLatin1(request_.method()); }
    QString path() const { return QString::fromUtf8(request_.path()); }
    QString query() const { return QString::fromUtf8(request_.query()); }
    QString route() const { return QString::fromUtf8(request_.route()); }
    QString body() const { return QString::fromUtf8(request_.body()); }
    bool isOpen() const { return request_.isOpen(); }
    /// param is a route parameter ("id" of "/items/{id}"); header the first header of that name.
    Q_INVOKABLE QString param(const QString& name) const { return QString::fromUtf8(request_.param(name.toUtf8())); }
    Q_INVOKABLE QString header(const QString& name) const { return QString::fromUtf8(request_.header(name.toUtf8())); }
    /// respond answers with status, a Content-Type and a UTF-8 body; false when answered already or
    /// the peer left.
    Q_INVOKABLE bool respond(int status, const QString& contentType, const QString& body) const
    {
        return request_.respond(status, contentType.toUtf8(), body.toUtf8());
    }

private:
    QtHttpRequest request_;
};

/// WebSocketSession (QML value type webSocketSession) is one WebSocket session of an HttpServer:
/// its path and id, and sendText/sendBinary/close.
class WebSocketValue {
    Q_GADGET
    QML_VALUE_TYPE(webSocketSession)
    Q_PROPERTY(QString path READ path CONSTANT)
    Q_PROPERTY(double id READ id CONSTANT)
public:
    WebSocketValue() = default;
    explicit WebSocketValue(QtWebSocket socket) : socket_(std::move(socket)) {}

    QString path() const { return socket_.path(); }
    double id() const { return static_cast<double>(socket_.id()); }
    Q_INVOKABLE bool sendText(const QString& text) const { return socket_.sendText(text); }
    Q_INVOKABLE bool sendBinary(const QByteArray& data) const { return socket_.sendBinary(data); }
    Q_INVOKABLE bool close(int code = 1000, const QString& reason = {}) const { return socket_.close(code, reason); }

private:
    QtWebSocket socket_;
};

/// HttpServer is a QtHttpServer declared in QML: `listen` (one URL), `routes` delivered to QML as
/// request signals ("GET /items/{id}"), `webSockets` (paths, with the default WebSocketAccess:
/// the same origin for browsers) whose sessions come as webSocketOpened/Message/Closed. It starts
/// once the component is complete when `running` is true (the default) and tells its bound `url`.
/// Routes answered on the loop threads need C++ (QtHttpServer::route): QML code runs on the GUI
/// thread, and that is where these requests go.
class HttpServerItem : public QObject, public QQmlParserStatus {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(HttpServer)
    Q_PROPERTY(QString listen READ listen WRITE setListen NOTIFY listenChanged)
    Q_PROPERTY(QStringList routes READ routes WRITE setRoutes NOTIFY routesChanged)
    Q_PROPERTY(QStringList webSockets READ webSockets WRITE setWebSockets NOTIFY webSocketsChanged)
    Q_PROPERTY(int loops READ loops WRITE setLoops NOTIFY loopsChanged)
    Q_PROPERTY(bool running READ isRunning WRITE setRunning NOTIFY runningChanged)
    Q_PROPERTY(QString url READ url NOTIFY runningChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY runningChanged)
    Q_PROPERTY(int webSocketSessions READ webSocketSessions NOTIFY webSocketSessionsChanged)
public:
    explicit HttpServerItem(QObject* parent = nullptr);

    QString listen() const { return listen_; }
    void setListen(const QString& url);
    QStringList routes() const { return routes_; }
    void setRoutes(const QStringList& routes);
    QStringList webSockets() const { return webSockets_; }
    void setWebSockets(const QStringList& paths);
    int loops() const { return loops_; }
    void setLoops(int loops);
    bool isRunning() const { return running_; }
    void setRunning(bool on);
    QString url() const;
    QString errorString() const { return error_; }
    int webSocketSessions() const { return server_ ? server_->webSocketSessions() : 0; }

    /// server is the QtHttpServer underneath (made at the first start).
    QtHttpServer* server() const { return server_; }
    /// attachFeed makes feed follow this server: its engine's snapshots and its HTTP counts (what
    /// an inspector's HTTP view shows). Again after each start: every start makes a new server.
    Q_INVOKABLE void attachFeed(qgnet::LocalStatsFeed* feed) const;

    void classBegin() override {}
    void componentComplete() override;

Q_SIGNALS:
    void listenChanged();
    void routesChanged();
    void webSocketsChanged();
    void loopsChanged();
    void runningChanged();
    void webSocketSessionsChanged();
    /// request: a request for one of `routes`; answer it with request.respond(...).
    void request(qgnet::qml::HttpRequestValue request);
    void webSocketOpened(qgnet::qml::WebSocketValue socket);
    void webSocketMessage(qgnet::qml::WebSocketValue socket, const QString& message, bool text);
    void webSocketClosed(qgnet::qml::WebSocketValue socket, int code);

private:
    void apply();

    QtHttpServer* server_ = nullptr; // a child; made anew when the configuration changes while stopped
    QString listen_;
    QStringList routes_;
    QStringList webSockets_;
    QString error_;
    int loops_ = 1;
    bool running_ = true;
    bool complete_ = false;
    bool started_ = false;
};

} // namespace qgnet::qml
