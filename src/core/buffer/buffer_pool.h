// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <limits>
#include <vector>

namespace qgnet::detail {

/// BufferPool hands out memory blocks whose sizes are powers of two (from 1 KiB) and keeps a bounded
/// number of freed blocks per size (up to 64 MiB blocks) for reuse, so that a loop under steady load stops calling
/// malloc. One pool per loop; not thread-safe (a loop's buffers are only touched by its thread).
class BufferPool {
public:
    static constexpr std::size_t kMinBlock = 1024;
    static constexpr std::size_t kMaxBlock = 64u * 1024 * 1024;

    BufferPool() = default;
    ~BufferPool();
    BufferPool(const BufferPool&) = delete;
    BufferPool& operator=(const BufferPool&) = delete;

    /// acquire returns a block of exactly size bytes; size must be a power of two, at least kMinBlock.
    std::byte* acquire(std::size_t size);
    /// release returns a block obtained from acquire with the same size.
    void release(std::byte* block, std::size_t size) noexcept;

    /// outstanding is the number of blocks handed out and not yet released (for leak checks).
    std::size_t outstanding() const noexcept { return outstanding_; }
    /// cachedBytes is the memory kept in free lists.
    std::size_t cachedBytes() const noexcept { return cachedBytes_; }
    /// heldBytes is the memory handed out and not yet released: what the loop's connections hold in
    /// their buffers. Written only by the owning loop (a relaxed store, no locked instruction); any
    /// thread may read it, which is how Options::memoryBudget sums the loops (memory_budget.h).
    std::size_t heldBytes() const noexcept { return held_.load(std::memory_order_relaxed); }
    /// setCheckAt arms budgetCheckDue() for when heldBytes() reaches bytes (max(): never).
    void setCheckAt(std::size_t bytes) noexcept { checkAt_ = bytes; }
    /// budgetCheckDue: the held bytes grew to the mark set by setCheckAt. One load and a compare, so
    /// the loop may ask after every callback.
    bool budgetCheckDue() const noexcept { return heldBytes() >= checkAt_; }
    /// trim frees cached blocks until each size class keeps at most keepBytesPerClass (MemoryReclaim,
    /// after a burst; steady load refills the lists within a few iterations).
    void trim(std::size_t keepBytesPerClass) noexcept;

private:
    static constexpr std::size_t kClasses = 17; // 2^10 .. 2^26
    // Each class keeps at most this many bytes (and at least one block) of free blocks.
    static constexpr std::size_t kCacheBytesPerClass = 4u * 1024 * 1024;
    static std::size_t classOf(std::size_t size) noexcept;

    std::array<std::vector<std::byte*>, kClasses> free_;
    std::size_t outstanding_ = 0;
    std::size_t cachedBytes_ = 0;
    std::atomic<std::size_t> held_{0};
    std::size_t checkAt_ = std::numeric_limits<std::size_t>::max();
    void addHeld(std::size_t n) noexcept { held_.store(heldBytes() + n, std::memory_order_relaxed); }
    void subHeld(std::size_t n) noexcept { held_.store(heldBytes() - n, std::memory_order_relaxed); }
};

} // namespace qgnet::detail
