// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <system_error>

#include "qgnet/bytes.h"

namespace qgnet {

class Conn;

namespace detail {
class Mailbox;
}

/// AsyncCallback is told, on the connection's loop thread, how an asynchronous operation ended.
/// conn is the connection (valid during the call only) or null when it was already gone; ec is empty
/// on success, Errc::ConnectionClosed when the connection had closed, Errc::EngineStopped when the
/// engine stopped before the operation ran (conn is then null and the call may come from the thread
/// that released the engine's last handle).
using AsyncCallback = std::function<void(Conn* conn, std::error_code ec)>;

/// ConnHandle names a connection from any thread: a small copyable value that stays safe after the
/// connection closed and even after the engine is gone. Its operations are queued to the connection's
/// loop (a bounded lock-free queue; one eventfd write per burst) and run there in the order they were
/// issued from one thread. A handle never reaches a newer connection that reuses the descriptor or the
/// memory: it carries the connection's id, checked on the loop.
///
/// Each operation returns an error at once, without queueing and without calling the callback, when the
/// loop's queue is full (Errc::QueueFull), when a write's copy would make the data it carries pass
/// Options::taskQueueBytes (Errc::QueueBytesExceeded: the loop is behind; retry later, e.g. from the
/// callback of an earlier write), or when the engine has stopped (Errc::EngineStopped). Otherwise the
/// callback, if any, runs exactly once.
class QGNET_EXPORT ConnHandle {
public:
    /// An empty handle: every operation returns Errc::ConnectionClosed.
    ConnHandle() noexcept = default;

    /// asyncWrite copies data and writes it on the loop, as Conn::write would there; the callback
    /// runs after the write was accepted (sent or buffered), with the write's error if it failed.
    std::error_code asyncWrite(Bytes data, AsyncCallback callback = {}) const;
    std::error_code asyncWrite(std::string_view data, AsyncCallback callback = {}) const
    {
        return asyncWrite(asBytes(data), std::move(callback));
    }
    /// asyncWritev copies the pieces and writes them in order as one operation.
    std::error_code asyncWritev(std::span<const Bytes> parts, AsyncCallback callback = {}) const;
    /// wake makes the loop call onTraffic for the connection (with whatever input is buffered; also
    /// while reading is paused, and with TLS), then the callback. It reads nothing from the socket and
    /// is not counted as a read (LoopStats::reads, bytesIn).
    std::error_code wake(AsyncCallback callback = {}) const;
    /// close closes the connection on its loop (reason Errc::ClosedByHandler).
    std::error_code close() const { return closeWithCallback({}); }
    /// closeWithCallback closes it (gracefully: pending output is flushed first, as Conn::close) and
    /// calls callback right after onClose, with the closed connection (valid during the call only,
    /// isOpen() false) and no error.
    std::error_code closeWithCallback(AsyncCallback callback) const;
    /// pauseRead / resumeRead are Conn::pauseRead/resumeRead from any thread.
    std::error_code pauseRead(AsyncCallback callback = {}) const;
    std::error_code resumeRead(AsyncCallback callback = {}) const;

    /// isEmpty tells whether the handle was default-constructed.
    bool isEmpty() const noexcept { return !mailbox_; }
    /// id is the connection's id (Conn::id()): unique within the process, never reused.
    std::uint64_t id() const noexcept { return id_; }

    friend bool operator==(const ConnHandle& a, const ConnHandle& b) noexcept { return a.id_ == b.id_; }

private:
    friend class Conn;
    ConnHandle(std::shared_ptr<detail::Mailbox> mailbox, std::uint32_t slot, std::uint64_t id) noexcept
        : mailbox_(std::move(mailbox))
        , slot_(slot)
        , id_(id)
    {
    }
    // operation runs on the loop if the connection is still there; its result goes to the callback.
    // bytes is the data it carries, counted against the loop queue's byte bound.
    std::error_code post(std::function<std::error_code(Conn&)> operation, AsyncCallback callback,
        std::size_t bytes = 0) const;

    std::shared_ptr<detail::Mailbox> mailbox_;
    std::uint32_t slot_ = 0; // the connection's slot in its loop's table
    std::uint64_t id_ = 0;   // checked against the slot's occupant: a reused slot never matches
};

} // namespace qgnet
