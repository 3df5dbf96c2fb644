// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <any>
#include <atomic>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "backend/backend.h"
#include "buffer/buffer_pool.h"
#include "buffer/memory_reclaim.h"
#include "buffer/scratch_arena.h"
#include "connection.h"
#include "connector.h"
#include "mailbox.h"
#include "memory_budget.h"
#include "qgnet/address.h"
#include "qgnet/event_handler.h"
#include "qgnet/stats.h"
#include "stats/bounded_log.h"
#include "stats/error_table.h"
#include "stats/event_record.h"
#include "stats/loop_counters.h"
#include "stats/stall_watch.h"
#include "stats/timeline_log.h"
#include "timer_queue.h"

namespace qgnet {
class Conn;
}

namespace qgnet::detail {

class Connection;
class EngineCore;
class Listener;
class TlsLoopBuffers;
struct EngineConfig;

/// EventLoop is one reactor: a thread (started by the engine) running its backend's poll, its
/// connections, listeners, mailbox (cross-thread tasks) and timers, and the per-loop read buffer,
/// buffer pool and scratch arena that its connections share. Index -1 is the acceptor of the
/// main-reactor topology.
///
/// Threads: post(), mailbox(), requestStop() and connectionCount() are thread-safe; everything else
/// runs on the loop's own thread.
class EventLoop {
public:
    EventLoop(EngineCore& engine, int index, const EngineConfig& config);
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    int index() const noexcept { return index_; }
    EngineCore& engine() const noexcept { return *engine_; }
    const EngineConfig& config() const noexcept { return *config_; }
    EventHandler& handler() const noexcept;
    IoBackend& backend() noexcept { return *backend_; }
    BufferPool& pool() noexcept { return pool_; }
    /// connections is the loop's connection table (null where a slot is free); loop thread.
    const std::vector<Connection*>& connections() const noexcept { return slots_; }
    /// takeBuffers gives a connection that has bytes to hold its ConnBuffers (empty), reusing one a
    /// connection gave back; returnBuffers takes them back once empty. The spares are trimmed after a
    /// burst (MemoryReclaim), so steady load reuses them and an idle loop does not keep them.
    ConnBuffers* takeBuffers();
    void returnBuffers(ConnBuffers* buffers) noexcept;
    TimerQueue& timers() noexcept { return timers_; }
    /// now is the time taken when the current iteration's wait ended: one clock read per iteration,
    /// not per message, and precise enough for timeouts (rounded up to milliseconds anyway).
    Clock::time_point now() const noexcept { return now_; }

    // ---- thread-safe ----
    /// post queues fn for the loop thread: fn(true) runs it there, fn(false) cancels it if the loop
    /// stops first (see Mailbox).
    Mailbox::Push post(std::function<void(bool run)> fn) { return mailbox_->post(std::move(fn)); }
    const std::shared_ptr<Mailbox>& mailbox() const noexcept { return mailbox_; }
    /// requestStop asks the loop to close its listeners, drain its connections for up to drain, close
    /// the rest and exit run().
    void requestStop(std::chrono::milliseconds drain);
    /// connectionCount is the number of connections assigned to this loop and not yet closed.
    std::atomic<int>& connectionCount() noexcept { return connectionCount_; }
    bool isLoopThread() const noexcept
    {
        return std::this_thread::get_id() == threadId_.load(std::memory_order_relaxed);
    }
    /// assertInLoopThread opens the loop-only methods (muduo's habit): a debug build aborts when one
    /// is called from another thread once the loop runs. Release builds compile it away.
    void assertInLoopThread() const noexcept
    {
        assert((threadId_.load(std::memory_order_relaxed) == std::thread::id() || isLoopThread())
            && "a loop-only EventLoop method was called from another thread");
    }

    // ---- set-up, before run() ----
    void addListener(std::unique_ptr<Listener> listener);
    /// holdListeners holds (true) or releases (false) every listener of this loop (Listener::hold).
    void holdListeners(bool on) noexcept;
    /// addDatagramSocket gives the loop a bound UDP socket to serve (one per UDP address and loop).
    void addDatagramSocket(int fd, Network network, const SocketAddress& local);
    /// closeUnstarted closes the listeners and UDP sockets of a loop that will never run (onBoot
    /// returned Shutdown), on the starting thread.
    void closeUnstarted();
    /// truncatedDatagrams counts datagrams dropped because they did not fit readBufferCap (MSG_TRUNC).
    std::uint64_t truncatedDatagrams() const noexcept { return truncated_.load(std::memory_order_relaxed); }
    /// counters are the loop's statistics counters (written by the loop, readable anywhere).
    const LoopCounters& counters() const noexcept { return counters_; }
    /// loopStats reads the counters into a LoopStats; thread-safe (connections and pending tasks are
    /// the live values, the rest as of the loop's last update).
    LoopStats loopStats() const;

