// SPDX-License-Identifier: Apache-2.0
#include "http_request.h"

#include <algorithm>
#include <cctype>

namespace qgnet::demo {

namespace {

bool isToken(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isFieldByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return c == '\t' || (u >= 0x20 && u != 0x7f);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
        [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

HttpParse error(int status)
{
    HttpParse p;
    p.status = HttpParse::Status::Error;
    p.errorStatus = status;
    return p;
}

} // namespace

HttpParse parseHttpRequest(std::string_view data)
{
    // Leading empty lines before a request are allowed (RFC 9112 §2.2).
    std::size_t start = 0;
    while (start < data.size() && start < 64 && (data[start] == '\r' || data[start] == '\n'))
        ++start;
    const std::string_view window = data.substr(0, std::min(data.size(), kMaxHeaderBytes));

    // Find the end of the head: an empty line.
    std::size_t end = std::string_view::npos;
    std::size_t headEnd = 0;
    for (std::size_t i = start; i < window.size(); ++i) {
        if (window[i] != '\n')
            continue;
        if (i + 1 < window.size() && window[i + 1] == '\n') {
            end = i + 2;
            headEnd = i;
            break;
        }
        if (i + 2 < window.size() && window[i + 1] == '\r' && window[i + 2] == '\n') {
            end = i + 3;
            headEnd = i;
            break;
        }
    }
    // Fail early on garbage that can never become a request line.
    for (std::size_t i = start; i < window.size() && window[i] != ' ' && window[i] != '\r' && window[i] != '\n'; ++i) {
        if (!isToken(window[i]) || i - start > 16)
            return error(400);
    }
    if (end == std::string_view::npos)
        return data.size() >= kMaxHeaderBytes ? error(431) : HttpParse{};

    const std::string_view head = window.substr(start, headEnd - start);
    const std::size_t lineEnd = head.find('\n');
    std::string_view requestLine = head.substr(0, lineEnd);
    if (!requestLine.empty() && requestLine.back() == '\r')
        requestLine.remove_suffix(1);

    // Request line: METHOD SP TARGET SP HTTP/1.x
    const std::size_t sp1 = requestLine.find(' ');
    const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : requestLine.find(' ', sp1 + 1);
    if (sp1 == 0 || sp2 == std::string_view::npos || requestLine.find(' ', sp2 + 1) != std::string_view::npos)
        return error(400);
    const std::string_view method = requestLine.substr(0, sp1);
    const std::string_view target = requestLine.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = requestLine.substr(sp2 + 1);
    if (!std::all_of(method.begin(), method.end(), isToken) || target.empty() || target.front() != '/')
        return error(400);
    if (target.size() > 2048)
        return error(414);
    if (!std::all_of(target.begin(), target.end(),
            [](char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; }))
        return error(400);
    if (version.size() != 8 || version.substr(0, 7) != "HTTP/1.")
        return version.substr(0, 5) == "HTTP/" ? error(505) : error(400);
    if (version[7] != '0' && version[7] != '1')
        return error(505);

    HttpParse p;
    p.request.method = std::string(method);
    p.request.target = std::string(target);
    p.request.keepAlive = version[7] == '1';

    // Header fields: name ":" value; only Connection, Content-Length, Transfer-Encoding, Host and
    // Authorization matter.
    std::string_view rest = lineEnd == std::string_view::npos ? std::string_view() : head.substr(lineEnd + 1);
    bool sawHost = false;
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const std::size_t colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos)
            return error(400);
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trim(line.substr(colon + 1));
        if (!std::all_of(name.begin(), name.end(), isToken) || !std::all_of(value.begin(), value.end(), isFieldByte))
            return error(400);
        const std::string key = lower(name);
        if (key == "connection") {
            const std::string v = lower(value);
            if (v.find("close") != std::string::npos)
                p.request.keepAlive = false;
            else if (v.find("keep-alive") != std::string::npos)
                p.request.keepAlive = true;
        } else if (key == "content-length") {
            if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return error(400);
            if (value.find_first_not_of('0') != std::string_view::npos)
                return error(413);
        } else if (key == "transfer-encoding") {
            return error(501);
        } else if (key == "host") {
            if (sawHost)
                return error(400);
            sawHost = true;
            p.request.host = std::string(value);
        } else if (key == "authorization") {
            p.request.authorization = std::string(value);
        }
    }
    p.status = HttpParse::Status::Complete;
    p.consumed = end;
    return p;
}

std::string_view httpReason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 421: return "Misdirected Request";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

} // namespace qgnet::demo
