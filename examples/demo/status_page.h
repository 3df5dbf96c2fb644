// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <mutex>
#include <string>

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

/// statusResponse is the complete HTTP response for a GET or HEAD of `target` on the status page:
/// "/" an HTML summary (loops, listeners, connections; refreshes itself every 2 s), "/stats.json"
/// the snapshot as JSON, anything else 404. `keepAlive` chooses the Connection header.
std::string statusResponse(const std::string& method, const std::string& target, const SnapshotPtr& snapshot,
    bool keepAlive);

/// errorResponse is a small HTTP error response that closes the connection.
std::string errorResponse(int status);

} // namespace qgnet::demo
