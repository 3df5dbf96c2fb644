// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <functional>
#include <string>
#include <vector>

#include "qgnet/http/request.h"

namespace qgnet::http {

/// WebSocketAccess says which upgrade requests a WebSocket path accepts; a refused one is answered
/// (403 for Host and Origin, the check's own status otherwise) and closed before any 101.
///
/// Why Origin: a browser lets any web page open a WebSocket to any address, loopback included, and
/// sends the page's origin along; unlike fetch, nothing stops the page from reading the answers. So
/// a browser's request (it carries Origin) is accepted only from the origins allowed, by default
/// only the server's own (the Origin names the Host the request was sent to: a page the server
/// served). A request without Origin comes from a program, not from a page a browser was led to
/// (browsers always send it on WebSocket handshakes), and is accepted unless requireOrigin.
/// Host guards against DNS rebinding, where a page reaches a loopback server under its own name.
struct QGNET_HTTP_EXPORT WebSocketAccess {
    /// allowedHosts are the names the Host header may carry (its port aside, without regard to
    /// case, e.g. "localhost", "127.0.0.1", "[::1]"); empty: any.
    std::vector<std::string> allowedHosts;
    /// allowedOrigins are the origins accepted ("https://app.example:8443", lower case, the
    /// default port left out); "*" accepts any; empty: the same origin only.
    std::vector<std::string> allowedOrigins;
    /// requireOrigin refuses requests without Origin too (only browsers then).
    bool requireOrigin = false;
    /// check, when set, runs last (on the loop thread): 0 accepts, anything else is the status the
    /// request is refused with (a token check: 401).
    std::function<int(const Request&)> check;
};

/// checkWebSocketAccess is 0 when access accepts request, else the status to refuse it with.
QGNET_HTTP_EXPORT int checkWebSocketAccess(const WebSocketAccess& access, const Request& request);

} // namespace qgnet::http
