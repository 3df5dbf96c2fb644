// SPDX-License-Identifier: Apache-2.0
#include "http/thread_backlog.h"

#include <algorithm>

namespace qgnet::qtdetail {

bool ThreadBacklog::added(Share* share, long long bytes) noexcept
{
    const long long total = bytes_.fetch_add(bytes) + bytes;
    long long peak = peak_.load(std::memory_order_relaxed);
    while (total > peak && !peak_.compare_exchange_weak(peak, total, std::memory_order_relaxed)) {}
    const long long own = share ? share->bytes.fetch_add(bytes) + bytes : 0;
    // A connection may fill a quarter of the limit alone, so one flooding peer does not hold the others.
    return total > limit() || own > limit() / 4;
}

void ThreadBacklog::hold(const ConnHandle& handle, std::shared_ptr<Share> share)
{
    {
        std::lock_guard lock(mutex_);
        heldList_.push_back({handle, std::move(share)});
        held_.store(static_cast<int>(heldList_.size())); // seq_cst, as below and in delivered
    }
    // The Qt thread may have drained between the decision and the push, and not seen this entry: so
    // look again. Each side writes its variable (held_ here, bytes_ there) and then reads the other's,
    // all sequentially consistent, so at least one of them sees both and releases (Dekker's pattern).
    if (drained())
        releaseDrained();
}

void ThreadBacklog::delivered(Share* share, long long bytes)
{
    bytes_.fetch_sub(bytes);
    if (share)
        share->bytes.fetch_sub(bytes);
    if (held_.load() > 0 && drained())
        releaseDrained();
}

void ThreadBacklog::releaseDrained()
{
    std::vector<Held> go;
    {
        std::lock_guard lock(mutex_);
        const long long shareDrained = limit() / 8;
        const auto keep = std::stable_partition(heldList_.begin(), heldList_.end(),
            [shareDrained](const Held& h) { return h.share && h.share->bytes.load() > shareDrained; });
        go.assign(std::make_move_iterator(keep), std::make_move_iterator(heldList_.end()));
        heldList_.erase(keep, heldList_.end());
        held_.store(static_cast<int>(heldList_.size()), std::memory_order_relaxed);
    }
    // Outside the lock: waking takes the loop queue's own locks. A connection whose loop queue is
    // full right now goes back on the list and is tried at the next delivery.
    std::vector<Held> retry;
    for (Held& h : go)
        if (!releaser_(h.handle))
            retry.push_back(std::move(h));
    if (!retry.empty()) {
        std::lock_guard lock(mutex_);
        for (Held& h : retry)
            heldList_.push_back(std::move(h));
        held_.store(static_cast<int>(heldList_.size()), std::memory_order_relaxed);
    }
}

} // namespace qgnet::qtdetail