    // ---- statistics, loop thread ----
    /// counters for the loop's own updates (Connection counts the bytes it sends).
    LoopCounters& mutableCounters() noexcept { return counters_; }
    /// recordEvent appends to the loop's bounded event log (see qgnet/stats.h).
    void recordEvent(EngineEvent::Kind kind, std::uint64_t connectionId, const SocketAddress& peer,
        std::error_code reason, std::string_view detail = {});
    /// collectStats adds this loop's connections, and its events numbered after request.eventsAfter
    /// and up to eventsUpTo, to out.
    void collectStats(const SnapshotRequest& request, std::uint64_t eventsUpTo, EngineSnapshot& out,
        std::uint64_t& eventsDropped) const;
    /// countError counts one error by kind and code in the loop's ErrorTable (see qgnet/stats.h).
    void countError(ErrorKind kind, int code) noexcept { errors_.add(kind, code); }
    /// countCloseError counts why conn closes when that is an error worth a view: a socket errno or
    /// a TLS failure (with OpenSSL's code where the session has one). Clean closes, timeouts and the
    /// handler's own closes are not errors and are not counted.
    void countCloseError(const Connection& conn, std::error_code reason) noexcept;
    /// errorTable is the loop's ErrorTable (any thread reads it, relaxed).
    const ErrorTable& errorTable() const noexcept { return errors_; }
    /// collectListeners adds a ListenerStats for each listener this loop owns, with the kernel's
    /// accept-queue figures read now. Loop thread (inside a snapshot task).
    void collectListeners(std::vector<ListenerStats>& out) const;

    // ---- timelines of watched connections (stats/watched_connections.cpp; loop thread) ----
    /// watch starts the timeline of connection id if this loop holds it and the engine still has it
    /// registered (EngineCore::watchConnection); what happened before is summed up from the
    /// connection's state (opened, TLS, a pause, the high-water mark).
    void watch(std::uint64_t id);
    /// unwatch drops the timeline of id, if this loop keeps one.
    void unwatch(std::uint64_t id);
    /// timelineEntry, timelineTraffic and timelineClosed record into a watched connection's timeline
    /// (the connection checks its flag first; never throws: a failed allocation loses the entry).
    void timelineEntry(Connection& conn, TimelineEntry::Kind kind, TimelineEntry::Cause cause,
        std::string_view detail) noexcept;
    void timelineTraffic(Connection& conn, std::size_t bytesIn, std::size_t bytesOut) noexcept;
    void timelineClosed(Connection& conn, std::error_code reason) noexcept;
    /// collectTimelines adds the timelines request.timelines names that this loop keeps to out, and
    /// drops those the engine no longer has registered (an unwatch that met a full queue).
    void collectTimelines(const SnapshotRequest& request, EngineSnapshot& out);
    /// stallWatch times the callbacks of the current iteration (StallWatch::Scope around each).
    StallWatch& stallWatch() noexcept { return stallWatch_; }
    /// collectStalls adds this loop's stall-log entries numbered after request.stallsAfter and up to
    /// upTo to out.stalls, and what the log lost to out.stallsDropped (stall_log.cpp).
    void collectStalls(const SnapshotRequest& request, std::uint64_t upTo, EngineSnapshot& out) const;

    // ---- loop thread ----
    /// run is the thread body: it returns after a stop request has closed everything.
    void run();
    /// adopt registers an accepted socket (already counted in connectionCount) and calls onOpen.
    void adopt(int fd, Network network, const SocketAddress& peer);

