// SPDX-License-Identifier: Apache-2.0
#include "buffer/buffer_pool.h"

#include "stats/live_counters.h"

#include <bit>
#include <cassert>
#include <cstdlib>
#include <new>

namespace qgnet::detail {

BufferPool::~BufferPool()
{
    for (auto& list : free_)
        for (std::byte* block : list)
            std::free(block);
}

std::size_t BufferPool::classOf(std::size_t size) noexcept
{
    return static_cast<std::size_t>(std::countr_zero(size)) - 10;
}

std::byte* BufferPool::acquire(std::size_t size)
{
    assert(std::has_single_bit(size) && size >= kMinBlock);
    ++outstanding_;
    addHeld(size);
    countUp(liveCells().bufferBlocks);
    countUp(liveCells().bufferBytes, static_cast<std::int64_t>(size));
    if (size > kMaxBlock) { // rare giants are not cached
        void* giant = std::malloc(size);
        if (!giant) {
            --outstanding_;
            subHeld(size);
            countDown(liveCells().bufferBlocks);
            countDown(liveCells().bufferBytes, static_cast<std::int64_t>(size));
            throw std::bad_alloc();
        }
        return static_cast<std::byte*>(giant);
    }
    auto& list = free_[classOf(size)];
    if (!list.empty()) {
        std::byte* block = list.back();
        list.pop_back();
        cachedBytes_ -= size;
        return block;
    }
    void* block = std::malloc(size);
    if (!block) {
        --outstanding_;
        subHeld(size);
        countDown(liveCells().bufferBlocks);
        countDown(liveCells().bufferBytes, static_cast<std::int64_t>(size));
        throw std::bad_alloc();
    }
    return static_cast<std::byte*>(block);
}

void BufferPool::trim(std::size_t keepBytesPerClass) noexcept
{
    for (std::size_t c = 0; c < kClasses; ++c) {
        const std::size_t size = kMinBlock << c;
        auto& list = free_[c];
        while (!list.empty() && list.size() * size > keepBytesPerClass) {
            std::free(list.back());
            list.pop_back();
            cachedBytes_ -= size;
        }
        if (list.empty())
            list.shrink_to_fit();
    }
}

void BufferPool::release(std::byte* block, std::size_t size) noexcept
{
    assert(outstanding_ > 0);
    --outstanding_;
    subHeld(size);
    countDown(liveCells().bufferBlocks);
    countDown(liveCells().bufferBytes, static_cast<std::int64_t>(size));
    if (size > kMaxBlock) {
        std::free(block);
        return;
    }
    auto& list = free_[classOf(size)];
    if (list.empty() || (list.size() + 1) * size <= kCacheBytesPerClass) {
        // push_back may allocate; if it cannot, give the block back to malloc instead.
        try {
            list.push_back(block);
            cachedBytes_ += size;
            return;
        } catch (const std::bad_alloc&) {
        }
    }
    std::free(block);
}

} // namespace qgnet::detail
