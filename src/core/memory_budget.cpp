// SPDX-License-Identifier: Apache-2.0
#include "memory_budget.h"

#include <algorithm>
#include <string>

#include "buffer/buffer_pool.h"
#include "connection.h"
#include "engine_config.h"
#include "engine_core.h"
#include "event_loop.h"
#include "qgnet/error.h"

namespace qgnet::detail {

namespace {
// While anything is paused or the engine is over its budget, a loop looks again this often: the
// resumes and the end of an episode need no growth to be noticed.
constexpr auto kRecheck = std::chrono::milliseconds(50);
constexpr std::size_t kKiB = 1024;
} // namespace

std::size_t MemoryBudget::step() const noexcept { return std::clamp(budget_ / 64, 64 * kKiB, kKiB * kKiB); }

std::size_t MemoryBudget::growthAllowance() const noexcept { return std::clamp(budget_ / 16, 64 * kKiB, kKiB * kKiB); }

std::size_t MemoryBudget::held() const noexcept
{
    std::size_t sum = 0;
    for (const BufferPool* pool : pools_)
        sum += pool->heldBytes();
    return sum;
}

void LoopMemoryBudget::start()
{
    MemoryBudget& budget = loop_.engine().memoryBudget();
    if (!budget.enabled() || loop_.index() < 0)
        return;
    budget_ = &budget;
    loop_.pool().setCheckAt(loop_.pool().heldBytes() + budget.step());
}

void LoopMemoryBudget::check()
{
    if (!budget_)
        return;
    const std::size_t total = budget_->held();
    if (total > budget_->budget()) {
        if (budget_->enterEpisode()) {
            loop_.config().log(LogLevel::Warn,
                "the engine's connections hold " + std::to_string(total)
                    + " bytes in their buffers, over its memory "
                      "budget (memoryBudget="
                    + std::to_string(budget_->budget()) + "): pausing reading on the connections that hold the most");
            loop_.recordEvent(EngineEvent::Kind::Error, 0, {}, Errc::MemoryBudgetExceeded,
                "buffers hold " + std::to_string(total) + " bytes");
        }
        closeGrowing();
        pauseHeaviest();
        resume(false);
    } else {
        const bool low = total <= budget_->lowMark();
        resume(low);
        if (low && budget_->leaveEpisode()) {
            const LoopCounters& c = loop_.counters();
            loop_.config().log(LogLevel::Info,
                "the engine's connections hold " + std::to_string(total)
                    + " bytes, under three quarters of its "
                      "memory budget (memoryBudget="
                    + std::to_string(budget_->budget()) + ") again; loop " + std::to_string(loop_.index()) + " paused "
                    + std::to_string(c.budgetPauses.load(std::memory_order_relaxed)) + " and closed "
                    + std::to_string(c.budgetCloses.load(std::memory_order_relaxed)) + " connections so far");
        }
    }
    loop_.pool().setCheckAt(loop_.pool().heldBytes() + budget_->step());
    publish();
    if (!paused_.empty() || budget_->over())
        armTimer();
}

// Pausing cannot stop a connection whose handler (or another thread) keeps writing to a peer that
// does not read: only closing it gives its memory back.
void LoopMemoryBudget::closeGrowing()
{
    candidates_.clear();
    for (const auto& [conn, outboundAtPause] : paused_)
        if (conn->outboundHeld() > outboundAtPause + budget_->growthAllowance())
            candidates_.emplace_back(conn->outboundHeld(), conn);
    for (const auto& [held, conn] : candidates_) {
        LoopCounters::add(loop_.mutableCounters().budgetCloses, 1);
        loop_.closeConnection(*conn, Errc::MemoryBudgetExceeded, true); // forgets it (releaseSlot)
    }
    candidates_.clear();
}

void LoopMemoryBudget::pauseHeaviest()
{
    candidates_.clear();
    for (Connection* conn : loop_.connections()) {
        if (!conn || conn->isDatagram() || conn->state() != Connection::State::Open || conn->isBudgetPaused())
            continue;
        if (const std::size_t held = conn->heldBytes(); held > 0)
            candidates_.emplace_back(held, conn);
    }
    if (candidates_.empty())
        return;
    const std::size_t heaviest = std::max_element(candidates_.begin(), candidates_.end())->first;
    for (const auto& [held, conn] : candidates_) {
        if (held * 2 < heaviest)
            continue;
        paused_.push_back({conn, conn->outboundHeld()});
        conn->setBudgetPaused(true);
        LoopCounters::add(loop_.mutableCounters().budgetPauses, 1);
    }
    candidates_.clear();
}

// A paused connection waits for its output: its input cannot drain while it is not read (and on a
// completion backend it may even grow by what was on its way when it was paused).
void LoopMemoryBudget::resume(bool all)
{
    std::erase_if(paused_, [all](const PausedConnection& p) {
        Connection* conn = p.conn;
        if (!all && (p.outboundAtPause == 0 || conn->outboundHeld() * 2 > p.outboundAtPause))
            return false;
        conn->setBudgetPaused(false);
        return true;
    });
}

void LoopMemoryBudget::forget(Connection& conn) noexcept
{
    // Its flag no longer matters: the connection is closed.
    std::erase_if(paused_, [&conn](const PausedConnection& p) { return p.conn == &conn; });
    publish();
}

void LoopMemoryBudget::armTimer()
{
    if (timer_ != 0 || loop_.stopping())
        return;
    timer_ = loop_.timers().schedule(loop_.now() + kRecheck, [this] {
        timer_ = 0;
        check();
    });
}

void LoopMemoryBudget::publish() noexcept
{
    loop_.mutableCounters().budgetPaused.store(paused_.size(), std::memory_order_relaxed);
}

} // namespace qgnet::detail
