// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

namespace qgnet::detail {

using Clock = std::chrono::steady_clock;

/// TimerQueue is a loop's timers: a binary min-heap of deadlines with lazy cancellation (a cancelled
/// timer's heap entry is skipped when it surfaces). schedule and cancel are O(log n); the loop's poll
/// timeout is the earliest deadline. Loop thread only.
class TimerQueue {
public:
    using Id = std::uint64_t;

    ~TimerQueue() { clear(); }
    TimerQueue() = default;
    TimerQueue(const TimerQueue&) = delete;
    TimerQueue& operator=(const TimerQueue&) = delete;

    /// schedule runs callback at the first loop iteration at or after deadline.
    Id schedule(Clock::time_point deadline, std::function<void()> callback);
    /// reserveId hands out an id for a timer another thread will ask the loop to schedule; thread-safe.
    /// Ids are unique in the process, not only per loop, so Engine::schedule's ids never collide.
    static Id reserveId() noexcept { return nextId_.fetch_add(1, std::memory_order_relaxed); }
    /// scheduleWithId schedules with an id from reserveId().
    void scheduleWithId(Id id, Clock::time_point deadline, std::function<void()> callback);
    /// cancel forgets a timer that has not fired; cancelling an unknown or fired id is harmless.
    void cancel(Id id) noexcept;
    /// nextDeadline is the earliest live deadline, if any.
    std::optional<Clock::time_point> nextDeadline();
    /// runExpired runs every timer due at now (timers scheduled by those callbacks for now or earlier
    /// wait for the next call, so a callback that reschedules itself cannot starve the loop).
    void runExpired(Clock::time_point now);
    /// size is the number of live timers.
    std::size_t size() const noexcept { return callbacks_.size(); }
    void clear() noexcept;

private:
    struct Entry {
        Clock::time_point deadline;
        Id id;
        bool operator>(const Entry& other) const noexcept
        {
            return deadline != other.deadline ? deadline > other.deadline : id > other.id;
        }
    };
    void dropCancelledTop();

    std::vector<Entry> heap_;
    std::unordered_map<Id, std::function<void()>> callbacks_;
    static inline std::atomic<Id> nextId_{1};
};

} // namespace qgnet::detail
