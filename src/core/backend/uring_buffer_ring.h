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
/// Incremental (kernel 6.12+, IOU_PBUF_RING_INC): the kernel fills a buffer piece by piece, one
/// completion per piece, and flags each completion after which the buffer has room left
/// (IORING_CQE_F_BUF_MORE); the buffer goes back only after the completion without that flag. So
/// large buffers serve bulk reads whole while small messages pack densely into them. Otherwise every
/// completion uses a buffer of its own from its start.
///
/// liburing 2.3 has no io_uring_setup_buf_ring, so the ring memory is mapped here and registered with
/// io_uring_register_buf_ring. Loop thread only (the ring may be single-issuer).
class UringBufferRing {
public:
    /// create maps and registers the ring; returns null and sets error if the kernel refuses.
    /// With incremental, a kernel without incremental consumption refuses (EINVAL).
    static std::unique_ptr<UringBufferRing> create(io_uring& ring, std::uint16_t groupId, unsigned count,
        std::size_t size, bool incremental, std::error_code& error);
    ~UringBufferRing();
    UringBufferRing(const UringBufferRing&) = delete;
    UringBufferRing& operator=(const UringBufferRing&) = delete;

    std::uint16_t groupId() const noexcept { return groupId_; }
    std::size_t bufferSize() const noexcept { return size_; }
    unsigned count() const noexcept { return count_; }
    bool incremental() const noexcept { return incremental_; }
    /// take is the `length` bytes a completion put into buffer `id`: from the buffer's start, or in
    /// incremental mode from where the previous piece of that buffer ended.
    Bytes take(std::uint16_t id, std::size_t length) noexcept
    {
        std::byte* base = storage_.get() + static_cast<std::size_t>(id) * size_;
        if (!incremental_)
            return {base, length};
        const std::size_t offset = filled_[id];
        filled_[id] = static_cast<std::uint32_t>(offset + length);
        return {base + offset, length};
    }
    /// recycle queues buffer `id` for the kernel again; it is visible after the next publish().
    void recycle(std::uint16_t id) noexcept;
    /// publish makes every recycled buffer visible to the kernel (one release store).
    void publish() noexcept;
    /// releaseIdleMemory gives the buffers' pages back to the system (MADV_DONTNEED: they read as zero
    /// and come back on first use). Only while no recv can be using them: no connection, no UDP socket.
    void releaseIdleMemory() noexcept;

private:
    UringBufferRing(io_uring& ring, std::uint16_t groupId, unsigned count, std::size_t size, bool incremental) noexcept;

    io_uring* ring_;
    std::uint16_t groupId_;
    unsigned count_;
    std::size_t size_;
    int mask_;
    io_uring_buf_ring* shared_ = nullptr; // the page(s) shared with the kernel
    std::size_t sharedBytes_ = 0;
    std::unique_ptr<std::byte[]> storage_;
    bool incremental_;
    std::unique_ptr<std::uint32_t[]> filled_; // incremental: bytes of each buffer taken so far
    int pending_ = 0;                         // recycled since the last publish
    bool registered_ = false;
};

} // namespace qgnet::detail
