// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace qgnet::detail {

/// Task is a unit of work run on a loop's thread.
using Task = std::function<void()>;

/// TaskQueue carries tasks from any thread to one loop. Producers append under a short lock; the loop
/// swaps the whole batch out and runs it without holding the lock. The wake-up is coalesced: push()
/// reports "you must wake the loop" only to the producer that flips the signalled flag, so a burst of
/// pushes costs one eventfd write, and the loop clears the flag before it swaps.
class TaskQueue {
public:
    /// push appends a task. Returns false (and drops nothing: the task is not taken) once the queue is
    /// closed. needWakeup is set when the caller must wake the loop.
    bool push(Task task, bool& needWakeup);
    /// takeAll moves every queued task into out (cleared first) and clears the signalled flag. Loop thread.
    void takeAll(std::vector<Task>& out);
    /// close refuses further pushes; returns what was still queued. Loop thread, at exit.
    std::vector<Task> close();
    /// pending is a racy snapshot of the queued task count (statistics only).
    std::size_t pending() const noexcept { return pending_.load(std::memory_order_relaxed); }

private:
    std::mutex mutex_;
    std::vector<Task> tasks_;
    bool closed_ = false;
    std::atomic<bool> signalled_{false};
    std::atomic<std::size_t> pending_{0};
};

} // namespace qgnet::detail
