// SPDX-License-Identifier: Apache-2.0
#include "http/http_loop_handler.h"

#include "qgnet/conn.h"

namespace qgnet::qtdetail {

void HttpLoopHandler::setRaw(std::size_t index, int port, TrafficHandler handler)
{
    handlers_.at(index) = std::move(handler);
    ports_.at(index).store(port, std::memory_order_release);
}

void HttpLoopHandler::clearRaw()
{
    for (auto& p : ports_)
        p.store(0, std::memory_order_release);
}

int HttpLoopHandler::rawIndex(const Conn& conn) const noexcept
{
    const int port = conn.localAddr().port();
    if (port == 0)
        return -1; // Unix sockets: HTTP
    for (std::size_t i = 0; i < kMaxRaw; ++i)
        if (ports_[i].load(std::memory_order_acquire) == port)
            return static_cast<int>(i);
    return -1;
}

OpenResult HttpLoopHandler::onOpen(Conn& conn) { return rawIndex(conn) < 0 ? http_->onOpen(conn) : OpenResult{}; }

Action HttpLoopHandler::onTraffic(Conn& conn)
{
    const int raw = rawIndex(conn);
    return raw < 0 ? http_->onTraffic(conn) : handlers_[static_cast<std::size_t>(raw)](conn);
}

Action HttpLoopHandler::onClose(Conn& conn, std::error_code reason)
{
    return rawIndex(conn) < 0 ? http_->onClose(conn, reason) : Action::None;
}

void HttpLoopHandler::onWritabilityChanged(Conn& conn, bool writable)
{
    if (rawIndex(conn) < 0)
        http_->onWritabilityChanged(conn, writable);
}

} // namespace qgnet::qtdetail
