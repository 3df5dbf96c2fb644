// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <qgnet/conn_handle.h>

namespace qgnet::http {

/// DeferredResponse answers one request later, from any thread: a route handler calls
/// Response::defer(), keeps the returned object (or hands it to another thread, a worker, a GUI) and
/// returns; the answer is sent when send() or endChunked() is called. Meanwhile the connection reads
/// no further requests (pipelined ones wait, answered in order afterwards) and has no header
/// timeout. A streamed body is beginChunked(), writeChunk()... endChunked(). Every call is
/// thread-safe and returns false, doing nothing, once the connection has closed or the answer is
/// complete, so a late answer to a peer that went away is harmless. (It also returns false when the
/// loop could not be woken, its queue full or the engine stopped: the pieces stay queued and the
/// next call wakes it again.) Each call queues the pieces and
/// wakes the connection's loop (ConnHandle::wake), which writes them; the pieces of a stream are
/// buffered here until then, so a producer much faster than the peer should pace itself (pending()).
class QGNET_HTTP_EXPORT DeferredResponse {
public:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    explicit DeferredResponse(ConnHandle handle);

    /// send is the complete answer: status, Content-Type, body and extra header fields.
    bool send(int status, std::string_view contentType, std::string_view body, const Headers& headers = {});
    /// beginChunked starts a streamed answer (Transfer-Encoding: chunked; HTTP/1.0: until close).
    bool beginChunked(int status, std::string_view contentType, const Headers& headers = {});
    /// writeChunk queues one piece of a streamed body (after beginChunked).
    bool writeChunk(std::string_view data);
    /// endChunked ends the stream; the connection then serves its next request.
    bool endChunked();

    /// isOpen: the connection is open and the answer not complete.
    bool isOpen() const;
    /// connectionId is the id of the connection the request came on (Conn::id).
    std::uint64_t connectionId() const noexcept { return handle_.id(); }
    /// pending is the number of body bytes queued here and not yet taken by the loop.
    std::size_t pending() const;

    // ---- used by the server (the connection's loop thread) ------------------------------------------

    /// Taken is what the loop writes next: the head once, then pieces, then whether it is complete.
    struct Taken {
        bool headNew = false; ///< status/contentType/headers are new (first take after they were set)
        bool chunked = false;
        int status = 200;
        std::string contentType;
        Headers headers;
        std::string body; ///< the whole body (send) or the chunks queued since the last take
        std::vector<std::string> chunks;
        bool complete = false; ///< send() or endChunked() was called
    };
    /// take moves out what was queued since the last take.
    Taken take();
    /// connectionClosed marks the connection gone: every later call returns false.
    void connectionClosed();

private:
    bool queue(std::unique_lock<std::mutex>& lock); // wakes the loop once per batch of calls

    ConnHandle handle_;
    mutable std::mutex mutex_;
    Taken queued_;
    bool headSet_ = false;
    bool headTaken_ = false;
    bool complete_ = false;
    bool closed_ = false;
    std::size_t pendingBytes_ = 0;
    bool woken_ = false; // a wake is in flight and the loop has not taken yet
};

} // namespace qgnet::http
