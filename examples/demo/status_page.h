// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "qgnet/http/request.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet::demo {

/// StatusBoard holds the newest engine snapshot for the HTTP status page, and its JSON. The Qt thread
/// publishes (from the StatsFeed), the loop threads read. The JSON is rendered at most once per
/// kJsonMaxAge and shared by every request meanwhile, so a burst of pipelined /stats.json requests
/// costs one serialisation, not one each. A mutex guards the pointers only.
class StatusBoard {
public:
    static constexpr std::chrono::milliseconds kJsonMaxAge{100};

    void publish(SnapshotPtr snapshot);
    SnapshotPtr latest() const;
    /// json is the latest snapshot as JSON ("{}" before the first), rendered anew when the cached
    /// rendering is older than kJsonMaxAge and a newer snapshot exists (any thread).
    std::shared_ptr<const std::string> json();
    /// renders counts the JSON renderings so far (for the tests).
    std::uint64_t renders() const noexcept { return renders_.load(std::memory_order_relaxed); }

private:
    mutable std::mutex mutex_;
    SnapshotPtr latest_;
    SnapshotPtr rendered_; // the snapshot json_ shows
    std::shared_ptr<const std::string> json_;
    std::chrono::steady_clock::time_point renderedAt_{};
    std::atomic<std::uint64_t> renders_{0};
};

/// HttpAccess decides which requests the status page serves. The page listens on loopback, but any
/// web page the user opens can make the browser send requests to it, and through DNS rebinding read
/// the answers: such requests carry the attacker's name in Host. So a request whose Host is not a
/// localhost name, a loopback address or the listen address is refused with 421, and /stats.json
/// (the data the inspector token protects) needs that token once one is set: "Authorization: Bearer
/// TOKEN" or "?token=TOKEN". (HTTP/1.1 requests without Host are refused by the parser with 400; an
/// HTTP/1.0 request without one is served.) Set up on the Qt thread, read by the loop threads: a
/// mutex guards it.
class HttpAccess {
public:
    /// allowHost adds a host name or address literal (the listen address) to the allowed ones.
    void allowHost(const std::string& host);
    /// setToken makes the protected paths require token ("" requires none).
    void setToken(const std::string& token);
    /// check is 0 when request may be answered, else the status to refuse it with (421, 401);
    /// `protectedPath` says whether the path needs the token.
    int check(const http::Request& request, bool protectedPath) const;

private:
    mutable std::mutex mutex_;
    std::vector<std::string> hosts_;
    std::string token_;
};

/// statusHtml is the status page's HTML summary (loops, listeners, connections; it refreshes itself
/// every 2 s), in the application's language.
std::string statusHtml(const SnapshotPtr& snapshot);

} // namespace qgnet::demo
