// SPDX-License-Identifier: Apache-2.0
#include "timer_queue.h"

#include <algorithm>

namespace qgnet::detail {

TimerQueue::Id TimerQueue::schedule(Clock::time_point deadline, std::function<void()> callback)
{
    const Id id = nextId_++;
    callbacks_.emplace(id, std::move(callback));
    heap_.push_back({deadline, id});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    return id;
}

void TimerQueue::cancel(Id id) noexcept
{
    callbacks_.erase(id);
}

void TimerQueue::dropCancelledTop()
{
    while (!heap_.empty() && !callbacks_.contains(heap_.front().id)) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
        heap_.pop_back();
    }
}

std::optional<Clock::time_point> TimerQueue::nextDeadline()
{
    dropCancelledTop();
    if (heap_.empty())
        return std::nullopt;
    return heap_.front().deadline;
}

void TimerQueue::runExpired(Clock::time_point now)
{
    const Id firstNew = nextId_;
    for (;;) {
        dropCancelledTop();
        if (heap_.empty() || heap_.front().deadline > now || heap_.front().id >= firstNew)
            return;
        const Id id = heap_.front().id;
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
        heap_.pop_back();
        auto it = callbacks_.find(id);
        auto callback = std::move(it->second);
        callbacks_.erase(it);
        callback();
    }
}

void TimerQueue::clear() noexcept
{
    heap_.clear();
    callbacks_.clear();
}

} // namespace qgnet::detail
