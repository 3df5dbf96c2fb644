// SPDX-License-Identifier: Apache-2.0
#include "buffer/ring_buffer.h"

#include <algorithm>
#include <cstring>

#include "buffer/buffer_pool.h"
#include "engine_config.h"

namespace qgnet::detail {

RingBuffer::~RingBuffer()
{
    if (data_)
        pool_->release(data_, capacity_);
}

void RingBuffer::append(Bytes data)
{
    if (data.empty())
        return;
    if (capacity_ - size_ < data.size())
        grow(size_ + data.size());
    const std::size_t mask = capacity_ - 1;
    const std::size_t tail = (head_ + size_) & mask;
    const std::size_t first = std::min(data.size(), capacity_ - tail);
    std::memcpy(data_ + tail, data.data(), first);
    if (data.size() > first)
        std::memcpy(data_, data.data() + first, data.size() - first);
    size_ += data.size();
}

std::pair<Bytes, Bytes> RingBuffer::segments() const noexcept
{
    if (size_ == 0)
        return {};
    const std::size_t first = std::min(size_, capacity_ - head_);
    return {Bytes(data_ + head_, first), Bytes(data_, size_ - first)};
}

void RingBuffer::copyOut(std::size_t n, std::byte* dst) const noexcept
{
    if (n == 0)
        return;
    const auto [a, b] = segments();
    const std::size_t first = std::min(n, a.size());
    std::memcpy(dst, a.data(), first);
    if (n > first)
        std::memcpy(dst + first, b.data(), n - first);
}

std::size_t RingBuffer::discard(std::size_t n) noexcept
{
    n = std::min(n, size_);
    size_ -= n;
    // Rewinding an emptied ring keeps later appends contiguous for as long as possible.
    head_ = size_ == 0 ? 0 : (head_ + n) & (capacity_ - 1);
    return n;
}

void RingBuffer::release() noexcept
{
    if (data_ && size_ == 0) {
        pool_->release(data_, capacity_);
        data_ = nullptr;
        capacity_ = 0;
        head_ = 0;
    }
}

void RingBuffer::grow(std::size_t needed)
{
    const std::size_t capacity = roundUpToPowerOfTwo(std::max(needed, BufferPool::kMinBlock));
    std::byte* data = pool_->acquire(capacity);
    if (data_) {
        copyOut(size_, data);
        pool_->release(data_, capacity_);
    }
    data_ = data;
    capacity_ = capacity;
    head_ = 0;
}

} // namespace qgnet::detail
