// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "qgnet/address.h"
#include "qgnet/event_handler.h"
#include "qgnet/options.h"
#include "qgnet/stats.h"

namespace qgnet {

class Client;

namespace detail {
class EngineCore;
}

/// Engine is a running server: its listeners, event loops and connections. Engine::start returns
/// one; run() starts one and blocks until it stops. The handle is move-only; destroying a running
/// engine stops it (graceful, no drain time) and joins its threads.
///
/// Topologies: without Options::reusePort, an acceptor thread owns every listener and hands accepted
/// sockets to the loops by the balancing policy (gnet's main reactor). With reusePort, each loop has
/// its own SO_REUSEPORT listener per address and the kernel spreads connections.
class QGNET_EXPORT Engine {
public:
    /// start validates options, binds every address, calls onBoot and starts the loops; it returns
    /// once the engine accepts connections. Throws qgnet::Error for a bad address or option and for
    /// a socket that cannot be bound, before any thread has started.
    static Engine start(EventHandler& handler, std::span<const std::string> addresses, const Options& options = {});
    static Engine start(EventHandler& handler, std::string_view address, const Options& options = {});

    /// An empty handle: validate() reports Errc::EngineStopped.
    Engine() noexcept;
    Engine(Engine&&) noexcept;
    Engine& operator=(Engine&&) noexcept;
    ~Engine();

    /// countConnections is the number of open connections over all loops (-1 for an empty handle).
    int countConnections() const noexcept;

    /// connectionsPerLoop is each loop's number of open connections, by loop index.
    std::vector<int> connectionsPerLoop() const;

    /// loopCount is the number of event loops.
    int loopCount() const noexcept;

    /// listenAddresses are the bound addresses, in the order given to start (one per address, even
    /// with reusePort); a requested port 0 shows the port the kernel chose.
    std::vector<SocketAddress> listenAddresses() const;

    /// listenUrls are the bound addresses as URLs ("tcp://127.0.0.1:40123").
    std::vector<std::string> listenUrls() const;

    /// truncatedDatagrams counts UDP datagrams dropped because they were larger than
    /// Options::readBufferCap (the kernel reported MSG_TRUNC); they never reach onTraffic cut short.
    std::uint64_t truncatedDatagrams() const noexcept;

    /// refusedConnections counts connections closed at accept because the engine held
    /// Options::maxConnections already.
    std::uint64_t refusedConnections() const noexcept;

    /// backend is the I/O backend the loops run on: Options::backend, or Backend::Epoll after a
    /// fallback because io_uring was unavailable.
    Backend backend() const noexcept;

    /// snapshot collects the engine's live statistics (see qgnet/stats.h). It asks every loop, through
    /// its task queue, for its part and waits for the answers; a loop answers between two events, so
    /// the wait is about one loop iteration. Thread-safe, but not from one of this engine's own loop
    /// threads (it would wait for itself): there it throws qgnet::Error(Errc::UnsupportedOperation);
    /// use snapshotAsync. An empty or stopped engine gives Errc::EngineStopped.
    EngineSnapshot snapshot(const SnapshotRequest& request = {}) const;

    /// snapshotAsync is snapshot without waiting: done runs once, with the snapshot, on the thread of
    /// the loop that answers last (keep it short; post the result to your own thread). Errors
    /// (Errc::EngineStopped, Errc::QueueFull) come back at the call and done does not run.
    std::error_code snapshotAsync(const SnapshotRequest& request, std::function<void(EngineSnapshot)> done) const;

    /// watchConnection starts recording the timeline of connection id (ConnectionStats::id): its
    /// traffic per 100 ms, water marks, pauses, timeouts and close (qgnet/timeline.h), which
    /// snapshots then carry when SnapshotRequest::timelines names id. Only watched connections record
    /// anything. Watches are counted: each watchConnection needs its unwatchConnection, and the
    /// timeline goes when the last watcher leaves. Thread-safe; the watch travels through the loops'
    /// task queues, so it takes effect about one loop iteration later. Errors: Errc::WatchLimit when
    /// kMaxWatchedConnections other connections are watched, Errc::QueueFull (nothing is watched
    /// then), Errc::EngineStopped. An id that names no open connection records nothing.
    std::error_code watchConnection(std::uint64_t id) const;
    /// unwatchConnection undoes one watchConnection of id; thread-safe. Unwatching an id that is not
    /// watched does nothing.
    std::error_code unwatchConnection(std::uint64_t id) const;

    /// dup returns a duplicate of the listener's descriptor, which the caller must close. It fails
    /// with Errc::UnsupportedOperation when the engine listens on several addresses; with reusePort
    /// and one address it duplicates the first loop's listener.
    int dup(std::error_code& ec) const noexcept;
    int dup() const;

