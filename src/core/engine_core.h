// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine_config.h"
#include "listener_probe.h"
#include "load_balancer.h"
#include "memory_budget.h"
#include "qgnet/engine.h"
#include "stats/decision_log.h"
#include "timer_queue.h"
#include "worker_pool.h"

namespace qgnet::detail {

class EventLoop;
class Listener;

/// EngineCore is what an Engine handle owns: the configuration, the loops (and the acceptor loop of
/// the main-reactor topology), their threads, the balancer, and the stop/shutdown bookkeeping.
class EngineCore {
public:
    /// create validates, parses and binds everything, and creates the loops; it starts no thread.
    static std::unique_ptr<EngineCore> create(EventHandler& handler, std::span<const std::string> addresses,
        const Options& options);
    /// createClient makes the core of a Client: loops and a resolver thread, no listener.
    static std::unique_ptr<EngineCore> createClient(EventHandler& handler, const Options& options);

    /// dial resolves url on the resolver thread and hands the connect to a loop (Client::dial).
    std::error_code dial(std::string_view url, std::chrono::milliseconds timeout,
        std::function<void(Conn*, std::error_code)> callback, std::any context);
    /// enroll hands a connected socket to a loop (Client::enroll).
    std::error_code enroll(int fd, std::function<void(Conn*, std::error_code)> callback, std::any context);
    ~EngineCore();
    EngineCore(const EngineCore&) = delete;
    EngineCore& operator=(const EngineCore&) = delete;

    EventHandler& handler() const noexcept { return *handler_; }
    const EngineConfig& config() const noexcept { return config_; }
    /// view is the non-owning Engine handed to onBoot/onShutdown.
    Engine& view() noexcept { return view_; }

    /// start calls onBoot and starts the threads (none when onBoot returned Shutdown).
    void start();
    /// requestStop asks every loop to stop, giving connections up to drain to flush; thread-safe and
    /// idempotent (the first request's drain time counts).
    void requestStop(std::chrono::milliseconds drain = std::chrono::milliseconds(0));
    /// join waits for the threads; not from a loop thread.
    void join();
    /// wait waits until every loop has exited (and onShutdown ran), then joins.
    void wait();
    bool isLoopThread() const noexcept;
    bool stopRequested() const noexcept { return stopRequested_.load(std::memory_order_acquire); }

    /// dispatchAccepted hands an accepted socket to a loop: the accepting loop itself in reuseport mode,
    /// else the one the balancer picks. Called on the accepting loop's thread. Returns false when it
    /// closed the socket instead because the engine holds Options::maxConnections: the listener then
    /// backs off.
    bool dispatchAccepted(EventLoop& acceptingLoop, Listener& listener, int fd, const SocketAddress& peer);
    /// refusedConnections: closed at accept over Options::maxConnections. Thread-safe.
    std::uint64_t refusedConnections() const noexcept { return refused_.load(std::memory_order_relaxed); }
    /// closeListenerFd closes a listener's socket under the lock that dup() and snapshots take (the
    /// probe, if any, forgets the descriptor under the same lock).
    void closeListenerFd(int fd, ListenerProbe* probe = nullptr) noexcept;
    /// memoryBudget is Options::memoryBudget and the sum of what the loops hold (thread-safe reads).
    MemoryBudget& memoryBudget() noexcept { return memoryBudget_; }
    /// loopExited is called by each loop thread as it finishes; the last one calls onShutdown.
    void loopExited();

    // Engine handle queries.
    int countConnections() const noexcept;
    std::vector<int> connectionsPerLoop() const;
    int loopCount() const noexcept { return static_cast<int>(loops_.size()); }
    const std::vector<SocketAddress>& listenAddresses() const noexcept { return bound_; }
    std::vector<std::string> listenUrls() const;
    std::uint64_t truncatedDatagrams() const noexcept;
    int dupListener(std::error_code& ec);
    std::error_code execute(int loop, std::function<void()> task);
    TimerQueue::Id schedule(int loop, std::chrono::nanoseconds delay, std::function<void()> task, std::error_code& ec);
    std::error_code cancel(int loop, TimerQueue::Id id);
    std::error_code submit(std::function<void()> task);
    Backend backend() const noexcept;

    // Changes while running (engine_controls.cpp): thread-safe, validated, logged once each.
    std::error_code setAccepting(bool on);
    bool acceptingPaused() const noexcept { return acceptPaused_.load(std::memory_order_relaxed); }
    std::error_code setLoadBalancing(LoadBalancing policy);
    LoadBalancing loadBalancing() const noexcept { return balancer_.policy(); }
    std::error_code setWaterMarks(std::size_t high, std::size_t low);
    /// outputHighWater / outputLowWater are the marks in force (Options', or the last setWaterMarks);
    /// every connection reads them at each write and flush, so a change reaches existing ones too.
    std::size_t outputHighWater() const noexcept { return highWater_.load(std::memory_order_relaxed); }
    std::size_t outputLowWater() const noexcept { return lowWater_.load(std::memory_order_relaxed); }

