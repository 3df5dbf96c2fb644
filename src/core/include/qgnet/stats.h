// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

// Live statistics of a running engine, for inspectors, dashboards and tests. Collection is built in
// and always on, at a cost that does not show per message: each loop keeps its counters in plain
// per-loop fields written only by its own thread (published as relaxed atomics), and the bounded
// decision and event logs are written only by the thread that makes the decision or sees the event.
// Nobody takes a lock on a loop's hot path. A snapshot is pulled: Engine::snapshot asks each loop,
// through its task queue, to copy what it owns between two events; nothing is computed while
// nobody looks.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qgnet/address.h"
#include "qgnet/options.h"
#include "qgnet/timeline.h"

namespace qgnet {

/// ErrorKind says what an ErrorCount counts, and so what its code means.
enum class ErrorKind : std::uint8_t {
    Socket,    ///< A socket error closed a connection (or failed a dial): code is the errno (ECONNRESET, EPIPE…).
    Tls,       ///< A TLS failure: code is OpenSSL's packed error (ERR_PACK: the alert received, or why the handshake
               ///< or a record failed); a negative code is -Errc for a failure without one (a handshake timeout, a
               ///< peer that left in the middle of the handshake).
    TlsVerify, ///< The peer's certificate did not verify: code is OpenSSL's X509_V_ERR_* value.
    Accept,    ///< accept(2) failed: code is the errno (EMFILE, ENFILE, ENOBUFS, ENOMEM make the listener back off;
               ///< ECONNABORTED and the other errors of one connection are retried at once).
};

/// toString names an error kind ("socket", "tls", "tls-verify", "accept").
QGNET_EXPORT std::string_view toString(ErrorKind kind) noexcept;

/// ErrorCount is how often one kind of error happened since the engine started. Counted where the
/// engine decides a close reason or meets an accept error, in a small fixed table per loop written
/// only by that loop (see LoopStats::errors); the names are looked up at snapshot time.
struct QGNET_EXPORT ErrorCount {
    ErrorKind kind = ErrorKind::Socket;
    int code = 0;            ///< errno, OpenSSL error or X509_V_ERR value (see ErrorKind).
    std::string name;        ///< Short stable name: "ECONNRESET", "tlsv1 alert unknown ca", "EMFILE".
    std::string description; ///< For people: strerror's text, or OpenSSL's reason ("" when name says it all).
    std::uint64_t count = 0;
};

/// ListenerState is what a listener does with new connections at snapshot time.
enum class ListenerState : std::uint8_t {
    Accepting,  ///< Watched: connections are accepted as they come.
    BackingOff, ///< accept failed for want of a resource (ListenerStats::backoffError): not watched until the back-off
                ///< ends.
    AtLimit,    ///< Options::maxConnections was reached: not watched until the back-off ends.
    Paused,     ///< Engine::pauseAccepting holds it: connections wait in the kernel's backlog.
};

/// toString names a listener state ("accepting", "backing-off", "at-limit", "paused").
QGNET_EXPORT std::string_view toString(ListenerState state) noexcept;

/// ListenerStats describe one listening socket at snapshot time (one per URL; one per URL and loop
/// with Options::reusePort). The kernel's figures are read by the loop that owns the socket while it
/// runs the snapshot task, never on the hot path.
struct QGNET_EXPORT ListenerStats {
    std::string url; ///< The URL it was asked for, with the port the kernel bound.
    Network network = Network::Tcp;
    int loop = -1;          ///< The loop that owns it; -1 is the acceptor thread.
    bool reusePort = false; ///< SO_REUSEPORT: the kernel spreads connections over the loops' sockets.
    /// The accept queue: connections the kernel completed and nobody accepted yet, and its limit
    /// (the listen(2) backlog as the kernel clamped it). TCP: getsockopt(TCP_INFO) (tcpi_unacked,
    /// tcpi_sacked); Unix stream: NETLINK_SOCK_DIAG (UNIX_DIAG_RQLEN). -1 where the kernel does not say.
    int queueDepth = -1;
    int backlog = -1;
    std::uint64_t accepted = 0; ///< Connections taken from this socket.
    std::uint64_t refused = 0;  ///< Of those, closed at once: Options::maxConnections was reached.
    ListenerState state = ListenerState::Accepting;
    int backoffError = 0;                 ///< The errno that started the current back-off (BackingOff), else 0.
    std::chrono::milliseconds backoff{0}; ///< The current back-off step (0 while accepting).
};

/// LoopStats are one event loop's counters since the engine started. Counters only grow; rates are
/// differences between two snapshots divided by the time between them (EngineSnapshot::taken).
struct QGNET_EXPORT LoopStats {
    int index = 0;                        ///< Loop index (0..loopCount-1); -1 is the acceptor thread.
    std::string backend;                  ///< "epoll" or "io_uring" (what runs, after any fallback).
    std::int64_t threadId = 0;            ///< The loop thread's kernel thread id (gettid), 0 before it runs.
    int connections = 0;                  ///< Open connections right now.
    std::uint64_t accepted = 0;           ///< Connections this loop has adopted (accepted or dialled).
    std::uint64_t closed = 0;             ///< Connections this loop has closed.
    std::uint64_t bytesIn = 0;            ///< Bytes received from sockets.
    std::uint64_t bytesOut = 0;           ///< Bytes handed to the kernel.
    std::uint64_t reads = 0;              ///< Receive operations that returned data (reads or recv completions).
    std::uint64_t writes = 0;             ///< Send operations that took data.
    std::uint64_t pendingTasks = 0;       ///< Cross-thread tasks queued and not yet run.
    std::uint64_t iterations = 0;         ///< Loop iterations (one wait plus what it dispatched).
    std::chrono::nanoseconds busyTime{0}; ///< Time spent outside the wait, summed.
    std::uint64_t stalls = 0;             ///< Iterations longer than Options::stallThreshold.
    std::chrono::nanoseconds longestIteration{0}; ///< The longest iteration so far (wait excluded).
    /// Times the io_uring completion queue overflowed: the kernel held completions aside until the
    /// loop caught up (nothing is lost; a steady count says the queue is too small). 0 on epoll.
    std::uint64_t completionOverflows = 0;
    /// io_uring recvs that ended because the loop's provided-buffer ring was empty (-ENOBUFS): each
    /// is re-armed once the batch has recycled its buffers, nothing is lost (the bytes wait in the
    /// socket); a steady count says the ring is too small for the load. 0 on epoll.
    std::uint64_t recvBuffersExhausted = 0;
    /// Bytes of free buffer blocks the loop keeps for reuse (its pool; 0 when the snapshot could not
    /// reach the loop), and the times it gave memory back to the system after a burst of connections
    /// had closed (trimmed that pool and malloc's free lists).
    std::uint64_t pooledBytes = 0;
    std::uint64_t memoryReclaims = 0;
    /// Bytes of buffer blocks the loop's connections hold (input and output buffers, as allocated:
    /// what Options::memoryBudget bounds), and the bytes of data its cross-thread queue carries
    /// (ConnHandle::asyncWrite copies, bounded by Options::taskQueueBytes).
    std::uint64_t bufferedBytes = 0;
    std::uint64_t pendingTaskBytes = 0;
    /// Options::memoryBudget on this loop: connections whose reading it holds paused now, and the
    /// pauses and closes (Errc::MemoryBudgetExceeded) so far.
    std::uint64_t budgetPaused = 0;
    std::uint64_t budgetPauses = 0;
    std::uint64_t budgetCloses = 0;
    /// Errors this loop counted (socket errors that closed its connections, TLS failures, accept
    /// errors of the listeners it owns), by kind and code, with the largest counts first.
    std::vector<ErrorCount> errors;
};

/// ConnectionState is where a connection is in its life (see docs/architecture.md).
enum class ConnectionState : std::uint8_t {
    Connecting, ///< A client dial in progress.
    Open,       ///< Reading and writing.
    Draining,   ///< Closing gracefully: reading stopped, flushing pending output.
    Closed,     ///< onClose has run; the object is freed at the end of the iteration.
};

/// toString names a state ("connecting", "open", "draining", "closed").
QGNET_EXPORT std::string_view toString(ConnectionState state) noexcept;

/// ConnectionTls describes a TLS connection's session at snapshot time (read from OpenSSL then,
/// not kept per connection). Strings are empty where nothing was negotiated or sent.
struct QGNET_EXPORT ConnectionTls {
    std::string version;     ///< The protocol version ("TLSv1.3", "TLSv1.2").
    std::string cipher;      ///< The cipher suite (OpenSSL's name, "TLS_AES_256_GCM_SHA384").
    std::string alpn;        ///< The application protocol ALPN selected ("h2"), empty when none.
    std::string serverName;  ///< SNI: the name a client sent (server side) or asked for (client side).
    std::string peerSubject; ///< The peer certificate's subject (RFC 2253, "CN=localhost"); empty without one.
    /// The peer certificate's notAfter (its expiry); the epoch when there is no peer certificate (a
    /// server's peers: client certificates are not supported).
    std::chrono::system_clock::time_point peerNotAfter{};
};

/// ConnectionStats describe one connection at snapshot time. `id` is the process-unique id that
/// ConnHandle also uses, stable for the connection's life, so a view can keep its selection.
struct QGNET_EXPORT ConnectionStats {
    std::uint64_t id = 0;
    int loop = 0;
    Network network = Network::Tcp;
    ConnectionState state = ConnectionState::Open;
    bool client = false;        ///< Dialled or enrolled by a Client, not accepted.
    bool readingPaused = false; ///< pauseRead() in effect, or the memory budget's pause.
    SocketAddress local;
    SocketAddress remote;
    std::chrono::system_clock::time_point opened; ///< Wall-clock time onOpen ran.
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::size_t inboundBuffered = 0;      ///< Received, not yet consumed by the handler.
    std::size_t outboundRing = 0;         ///< Unsent bytes in the outbound ring (writeBufferCap).
    std::size_t outboundSpilled = 0;      ///< Unsent bytes spilled past the ring into pooled chunks.
    std::size_t outboundRingCapacity = 0; ///< The ring's size (0 while the idle connection holds no ring).
    std::size_t highWater = 0;            ///< Options::outputHighWater in force for this connection.
    std::uint64_t highWaterHits = 0;      ///< Times the output reached the high-water mark.
    std::optional<ConnectionTls> tls;     ///< Set for a TLS connection (after its handshake).
};

/// BalanceDecision records one choice of loop for a new connection in the main-reactor topology.
struct QGNET_EXPORT BalanceDecision {
    std::uint64_t sequence = 0; ///< 1, 2, 3… per engine, never reused.
    std::chrono::system_clock::time_point time;
    LoadBalancing policy = LoadBalancing::RoundRobin;
    std::vector<int> loads; ///< Each loop's open connections at that moment.
    int chosen = 0;         ///< The loop that got the connection.
    SocketAddress peer;
};

/// EngineEvent is one entry of the connection event log.
struct QGNET_EXPORT EngineEvent {
    enum class Kind : std::uint8_t {
        Opened, ///< onOpen ran.
        Closed, ///< onClose ran; `reason` says why (empty for a clean close by the peer).
        Error,  ///< An error outside any handler-visible connection: accept failure, back-off, or a TLS handshake that
                ///< failed (before onOpen).
    };
    std::uint64_t sequence = 0; ///< Per engine, increasing over all loops.
    std::chrono::system_clock::time_point time;
    Kind kind = Kind::Opened;
    int loop = 0;
    std::uint64_t connectionId = 0; ///< 0 for Kind::Error.
    SocketAddress peer;
    std::string reason; ///< Why it closed ("peer closed", "idle timeout"…) or what failed; empty for Opened.
};

/// toString names an event kind ("opened", "closed", "error").
QGNET_EXPORT std::string_view toString(EngineEvent::Kind kind) noexcept;

/// StallCallback names the kind of callback that ran longest in a stalled loop iteration.
enum class StallCallback : std::uint8_t {
    None,         ///< No callback was measured as long as one tick of the coarse clock (see LoopStall).
    OnOpen,       ///< EventHandler::onOpen.
    OnTraffic,    ///< EventHandler::onTraffic (TCP, Unix or UDP).
    OnClose,      ///< EventHandler::onClose (with the connection's close callbacks).
    OnTick,       ///< EventHandler::onTick.
    Task,         ///< Cross-thread tasks run at one wake-up (Engine::execute, ConnHandle work).
    Timer,        ///< Timers that expired in the iteration (Engine::schedule, timeouts).
    TlsHandshake, ///< A TLS handshake step (OpenSSL's work, no handler code).
};

/// toString names a callback kind ("onTraffic", "task", "TLS handshake"; "" for None).
QGNET_EXPORT std::string_view toString(StallCallback kind) noexcept;

/// LoopStall is one entry of a loop's stall log: an iteration (wait excluded) longer than
/// Options::stallThreshold, and the callback that ran longest in it. Callbacks are timed with the
/// coarse monotonic clock (CLOCK_MONOTONIC_COARSE: a few nanoseconds a read where the precise one
/// costs tens), so `callbackTime` is a multiple of its tick (about 4 ms) and a callback shorter than
/// a tick may read as 0 or as one tick; a stall made of many short callbacks names None. Time inside
/// a nested callback (onClose run by a timer) counts for the inner one only.
struct QGNET_EXPORT LoopStall {
    std::uint64_t sequence = 0;                 ///< Per engine, increasing over all loops.
    std::chrono::system_clock::time_point time; ///< When the iteration ended.
    int loop = 0;
    std::chrono::nanoseconds iteration{0}; ///< The iteration's busy time (precise clock).
    StallCallback callback = StallCallback::None;
    std::chrono::nanoseconds callbackTime{0}; ///< How long that callback ran (coarse clock).
    std::uint64_t connectionId = 0;           ///< The connection it ran for; 0 for tick, task and timer.
};

/// SnapshotRequest says what a snapshot should hold beyond the loop counters. Logs are incremental:
/// pass the last sequence you have seen and get only newer entries. The event log is gap-free in
/// that sense: a snapshot holds every kept event numbered up to its newest one (events recorded while
/// the snapshot was being taken wait for the next), so "after the newest I have" never skips one.
struct QGNET_EXPORT SnapshotRequest {
    bool connections = true;          ///< Include every connection's ConnectionStats.
    std::uint64_t decisionsAfter = 0; ///< Include decisions with sequence > this.
    std::uint64_t eventsAfter = 0;    ///< Include events with sequence > this.
    bool decisions = true;
    bool events = true;
    /// Ids of watched connections (Engine::watchConnection) whose timelines to include, whole (at
    /// most kTimelineCapacity entries each); an id nobody watches is left out.
    std::vector<std::uint64_t> timelines{}; // {}: designated initialisers may leave it out (-Wextra)
    std::uint64_t stallsAfter = 0;          ///< Include stalls (LoopStall) with sequence > this.
    bool stalls = true;
};

/// EngineSnapshot is a consistent-enough picture of an engine: each loop's part is copied on that
/// loop between two events, so it is exact per loop, and the loops are a few microseconds apart.
struct QGNET_EXPORT EngineSnapshot {
    std::chrono::steady_clock::time_point taken;    ///< For rates.
    std::chrono::system_clock::time_point wallTime; ///< For display.
    std::chrono::system_clock::time_point started;  ///< When the engine started.
    LoadBalancing policy = LoadBalancing::RoundRobin;
    bool reusePort = false;
    std::vector<std::string> listenUrls;
    std::vector<LoopStats> loops;             ///< Event loops by index (the acceptor is not one).
    std::vector<ConnectionStats> connections; ///< Sorted by id.
    std::vector<BalanceDecision> decisions;   ///< Oldest first.
    std::uint64_t decisionsDropped = 0;       ///< Decisions pushed out of the log so far.
    std::vector<EngineEvent> events;          ///< Oldest first.
    std::uint64_t eventsDropped = 0;          ///< Events pushed out of the logs so far.
    std::uint64_t truncatedDatagrams = 0;
    std::uint64_t refusedConnections = 0;      ///< Closed at accept: Options::maxConnections was reached.
    std::uint64_t memoryBudget = 0;            ///< Options::memoryBudget (0: none).
    std::uint64_t bufferedBytes = 0;           ///< The loops' LoopStats::bufferedBytes summed, read at once.
    std::vector<ConnectionTimeline> timelines; ///< Those SnapshotRequest::timelines asked for, by id.
    /// Every loop's errors and the acceptor thread's, summed by kind and code, largest first.
    std::vector<ErrorCount> errors;
    /// Errors not counted by kind because a loop's table was full (ErrorTable holds 32 kinds).
    std::uint64_t errorsUnlisted = 0;
    /// The stream listening sockets (TCP, Unix), in address order (then by loop); UDP sockets have
    /// nothing to accept and are not listed. Read at snapshot time on the asking thread, so a loop
    /// held by its handler still shows its queue.
    std::vector<ListenerStats> listeners;
    std::vector<LoopStall> stalls;   ///< Stalled iterations, oldest first (gap-free as events are).
    std::uint64_t stallsDropped = 0; ///< Stalls pushed out of the loops' bounded logs so far.
    /// Options::stallThreshold.
    std::chrono::nanoseconds stallThreshold{0};
};

} // namespace qgnet
