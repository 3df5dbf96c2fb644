// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/qt_http_server.h"

#include <atomic>
#include <deque>
#include <mutex>

#include <QUrl>

#include "bridge/thread_inbox.h"
#include "http/http_loop_handler.h"
#include "http/thread_backlog.h"
#include "qgnet/conn.h"
#include "qgnet/error.h"
#include "qgnet/http/websocket.h"
#include "qgnet/qt/logging.h"

namespace qgnet {
namespace qtdetail {

/// One route as QtHttpServer keeps it: its description and its counter (read by any thread).
struct CountedRoute {
    QByteArray method;
    QByteArray pattern;
    bool onThread = false;
    std::atomic<quint64> requests{0};
};

/// ThreadSockets reports one WebSocket path's sessions to the QtHttpServer's thread through its
/// inbox (loop threads push, the Qt thread emits), and counts the open sessions. Messages count
/// against the ThreadBacklog: a connection over its share, or any while the server is over the
/// limit, holds its reading right behind the message that crossed the line.
class ThreadSockets final : public http::WebSocketHandler {
public:
    ThreadSockets(QtHttpServer* owner, ThreadInbox::Poster poster, QString path, std::atomic<int>& sessions,
        ThreadBacklog& backlog)
        : owner_(owner)
        , poster_(std::move(poster))
        , path_(std::move(path))
        , sessions_(sessions)
        , backlog_(backlog)
    {
    }
    void onOpen(http::WebSocket& ws, const http::Request&) override
    {
        Session session{QtWebSocket(ws.handle(), path_), std::make_shared<ThreadBacklog::Share>()};
        ws.context() = session;
        sessions_.fetch_add(1, std::memory_order_relaxed);
        post(session, ThreadBacklog::kItemOverhead, [owner = owner_, socket = session.socket] {
            emit owner->webSocketOpened(socket);
            emit owner->webSocketSessionsChanged();
        });
    }
    void onMessage(http::WebSocket& ws, std::string_view payload, bool text) override
    {
        const Session session = std::any_cast<Session>(ws.context());
        const auto bytes = static_cast<long long>(payload.size()) + ThreadBacklog::kItemOverhead;
        const bool hold = post(session, bytes,
            [owner = owner_, socket = session.socket,
                message = QByteArray(payload.data(), static_cast<qsizetype>(payload.size())),
                text] { emit owner->webSocketMessage(socket, message, text); });
        if (hold) {
            ws.holdReading();
            backlog_.hold(ws.handle(), session.share);
        }
    }
    void onClose(http::WebSocket& ws, std::uint16_t code) override
    {
        const Session session = std::any_cast<Session>(ws.context());
        sessions_.fetch_sub(1, std::memory_order_relaxed);
        post(session, ThreadBacklog::kItemOverhead, [owner = owner_, socket = session.socket, code] {
            emit owner->webSocketClosed(socket, code);
            emit owner->webSocketSessionsChanged();
        });
    }

private:
    // Session is what a connection's WebSocket context holds.
    struct Session {
        QtWebSocket socket;
        std::shared_ptr<ThreadBacklog::Share> share;
    };
    // post counts the item, queues it (uncounted again as the Qt thread takes it, before the signal,
    // which may destroy the owner) and tells whether the connection should hold.
    template <typename Emit>
    bool post(const Session& session, long long bytes, Emit emitIt)
    {
        const bool hold = backlog_.added(session.share.get(), bytes);
        if (!poster_.post([backlog = &backlog_, share = session.share, bytes, emitIt] {
                backlog->delivered(share.get(), bytes);
                emitIt();
            })) {
            backlog_.delivered(session.share.get(), bytes); // the owner is going away: nobody reads it
            return false;
        }
        return hold;
    }

    QtHttpServer* owner_; // tasks run only while the inbox (owned by owner_) lives
    ThreadInbox::Poster poster_;
    QString path_;
    std::atomic<int>& sessions_;
    ThreadBacklog& backlog_; // the owner's, which outlives the loops and the inbox
};

// requestBytes is what a request copied for the Qt thread costs, roughly.
long long requestBytes(const http::Request& request)
{
    auto bytes = static_cast<long long>(request.target.size() + request.body.size()) + ThreadBacklog::kItemOverhead;
    for (const http::Header& h : request.headers)
        bytes += static_cast<long long>(h.name.size() + h.value.size());
    return bytes;
}

/// HttpServerPrivate is QtHttpServer's state. Member order is destruction order reversed: the
/// QtServer (whose destructor joins the loops) is destroyed first, so nothing the loops use goes
/// before them. The http::Server is made at the first start, with the options and routes set by then.
class HttpServerPrivate {
public:
    explicit HttpServerPrivate(QtHttpServer* q) : inbox(q) {}

