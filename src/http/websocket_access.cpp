// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/websocket_access.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace qgnet::http {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Authority is a host and a port as compared for the same-origin rule.
struct Authority {
    std::string host; // lower case; an IPv6 literal keeps its brackets
    std::string port; // empty when none was given
};

Authority splitAuthority(std::string_view a)
{
    Authority out;
    std::size_t hostEnd = a.size();
    if (!a.empty() && a.front() == '[') {
        const std::size_t close = a.find(']');
        hostEnd = close == std::string_view::npos ? a.size() : close + 1;
    } else if (const std::size_t colon = a.rfind(':'); colon != std::string_view::npos) {
        hostEnd = colon;
    }
    out.host = lower(a.substr(0, hostEnd));
    if (hostEnd < a.size() && a[hostEnd] == ':')
        out.port = std::string(a.substr(hostEnd + 1));
    return out;
}

// sameOrigin: the Origin (scheme://host[:port]) names the host and port of the Host header. A port
// left out is the scheme's default on the Origin side; on the Host side the client left it out because
// it was the default of ws (80) or wss (443), which this check cannot tell apart. The scheme itself is
// not compared: one host and port is one server, whichever scheme its pages were loaded with.
bool sameOrigin(std::string_view origin, std::string_view host)
{
    const std::size_t sep = origin.find("://");
    if (sep == std::string_view::npos)
        return false; // "null" (sandboxed pages, file:) and anything malformed
    const std::string scheme = lower(origin.substr(0, sep));
    const std::string_view rest = origin.substr(sep + 3);
    if (rest.find('/') != std::string_view::npos)
        return false;
    Authority o = splitAuthority(rest);
    const Authority h = splitAuthority(host);
    if (o.port.empty())
        o.port = scheme == "https" || scheme == "wss" ? "443" : "80";
    return o.host == h.host && (h.port.empty() ? o.port == "80" || o.port == "443" : o.port == h.port);
}

} // namespace

int checkWebSocketAccess(const WebSocketAccess& access, const Request& request)
{
    const std::string_view host = request.header("host");
    if (!access.allowedHosts.empty()) {
        const std::string name = splitAuthority(host).host;
        const bool listed = std::any_of(access.allowedHosts.begin(), access.allowedHosts.end(),
            [&name](const std::string& allowed) { return equalsIgnoreCase(allowed, name); });
        if (!listed)
            return 403;
    }
    if (request.hasHeader("origin")) {
        const std::string origin = lower(request.header("origin"));
        const bool allowed = access.allowedOrigins.empty()
            ? sameOrigin(origin, host)
            : std::any_of(access.allowedOrigins.begin(), access.allowedOrigins.end(),
                [&origin](const std::string& o) { return o == "*" || equalsIgnoreCase(o, origin); });
        if (!allowed)
            return 403;
    } else if (access.requireOrigin) {
        return 403;
    }
    return access.check ? access.check(request) : 0;
}

} // namespace qgnet::http