    using DialRequest = Connector::DialRequest;
    /// dial and enroll are the loop's client side: see Connector.
    void dial(DialRequest request) { connector_.dial(std::move(request)); }
    void enroll(int fd, std::function<void(Conn*, std::error_code)> callback, std::any context)
    {
        connector_.enroll(fd, std::move(callback), std::move(context));
    }
    /// scratch returns n bytes that stay valid until the current callback returns.
    std::byte* scratch(std::size_t n)
    {
        assertInLoopThread();
        return scratch_.take(n);
    }
    /// closeConnection closes conn for reason. A graceful reason (ClosedByHandler, EngineShutdown)
    /// with output pending first stops reading and flushes until flushDeadline (default: now plus
    /// Options::closeFlushTimeout); otherwise, or with force, it runs the close sequence at once:
    /// last non-blocking flush, deregister, onClose, close callbacks, close(fd), free at iteration end.
    void closeConnection(Connection& conn, std::error_code reason, bool force = false,
        Clock::time_point flushDeadline = {});
    /// closeFromHandle is ConnHandle::closeWithCallback on the loop.
    void closeFromHandle(std::uint32_t slot, std::uint64_t id, std::function<void(Conn*, std::error_code)> callback);
    /// queueReadAgain puts an edge-triggered connection on the read-again list (budget ran out, or
    /// reading resumed).
    void queueReadAgain(Connection& conn);
    /// refreshTimeouts re-arms conn's timeout timer if its next deadline moved earlier.
    void refreshTimeouts(Connection& conn);
    /// runForConnection runs a ConnHandle operation if the connection (slot, id) is still there.
    void runForConnection(std::uint32_t slot, std::uint64_t id, const std::function<std::error_code(Conn&)>& op,
        const std::function<void(Conn*, std::error_code)>& callback);
    /// wake is ConnHandle::wake on the loop: one onTraffic over what the reader holds, read nothing.
    void wake(Connection& conn);

    // ---- backend entry points (see backend.h) ----
    /// pollReturned refreshes now() the moment the wait ends, before any event is dispatched.
    void pollReturned() noexcept { now_ = Clock::now(); }
    void handleAcceptReady(Listener& listener);
    void handleReceived(Connection& conn, Bytes data);
    void handlePeerClosed(Connection& conn);
    /// handlePeerGoneWhilePaused: the poller reported a hang-up (error: or an error) on a connection
    /// whose reading is paused. Returns false if the connection stays open, waiting for resumeRead
    /// to read what the peer sent before it left; the backend must then stop reporting the hang-up.
    bool handlePeerGoneWhilePaused(Connection& conn, bool error);
    void handleError(Connection& conn, std::error_code error);
    void handleWritable(Connection& conn);
    void handleSent(Connection& conn, std::size_t bytes);
    void handleDatagram(Connection& conn, Bytes data, const SocketAddress& from, bool truncated);
    /// handleConnectReady: a connecting attempt became writable (see Connector::connectReady).
    void handleConnectReady(Connection& conn) { connector_.connectReady(conn); }
    void handleWakeup();

