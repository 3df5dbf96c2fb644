// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qgnet::detail {

/// BoundedLog keeps the last `capacity` entries written by one thread (the owning loop), oldest
/// overwritten first, counting what it overwrote. All `capacity` entries are allocated and constructed
/// when the log is: the log is a fixed cost of its owner (a loop, the engine) that every busy server
/// reaches anyway, so it is paid at start in one block instead of growing with the first connections
/// and then staying resident as if they had leaked it (bench/run-many-conns.sh compares RSS before
/// and after a burst). Entries are reused in place, so a push allocates nothing (T's own buffers keep
/// their capacity). Not thread-safe: readers run on the owning thread too (a snapshot task).
template <typename T>
class BoundedLog {
public:
    explicit BoundedLog(std::size_t capacity) : entries_(capacity) {}

    /// next returns the entry to fill for the next record, or null when the capacity is 0.
    T* next()
    {
        if (entries_.empty())
            return nullptr;
        ++pushed_;
        T* slot = &entries_[head_];
        head_ = (head_ + 1) % entries_.size();
        if (size_ < entries_.size())
            ++size_;
        return slot;
    }

    /// indexOf is the position of an entry from next() in the log's storage, fixed for the log's life
    /// (for owners that keep a parallel array, such as the decision log's loads).
    std::size_t indexOf(const T& entry) const noexcept { return static_cast<std::size_t>(&entry - entries_.data()); }

    /// dropped is how many entries were overwritten before anyone could read them, as far as the log
    /// knows (it cannot tell whether a reader saw them).
    std::uint64_t dropped() const noexcept { return pushed_ - size_; }

    /// forEach visits the kept entries, oldest first.
    template <typename F>
    void forEach(F&& f) const
    {
        const std::size_t n = entries_.size();
        const std::size_t oldest = size_ < n ? 0 : head_;
        for (std::size_t i = 0; i < size_; ++i)
            f(entries_[(oldest + i) % n]);
    }

private:
    std::vector<T> entries_;
    std::size_t head_ = 0; // the entry next() fills next; the oldest once the log is full
    std::size_t size_ = 0; // entries written so far, at most entries_.size()
    std::uint64_t pushed_ = 0;
};

} // namespace qgnet::detail
