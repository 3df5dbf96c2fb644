// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <qgnet/engine.h>
#include <qgnet/event_handler.h>

#include "qgnet/http/request_parser.h"
#include "qgnet/http/router.h"
#include "qgnet/http/websocket.h"
#include "qgnet/http/websocket_access.h"

namespace qgnet::http {

/// ServerOptions are an HTTP server's limits and timeouts.
struct QGNET_HTTP_EXPORT ServerOptions {
    ParserLimits limits{};
    /// From the first byte of a request to the end of its head; then 408 and close.
    std::chrono::milliseconds headerTimeout{10000};
    /// From the end of the head to the end of the body; then 408 and close.
    std::chrono::milliseconds bodyTimeout{30000};
    /// The largest WebSocket message (reassembled); larger: close 1009.
    std::size_t maxWebSocketMessage = 16 * 1024 * 1024;
};

/// Server is an HTTP/1.1 and WebSocket server on the qgnet engine: an EventHandler that keeps a
/// parser per connection (in the Conn's context), routes each request through its Router, answers
/// every request of one read in one write (pipelining), sends 100 Continue when asked, answers
/// protocol errors and limits with their status and closes, and upgrades WebSocket routes. When the
/// output goes over the engine's high-water mark it stops reading (Conn::pauseRead) until the output
/// drained. A handler may defer its answer (Response::defer) and send it later from any thread.
/// Start it with listen(), or pass it to Engine::start yourself and attachEngine() (without an
/// attached engine slow requests get no 408 answer: those connections are just closed at the deadline).
class QGNET_HTTP_EXPORT Server : public EventHandler {
public:
    explicit Server(const ServerOptions& options = {});
    ~Server() override;

    /// router is where routes are added, before the server starts.
    Router& router() noexcept { return router_; }

    /// webSocket makes path (exact) a WebSocket endpoint served by handler, for the upgrade
    /// requests access accepts (by default: any Host, and the same origin for browsers).
    void webSocket(std::string path, std::shared_ptr<WebSocketHandler> handler, WebSocketAccess access = {});

    /// listen starts an engine for this server on addresses; throws as Engine::start.
    void listen(std::span<const std::string> addresses, const Options& options = {});
    /// engine is the engine listen started.
    Engine& engine() noexcept { return engine_; }
    /// stop stops that engine (see Engine::stop).
    void stop(std::chrono::milliseconds drainTimeout = std::chrono::milliseconds(0));

    /// attachEngine names the engine that runs this server when it is not listen()'s (a QtServer's,
    /// or one that forwards its callbacks here): its timers then answer slow requests with 408. Null
    /// detaches it (before that engine stops). Any thread.
    void attachEngine(Engine* engine) noexcept { scheduler_.store(engine, std::memory_order_release); }

    /// sendWebSocket / closeWebSocket act on the WebSocket that conn carries, outside the handler's
    /// callbacks: on conn's loop thread, e.g. in a ConnHandle::wake callback, which is how another
    /// thread sends (QtHttpServer does). False when conn is no open WebSocket of a Server, or its
    /// close has been sent.
    static bool sendWebSocket(Conn& conn, std::string_view data, bool text);
    static bool closeWebSocket(Conn& conn, std::uint16_t code, std::string_view reason = {});

    /// release lets a connection held by Response::postpone or WebSocket::holdReading go on: it
    /// reads again (unless its output or a deferred answer keeps it paused) and serves what waited
    /// in its input, a postponed request first. On conn's loop thread, e.g. in a ConnHandle::wake
    /// callback; a connection that is not held is left as it is.
    void release(Conn& conn);

    OpenResult onOpen(Conn& conn) override;
    Action onTraffic(Conn& conn) override;
    Action onClose(Conn& conn, std::error_code reason) override;
    void onWritabilityChanged(Conn& conn, bool writable) override;

    struct Connection; // per-connection state (private)

private:
    struct WebSocketRoute {
        std::string path;
        std::shared_ptr<WebSocketHandler> handler;
        WebSocketAccess access;
    };
    bool serveHttp(Conn& conn, Connection& st);
    void serveWebSocket(Conn& conn, Connection& st);
    bool upgrade(Conn& conn, Connection& st, Request& request, const WebSocketRoute& route);
    void dispatch(Request& request, Response& response);
    void flush(Conn& conn, Connection& st);
    void watchDeadline(Conn& conn, const std::shared_ptr<Connection>& st);
    bool applyDeferred(Conn& conn, Connection& st);
    void pauseBehindDeferred(Conn& conn, Connection& st);

    ServerOptions options_;
    Router router_;
    std::vector<WebSocketRoute> webSockets_;
    Engine engine_;
    std::atomic<Engine*> scheduler_{nullptr}; // the engine whose timers watch deadlines
};

} // namespace qgnet::http
