// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qgnet::detail {

/// BoundedLog keeps the last `capacity` entries written by one thread (the owning loop), oldest
/// overwritten first, counting what it overwrote. Entries are reused in place, so once the log has
/// wrapped a push allocates nothing (T's own buffers, such as a vector's, keep their capacity).
/// Not thread-safe: readers run on the owning thread too (a snapshot task).
template <typename T>
class BoundedLog {
public:
    explicit BoundedLog(std::size_t capacity) : capacity_(capacity)
    {
        entries_.reserve(capacity < 4096 ? capacity : 4096);
    }

    /// next returns the entry to fill for the next record, or null when the capacity is 0.
    T* next()
    {
        if (capacity_ == 0)
            return nullptr;
        ++pushed_;
        if (entries_.size() < capacity_)
            return &entries_.emplace_back();
        T* slot = &entries_[head_];
        head_ = (head_ + 1) % capacity_;
        return slot;
    }

    /// dropped is how many entries were overwritten before anyone could read them, as far as the log
    /// knows (it cannot tell whether a reader saw them).
    std::uint64_t dropped() const noexcept { return pushed_ - entries_.size(); }

    /// forEach visits the kept entries, oldest first.
    template <typename F>
    void forEach(F&& f) const
    {
        const std::size_t n = entries_.size();
        for (std::size_t i = 0; i < n; ++i)
            f(entries_[(head_ + i) % n]);
    }

private:
    std::size_t capacity_;
    std::vector<T> entries_;
    std::size_t head_ = 0; // the oldest entry once the log is full
    std::uint64_t pushed_ = 0;
};

} // namespace qgnet::detail
