// SPDX-License-Identifier: Apache-2.0
#include "bridge/bridge_queue.h"

#include <utility>

namespace qgnet::qtdetail {

// ---- LoopQueue ----------------------------------------------------------------------------------

bool LoopQueue::push(BridgeItem&& item)
{
    const auto bytes = static_cast<std::uint64_t>(item.data.size());
    {
        std::lock_guard lock(mutex_);
        if (incoming_.empty())
            incomingSinceNs_ = monotonicNs(); // once per batch: the first item of an empty queue
        incomingBytes_ += bytes;
        incoming_.push_back(std::move(item));
    }
    return !scheduled_.exchange(true);
}

void LoopQueue::takeBatch(std::vector<BridgeItem>& out)
{
    std::lock_guard lock(mutex_);
    out.swap(incoming_);
    batchQueuedNs = incomingSinceNs_;
    batchBytesLeft = incomingBytes_;
    incomingBytes_ = 0;
}

LoopQueue::Waiting LoopQueue::waiting()
{
    std::lock_guard lock(mutex_);
    return Waiting{incoming_.size(), incomingBytes_, incoming_.empty() ? 0 : incomingSinceNs_};
}

bool LoopQueue::finishDrain()
{
    scheduled_.store(false);
    bool more = false;
    {
        std::lock_guard lock(mutex_);
        more = !incoming_.empty();
    }
    // A push after the clear posts its own drain (its exchange sees false); one before the check
    // is seen here. Only one of the two may post.
    return more && !scheduled_.exchange(true);
}

} // namespace qgnet::qtdetail
