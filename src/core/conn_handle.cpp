// SPDX-License-Identifier: Apache-2.0
#include "qgnet/conn_handle.h"

#include <vector>

#include "connection.h"
#include "event_loop.h"
#include "mailbox.h"
#include "qgnet/error.h"

namespace qgnet {

std::error_code ConnHandle::post(std::function<std::error_code(Conn&)> operation, AsyncCallback callback,
    std::size_t bytes) const
{
    if (!mailbox_)
        return Errc::ConnectionClosed;
    detail::EventLoop* loop = mailbox_->loop();
    const auto pushed = mailbox_->post(
        [loop, slot = slot_, id = id_, op = std::move(operation), cb = std::move(callback)](bool run) {
            if (run)
                loop->runForConnection(slot, id, op, cb);
            else if (cb)
                cb(nullptr, Errc::EngineStopped);
        },
        bytes);
    return detail::pushError(pushed);
}

std::error_code ConnHandle::asyncWrite(Bytes data, AsyncCallback callback) const
{
    if (mailbox_ && data.size() > mailbox_->byteCapacity())
        return Errc::QueueBytesExceeded; // could never be queued: not even copied
    // The bytes must outlive the caller's buffer: one copy, made here on the calling thread.
    return post([copy = std::vector<std::byte>(data.begin(), data.end())](Conn& c) { return c.write(copy); },
        std::move(callback), data.size());
}

std::error_code ConnHandle::asyncWritev(std::span<const Bytes> parts, AsyncCallback callback) const
{
    std::size_t total = 0;
    for (const Bytes& part : parts)
        total += part.size();
    if (mailbox_ && total > mailbox_->byteCapacity())
        return Errc::QueueBytesExceeded;
    std::vector<std::byte> joined;
    joined.reserve(total);
    for (const Bytes& part : parts)
        joined.insert(joined.end(), part.begin(), part.end());
    return post([copy = std::move(joined)](Conn& c) { return c.write(copy); }, std::move(callback), total);
}

std::error_code ConnHandle::wake(AsyncCallback callback) const
{
    return post(
        [](Conn& c) {
            auto& conn = static_cast<detail::Connection&>(c);
            conn.loop().wake(conn); // onTraffic over what is buffered, nothing new
            return std::error_code();
        },
        std::move(callback));
}

std::error_code ConnHandle::pauseRead(AsyncCallback callback) const
{
    return post(
        [](Conn& c) {
            c.pauseRead();
            return std::error_code();
        },
        std::move(callback));
}

std::error_code ConnHandle::resumeRead(AsyncCallback callback) const
{
    return post(
        [](Conn& c) {
            c.resumeRead();
            return std::error_code();
        },
        std::move(callback));
}

std::error_code ConnHandle::closeWithCallback(AsyncCallback callback) const
{
    if (!mailbox_)
        return Errc::ConnectionClosed;
    // Not through post(): the callback waits for onClose, which may come after a flush.
    detail::EventLoop* loop = mailbox_->loop();
    const auto pushed = mailbox_->post([loop, slot = slot_, id = id_, cb = std::move(callback)](bool run) mutable {
        if (run)
            loop->closeFromHandle(slot, id, std::move(cb));
        else if (cb)
            cb(nullptr, Errc::EngineStopped);
    });
    return detail::pushError(pushed);
}

} // namespace qgnet
