// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "qgnet/address.h"
#include "qgnet/logger.h"

namespace qgnet {

class TlsContext;

/// LoadBalancing picks the event loop that serves a newly accepted connection (main-reactor
/// topology only; with reusePort the kernel spreads connections over the loops' own listeners).
enum class LoadBalancing : std::uint8_t {
    RoundRobin,       ///< Loops in turn.
    LeastConnections, ///< The loop serving the fewest connections at that moment (lowest index on ties).
    SourceAddrHash,   ///< A hash of the peer's IP address (not its port), so one host sticks to one loop.
};

/// toString names a balancing policy ("round-robin", "least-connections", "source-addr-hash").
QGNET_EXPORT std::string_view toString(LoadBalancing lb) noexcept;

/// Backend is the I/O mechanism of an engine's loops. Both give the same callbacks, ordering,
/// backpressure and timer semantics; they differ in how many system calls a message costs.
enum class Backend : std::uint8_t {
    Epoll,   ///< Readiness-based: epoll_wait, then read/send per connection.
    IoUring, ///< Completion-based io_uring: multishot accept and recv into a provided buffer ring,
             ///< batched sends. Falls back to epoll, with one log line, where io_uring is unavailable.
};

/// toString names a backend ("epoll", "io_uring").
QGNET_EXPORT std::string_view toString(Backend backend) noexcept;

/// Options configure an engine. It is an aggregate meant for designated initialisers:
/// `qgnet::Options{.numEventLoop = 4, .lb = qgnet::LoadBalancing::LeastConnections}`.
/// Every field has gnet's default; Engine::start validates them and throws qgnet::Error
/// (Errc::InvalidOption) naming the field when one is out of range.
struct QGNET_EXPORT Options {
    /// backend selects the loops' I/O mechanism (see Backend).
    Backend backend = Backend::Epoll;
    /// multicore runs one loop per CPU the process may use, unless numEventLoop is set.
    bool multicore = false;
    /// numEventLoop sets the number of event loops (1..1024); 0 means 1, or one per CPU with multicore.
    int numEventLoop = 0;
    /// lb is the balancing policy of the main-reactor topology, and of a Client's dials and enrolls
    /// (which have no source address: there SourceAddrHash spreads them like RoundRobin).
    LoadBalancing lb = LoadBalancing::RoundRobin;
    /// reuseAddr sets SO_REUSEADDR on TCP listeners, so that a restarted server binds its port at once
    /// although connections it closed itself still sit in TIME_WAIT there. On by default, as in
    /// QTcpServer, Go's net.Listen, Asio and libuv (gnet's ReuseAddr defaults to false); it never
    /// lets two live listeners share a port (that is reusePort). UDP sockets never get it: there it
    /// would let a second server bind the same port unnoticed.
    bool reuseAddr = true;
    /// reusePort switches to the reuseport topology: every loop gets its own SO_REUSEPORT listener
    /// per address and accepts by itself. Unix-domain listeners cannot be shared this way, so they
    /// always use the main reactor (an acceptor thread) even when reusePort is set. UDP addresses
    /// always get one SO_REUSEPORT socket per loop (there is nothing to accept), whatever this says.
    bool reusePort = false;
    /// multicastInterfaceIndex is the interface on which a UDP listener bound to a multicast address
    /// joins its group (0: the kernel's choice; an IPv6 URL's %scope also names one).
    int multicastInterfaceIndex = 0;
    /// readBufferCap is the size of each loop's read buffer, the most one read() takes (rounded up
    /// to a power of two, 1 KiB..64 MiB).
    std::size_t readBufferCap = 64 * 1024;
    /// writeBufferCap is the size of a connection's outbound ring; output beyond it spills into a
    /// list of pooled chunks (rounded up to a power of two, 1 KiB..64 MiB).
    std::size_t writeBufferCap = 64 * 1024;
    /// lockOSThread pins loop i to the i-th CPU the process may use (modulo their number),
    /// gnet's LockOSThread made useful for C++ threads.
    bool lockOSThread = false;
    /// ticker enables EventHandler::onTick, run on loop 0.
    bool ticker = false;
    /// tcpKeepAlive enables SO_KEEPALIVE on accepted TCP connections with this idle time
    /// (interval = a fifth of it, at least 1 s; 5 probes); zero leaves keep-alive off.
    std::chrono::seconds tcpKeepAlive{0};
    /// tcpNoDelay sets TCP_NODELAY (Nagle off) on accepted TCP connections.
    bool tcpNoDelay = true;
    /// socketRecvBuffer / socketSendBuffer set SO_RCVBUF / SO_SNDBUF in bytes; 0 keeps the OS default.
    int socketRecvBuffer = 0;
    int socketSendBuffer = 0;
    /// listenBacklog is the listen(2) backlog; 0 means /proc/sys/net/core/somaxconn.
    int listenBacklog = 0;
    /// logPath sends log lines to this file instead of standard error (ignored when logger is set).
    std::string logPath{};
    /// logLevel drops log lines below it.
    LogLevel logLevel = LogLevel::Info;
    /// logger receives log lines; null means standard error (or logPath).
    std::shared_ptr<Logger> logger{};
    /// resolver looks up host names in place of getaddrinfo (see qgnet::Resolver): an Engine's for
    /// the names in its listen URLs, a Client's for the names it dials. Null: the system's resolver.
    Resolver resolver{};
    /// tls carries every stream connection over TLS (see qgnet/tls.h). In an Engine's options it
    /// must be a server context and applies to every TCP and Unix listener; an engine with a UDP
    /// listener and tls is refused at start (no DTLS). In a Client's options it must be a client
    /// context and applies to every stream dial and enroll. Null: plaintext.
    std::shared_ptr<const TlsContext> tls{};
    /// edgeTriggeredIO registers connections with EPOLLET. A loop then reads a ready connection
    /// until EAGAIN or until edgeTriggeredReadBudget bytes, whichever is first, and comes back to it
    /// after serving the others, so one busy peer cannot starve the rest.
    bool edgeTriggeredIO = false;
    /// edgeTriggeredReadBudget is the most bytes read from one connection per wake-up in
    /// edge-triggered mode (at least readBufferCap).
    std::size_t edgeTriggeredReadBudget = 1024 * 1024;

