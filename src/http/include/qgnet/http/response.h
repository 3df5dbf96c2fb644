// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <memory>
#include <string>
#include <string_view>

#include <qgnet/conn_handle.h>

#include "qgnet/http/deferred_response.h"

namespace qgnet::http {

/// reasonPhrase is the standard reason phrase of an HTTP status ("Not Found"), or "Unknown".
QGNET_HTTP_EXPORT std::string_view reasonPhrase(int status) noexcept;

/// Response is what a route handler fills in: status, headers and body, or a chunked stream. The
/// server adds Date (formatted once a second per loop), Content-Length (or Transfer-Encoding:
/// chunked) and Connection, leaves the body out for HEAD, and writes the responses of all requests
/// of one read together. Its buffers belong to the connection and keep their capacity, so a
/// response costs no allocation once the connection has warmed up.
class QGNET_HTTP_EXPORT Response {
public:
    /// setStatus sets the status code (200 by default).
    void setStatus(int status) noexcept { status_ = status; }
    int status() const noexcept { return status_; }

    /// addHeader adds a header field; name and value must hold no CR, LF or NUL (they are dropped
    /// otherwise, so that a handler cannot split the response). Content-Length, Transfer-Encoding,
    /// Date and Connection are the server's to set.
    void addHeader(std::string_view name, std::string_view value);

    /// setBody replaces the body; body() gives the buffer to append to directly.
    void setBody(std::string_view body) { body_.assign(body); }
    std::string& body() noexcept { return body_; }

    /// send sets status, Content-Type and body in one call.
    void send(int status, std::string_view contentType, std::string_view body);

    /// closeAfter asks the server to close the connection once this response is sent.
    void closeAfter() noexcept { close_ = true; }
    bool closesAfter() const noexcept { return close_; }

    /// beginChunked sends the head now with Transfer-Encoding: chunked; then writeChunk sends body
    /// pieces as they are produced and endChunked the last chunk. (HTTP/1.0 peers get the pieces
    /// unchunked and the connection closes at the end.)
    void beginChunked();
    void writeChunk(std::string_view data);
    void endChunked();

    /// defer answers later: the server sends nothing for this request now, and the returned object
    /// (thread-safe, see DeferredResponse) sends the answer whenever it is ready, from any thread.
    /// What was set on this Response is dropped. Calling it again returns the same object.
    std::shared_ptr<DeferredResponse> defer();
    bool isDeferred() const noexcept { return deferred_ != nullptr; }

    /// postpone answers nothing now and keeps the request: it stays in the connection's input, the
    /// connection is held (it reads and serves nothing more) and, once Server::release is called for
    /// it, the request is routed again, so the handler runs once more for it. A receiver that cannot
    /// take more right now (QtHttpServer's busy Qt thread) pushes back on the peer this way without
    /// losing or reordering anything. What was set on this Response is dropped.
    void postpone() noexcept { postponed_ = true; }
    bool isPostponed() const noexcept { return postponed_; }

    /// handle is the connection's thread-safe handle (to release it later, see postpone).
    const ConnHandle& handle() const noexcept { return handle_; }

    // ---- used by the server ----------------------------------------------------------------------

    /// start prepares for the next request, writing into out.
    void start(std::string* out, bool head, int versionMinor, bool keepAlive);
    /// setHandle names the connection, for defer() (once per connection).
    void setHandle(ConnHandle handle) { handle_ = std::move(handle); }
    /// takeDeferred hands over the DeferredResponse that defer() made (null when none).
    std::shared_ptr<DeferredResponse> takeDeferred() noexcept { return std::move(deferred_); }
    /// reset forgets the status, headers and body set so far (not what was already streamed).
    void reset();
    /// finish writes the response unless it was streamed; returns whether the connection stays open.
    bool finish();
    /// writeHead writes the status line and headers to out, with the given framing header.
    void writeHead(std::string_view framing);

private:
    std::string* out_ = nullptr;
    ConnHandle handle_;
    std::shared_ptr<DeferredResponse> deferred_;
    std::string headers_;
    std::string body_;
    int status_ = 200;
    int versionMinor_ = 1;
    bool head_ = false;
    bool keepAlive_ = true;
    bool close_ = false;
    bool chunked_ = false;
    bool ended_ = false;
    bool postponed_ = false;
};

/// httpDate is the current time as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), formatted at
/// most once a second per thread (each loop has its own copy).
QGNET_HTTP_EXPORT std::string_view httpDate();

} // namespace qgnet::http
