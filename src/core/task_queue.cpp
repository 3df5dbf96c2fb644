// SPDX-License-Identifier: Apache-2.0
#include "task_queue.h"

namespace qgnet::detail {

bool TaskQueue::push(Task task, bool& needWakeup)
{
    {
        std::lock_guard lock(mutex_);
        if (closed_) {
            needWakeup = false;
            return false;
        }
        tasks_.push_back(std::move(task));
        pending_.store(tasks_.size(), std::memory_order_relaxed);
    }
    needWakeup = !signalled_.exchange(true, std::memory_order_acq_rel);
    return true;
}

void TaskQueue::takeAll(std::vector<Task>& out)
{
    out.clear();
    // Clear first: a push that lands after the swap below then signals again, so it is never missed.
    signalled_.store(false, std::memory_order_release);
    std::lock_guard lock(mutex_);
    out.swap(tasks_);
    pending_.store(0, std::memory_order_relaxed);
}

std::vector<Task> TaskQueue::close()
{
    std::lock_guard lock(mutex_);
    closed_ = true;
    pending_.store(0, std::memory_order_relaxed);
    return std::move(tasks_);
}

} // namespace qgnet::detail
