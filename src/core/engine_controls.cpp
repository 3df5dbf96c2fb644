// SPDX-License-Identifier: Apache-2.0
// What an engine lets a running program change (Engine::pauseAccepting/resumeAccepting,
// setLoadBalancing, setWaterMarks): each is validated, thread-safe, and logged once.

#include <condition_variable>
#include <mutex>
#include <string>

#include "engine_core.h"
#include "event_loop.h"
#include "qgnet/error.h"

namespace qgnet::detail {

namespace {

// Done counts the loops that ran a posted task, so that the caller can wait for all of them.
struct Done {
    std::mutex mutex;
    std::condition_variable cv;
    int left = 0;
    void one()
    {
        std::lock_guard lock(mutex);
        if (--left == 0)
            cv.notify_all();
    }
};

} // namespace

std::error_code EngineCore::setAccepting(bool on)
{
    if (stopRequested())
        return Errc::EngineStopped;
    std::lock_guard control(controlMutex_);
    if (acceptPaused_.exchange(!on) == !on)
        return {};                  // already so: nothing to do, nothing to log
    std::vector<EventLoop*> owners; // every loop that may own listeners: the acceptor and, with reuseport, each loop
    if (acceptor_)
        owners.push_back(acceptor_.get());
    for (auto& loop : loops_)
        owners.push_back(loop.get());
    // Twice round every owner: the first pass holds or releases its listeners, the second returns only
    // after each owner has been back to its poller once, so that a completion backend has submitted the
    // cancel of its pending accept before the caller is told accepting stopped.
    const bool wait = !isLoopThread(); // a loop thread cannot wait for itself (nor for the others)
    for (int pass = 0; pass < (wait ? 2 : 1); ++pass) {
        auto done = std::make_shared<Done>();
        done->left = static_cast<int>(owners.size());
        for (EventLoop* loop : owners) {
            const auto pushed = loop->post([loop, on, pass, done](bool run) {
                if (run && pass == 0)
                    loop->holdListeners(!on);
                done->one();
            });
            if (pushed != Mailbox::Push::Queued) {
                done->one();
                if (pushed == Mailbox::Push::Full) {
                    // Not every loop got it: the flag says what was in force before (so asking again
                    // is not "already so"), and the loops that got it keep it until the retry.
                    acceptPaused_.store(on);
                    return Errc::QueueFull;
                }
            }
        }
        if (wait) {
            std::unique_lock lock(done->mutex);
            done->cv.wait(lock, [&done] { return done->left == 0; });
        }
    }
    config_.log(LogLevel::Info,
        on ? "accepting resumed (Engine::resumeAccepting)" : "accepting paused (Engine::pauseAccepting)");
    return {};
}

std::error_code EngineCore::setLoadBalancing(LoadBalancing policy)
{
    switch (policy) {
    case LoadBalancing::RoundRobin:
    case LoadBalancing::LeastConnections:
    case LoadBalancing::SourceAddrHash: break;
    default: return Errc::InvalidOption;
    }
    if (stopRequested())
        return Errc::EngineStopped;
    const LoadBalancing before = balancer_.policy();
    if (before == policy)
        return {};
    balancer_.setPolicy(policy);
    config_.log(LogLevel::Info,
        "load balancing changed from " + std::string(toString(before)) + " to " + std::string(toString(policy))
            + " (Engine::setLoadBalancing)");
    return {};
}

std::error_code EngineCore::setWaterMarks(std::size_t high, std::size_t low)
{
    if (high == 0 || low > high || high > config_.options.maxOutputBuffered)
        return Errc::InvalidOption;
    if (stopRequested())
        return Errc::EngineStopped;
    std::lock_guard control(controlMutex_);
    // Each is read on its own by the loops; a connection that sees the new high mark with the old low
    // one decides one write on a pair that was valid before: harmless either way.
    highWater_.store(high, std::memory_order_relaxed);
    lowWater_.store(low, std::memory_order_relaxed);
    config_.log(LogLevel::Info,
        "output water marks set to high " + std::to_string(high) + ", low " + std::to_string(low)
            + " bytes (Engine::setWaterMarks)");
    return {};
}

} // namespace qgnet::detail
