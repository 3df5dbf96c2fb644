// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <utility>

#include "qgnet/bytes.h"

namespace qgnet::detail {

class BufferPool;

/// RingBuffer is the elastic inbound buffer of a connection: a circular buffer whose capacity is a
/// power of two, grown by doubling (data kept in order) and given back to the pool by release()
/// once drained, so an idle connection holds none.
///
///   capacity 16, head 12, size 7:   [ d d d . . . . . . . . . d d d d ]
///                                     └─ second ┘             └ first ┘
class RingBuffer {
public:
    explicit RingBuffer(BufferPool& pool) noexcept : pool_(&pool) {}
    ~RingBuffer();
    RingBuffer(const RingBuffer&) = delete;
    RingBuffer& operator=(const RingBuffer&) = delete;

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::size_t capacity() const noexcept { return capacity_; }
    /// holdsMemory tells whether storage is allocated (empty rings normally hold none).
    bool holdsMemory() const noexcept { return data_ != nullptr; }

    /// append copies data at the end, growing the ring when needed.
    void append(Bytes data);
    /// segments are the buffered bytes as (first, second) contiguous views; second is empty unless
    /// the data wraps around the end of the storage.
    std::pair<Bytes, Bytes> segments() const noexcept;
    /// copyOut copies the first n buffered bytes (n <= size()) to dst without consuming them.
    void copyOut(std::size_t n, std::byte* dst) const noexcept;
    /// discard drops up to n bytes from the front; it never releases memory (see release).
    std::size_t discard(std::size_t n) noexcept;
    /// release gives the storage back to the pool if the ring is empty.
    void release() noexcept;

private:
    void grow(std::size_t needed);

    BufferPool* pool_;
    std::byte* data_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

} // namespace qgnet::detail