    // Statistics (engine_stats.cpp).
    /// snapshotAsync asks every loop (and the acceptor) for its part; done runs on the last to answer.
    std::error_code snapshotAsync(const SnapshotRequest& request, std::function<void(EngineSnapshot)> done);
    /// nextEventSequence numbers event-log entries across the engine's loops; thread-safe.
    /// (seq_cst: see SnapshotJob::eventsUpTo in engine_stats.cpp.)
    std::uint64_t nextEventSequence() noexcept { return eventSequence_.fetch_add(1) + 1; }
    /// watchConnection / unwatchConnection are Engine's (stats/watched_connections.cpp): a count of
    /// watchers per id, and a task to every loop when an id starts or stops being watched.
    std::error_code watchConnection(std::uint64_t id);
    std::error_code unwatchConnection(std::uint64_t id);
    /// isWatched: id is registered now; thread-safe (the loops check it before keeping a timeline).
    bool isWatched(std::uint64_t id) const;
    /// nextStallSequence numbers stall-log entries across the loops, as nextEventSequence does events.
    std::uint64_t nextStallSequence() noexcept { return stallSequence_.fetch_add(1) + 1; }

private:
    EngineCore(EventHandler& handler, EngineConfig config);
    void createLoops();
    void createWorkers();
    void bind(std::span<const std::string> addresses);
    void recordDecision(LoadBalancing policy, const SocketAddress& peer, std::size_t chosen);
    void collectDecisions(const SnapshotRequest& request, EngineSnapshot& out) const;
    /// collectListeners reads every listener's probe and the kernel's accept queue. Any thread.
    std::vector<ListenerStats> collectListeners();
    /// probeFor makes the probe of a new listener (bind only, before the loops run).
    ListenerProbe* probeFor(const ListenAddress& address, const SocketAddress& bound, int fd, int loop);

    EventHandler* handler_;
    EngineConfig config_;
    Engine view_;
    MemoryBudget memoryBudget_; // before the loops: their pools are registered in it
    std::vector<std::unique_ptr<EventLoop>> loops_;
    std::unique_ptr<EventLoop> acceptor_;
    std::vector<const std::atomic<int>*> counts_;
    LoadBalancer balancer_;
    std::vector<ListenAddress> addresses_;
    std::vector<SocketAddress> bound_;
    std::vector<int> primaryFds_;
    // What snapshots read of each listener, in address order (fixed once bind() is done; freed
    // after the loops, which write them).
    std::vector<std::unique_ptr<ListenerProbe>> listenerProbes_;

    std::unique_ptr<WorkerPool> workers_;
    std::unique_ptr<WorkerPool> resolver_; // clients only: name resolution off the loops
    std::vector<std::thread> threads_;
    std::atomic<bool> stopRequested_{false};
    std::atomic<bool> acceptPaused_{false};
    std::atomic<std::size_t> highWater_{0};
    std::atomic<std::size_t> lowWater_{0};
    std::mutex controlMutex_; // one change at a time (setAccepting, setWaterMarks)
    std::atomic<int> running_{0};
    std::mutex mutex_; // guards finished_, listener fd closing vs dup(), and joining
    std::condition_variable finishedCv_;
    bool finished_ = false;
    std::mutex joinMutex_;

    // Statistics: the balancing decision log belongs to the acceptor thread (written in
    // dispatchAccepted, read by a snapshot task on that thread).
    std::atomic<std::uint64_t> eventSequence_{0};
    std::atomic<std::uint64_t> stallSequence_{0};
    // Options::maxConnections: refusals so far, and whether the engine is in a refusing episode now
    // (one log line at its start and one at its end, whichever accepting thread sees them).
    std::atomic<std::uint64_t> refused_{0};
    std::atomic<bool> atLimit_{false};
    bool refuseOverLimit(EventLoop& acceptingLoop, Listener& listener, int fd, const SocketAddress& peer);
    std::unique_ptr<DecisionLog> decisions_; // with the acceptor: only it balances
    std::chrono::system_clock::time_point started_;
    // Watched connections: id and number of watchers, at most kMaxWatchedConnections ids. Touched
    // only by watch/unwatch calls and the loops' watch tasks and snapshots, never per message.
    mutable std::mutex watchMutex_;
    std::vector<std::pair<std::uint64_t, int>> watched_;
};

} // namespace qgnet::detail
