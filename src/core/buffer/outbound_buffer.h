// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

#include <sys/uio.h>

#include "qgnet/bytes.h"

namespace qgnet::detail {

class BufferPool;

/// OutboundBuffer holds what a connection has written but the socket has not yet taken, in order:
/// first a ring of exactly `ringCapacity` bytes, then, when the ring is full, a singly linked list of
/// pooled chunks. Once the list is non-empty every new byte goes to its tail, so order is kept.
/// The ring is allocated at full size on first use and never reallocated while it holds data, and a
/// chunk is freed only after consume() passed it, so memory handed to the kernel (writev now, an
/// in-flight io_uring send later) never moves. Both are returned to the pool when drained.
class OutboundBuffer {
public:
    static constexpr std::size_t kChunkBlock = 64 * 1024;

    /// fitRing: size each ring to the write that starts it (at least kFitMin, at most ringCapacity)
    /// instead of ringCapacity. For a completion backend, where every write passes through here on
    /// its way to the kernel: a 64 KiB ring per connection with a send in flight would make 1000
    /// connections cycle through 64 MiB of blocks (and past the pool's cache).
    OutboundBuffer(BufferPool& pool, std::size_t ringCapacity, bool fitRing = false) noexcept
        : pool_(&pool)
        , ringLimit_(ringCapacity)
        , ringCapacity_(ringCapacity)
        , fitRing_(fitRing)
    {
    }
    static constexpr std::size_t kFitMin = 4 * 1024;
    ~OutboundBuffer() { clear(); }
    OutboundBuffer(const OutboundBuffer&) = delete;
    OutboundBuffer& operator=(const OutboundBuffer&) = delete;

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    /// spilledBytes is the part that lives in the chunk list (for statistics).
    std::size_t spilledBytes() const noexcept { return size_ - ringSize_; }
    /// ringCapacity is the ring's size while it is allocated, else 0 (an idle connection holds none).
    std::size_t ringCapacity() const noexcept { return ring_ ? ringCapacity_ : 0; }
    /// heldBytes is the pool memory the buffer holds: the ring and every chunk, whole.
    std::size_t heldBytes() const noexcept { return ringCapacity() + chunks_ * kChunkBlock; }

    /// append copies data at the end.
    void append(Bytes data);
    /// gather fills at most maxIov iovecs with the front of the buffer, returns how many it filled
    /// and sets bytes to their total length.
    int gather(iovec* iov, int maxIov, std::size_t& bytes) const noexcept;
    /// consume drops n bytes (n <= size()) from the front, freeing drained chunks and, once empty, the ring.
    void consume(std::size_t n) noexcept;
    /// clear drops everything and frees all memory.
    void clear() noexcept;

private:
    struct Chunk;
    void appendToChunks(Bytes data);

    BufferPool* pool_;
    std::size_t ringLimit_;
    std::size_t ringCapacity_; // of the current ring (ringLimit_ unless fitRing_)
    bool fitRing_;
    std::byte* ring_ = nullptr;
    std::size_t ringHead_ = 0;
    std::size_t ringSize_ = 0;
    Chunk* first_ = nullptr;
    Chunk* last_ = nullptr;
    std::size_t chunks_ = 0;
    std::size_t size_ = 0;
};

} // namespace qgnet::detail
