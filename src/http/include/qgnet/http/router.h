// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "qgnet/http/request.h"
#include "qgnet/http/response.h"

namespace qgnet::http {

/// RouteHandler answers one request. It runs on the loop thread that owns the connection, so it must
/// not block; with several loops it runs concurrently for different connections.
using RouteHandler = std::function<void(Request&, Response&)>;

/// Router maps a method and a path to a handler. A pattern is a path whose segments are literal
/// ("/api/users"), a parameter matching one non-empty segment ("/users/{id}"), or, as the last
/// segment, a parameter matching the rest of the path ("/static/{path...}"). Routes are tried in the
/// order they were added. HEAD requests use the GET route when there is no HEAD route. Routes are
/// added before the server starts; matching is then read-only and thread-safe.
class QGNET_HTTP_EXPORT Router {
public:
    /// add registers handler for method (e.g. "GET") and pattern.
    void add(std::string_view method, std::string_view pattern, RouteHandler handler);
    void get(std::string_view pattern, RouteHandler handler) { add("GET", pattern, std::move(handler)); }
    void post(std::string_view pattern, RouteHandler handler) { add("POST", pattern, std::move(handler)); }

    /// Match is what route() found: a handler, no route for the path (404), or a route for the path
    /// but not for the method (405).
    enum class Match { Found, NotFound, MethodNotAllowed };

    /// route finds the handler for request, fills request.params and stores the handler in handler.
    Match route(Request& request, const RouteHandler*& handler) const;

    /// matchPath matches one pattern against a path, appending parameters to params (for tests).
    static bool matchPath(std::string_view pattern, std::string_view path,
        std::vector<std::pair<std::string_view, std::string_view>>& params);

private:
    struct Route {
        std::string method;
        std::string pattern;
        RouteHandler handler;
    };
    std::vector<Route> routes_;
};

} // namespace qgnet::http
