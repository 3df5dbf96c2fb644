// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/server.h"

#include <qgnet/conn.h>

#include <exception>

#include "qgnet/http/websocket_codec.h"

namespace qgnet::http {

using Clock = std::chrono::steady_clock;

// The responses gathered before they are written and the input looked at again (see onTraffic).
constexpr std::size_t kOutputBudget = 256 * 1024;

// While an answer is deferred the connection keeps reading, so that a peer that goes away is seen
// (a paused connection would not notice its EOF, and its late answer would wait for nothing), but
// only up to kDeferredInputCap of pipelined input; beyond that the rest waits in the kernel.
constexpr std::size_t kDeferredInputCap = 64 * 1024;

/// The state of one connection, kept in its Conn::context() as a shared_ptr (so that a pending
/// deadline timer can tell whether it still matters).
struct Server::Connection {
    explicit Connection(const ServerOptions& o) : parser(o.limits) {}
    RequestParser parser;
    Response response;
    std::string out;                  // everything to write at the end of this callback
    Clock::time_point requestStart{}; // first byte of the incomplete request
    Clock::time_point headEnd{};      // its head completed
    bool pending = false;             // an incomplete request is buffered
    bool headSeen = false;
    bool continueSent = false;
    bool timerArmed = false;
    bool readDeadlineSet = false; // the fallback without timers (see watchDeadline)
    bool closing = false;
    bool held = false; // a request was postponed (Response::postpone): nothing is served until release
    // WebSocket, after the upgrade.
    std::unique_ptr<WebSocketCodec> codec;
    std::shared_ptr<WebSocketHandler> wsHandler;
    std::unique_ptr<WebSocket> ws;
    bool wsCloseNotified = false;
    // A request whose handler deferred its answer: nothing else is read or answered until it is done.
    std::shared_ptr<DeferredResponse> deferred;
};

namespace {

std::shared_ptr<Server::Connection>* stateOf(Conn& conn)
{
    return std::any_cast<std::shared_ptr<Server::Connection>>(&conn.context());
}

// Held: a postponed request or a WebSocket whose handler held its reading waits for Server::release.
bool isHeld(const Server::Connection& st) noexcept { return st.held || (st.ws && st.ws->isHeld()); }

// A minimal error answer; the connection closes after it (RFC 9112 §6.1 for framing errors).
void appendError(std::string& out, int status, std::string_view extraHeaders = {})
{
    const std::string_view reason = reasonPhrase(status);
    out.append("HTTP/1.1 ").append(std::to_string(status)).append(" ").append(reason);
    out.append("\r\nServer: qgnet\r\nDate: ").append(httpDate());
    out.append("\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ");
    out.append(std::to_string(reason.size() + 1)).append("\r\n").append(extraHeaders).append("\r\n");
    out.append(reason).append("\n");
}

class MessageSink final : public WebSocketMessageSink {
public:
    MessageSink(WebSocketHandler& h, WebSocket& ws) : handler_(h), ws_(ws) {}
    void onMessage(std::string_view payload, bool text) override { handler_.onMessage(ws_, payload, text); }
    bool wantsMore() const override { return !ws_.isHeld(); }

private:
    WebSocketHandler& handler_;
    WebSocket& ws_;
};

} // namespace

// ---- WebSocket handle -----------------------------------------------------------------------------

void WebSocket::sendText(std::string_view text)
{
    if (!codec_->closeSent())
        appendFrame(*out_, Opcode::Text, text);
}

void WebSocket::sendBinary(std::string_view data)
{
    if (!codec_->closeSent())
        appendFrame(*out_, Opcode::Binary, data);
}

void WebSocket::close(std::uint16_t code, std::string_view reason) { codec_->close(*out_, code, reason); }

ConnHandle WebSocket::handle() const { return conn_->handle(); }

void WebSocketHandler::onOpen(WebSocket&, const Request&) {}
void WebSocketHandler::onClose(WebSocket&, std::uint16_t) {}

// ---- Server ---------------------------------------------------------------------------------------

bool Server::sendWebSocket(Conn& conn, std::string_view data, bool text)
{
    auto* sp = stateOf(conn);
    if (!sp || !*sp || !(*sp)->ws || (*sp)->codec->closeSent() || !conn.isOpen())
        return false;
    std::string frame;
    appendFrame(frame, text ? Opcode::Text : Opcode::Binary, data);
    conn.write(frame);
    return true;
}

bool Server::closeWebSocket(Conn& conn, std::uint16_t code, std::string_view reason)
{
    auto* sp = stateOf(conn);
    if (!sp || !*sp || !(*sp)->ws || (*sp)->codec->closeSent() || !conn.isOpen())
        return false;
    std::string frame;
    (*sp)->codec->close(frame, code, reason);
    conn.write(frame);
    return true;
}

Server::Server(const ServerOptions& options) : options_(options) {}

Server::~Server() { stop(); }

void Server::webSocket(std::string path, std::shared_ptr<WebSocketHandler> handler, WebSocketAccess access)
{
    webSockets_.push_back({std::move(path), std::move(handler), std::move(access)});
}

void Server::listen(std::span<const std::string> addresses, const Options& options)
{
    engine_ = Engine::start(*this, addresses, options);
    scheduler_.store(&engine_, std::memory_order_release);
}

void Server::stop(std::chrono::milliseconds drainTimeout)
{
    if (engine_.validate())
        return;
    engine_.stop(drainTimeout);
    scheduler_.store(nullptr, std::memory_order_release);
}

OpenResult Server::onOpen(Conn& conn)
{
    auto st = std::make_shared<Connection>(options_);
    st->response.setHandle(conn.handle());
    conn.setContext(std::move(st));
    return {};
}

Action Server::onClose(Conn& conn, std::error_code)
{
    auto* sp = stateOf(conn);
    if (sp && *sp) {
        Connection& st = **sp;
        if (st.deferred) {
            st.deferred->connectionClosed(); // a late answer is dropped, not sent to a reused descriptor
            st.deferred.reset();
        }
        if (st.ws && !st.wsCloseNotified) {
            st.wsCloseNotified = true;
            st.wsHandler->onClose(*st.ws, st.codec->closed() ? st.codec->closeCode() : 1006);
        }
    }
    return Action::None;
}

Action Server::onTraffic(Conn& conn)
{
    auto* sp = stateOf(conn);
    if (!sp || !*sp)
        return Action::Close;
    const std::shared_ptr<Connection> st = *sp; // keeps the state alive through the callback
    if (st->closing) {
        conn.discard(conn.inboundBuffered()); // after an error nothing more is read as a request
        return Action::None;
    }
    if (st->ws) {
        if (!st->ws->isHeld())
            serveWebSocket(conn, *st);
        flush(conn, *st);
        return Action::None;
    }
    if (st->deferred) {
        const bool done = applyDeferred(conn, *st);
        if (!done || st->closing) { // the pieces of a stream so far; or the last answer before the close
            flush(conn, *st);
            if (st->closing)
                conn.discard(conn.inboundBuffered()); // nothing after the last answer is served
            else
                pauseBehindDeferred(conn, *st);
            return Action::None;
        }
    }
    if (st->held) { // a postponed request waits in the input for release()
        flush(conn, *st);
        return Action::None;
    }
    // Serve in rounds of about kOutputBudget of responses: after each round the output goes to the
    // socket, and once the engine says it is over its high-water mark reading pauses, with the
    // remaining requests left buffered until onWritabilityChanged(true).
    for (;;) {
        const bool more = serveHttp(conn, *st);
        if (!st->closing && !st->ws)
            watchDeadline(conn, st);
        flush(conn, *st);
        if (!more || st->closing || !conn.isWritable() || !conn.isOpen())
            break;
    }
    pauseBehindDeferred(conn, *st);
    return Action::None;
}

void Server::pauseBehindDeferred(Conn& conn, Connection& st)
{
    if (st.deferred && !st.closing && !conn.isReadPaused() && conn.inboundBuffered() >= kDeferredInputCap)
        conn.pauseRead();
}

// Writes what the deferred answer queued since the last wake; true once it is complete (then the
// connection goes on with its next request).
bool Server::applyDeferred(Conn& conn, Connection& st)
{
    DeferredResponse::Taken t = st.deferred->take();
    Response& r = st.response;
    if (t.headNew) {
        r.reset();
        r.setStatus(t.status);
        if (!t.contentType.empty())
            r.addHeader("Content-Type", t.contentType);
        for (const auto& [name, value] : t.headers)
            r.addHeader(name, value);
        if (t.chunked)
            r.beginChunked();
        else
            r.setBody(t.body);
    }
    for (const std::string& chunk : t.chunks)
        r.writeChunk(chunk);
    if (!t.complete)
        return false;
    if (!r.finish())
        st.closing = true;
    st.deferred.reset();
    if (conn.isReadPaused() && conn.isWritable() && !st.closing && !st.held)
        conn.resumeRead();
    return true;
}

void Server::flush(Conn& conn, Connection& st)
{
    if (!st.out.empty()) {
        conn.write(st.out);
        // Keep a modest buffer for the next responses, not the largest one ever sent.
        if (st.out.capacity() > 256 * 1024)
            std::string().swap(st.out);
        else
            st.out.clear();
    }
    if (st.closing) {
        conn.close();
        return;
    }
    if (!conn.isWritable() && !conn.isReadPaused())
        conn.pauseRead(); // backpressure: read again once the output drained (onWritabilityChanged)
}

void Server::onWritabilityChanged(Conn& conn, bool writable)
{
    if (!writable || !conn.isReadPaused())
        return;
    if (auto* sp = stateOf(conn); sp && *sp && ((*sp)->deferred || isHeld(**sp)))
        return; // paused for a deferred answer (applyDeferred resumes) or held (release resumes)
    conn.resumeRead();
    // Requests already buffered raise no new read event: serve them now.
    if (conn.inboundBuffered() > 0)
        onTraffic(conn);
}

void Server::release(Conn& conn)
{
    auto* sp = stateOf(conn);
    if (!sp || !*sp || !conn.isOpen())
        return;
    const std::shared_ptr<Connection> st = *sp;
    if (!isHeld(*st))
        return;
    st->held = false;
    if (st->ws)
        st->ws->held_ = false;
    const bool cappedBehindDeferred = st->deferred && conn.inboundBuffered() >= kDeferredInputCap;
    if (conn.isReadPaused() && conn.isWritable() && !st->closing && !cappedBehindDeferred)
        conn.resumeRead();
    // What waited in the input raises no read event: serve it now (this may hold the connection again).
    onTraffic(conn);
}

void Server::dispatch(Request& request, Response& response)
{
    const RouteHandler* handler = nullptr;
    switch (router_.route(request, handler)) {
    case Router::Match::Found: try { (*handler)(request, response);
        } catch (const std::exception&) {
            // A failing handler costs its own request, not the loop: 500, and the connection closes.
            response.reset();
            response.send(500, "text/plain", "Internal Server Error\n");
            response.closeAfter();
        }
        return;
    case Router::Match::NotFound: response.send(404, "text/plain", "Not Found\n"); return;
    case Router::Match::MethodNotAllowed: response.send(405, "text/plain", "Method Not Allowed\n"); return;
    }
}

// Returns true when it stopped with complete requests possibly left, because the output is large.
bool Server::serveHttp(Conn& conn, Connection& st)
{
    // A Content-Length body still arriving: nothing to do until all of it is here (and no need to
    // make the buffered input contiguous for a look).
    if (st.parser.bytesNeeded() > conn.inboundBuffered()) {
        st.pending = true;
        return false;
    }
    const std::string_view input = asStringView(conn.peek());
    std::size_t offset = 0;
    bool budgetSpent = false;
    while (offset < input.size()) {
        if (st.out.size() >= kOutputBudget) {
            budgetSpent = true;
            break;
        }
        const RequestParser::Result r = st.parser.parse(input.substr(offset));
        if (r == RequestParser::Result::Incomplete) {
            Request& head = st.parser.request();
            if (st.parser.headComplete() && head.expectContinue && !st.continueSent) {
                st.out.append("HTTP/1.1 100 Continue\r\n\r\n");
                st.continueSent = true;
            }
            break;
        }
        if (r == RequestParser::Result::Error) {
            appendError(st.out, st.parser.errorStatus());
            st.closing = true;
            break;
        }
        Request& request = st.parser.request();
        bool upgraded = false;
        for (const WebSocketRoute& route : webSockets_) {
            if (request.path == route.path) {
                upgraded = upgrade(conn, st, request, route);
                break;
            }
        }
        if (!upgraded && !st.closing) {
            st.response.start(&st.out, request.method == "HEAD", request.versionMinor, request.keepAlive);
            dispatch(request, st.response);
            if (st.response.isPostponed()) {
                // The request stays in the input, unconsumed, and is parsed and routed again on release.
                st.parser.reset();
                st.continueSent = false;
                st.requestStart = {};
                st.headSeen = false;
                st.held = true;
                if (!conn.isReadPaused())
                    conn.pauseRead();
                break;
            }
            if (st.response.isDeferred())
                st.deferred = st.response.takeDeferred();
            else if (!st.response.finish())
                st.closing = true;
        }
        offset += st.parser.consumed();
        st.parser.reset();
        st.continueSent = false;
        st.requestStart = {};
        st.headSeen = false;
        if (st.closing || upgraded || st.deferred)
            break;
    }
    st.pending = !st.closing && !st.deferred && !st.held && !budgetSpent && offset < input.size();
    conn.discard(offset);
    if (st.ws && conn.inboundBuffered() > 0)
        serveWebSocket(conn, st); // frames that came right behind the upgrade request
    return budgetSpent;
}

bool Server::upgrade(Conn& conn, Connection& st, Request& request, const WebSocketRoute& route)
{
    const bool wantsUpgrade = request.hasToken("upgrade", "websocket") && request.hasToken("connection", "upgrade");
    if (request.method != "GET" || request.versionMinor < 1 || !wantsUpgrade) {
        appendError(st.out, 426, "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n");
        st.closing = true;
        return false;
    }
    if (request.header("sec-websocket-version") != "13") {
        appendError(st.out, 426, "Sec-WebSocket-Version: 13\r\n");
        st.closing = true;
        return false;
    }
    const std::string_view key = request.header("sec-websocket-key");
    if (!isValidWebSocketKey(key) || request.body.size() != 0) {
        appendError(st.out, 400);
        st.closing = true;
        return false;
    }
    // A refused upgrade gets a whole answer and the connection closes: no frame is ever read.
    if (const int refused = checkWebSocketAccess(route.access, request); refused != 0) {
        appendError(st.out, refused);
        st.closing = true;
        return false;
    }
    st.out.append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Accept: ");
    st.out.append(webSocketAccept(key)).append("\r\n\r\n");
    st.codec = std::make_unique<WebSocketCodec>(options_.maxWebSocketMessage);
    st.ws = std::make_unique<WebSocket>(conn, st.out, *st.codec);
    st.wsHandler = route.handler;
    st.pending = false;
    if (st.readDeadlineSet) { // a WebSocket has no request deadline
        conn.setReadDeadline({});
        st.readDeadlineSet = false;
    }
    st.wsHandler->onOpen(*st.ws, request);
    return true;
}

void Server::serveWebSocket(Conn& conn, Connection& st)
{
    const std::string_view input = asStringView(conn.peek());
    MessageSink sink(*st.wsHandler, *st.ws);
    const std::size_t used = st.codec->feed(input, st.out, sink);
    conn.discard(used);
    if (st.ws->isHeld() && !conn.isReadPaused())
        conn.pauseRead(); // the handler holds: what follows waits in the input and the kernel (release)
    if (st.codec->closed()) {
        st.closing = true; // the server closes TCP first once its close frame is out
        conn.discard(conn.inboundBuffered());
    }
}

// Header and body timeouts: while a request is incomplete, a timer on the connection's loop wakes it
// at the deadline, and onTraffic then answers 408 and closes. Without an engine from listen() there
// is no timer: the engine's read deadline closes the connection instead, without an answer.
void Server::watchDeadline(Conn& conn, const std::shared_ptr<Connection>& st)
{
    if (!st->pending) {
        if (st->readDeadlineSet) {
            conn.setReadDeadline({});
            st->readDeadlineSet = false;
        }
        return;
    }
    const Clock::time_point now = Clock::now();
    if (st->requestStart == Clock::time_point{})
        st->requestStart = now;
    if (st->parser.headComplete() && !st->headSeen) {
        st->headSeen = true;
        st->headEnd = now;
    }
    const Clock::time_point deadline = st->headSeen ? st->headEnd + options_.bodyTimeout
                                                    : st->requestStart + options_.headerTimeout;
    if (now >= deadline) {
        appendError(st->out, 408);
        st->closing = true;
        st->pending = false;
        return;
    }
    Engine* const engine = scheduler_.load(std::memory_order_acquire);
    if (!engine) {
        conn.setReadDeadline(deadline);
        st->readDeadlineSet = true;
        return;
    }
    if (st->timerArmed)
        return;
    st->timerArmed = true;
    std::error_code ec;
    std::weak_ptr<Connection> weak = st;
    engine->schedule(
        conn.loopIndex(), deadline - now,
        [weak, handle = conn.handle()] {
            if (auto s = weak.lock()) {
                s->timerArmed = false;
                handle.wake(); // onTraffic looks at the deadline again
            }
        },
        ec);
    if (ec) {
        st->timerArmed = false;
        conn.setReadDeadline(deadline);
        st->readDeadlineSet = true;
    }
}

} // namespace qgnet::http
