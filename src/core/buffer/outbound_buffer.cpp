// SPDX-License-Identifier: Apache-2.0
#include "buffer/outbound_buffer.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>

#include "buffer/buffer_pool.h"

namespace qgnet::detail {

// A chunk lives at the start of its own pool block; its bytes follow the header.
struct OutboundBuffer::Chunk {
    Chunk* next = nullptr;
    std::size_t begin = 0; // first unsent byte
    std::size_t end = 0;   // one past the last written byte
    static constexpr std::size_t kCapacity = kChunkBlock - 32;
    std::byte* bytes() noexcept { return reinterpret_cast<std::byte*>(this) + 32; }
};
static_assert(sizeof(void*) + 2 * sizeof(std::size_t) <= 32, "chunk header must fit its 32 reserved bytes");

void OutboundBuffer::append(Bytes data)
{
    if (data.empty())
        return;
    if (!first_) {
        if (!ring_) {
            if (fitRing_)
                ringCapacity_ = data.size() >= ringLimit_
                    ? ringLimit_
                    : std::min(ringLimit_, std::max(kFitMin, std::bit_ceil(data.size())));
            ring_ = pool_->acquire(ringCapacity_);
        }
        const std::size_t room = ringCapacity_ - ringSize_;
        const std::size_t n = std::min(room, data.size());
        const std::size_t mask = ringCapacity_ - 1;
        const std::size_t tail = (ringHead_ + ringSize_) & mask;
        const std::size_t first = std::min(n, ringCapacity_ - tail);
        if (first > 0)
            std::memcpy(ring_ + tail, data.data(), first);
        if (n > first)
            std::memcpy(ring_, data.data() + first, n - first);
        ringSize_ += n;
        size_ += n;
        data = data.subspan(n);
    }
    appendToChunks(data);
}

void OutboundBuffer::appendToChunks(Bytes data)
{
    while (!data.empty()) {
        if (!last_ || last_->end == Chunk::kCapacity) {
            auto* chunk = new (pool_->acquire(kChunkBlock)) Chunk;
            ++chunks_;
            if (last_)
                last_->next = chunk;
            else
                first_ = chunk;
            last_ = chunk;
        }
        const std::size_t n = std::min(data.size(), Chunk::kCapacity - last_->end);
        std::memcpy(last_->bytes() + last_->end, data.data(), n);
        last_->end += n;
        size_ += n;
        data = data.subspan(n);
    }
}

int OutboundBuffer::gather(iovec* iov, int maxIov, std::size_t& bytes) const noexcept
{
    int count = 0;
    bytes = 0;
    if (ringSize_ > 0 && count < maxIov) {
        const std::size_t first = std::min(ringSize_, ringCapacity_ - ringHead_);
        iov[count++] = {ring_ + ringHead_, first};
        bytes += first;
        if (ringSize_ > first && count < maxIov) {
            iov[count++] = {ring_, ringSize_ - first};
            bytes += ringSize_ - first;
        }
    }
    for (Chunk* c = first_; c && count < maxIov; c = c->next) {
        iov[count++] = {c->bytes() + c->begin, c->end - c->begin};
        bytes += c->end - c->begin;
    }
    return count;
}

void OutboundBuffer::consume(std::size_t n) noexcept
{
    n = std::min(n, size_);
    size_ -= n;
    const std::size_t fromRing = std::min(n, ringSize_);
    ringSize_ -= fromRing;
    ringHead_ = ringSize_ == 0 ? 0 : (ringHead_ + fromRing) & (ringCapacity_ - 1);
    n -= fromRing;
    while (n > 0 && first_) {
        const std::size_t take = std::min(n, first_->end - first_->begin);
        first_->begin += take;
        n -= take;
        if (first_->begin == first_->end) {
            Chunk* done = first_;
            first_ = done->next;
            if (!first_)
                last_ = nullptr;
            pool_->release(reinterpret_cast<std::byte*>(done), kChunkBlock);
            --chunks_;
        }
    }
    if (size_ == 0 && ring_) {
        pool_->release(ring_, ringCapacity_);
        ring_ = nullptr;
    }
}

void OutboundBuffer::clear() noexcept
{
    consume(size_);
    // consume() frees chunks as they drain; an empty trailing chunk (none here) cannot exist.
}

} // namespace qgnet::detail
