// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/response.h"

#include <charconv>
#include <cstring>
#include <ctime>

#include "qgnet/http/request.h"

namespace qgnet::http {

std::string_view reasonPhrase(int status) noexcept
{
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 417: return "Expectation Failed";
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

std::string_view httpDate()
{
    // Per thread, so per loop: no lock, and formatted only when the second changes.
    thread_local std::time_t cachedSecond = 0;
    thread_local char cached[32] = {};
    thread_local std::size_t cachedLength = 0; // no strlen per response
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        cachedLength = std::strftime(cached, sizeof cached, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cachedSecond = now;
    }
    return {cached, cachedLength};
}

namespace {

// A plain loop: find_first_of("\r\n\0") calls memchr once per byte.
bool isSafeFieldText(std::string_view s) noexcept
{
    for (const char c : s)
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    return true;
}

char* put(char* w, std::string_view s) noexcept
{
    std::memcpy(w, s.data(), s.size());
    return w + s.size();
}

void appendHex(std::string& out, std::size_t n)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n, 16);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

} // namespace

void Response::addHeader(std::string_view name, std::string_view value)
{
    if (name.empty() || !isSafeFieldText(name) || !isSafeFieldText(value) || name.find(':') != std::string_view::npos)
        return;
    headers_.append(name).append(": ").append(value).append("\r\n");
}

void Response::send(int status, std::string_view contentType, std::string_view body)
{
    status_ = status;
    if (isSafeFieldText(contentType)) // the name is ours: only the value needs the check
        headers_.append("Content-Type: ").append(contentType).append("\r\n");
    body_.assign(body);
}

std::shared_ptr<DeferredResponse> Response::defer()
{
    if (!deferred_)
        deferred_ = std::make_shared<DeferredResponse>(handle_);
    return deferred_;
}

void Response::start(std::string* out, bool head, int versionMinor, bool keepAlive)
{
    out_ = out;
    headers_.clear();
    body_.clear();
    status_ = 200;
    versionMinor_ = versionMinor;
    head_ = head;
    keepAlive_ = keepAlive;
    close_ = chunked_ = ended_ = postponed_ = false;
    deferred_.reset();
}

void Response::reset()
{
    headers_.clear();
    body_.clear();
    status_ = 200;
}

void Response::writeHead(std::string_view framing)
{
    // The fixed part (status line, Server, Date, framing, Connection) is put together on the stack
    // and appended at once: one capacity check and copy instead of one per piece.
    char head[256];
    char* w = put(head, versionMinor_ >= 1 ? "HTTP/1.1 " : "HTTP/1.0 ");
    w = std::to_chars(w, w + 12, status_).ptr;
    *w++ = ' ';
    w = put(w, reasonPhrase(status_)); // at most 31 bytes
    w = put(w, "\r\nServer: qgnet\r\nDate: ");
    w = put(w, httpDate()); // 29 bytes
    w = put(w, "\r\n");
    std::string& o = *out_;
    if (framing.size() <= 64) { // always, from finish() and beginChunked()
        w = put(w, framing);
    } else {
        o.append(head, static_cast<std::size_t>(w - head));
        o.append(framing);
        w = head;
    }
    if (!keepAlive_ || close_)
        w = put(w, "Connection: close\r\n");
    else if (versionMinor_ == 0)
        w = put(w, "Connection: keep-alive\r\n");
    o.append(head, static_cast<std::size_t>(w - head));
    o.append(headers_).append("\r\n");
}

bool Response::finish()
{
    const bool open = keepAlive_ && !close_;
    if (chunked_) {
        if (!ended_)
            endChunked();
        return open;
    }
    // 1xx, 204 and 304 carry no body and no Content-Length (RFC 9110 §8.6).
    if (status_ < 200 || status_ == 204 || status_ == 304) {
        writeHead({});
        return open;
    }
    // Built on the stack: a response costs no allocation of its own.
    char framing[48] = "Content-Length: ";
    char* end = std::to_chars(framing + 16, framing + 44, body_.size()).ptr;
    *end++ = '\r';
    *end++ = '\n';
    writeHead(std::string_view(framing, static_cast<std::size_t>(end - framing)));
    if (!head_)
        out_->append(body_);
    return open;
}

void Response::beginChunked()
{
    if (chunked_)
        return;
    chunked_ = true;
    if (versionMinor_ == 0)
        close_ = true; // no chunked coding for HTTP/1.0: the end of the body is the end of the connection
    writeHead(versionMinor_ >= 1 ? "Transfer-Encoding: chunked\r\n" : "");
}

void Response::writeChunk(std::string_view data)
{
    if (!chunked_)
        beginChunked();
    if (ended_ || head_ || data.empty())
        return;
    if (versionMinor_ == 0) {
        out_->append(data);
        return;
    }
    appendHex(*out_, data.size());
    out_->append("\r\n").append(data).append("\r\n");
}

void Response::endChunked()
{
    if (!chunked_)
        beginChunked();
    if (ended_)
        return;
    ended_ = true;
    if (!head_ && versionMinor_ >= 1)
        out_->append("0\r\n\r\n");
}

} // namespace qgnet::http
