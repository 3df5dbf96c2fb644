// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "timer_queue.h"

namespace qgnet::detail {

class BufferPool;
class Connection;
class EventLoop;

/// MemoryBudget is Options::memoryBudget for one engine: the bound and the engine-wide sum of what
/// its loops' connections hold in their buffers. Each loop's BufferPool publishes its held bytes as
/// a relaxed atomic that only the loop writes; the sum is one relaxed load per loop, taken only when
/// a loop has grown by a step or while an over-budget episode lasts, never per message. The pools
/// are registered before any loop thread starts and outlive every reader (the engine owns both).
class MemoryBudget {
public:
    explicit MemoryBudget(std::size_t budget) noexcept : budget_(budget) {}
    MemoryBudget(const MemoryBudget&) = delete;
    MemoryBudget& operator=(const MemoryBudget&) = delete;

    bool enabled() const noexcept { return budget_ != 0; }
    std::size_t budget() const noexcept { return budget_; }
    /// lowMark: under it the over-budget episode ends and every paused connection resumes.
    std::size_t lowMark() const noexcept { return budget_ - budget_ / 4; }
    /// step is how much a loop may grow between two checks: a sixty-fourth of the budget, 64 KiB to
    /// 1 MiB (a 256 MiB budget is checked every 1 MiB of growth per loop: a sum of one load per loop,
    /// and a walk over the loop's connections only while the engine is over its budget).
    std::size_t step() const noexcept;
    /// growthAllowance is how much a paused connection's output may still grow before it is closed:
    /// a sixteenth of the budget, 64 KiB to 1 MiB (room for what was on its way when it was paused).
    std::size_t growthAllowance() const noexcept;

    /// addPool registers a loop's pool; before the loops run.
    void addPool(const BufferPool& pool) { pools_.push_back(&pool); }
    /// held is the sum of the registered pools' held bytes; thread-safe.
    std::size_t held() const noexcept;

    /// enterEpisode is true for the one caller that finds the engine newly over its budget (it logs);
    /// leaveEpisode for the one that finds it back under lowMark. Thread-safe.
    bool enterEpisode() noexcept
    {
        return !over_.load(std::memory_order_relaxed) && !over_.exchange(true, std::memory_order_relaxed);
    }
    bool leaveEpisode() noexcept
    {
        return over_.load(std::memory_order_relaxed) && over_.exchange(false, std::memory_order_relaxed);
    }
    bool over() const noexcept { return over_.load(std::memory_order_relaxed); }

private:
    const std::size_t budget_;
    std::vector<const BufferPool*> pools_;
    std::atomic<bool> over_{false};
};

/// LoopMemoryBudget is one loop's side of Options::memoryBudget (loop thread only). When the engine's
/// sum is over the budget it pauses reading on the loop's connections that hold the most (every one
/// holding at least half what the heaviest unpaused one holds), so a peer that sends and never reads
/// stops growing its echo; it closes (Errc::MemoryBudgetExceeded) a paused connection whose output
/// kept growing past growthAllowance(), since pausing cannot stop a writer; it resumes a paused
/// connection once it holds at most half what it held when paused, or once the engine is under
/// lowMark(). The policy runs when the loop's pool has grown by step() since the last run
/// (BufferPool::budgetCheckDue, asked after callbacks and once per iteration) and every 50 ms while
/// the loop has paused connections or the engine is over its budget. It allocates only to grow its
/// lists to the number of connections, and makes no system call.
class LoopMemoryBudget {
public:
    explicit LoopMemoryBudget(EventLoop& loop) noexcept : loop_(loop) {}
    LoopMemoryBudget(const LoopMemoryBudget&) = delete;
    LoopMemoryBudget& operator=(const LoopMemoryBudget&) = delete;

    /// start arms the first check (the loop thread, as it starts); nothing when there is no budget.
    void start();
    /// check compares the engine's sum with the budget and pauses, closes or resumes.
    void check();
    /// forget drops a paused connection that closes (EventLoop::releaseSlot).
    void forget(Connection& conn) noexcept;
    /// paused is how many of the loop's connections the budget holds paused now.
    std::size_t paused() const noexcept { return paused_.size(); }

private:
    void pauseHeaviest();
    void closeGrowing();
    void resume(bool all);
    void armTimer();
    void publish() noexcept;

    EventLoop& loop_;
    MemoryBudget* budget_ = nullptr; // the engine's, once started with a budget
    /// PausedConnection is a connection the budget paused, with its outbound bytes at that moment
    /// (kept here, not in the connection, which has no room to spare: see connection.h).
    struct PausedConnection {
        Connection* conn;
        std::size_t outboundAtPause;
    };
    std::vector<PausedConnection> paused_;
    std::vector<std::pair<std::size_t, Connection*>> candidates_; // reused: held bytes, connection
    TimerQueue::Id timer_ = 0;
};

} // namespace qgnet::detail