    // ---- the steps of a connection, for the Connector and the TLS step (loop thread) ----
    bool stopping() const noexcept { return stopping_; }
    /// tlsEnabled: the engine runs TLS (Options::tls) and this loop serves connections.
    bool tlsEnabled() const noexcept { return tlsBuffers_ != nullptr; }
    /// NewConnection is what createConnection needs to know of a connected socket.
    struct NewConnection {
        int fd = -1;
        Network network = Network::Tcp;
        SocketAddress local; ///< empty for a client's: known once connected
        SocketAddress peer;
        bool client = false;          ///< dialled or enrolled rather than accepted
        std::string_view tlsPeerName; ///< a client's SNI and certificate name, unless the context names one
    };
    /// createConnection makes the Connection for a connected socket (stream, or a client's UDP),
    /// with its TLS session when the engine has TLS, and gives it a slot in the table. If TLS cannot
    /// start it closes the socket, puts the reason in tlsError and returns nullptr (the caller
    /// uncounts it and reports Errc::TlsError).
    Connection* createConnection(const NewConnection& spec, std::string& tlsError);
    /// releaseSlot ends a connection that has left the backend: close(fd), no timer, off the
    /// read-again list, buffers dropped, slot free; the object is freed at the end of the iteration.
    void releaseSlot(Connection& conn);
    /// retire is releaseSlot for a connection that leaves connectionCount too.
    void retire(Connection& conn);
    /// openConnection starts a registered connection: with TLS its handshake first, otherwise
    /// onOpen now; callback (a dialer's) runs after onOpen, or hears why the handshake failed.
    void openConnection(Connection& conn, AsyncCallback callback = {});
    /// notifyOpened is onOpen, then callback: the handler meets the connection.
    void notifyOpened(Connection& conn, AsyncCallback callback);
    /// deliverTraffic is onTraffic for what the reader shows now; then the connection settles.
    void deliverTraffic(Connection& conn);
    /// settle acts on what a call into the connection left behind (a close, a writability notice).
    /// The fast path is inline: after a plain echo there is nothing to act on.
    void settle(Connection& conn)
    {
        if (conn.closeRequested() || conn.writabilityNoticeDue())
            settleSlow(conn);
    }
    /// finishIfDrained ends run() once a stopping loop has no connection left.
    void finishIfDrained();

private:
    /// invokeHandler calls into the handler once, the same way at every site: an exception is logged
    /// ("<what> threw: <why><consequence>") and turns into fallback, so that a handler that throws
    /// costs its connection at most, never the loop.
    template <typename R, typename F>
    R invokeHandler(std::string_view what, std::string_view consequence, R fallback, F&& call)
    {
        try {
            return std::forward<F>(call)();
        } catch (...) {
            logHandlerException(what, consequence);
            return fallback;
        }
    }
    void logHandlerException(std::string_view what, std::string_view consequence);
    void afterCallback(Connection& conn, Action action);
    void settleSlow(Connection& conn);
    void finishDrainIfFlushed(Connection& conn);
    void onTimeoutTimer(Connection& conn);
    void beginStop(std::chrono::milliseconds drain);
    void closeDatagramSocket(Connection& conn);
    void placeInTable(Connection& conn);
    void freeSlot(Connection& conn);
    void serviceReadAgain();
    void startTicker();
    void tick();
    void freeClosed();
    void noteClosedForReclaim();
    void trimSpareBuffers(std::size_t keep) noexcept;
    void shrinkSlotTable();
    void scheduleReclaim(Clock::duration delay);
    std::chrono::milliseconds pollTimeout();

    EngineCore* engine_;
    const EngineConfig* config_;
    int index_;
    std::atomic<std::thread::id> threadId_{};
    std::atomic<int> connectionCount_{0};
    bool stopping_ = false;
    bool exit_ = false;
    Clock::time_point now_;

    BufferPool pool_;
    std::vector<ConnBuffers*> spareBuffers_; // see takeBuffers
    MemoryReclaim reclaim_;
    LoopMemoryBudget memoryBudget_{*this};
    ScratchArena scratch_;
    // TLS (Options::tls): record staging and decrypted-bytes buffer shared by the loop's connections.
    std::unique_ptr<TlsLoopBuffers> tlsBuffers_;
    Connector connector_{*this};

    std::shared_ptr<Mailbox> mailbox_;
    std::unique_ptr<IoBackend> backend_;
    TimerQueue timers_;
    std::vector<std::unique_ptr<Listener>> listeners_;
    std::vector<std::unique_ptr<Listener>> closedListeners_; // closed in this iteration, freed at its end
    // Connection table: a slot per live connection, reused through freeSlots_; ConnHandles key on
    // (slot, connection id) so a reused slot never matches an old handle.
    std::vector<Connection*> slots_;
    std::vector<std::uint32_t> freeSlots_;
    std::size_t open_ = 0; // stream connections (and connected datagram ones); server UDP sockets are not counted
    std::vector<Connection*> datagramSockets_;
    std::atomic<std::uint64_t> truncated_{0};
    std::vector<Connection*> closed_;
    std::vector<Connection*> readAgain_;
    std::vector<Connection*> readAgainNow_;

    // Statistics: counters (relaxed atomics, loop-written) and the event log (loop-only).
    LoopCounters counters_;
    ErrorTable errors_;
    BoundedLog<EventRecord> events_;
    // Timelines of the watched connections this loop holds or held (at most kMaxWatchedConnections
    // per engine, so a linear search by id is the fastest lookup), kept after a close until unwatched.
    std::vector<std::unique_ptr<TimelineLog>> timelines_;
    TimelineLog* timelineOf(std::uint64_t id) noexcept;
    Connection* findConnection(std::uint64_t id) const noexcept;
    // The stall detector: callback timing and the bounded log of stalled iterations (stall_log.cpp).
    void recordStall(std::chrono::nanoseconds busy);
    StallWatch stallWatch_;
    BoundedLog<LoopStall> stalls_;
};

} // namespace qgnet::detail
