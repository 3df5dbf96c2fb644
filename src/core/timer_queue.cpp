// SPDX-License-Identifier: Apache-2.0
#include "timer_queue.h"

#include <algorithm>

#include "stats/live_counters.h"

namespace qgnet::detail {

TimerQueue::Id TimerQueue::schedule(Clock::time_point deadline, std::function<void()> callback)
{
    const Id id = reserveId();
    scheduleWithId(id, deadline, std::move(callback));
    return id;
}

void TimerQueue::scheduleWithId(Id id, Clock::time_point deadline, std::function<void()> callback)
{
    callbacks_.emplace(id, std::move(callback));
    heap_.push_back({deadline, id});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    countUp(liveCells().timers);
}

void TimerQueue::cancel(Id id) noexcept
{
    if (callbacks_.erase(id))
        countDown(liveCells().timers);
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
    // Ids grow monotonically: a timer scheduled by one of the callbacks below has an id >= firstNew.
    const Id firstNew = nextId_.load(std::memory_order_relaxed);
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
        countDown(liveCells().timers);
        callback();
    }
}

void TimerQueue::clear() noexcept
{
    countDown(liveCells().timers, static_cast<std::int64_t>(callbacks_.size()));
    heap_.clear();
    callbacks_.clear();
}

} // namespace qgnet::detail
