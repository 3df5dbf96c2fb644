// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <any>
#include <cstdint>
#include <string>
#include <string_view>

#include <qgnet/conn_handle.h>

#include "qgnet/http/request.h"
#include "qgnet/http/websocket_frame.h"

namespace qgnet {
class Conn;
}

namespace qgnet::http {

class WebSocketCodec;

/// WebSocket is one upgraded connection as a WebSocketHandler sees it during its callbacks (on the
/// loop thread). What it sends is queued and written together with the other output of the same
/// callback. To send from another thread, encode a frame with appendFrame and pass it to handle()'s
/// asyncWrite.
class QGNET_HTTP_EXPORT WebSocket {
public:
    /// sendText / sendBinary send one message as one unmasked frame.
    void sendText(std::string_view text);
    void sendBinary(std::string_view data);
    /// close starts the close handshake with code and reason; the server closes the TCP connection
    /// when the peer's close arrives.
    void close(std::uint16_t code = 1000, std::string_view reason = {});
    /// context is a slot for the handler's per-connection state.
    std::any& context() noexcept { return context_; }
    /// handle is the connection's thread-safe handle.
    ConnHandle handle() const;
    /// holdReading stops this connection's messages right behind the current one (call it from
    /// onMessage): what follows stays in the input, nothing more is read from the socket (the peer
    /// is pushed back on through TCP) until Server::release(conn) for it. Sends and the close still go out.
    void holdReading() noexcept { held_ = true; }
    bool isHeld() const noexcept { return held_; }

    WebSocket(Conn& conn, std::string& out, WebSocketCodec& codec) noexcept : conn_(&conn), out_(&out), codec_(&codec)
    {
    }

private:
    friend class Server;
    Conn* conn_;
    std::string* out_;
    WebSocketCodec* codec_;
    std::any context_;
    bool held_ = false;
};

/// WebSocketHandler receives a WebSocket route's events, on the loop thread of each connection (so
/// concurrently for connections on different loops). One handler serves every connection of its route.
class QGNET_HTTP_EXPORT WebSocketHandler {
public:
    virtual ~WebSocketHandler() = default;
    /// onOpen runs once the 101 answer is queued; request is the upgrade request (valid during the call).
    virtual void onOpen(WebSocket& ws, const Request& request);
    /// onMessage gets one complete message; text messages are valid UTF-8.
    virtual void onMessage(WebSocket& ws, std::string_view payload, bool text) = 0;
    /// onClose runs once when the connection ends, with the close code (1005: none given, 1006: the
    /// connection ended without a close handshake).
    virtual void onClose(WebSocket& ws, std::uint16_t code);
};

} // namespace qgnet::http