    http::ServerOptions options;
    std::unique_ptr<http::Server> http;
    std::vector<std::shared_ptr<ThreadSockets>> sockets;
    ThreadBacklog backlog{QtHttpServer::kDefaultThreadQueueLimit}; // outlives the inbox's tasks
    ThreadInbox inbox;
    std::deque<CountedRoute> routes; // a deque: stable addresses for the handlers' counters
    std::vector<std::pair<QByteArray, http::RouteHandler>> handlers; // parallel to routes, until the first start
    std::vector<std::pair<QByteArray, http::WebSocketAccess>> webSocketPaths;
    std::vector<std::pair<QString, QtServer::TrafficHandler>> raw;
    QStringList httpAddresses;
    QStringList httpUrls;
    QStringList rawUrls;
    QString error;
    std::atomic<int> sessions{0};
    HttpLoopHandler loopHandler;
    QtServer server; // last: destroyed first
};

} // namespace qtdetail

namespace {

bool configurable(const qtdetail::HttpServerPrivate& d, const char* what)
{
    if (!d.http)
        return true;
    qCWarning(lcQt, "QtHttpServer: %s only before the first start", what);
    return false;
}

} // namespace

QtHttpServer::QtHttpServer(QObject* parent) : QObject(parent), d_(std::make_unique<qtdetail::HttpServerPrivate>(this))
{
    d_->server.setLoopHandler(&d_->loopHandler);
    // The engine may stop by itself (Action::Shutdown): its timers are then gone too.
    connect(&d_->server, &QtServer::stopped, this, [this] {
        if (d_->http)
            d_->http->attachEngine(nullptr);
    });
}

QtHttpServer::~QtHttpServer()
{
    if (d_->http)
        d_->http->attachEngine(nullptr);
    d_->server.stop();
}

QtServer* QtHttpServer::server() { return &d_->server; }

QStringList QtHttpServer::listenAddresses() const { return d_->httpAddresses; }
void QtHttpServer::setListenAddresses(const QStringList& urls) { d_->httpAddresses = urls; }

void QtHttpServer::setServerOptions(const http::ServerOptions& options)
{
    if (configurable(*d_, "setServerOptions"))
        d_->options = options;
}

void QtHttpServer::route(const QByteArray& method, const QByteArray& pattern, http::RouteHandler handler)
{
    if (!configurable(*d_, "route"))
        return;
    auto& r = d_->routes.emplace_back();
    r.method = method;
    r.pattern = pattern;
    d_->handlers.emplace_back(pattern, std::move(handler));
}

void QtHttpServer::routeToThread(const QByteArray& method, const QByteArray& pattern)
{
    if (!configurable(*d_, "routeToThread"))
        return;
    auto& r = d_->routes.emplace_back();
    r.method = method;
    r.pattern = pattern;
    r.onThread = true;
    // The handler runs on a loop: it copies the request, defers the answer and posts both to this
    // thread. While this thread is behind (the backlog over its limit) the request is postponed: it
    // stays in its connection's input, which stops reading, until the backlog drained. If this
    // object is being destroyed (the inbox closed), the request gets a 503.
    d_->handlers.emplace_back(pattern,
        [poster = d_->inbox.poster(), owner = this, backlog = &d_->backlog, pattern](http::Request& request,
            http::Response& response) {
            if (backlog->over()) {
                response.postpone();
                backlog->hold(response.handle(), nullptr);
                return;
            }
            auto deferred = response.defer();
            const QtHttpRequest copy = QtHttpRequest::fromRequest(request, pattern, deferred->connectionId(), deferred);
            const long long bytes = qtdetail::requestBytes(request);
            backlog->added(nullptr, bytes); // its connection answers nothing else meanwhile: no share
            if (!poster.post([owner, copy, backlog, bytes] {
                    backlog->delivered(nullptr, bytes);
                    emit owner->requestReceived(copy);
                })) {
                backlog->delivered(nullptr, bytes);
                deferred->send(503, "text/plain", "Service Unavailable\n");
            }
        });
}

void QtHttpServer::webSocket(const QByteArray& path, const http::WebSocketAccess& access)
{
    if (configurable(*d_, "webSocket"))
        d_->webSocketPaths.emplace_back(path, access);
}

void QtHttpServer::addRawListener(const QString& url, QtServer::TrafficHandler handler)
{
    if (d_->raw.size() >= qtdetail::HttpLoopHandler::kMaxRaw) {
        qCWarning(lcQt, "QtHttpServer: at most %d raw listeners", int(qtdetail::HttpLoopHandler::kMaxRaw));
        return;
    }
    if (d_->server.isRunning()) {
        qCWarning(lcQt, "QtHttpServer: raw listeners change only while stopped");
        return;
    }
    d_->raw.emplace_back(url, std::move(handler));
}

bool QtHttpServer::start()
{
    d_->error.clear();
    if (!d_->http) {
        QString error;
        if (!d_->inbox.ensureReady(&error)) {
            d_->error = error;
            return false;
        }
        d_->http = std::make_unique<http::Server>(d_->options);
        for (std::size_t i = 0; i < d_->routes.size(); ++i) {
            qtdetail::CountedRoute& r = d_->routes[i];
            d_->http->router().add(r.method.toStdString(), r.pattern.toStdString(),
                [counter = &r.requests, handler = std::move(d_->handlers[i].second)](http::Request& request,
                    http::Response& response) {
                    // Counted before it runs (a handler may report the counts, its own request included),
                    // and uncounted when postponed: it is routed, and counted, again later.
                    counter->fetch_add(1, std::memory_order_relaxed);
                    handler(request, response);
                    if (response.isPostponed())
                        counter->fetch_sub(1, std::memory_order_relaxed);
                });
        }
        d_->handlers.clear();
        for (const auto& [path, access] : d_->webSocketPaths) {
            auto sockets = std::make_shared<qtdetail::ThreadSockets>(this, d_->inbox.poster(), QString::fromUtf8(path),
                d_->sessions, d_->backlog);
            d_->http->webSocket(path.toStdString(), sockets, access);
        }
        d_->loopHandler.setHttp(d_->http.get());
        d_->backlog.setReleaser([http = d_->http.get()](const ConnHandle& handle) {
            const std::error_code ec = handle.wake([http](Conn* conn, std::error_code) {
                if (conn)
                    http->release(*conn);
            });
            // Closed or stopped: nothing to release. A full loop queue: ask again later.
            return ec != make_error_code(Errc::QueueFull) && ec != make_error_code(Errc::QueueBytesExceeded);
        });
    }
    // Fixed raw ports are known before the engine binds them; port 0 is set right after (nobody
    // can know the port before start() returns it).
    d_->loopHandler.clearRaw();
    QStringList addresses = d_->httpAddresses;
    for (std::size_t i = 0; i < d_->raw.size(); ++i) {
        d_->loopHandler.setRaw(i, QUrl(d_->raw[i].first).port(0), d_->raw[i].second);
        addresses << d_->raw[i].first;
    }
    d_->server.setListenAddresses(addresses);
    if (!d_->server.start()) {
        d_->error = d_->server.errorString();
        return false;
    }
    const QStringList bound = d_->server.boundUrls();
    const auto httpCount = d_->httpAddresses.size();
    d_->httpUrls = bound.mid(0, httpCount);
    d_->rawUrls = bound.mid(httpCount);
    for (std::size_t i = 0; i < d_->raw.size(); ++i)
        d_->loopHandler.setRaw(i, QUrl(d_->rawUrls.value(static_cast<qsizetype>(i))).port(0), d_->raw[i].second);
    d_->http->attachEngine(d_->server.engine());
    return true;
}

void QtHttpServer::stop(int drainMs)
{
    if (d_->http)
        d_->http->attachEngine(nullptr);
    d_->server.stop(drainMs);
}

QString QtHttpServer::errorString() const { return d_->error; }
QStringList QtHttpServer::httpUrls() const { return d_->httpUrls; }
QStringList QtHttpServer::rawUrls() const { return d_->rawUrls; }

QList<QtHttpServer::RouteCount> QtHttpServer::routeCounts() const
{
    QList<RouteCount> out;
    for (const qtdetail::CountedRoute& r : d_->routes)
        out.append({r.method, r.pattern, r.requests.load(std::memory_order_relaxed), r.onThread});
    return out;
}

int QtHttpServer::webSocketSessions() const { return d_->sessions.load(std::memory_order_relaxed); }

HttpStats QtHttpServer::httpStats() const
{
    HttpStats stats;
    stats.present = true;
    for (const qtdetail::CountedRoute& r : d_->routes)
        stats.routes.append({QString::fromLatin1(r.method), QString::fromUtf8(r.pattern),
            r.requests.load(std::memory_order_relaxed), r.onThread});
    stats.webSocketSessions = webSocketSessions();
    return stats;
}

void QtHttpServer::setThreadQueueLimit(qint64 bytes) { d_->backlog.setLimit(bytes); }
qint64 QtHttpServer::threadQueueLimit() const { return d_->backlog.limit(); }
qint64 QtHttpServer::threadQueuedBytes() const { return d_->backlog.queuedBytes(); }
qint64 QtHttpServer::threadQueuePeakBytes() const { return d_->backlog.peakBytes(); }
int QtHttpServer::heldConnections() const { return d_->backlog.heldConnections(); }

} // namespace qgnet
