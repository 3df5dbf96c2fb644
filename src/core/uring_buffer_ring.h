// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <system_error>

#include <liburing.h>

#include "qgnet/bytes.h"

namespace qgnet::detail {

/// UringBufferRing is one provided-buffer ring of an io_uring (buffer group `groupId`): `count`
/// buffers of `size` bytes each that the kernel picks from when a multishot recv completes, and that
/// the loop hands back once the data has been shown to the handler (whatever it did not consume has
/// been copied into the connection's inbound ring by then). Recycled buffers become visible to the
/// kernel in one store per batch (publish()), not one per completion.
///
/// liburing 2.3 has no io_uring_setup_buf_ring, so the ring memory is mapped here and registered with
/// io_uring_register_buf_ring. Loop thread only (the ring may be single-issuer).
class UringBufferRing {
public:
    /// create maps and registers the ring; returns null and sets error if the kernel refuses.
    static std::unique_ptr<UringBufferRing> create(io_uring& ring, std::uint16_t groupId, unsigned count,
        std::size_t size, std::error_code& error);
    ~UringBufferRing();
    UringBufferRing(const UringBufferRing&) = delete;
    UringBufferRing& operator=(const UringBufferRing&) = delete;

    std::uint16_t groupId() const noexcept { return groupId_; }
    std::size_t bufferSize() const noexcept { return size_; }
    unsigned count() const noexcept { return count_; }
    /// view is the first `length` bytes of buffer `id` (as a completion named it).
    Bytes view(std::uint16_t id, std::size_t length) const noexcept
    {
        return {storage_.get() + static_cast<std::size_t>(id) * size_, length};
    }
    /// recycle queues buffer `id` for the kernel again; it is visible after the next publish().
    void recycle(std::uint16_t id) noexcept;
    /// publish makes every recycled buffer visible to the kernel (one release store).
    void publish() noexcept;

private:
    UringBufferRing(io_uring& ring, std::uint16_t groupId, unsigned count, std::size_t size) noexcept;

    io_uring* ring_;
    std::uint16_t groupId_;
    unsigned count_;
    std::size_t size_;
    int mask_;
    io_uring_buf_ring* shared_ = nullptr; // the page(s) shared with the kernel
    std::size_t sharedBytes_ = 0;
    std::unique_ptr<std::byte[]> storage_;
    int pending_ = 0; // recycled since the last publish
    bool registered_ = false;
};

} // namespace qgnet::detail
