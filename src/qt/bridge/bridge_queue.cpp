// SPDX-License-Identifier: Apache-2.0
#include "bridge/bridge_queue.h"

#include <utility>

namespace qgnet::qtdetail {

// ---- LoopQueue ----------------------------------------------------------------------------------

bool LoopQueue::push(BridgeItem&& item)
{
    {
        std::lock_guard lock(mutex_);
        incoming_.push_back(std::move(item));
    }
    return !scheduled_.exchange(true);
}

void LoopQueue::takeBatch(std::vector<BridgeItem>& out)
{
    std::lock_guard lock(mutex_);
    out.swap(incoming_);
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
