// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <atomic>
#include <functional>

#include "qgnet/event_handler.h"
#include "qgnet/http/server.h"

namespace qgnet::qtdetail {

/// HttpLoopHandler is what QtHttpServer installs as its QtServer's loop handler: connections on a
/// raw listener's port go to that listener's traffic handler, every other one to the http::Server.
/// The raw ports are set on the Qt thread right after the engine bound them and before anyone can
/// know a port the kernel chose, so no connection reaches a raw port before it is set; they are read
/// by the loops without locks.
class HttpLoopHandler : public EventHandler {
public:
    using TrafficHandler = std::function<Action(Conn&)>;
    static constexpr std::size_t kMaxRaw = 8;

    /// setHttp names the server for non-raw connections (while the engine is stopped).
    void setHttp(http::Server* http) noexcept { http_ = http; }

    /// setRaw routes connections whose local port is port to handler (index < kMaxRaw; port 0 unsets).
    void setRaw(std::size_t index, int port, TrafficHandler handler);
    void clearRaw();

    OpenResult onOpen(Conn& conn) override;
    Action onTraffic(Conn& conn) override;
    Action onClose(Conn& conn, std::error_code reason) override;
    void onWritabilityChanged(Conn& conn, bool writable) override;

private:
    // The raw listener conn arrived on, or -1 for HTTP.
    int rawIndex(const Conn& conn) const noexcept;

    http::Server* http_ = nullptr;
    std::array<std::atomic<int>, kMaxRaw> ports_{};
    std::array<TrafficHandler, kMaxRaw> handlers_; // set while stopped only
};

} // namespace qgnet::qtdetail