    /// pauseAccepting stops taking new connections on every listener (TCP and Unix, both topologies):
    /// connections that arrive meanwhile wait in the kernel's backlog (up to Options::listenBacklog,
    /// then the kernel refuses or drops SYNs), established ones are untouched. resumeAccepting takes
    /// the waiting ones and carries on. Thread-safe; from another thread each returns once every
    /// listener has stopped (or restarted); from a loop thread of this engine the change is queued and
    /// the call returns at once. Idempotent; each real change is logged once (Info). Errors:
    /// Errc::EngineStopped, Errc::QueueFull (a loop's task queue is full: try again).
    std::error_code pauseAccepting();
    std::error_code resumeAccepting();
    /// isAcceptingPaused is true between pauseAccepting and resumeAccepting.
    bool isAcceptingPaused() const noexcept;

    /// setLoadBalancing changes the balancing policy (Options::lb) of a running engine; the next
    /// connection the acceptor hands on is placed by it, and the decision log names it. Thread-safe;
    /// logged once (Info). Errors: Errc::InvalidOption for a value that is no LoadBalancing,
    /// Errc::EngineStopped.
    std::error_code setLoadBalancing(LoadBalancing policy);
    /// loadBalancing is the policy in force (Options::lb until setLoadBalancing changed it).
    LoadBalancing loadBalancing() const noexcept;

    /// setWaterMarks changes Options::outputHighWater and outputLowWater of a running engine, for the
    /// connections it has and those it will have: each connection applies them at its next write or
    /// flush (ConnectionStats::highWater shows the new mark at once). Thread-safe; logged once (Info).
    /// Errors: Errc::InvalidOption unless 0 < high, low <= high and high <= Options::maxOutputBuffered;
    /// Errc::EngineStopped.
    std::error_code setWaterMarks(std::size_t high, std::size_t low);

    /// validate reports Errc::EngineStopped for an empty handle or an engine that is stopping or stopped.
    std::error_code validate() const noexcept;

    /// stop stops the engine gracefully: listeners close at once; every connection stops reading and
    /// gets until drainTimeout to flush its pending output, then closes with Errc::EngineShutdown (at
    /// the deadline, whatever is left is flushed as far as the socket takes it without blocking);
    /// onShutdown runs; the loop and worker threads are joined. No callback runs after stop returns.
    /// Safe from any thread. Called from one of the engine's own loop threads it only requests the stop
    /// (a thread cannot join itself); the destructor or wait() then joins.
    void stop(std::chrono::milliseconds drainTimeout = std::chrono::milliseconds(0));

    /// execute runs task on loop `loop` (0..loopCount()-1) as soon as it gets to it; thread-safe.
    /// Errors: Errc::QueueFull, Errc::EngineStopped (the task is then not run), std::errc::invalid_argument
    /// for a bad loop index.
    std::error_code execute(int loop, std::function<void()> task) const;

    /// TimerId names a task scheduled with schedule(): unique in the process; 0 is never a valid id.
    using TimerId = std::uint64_t;

    /// schedule runs task on loop `loop` after delay; thread-safe. Returns the id to cancel it with,
    /// or 0 with ec set (as execute).
    TimerId schedule(int loop, std::chrono::nanoseconds delay, std::function<void()> task, std::error_code& ec) const;
    /// cancel cancels a scheduled task that has not run yet; thread-safe (the cancellation itself
    /// travels to the loop, so a task due at this very moment may still run).
    std::error_code cancel(int loop, TimerId id) const;

    /// submit runs task on the engine's worker pool (Options::workerThreads), for blocking work that
    /// must not run on a loop. Errors: Errc::QueueFull, Errc::EngineStopped, and
    /// Errc::UnsupportedOperation when the engine has no pool.
    std::error_code submit(std::function<void()> task) const;

    /// wait blocks until the engine has stopped (by stop(), an Action::Shutdown, or a tick) and its
    /// threads are joined. Not from a loop thread.
    void wait();

private:
    // An owning handle (from start) deletes the core; the non-owning view that callbacks receive
    // (onBoot/onShutdown) does not.
    Engine(detail::EngineCore* core, bool owner) noexcept : core_(core), owner_(owner) {}
    void release() noexcept;
    detail::EngineCore* core_ = nullptr;
    bool owner_ = false;
    friend class detail::EngineCore;
    friend class Client;
};

/// run starts an engine on address and blocks until it stops (gnet's Run). Throws as Engine::start.
QGNET_EXPORT void run(EventHandler& handler, std::string_view address, const Options& options = {});

/// run with several addresses (gnet's Rotate): tcp, udp and unix listeners in one engine.
QGNET_EXPORT void run(EventHandler& handler, std::span<const std::string> addresses, const Options& options = {});

} // namespace qgnet
