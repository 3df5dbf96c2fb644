// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "http_request.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet::demo {

/// StatusBoard holds the newest engine snapshot for the HTTP status page. The Qt thread publishes
/// (from the StatsFeed), the loop threads read; a mutex guards only the pointer swap, and rendering
/// works on an immutable shared snapshot, so a page request never waits on a loop.
class StatusBoard {
public:
    void publish(SnapshotPtr snapshot);
    SnapshotPtr latest() const;

private:
    mutable std::mutex mutex_;
    SnapshotPtr latest_;
};

/// HttpAccess decides which requests the status page serves. The page listens on loopback, but any
/// web page the user opens can make the browser send requests to it, and through DNS rebinding read
/// the answers: such requests carry the attacker's name in Host. So a request whose Host is not a
/// localhost name, a loopback address or the listen address is refused with 421, and /stats.json
/// (the data the inspector token protects) needs that token once one is set: "Authorization: Bearer
/// TOKEN" or "?token=TOKEN". A request without Host (HTTP/1.0 tools; browsers always send one) is
/// served. Set up on the Qt thread, read by the loop threads: a mutex guards it.
class HttpAccess {
public:
    /// allowHost adds a host name or address literal (the listen address) to the allowed ones.
    void allowHost(const std::string& host);
    /// setToken makes /stats.json require token ("" requires none).
    void setToken(const std::string& token);
    /// check is 0 when request may be answered, else the status to refuse it with (421, 401).
    int check(const HttpRequest& request) const;

private:
    mutable std::mutex mutex_;
    std::vector<std::string> hosts_;
    std::string token_;
};

/// statusResponse is the complete HTTP response for a GET or HEAD of `target` on the status page:
/// "/" an HTML summary (loops, listeners, connections; refreshes itself every 2 s), "/stats.json"
/// the snapshot as JSON, anything else 404. `keepAlive` chooses the Connection header.
std::string statusResponse(const std::string& method, const std::string& target, const SnapshotPtr& snapshot,
    bool keepAlive);

/// errorResponse is a small HTTP error response that closes the connection (401 names the Bearer scheme).
std::string errorResponse(int status);

} // namespace qgnet::demo
