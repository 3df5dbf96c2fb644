// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstddef>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace qgnet::http {

/// Header is one request header field: views into the connection's input, the value trimmed of
/// surrounding whitespace. Names keep the case the peer sent; compare them with equalsIgnoreCase.
struct QGNET_HTTP_EXPORT Header {
    std::string_view name;
    std::string_view value;
};

/// equalsIgnoreCase compares two ASCII strings without regard to letter case (header names, tokens).
QGNET_HTTP_EXPORT bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept;

/// Request is one parsed HTTP/1.x request as a handler sees it. Every view points into the
/// connection's input buffer (or, for a chunked body, into the parser's reused body buffer) and is
/// valid only while the handler runs: copy what must outlive it. The parser reuses the vectors
/// between requests, so a request costs no allocation once the connection has warmed up.
class QGNET_HTTP_EXPORT Request {
public:
    std::string_view method; ///< "GET", "POST", ... (case-sensitive, as RFC 9110 says)
    std::string_view target; ///< the request-target as sent: "/a/b?x=1"
    std::string_view path;   ///< target up to '?'
    std::string_view query;  ///< after '?', without it (empty when none)
    int versionMinor = 1;    ///< 1 for HTTP/1.1, 0 for HTTP/1.0
    std::span<const Header> headers;
    std::string_view body;       ///< the whole body (de-chunked); empty when none
    bool keepAlive = true;       ///< the connection stays open after the response
    bool expectContinue = false; ///< the client sent "Expect: 100-continue"
    bool chunked = false;        ///< the body came with Transfer-Encoding: chunked
    std::size_t contentLength = 0;

    /// header returns the value of the first header named name (case-insensitive), or an empty
    /// view when there is none; hasHeader tells the two apart.
    std::string_view header(std::string_view name) const noexcept;
    bool hasHeader(std::string_view name) const noexcept;

    /// hasToken tells whether the comma-separated header name lists token (case-insensitive), as
    /// "Connection: keep-alive, Upgrade" lists "upgrade".
    bool hasToken(std::string_view name, std::string_view token) const noexcept;

    /// param returns the value of the router's {name} parameter that matched this request's path
    /// (empty when there is none).
    std::string_view param(std::string_view name) const noexcept;

    /// params are the router's {name} parameters of the matched route, in pattern order.
    std::vector<std::pair<std::string_view, std::string_view>> params;
};

} // namespace qgnet::http
