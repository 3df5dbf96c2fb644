// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace qgnet::demo {

/// HttpRequest is what the status page needs from a request: method, target, version and whether
/// the connection stays open afterwards.
struct HttpRequest {
    std::string method;
    std::string target;
    bool keepAlive = true;
    std::string host;          ///< The Host header's value, "" when there is none.
    std::string authorization; ///< The Authorization header's value, "" when there is none.
};

/// HttpParse is the outcome of parseHttpRequest.
struct HttpParse {
    enum class Status {
        Incomplete, ///< Need more bytes (and fewer than kMaxHeaderBytes arrived so far).
        Complete,   ///< `request` is set; `consumed` bytes are the request (headers only, no body).
        Error,      ///< Garbage or over a limit: answer `errorStatus` and close.
    };
    Status status = Status::Incomplete;
    HttpRequest request;
    std::size_t consumed = 0;
    int errorStatus = 0; ///< 400, 413, 414, 431, 501 or 505 with Status::Error.
};

/// kMaxHeaderBytes bounds a request head (request line + headers): bigger is refused with 431, so a
/// peer that sends without end costs at most this much memory.
inline constexpr std::size_t kMaxHeaderBytes = 8192;

/// parseHttpRequest reads one HTTP/1.x request head from the front of `data`. It is strict where
/// strictness costs nothing (methods are tokens, the target starts with '/', header lines have a
/// colon, no control bytes) and bounded: it never looks past kMaxHeaderBytes. Requests with a body
/// are refused (413): the status page has no use for one. Bare LF line ends are accepted. A second
/// Host header is refused (400, RFC 9112 §3.2): which one counts would be a guess.
HttpParse parseHttpRequest(std::string_view data);

/// httpReason is the reason phrase of status ("OK", "Bad Request", ...).
std::string_view httpReason(int status);

} // namespace qgnet::demo