    // ---- bounded memory and backpressure ----------------------------------------------------------

    /// outputHighWater / outputLowWater: when a connection's unsent output reaches the high mark it
    /// becomes unwritable (Conn::isWritable() false, onWritabilityChanged(false)); once it drains to
    /// the low mark it is writable again. Netty's 64/32 KiB. low must not exceed high.
    std::size_t outputHighWater = 64 * 1024;
    std::size_t outputLowWater = 32 * 1024;
    /// maxOutputBuffered is the hard cap on a connection's unsent output: a write that would pass it
    /// fails, and the connection closes with Errc::OutputLimitExceeded. At least outputHighWater.
    std::size_t maxOutputBuffered = 64u * 1024 * 1024;
    /// maxInputBuffered caps what a handler may leave unconsumed: past it the connection closes with
    /// Errc::InputLimitExceeded. It is checked before the bytes are buffered, so the inbound ring never
    /// grows past the cap rounded up to a power of two. Use Conn::pauseRead() to make a fast peer wait instead.
    std::size_t maxInputBuffered = 64u * 1024 * 1024;
    /// maxConnections bounds the connections the engine holds at once, over all its loops (0: no
    /// bound but the process's descriptor limit). A connection accepted while the engine is at the
    /// bound is closed at once (the peer sees an orderly close, never a hang), counted in
    /// Engine::refusedConnections(), and accepting pauses with the same back-off as when descriptors run
    /// out (10 ms doubling to 500 ms), so a flood of connects cannot spin the accepting loop. One log
    /// line (and an Error event) says when the bound is reached, one when the engine is below it again.
    /// Concurrent accepts on several reuseport loops may pass it by one connection per loop.
    std::size_t maxConnections = 0;
    /// memoryBudget bounds the bytes that all the engine's connections together hold in their input
    /// and output buffers (0: no bound but the per-connection caps above; else at least 1 MiB). Past
    /// it, each loop pauses reading on its connections that hold the most, so that they stop growing;
    /// a paused connection resumes once it holds at most half what it held when paused, or once the
    /// engine is back under three quarters of the budget. A paused connection whose output still grows
    /// (a handler or another thread writing to a peer that does not read) is closed with
    /// Errc::MemoryBudgetExceeded. Pauses and closes are counted (LoopStats::budgetPauses,
    /// budgetCloses), the held bytes shown in EngineSnapshot::bufferedBytes; one log line (and an
    /// Error event) says when the engine goes over the budget, one when it is under it again.
    /// The loops check the sum after every step of growth (a sixty-fourth of the budget, 64 KiB to
    /// 1 MiB), so the engine may pass it by about that much per loop, plus what the reads of one
    /// iteration bring before the pauses take effect.
    std::size_t memoryBudget = 0;
    /// taskQueueCapacity bounds each loop's cross-thread task queue; a full queue makes ConnHandle and
    /// Engine::execute calls fail with Errc::QueueFull instead of growing. The acceptor hands new
    /// connections over through the same queue: when it is full, the new connection is closed at
    /// once (and a warning logged) rather than queued without bound.
    std::size_t taskQueueCapacity = 1u << 20;
    /// taskQueueBytes bounds the data that each loop's cross-thread queue carries at once (the copies
    /// made by ConnHandle::asyncWrite and asyncWritev): a write that would pass it fails at the call
    /// with Errc::QueueBytesExceeded, nothing queued and its callback not called, instead of growing
    /// the heap without bound while the loop is behind. A single write larger than the bound always fails.
    std::size_t taskQueueBytes = 64u * 1024 * 1024;

