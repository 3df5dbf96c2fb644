// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/router.h"

namespace qgnet::http {

void Router::add(std::string_view method, std::string_view pattern, RouteHandler handler)
{
    routes_.push_back({std::string(method), std::string(pattern), std::move(handler)});
}

bool Router::matchPath(std::string_view pattern, std::string_view path,
    std::vector<std::pair<std::string_view, std::string_view>>& params)
{
    const std::size_t before = params.size();
    std::size_t p = 0, s = 0;
    while (p < pattern.size()) {
        if (pattern[p] == '{') {
            const std::size_t close = pattern.find('}', p);
            if (close == std::string_view::npos)
                break;
            std::string_view name = pattern.substr(p + 1, close - p - 1);
            if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
                // The rest of the path, slashes included.
                params.emplace_back(name.substr(0, name.size() - 3), path.substr(s));
                return close + 1 == pattern.size();
            }
            const std::size_t slash = path.find('/', s);
            const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
            if (end == s)
                break; // a parameter matches a non-empty segment
            params.emplace_back(name, path.substr(s, end - s));
            s = end;
            p = close + 1;
            continue;
        }
        if (s >= path.size() || path[s] != pattern[p])
            break;
        ++p;
        ++s;
    }
    if (p == pattern.size() && s == path.size())
        return true;
    params.resize(before);
    return false;
}

Router::Match Router::route(Request& request, const RouteHandler*& handler) const
{
    bool pathMatched = false;
    const RouteHandler* getRoute = nullptr;
    for (const Route& r : routes_) {
        request.params.clear();
        if (!matchPath(r.pattern, request.path, request.params))
            continue;
        pathMatched = true;
        if (r.method == request.method) {
            handler = &r.handler;
            return Match::Found;
        }
        if (!getRoute && request.method == "HEAD" && r.method == "GET")
            getRoute = &r.handler;
    }
    if (getRoute) {
        // Match again to leave the GET route's parameters in the request.
        for (const Route& r : routes_) {
            request.params.clear();
            if (&r.handler == getRoute && matchPath(r.pattern, request.path, request.params))
                break;
        }
        handler = getRoute;
        return Match::Found;
    }
    request.params.clear();
    return pathMatched ? Match::MethodNotAllowed : Match::NotFound;
}

} // namespace qgnet::http
