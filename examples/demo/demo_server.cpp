// SPDX-License-Identifier: Apache-2.0
#include "demo_server.h"

#include <QUrl>

#include "demo_echo.h"
#include "http_request.h"
#include "qgnet/conn.h"

namespace qgnet::demo {

namespace {

int portOf(const QString& url) { return QUrl(url).port(-1); }

/// serveHttp answers every complete request at the front of the connection's input (pipelining
/// works), leaves an incomplete one buffered for the next read, and answers garbage or an oversized
/// head with an error and a close, as well as a request that HttpAccess refuses (foreign Host, no
/// token). The input it keeps is bounded by kMaxHeaderBytes.
Action serveHttp(Conn& c, const StatusBoard& board, const HttpAccess& access)
{
    for (;;) {
        const Bytes input = c.peek();
        const HttpParse parsed = parseHttpRequest(asStringView(input));
        switch (parsed.status) {
        case HttpParse::Status::Incomplete: return Action::None;
        case HttpParse::Status::Error:
            c.discard(input.size());
            c.write(errorResponse(parsed.errorStatus));
            return Action::Close;
        case HttpParse::Status::Complete: break;
        }
        c.discard(parsed.consumed);
        if (const int refused = access.check(parsed.request)) {
            c.discard(c.inboundBuffered()); // nothing after a refusal is answered
            c.write(errorResponse(refused));
            return Action::Close;
        }
        c.write(statusResponse(parsed.request.method, parsed.request.target, board.latest(), parsed.request.keepAlive));
        if (!parsed.request.keepAlive)
            return Action::Close;
    }
}

} // namespace

DemoServer::DemoServer(QObject* parent) : QObject(parent)
{
    server_.setBalancing(QtServer::LeastConnections);
    // The handler runs on the loop threads: it holds shared pointers, never `this`.
    server_.setTrafficHandler([board = board_, access = access_, httpPort = httpPort_](Conn& c) {
        if (static_cast<int>(c.localAddr().port()) == httpPort->load(std::memory_order_relaxed))
            return serveHttp(c, *board, *access);
        return inspector::demoEcho(c);
    });
    feed_.setServer(&server_);
    connect(&feed_, &StatsFeed::snapshotReady, this, [board = board_](const SnapshotPtr& s) { board->publish(s); });
}

DemoServer::~DemoServer() { stop(); }

bool DemoServer::start(const QString& echoUrl, const QString& httpUrl, int loops, QtServer::IoBackend backend)
{
    error_.clear();
    server_.setLoops(loops);
    server_.setBackend(backend);
    server_.setListenAddresses({echoUrl, httpUrl});
    // A fixed port is known before start, so no request can reach the wrong service.
    httpPort_->store(portOf(httpUrl) > 0 ? portOf(httpUrl) : -1);
    if (!server_.start()) {
        error_ = server_.errorString();
        return false;
    }
    const QStringList bound = server_.boundUrls();
    echoUrl_ = bound.value(0);
    httpUrl_ = bound.value(1);
    // The listen address is a Host the page answers to (besides localhost and the loopback addresses).
    const QString host = QUrl(httpUrl_).host();
    access_->allowHost(
        (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host).toStdString());
    httpPort_->store(portOf(httpUrl_));
    return true;
}

void DemoServer::stop()
{
    if (endpoint_)
        endpoint_->close();
    server_.stop();
}

bool DemoServer::listenInspector(const QString& address, const QString& token)
{
    endpoint_ = std::make_unique<InspectorEndpoint>();
    endpoint_->setServer(&server_);
    if (!endpoint_->listen(address, token)) {
        error_ = endpoint_->errorString();
        return false;
    }
    access_->setToken(token.toStdString());
    return true;
}

} // namespace qgnet::demo