    // ---- timeouts (zero: none); Conn can override them per connection --------------------------

    /// idleTimeout closes a connection (Errc::IdleTimeout) that has read and written nothing for this long.
    std::chrono::milliseconds idleTimeout{0};
    /// readTimeout closes a connection (Errc::ReadTimeout) that has received nothing for this long.
    std::chrono::milliseconds readTimeout{0};
    /// writeTimeout closes a connection (Errc::WriteTimeout) whose pending output made no progress for this long.
    std::chrono::milliseconds writeTimeout{0};
    /// closeFlushTimeout is how long a connection that the handler closes (Action::Close, close(),
    /// ConnHandle::close) may keep flushing output it still has pending; it stops reading at once and
    /// onClose runs once the output is out, or with Errc::WriteTimeout when this passes first.
    std::chrono::milliseconds closeFlushTimeout{5000};

    // ---- worker pool (gnet's goroutine pool) --------------------------------------------------

    /// workerThreads starts a pool of this many threads for blocking work (Engine::submit); 0: none.
    int workerThreads = 0;
    /// workerQueueCapacity bounds the pool's queue; a full queue makes submit fail with Errc::QueueFull.
    std::size_t workerQueueCapacity = 1024;

    // ---- statistics (see qgnet/stats.h) ---------------------------------------------------------

    /// stallThreshold: a loop iteration (wait excluded) that takes longer counts as a stall in
    /// LoopStats::stalls. Seastar's reactor stall detector defaults to 25 ms.
    std::chrono::milliseconds stallThreshold{25};
    /// decisionLogCapacity is how many load-balancing decisions the engine keeps (oldest dropped
    /// first, counted); 0 records none. The log is allocated whole when the engine gets its acceptor
    /// (64 bytes an entry plus 4 a loop).
    std::size_t decisionLogCapacity = 1024;
    /// eventLogCapacity is how many connection events (open, close, error) each loop keeps (oldest
    /// dropped first, counted); 0 records none. Each entry is 64 bytes, allocated when the loop is
    /// created: 1024 keeps 64 KiB per loop (4096 made the log of a loop that holds
    /// many idle connections cost 20-80 bytes per connection, bench/run-idle-memory.sh).
    std::size_t eventLogCapacity = 1024;
};

} // namespace qgnet
