// SPDX-License-Identifier: Apache-2.0
#include "event_loop.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <string>
#include <utility>

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "connection.h"
#include "engine_config.h"
#include "engine_core.h"
#include "listener.h"
#include "qgnet/error.h"
#include "socket_ops.h"
#include "tls/tls_handshake.h"
#include "tls/tls_session.h"

namespace qgnet::detail {

namespace {

// Pins the calling thread to the n-th CPU of the process's allowed set (modulo its size).
void pinToCpu(int n)
{
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0 || CPU_COUNT(&allowed) == 0)
        return;
    const int target = n % CPU_COUNT(&allowed);
    for (int cpu = 0, seen = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (!CPU_ISSET(cpu, &allowed))
            continue;
        if (seen++ == target) {
            cpu_set_t one;
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            pthread_setaffinity_np(pthread_self(), sizeof one, &one);
            return;
        }
    }
}

std::string describe(const std::exception_ptr& e)
{
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        return ex.what();
    } catch (...) {
        return "unknown exception";
    }
}

} // namespace

void EventLoop::logHandlerException(std::string_view what, std::string_view consequence)
{
    config_->log(LogLevel::Error,
        std::string(what) + " threw: " + describe(std::current_exception()) + std::string(consequence));
}

EventLoop::EventLoop(EngineCore& engine, int index, const EngineConfig& config)
    : engine_(&engine)
    , config_(&config)
    , index_(index)
    , mailbox_(std::make_shared<Mailbox>(this, config.options.taskQueueCapacity, config.options.taskQueueBytes))
    , backend_(makeBackend(*this, config))
    , events_(config.options.eventLogCapacity)
    , stalls_(index >= 0 ? stallLogCapacity : 0) // the acceptor runs no callbacks
{
    now_ = Clock::now();
    if (config.options.tls && index >= 0) // the acceptor only hands sockets on
        tlsBuffers_ = std::make_unique<TlsLoopBuffers>(config.options.readBufferCap);
}

EventLoop::~EventLoop()
{
    // Normally run() has emptied everything; this covers a loop that never ran (onBoot said Shutdown).
    // The loop thread has ended (or never started): the destroying thread owns the loop now.
    threadId_.store(std::thread::id(), std::memory_order_relaxed);
    mailbox_->close();
    for (auto& listener : listeners_)
        listener->close(*this);
    backend_.reset(); // an io_uring cancels what is still in flight before the memory it uses goes
    for (Connection* conn : slots_) {
        if (conn) {
            ::close(conn->socketFd);
            delete conn;
        }
    }
    for (Connection* conn : closed_)
        delete conn;
    closed_.clear();
    trimSpareBuffers(0);
}

ConnBuffers* EventLoop::takeBuffers()
{
    if (spareBuffers_.empty())
        return new ConnBuffers(pool_, config_->options.writeBufferCap, config_->options.backend == Backend::IoUring);
    ConnBuffers* buffers = spareBuffers_.back();
    spareBuffers_.pop_back();
    return buffers;
}

void EventLoop::returnBuffers(ConnBuffers* buffers) noexcept
{
    try {
        spareBuffers_.push_back(buffers);
    } catch (const std::bad_alloc&) {
        delete buffers;
    }
}

// After a burst the connection table keeps its peak size (8 bytes a slot, 4 more on the free list):
// the free slots at its end go, and the memory of both vectors with them. ConnHandles check the slot
// against the table's size, so a handle of a connection that had a dropped slot finds nothing.
void EventLoop::shrinkSlotTable()
{
    std::size_t used = slots_.size();
    while (used > 0 && !slots_[used - 1])
        --used;
    if (used == slots_.size())
        return;
    slots_.resize(used);
    slots_.shrink_to_fit();
    std::erase_if(freeSlots_, [used](std::uint32_t slot) { return slot >= used; });
    freeSlots_.shrink_to_fit();
}

void EventLoop::trimSpareBuffers(std::size_t keep) noexcept
{
    while (spareBuffers_.size() > keep) {
        delete spareBuffers_.back();
        spareBuffers_.pop_back();
    }
    if (keep == 0)
        spareBuffers_.shrink_to_fit();
}

void EventLoop::closeUnstarted()
{
    assertInLoopThread();
    for (auto& listener : listeners_)
        listener->close(*this);
    listeners_.clear();
    for (Connection* socket : std::exchange(datagramSockets_, {})) // closeDatagramSocket erases from it
        closeDatagramSocket(*socket);
    mailbox_->close();
}

EventHandler& EventLoop::handler() const noexcept { return engine_->handler(); }

void EventLoop::requestStop(std::chrono::milliseconds drain)
{
    post([this, drain](bool run) {
        if (run)
            beginStop(drain);
    });
}

void EventLoop::addListener(std::unique_ptr<Listener> listener) { listeners_.push_back(std::move(listener)); }

void EventLoop::holdListeners(bool on) noexcept
{
    for (auto& listener : listeners_)
        listener->hold(*this, on);
}

void EventLoop::placeInTable(Connection& conn)
{
    if (freeSlots_.empty()) {
        conn.slot = static_cast<std::uint32_t>(slots_.size());
        slots_.push_back(&conn);
    } else {
        conn.slot = freeSlots_.back();
        freeSlots_.pop_back();
        slots_[conn.slot] = &conn;
    }
}

// ---- the loop ---------------------------------------------------------------------------------

void EventLoop::run()
{
    threadId_.store(std::this_thread::get_id(), std::memory_order_relaxed);
    counters_.threadId.store(static_cast<std::int64_t>(::syscall(SYS_gettid)), std::memory_order_relaxed);
    const std::string name = index_ < 0 ? "qgnet-acceptor" : "qgnet-loop-" + std::to_string(index_);
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
    if (index_ >= 0 && config_->options.lockOSThread)
        pinToCpu(index_);

    for (auto& listener : listeners_) {
        if (auto ec = backend_->addListener(*listener))
            config_->log(LogLevel::Error,
                "cannot watch listener " + listener->address().url(listener->bound()) + ": " + ec.message());
    }
    for (Connection* socket : datagramSockets_) {
        if (auto ec = backend_->addConnection(*socket))
            config_->log(LogLevel::Error,
                "cannot watch UDP socket " + socket->localAddr().toString() + ": " + ec.message());
    }
    if (index_ == 0 && config_->options.ticker)
        startTicker();
    memoryBudget_.start();

    const auto stallThreshold = std::chrono::duration_cast<Clock::duration>(config_->options.stallThreshold);
    while (!exit_) {
        backend_->poll(pollTimeout());
        if (timers_.size() > 0) {
            StallWatch::Scope timed(stallWatch_, StallCallback::Timer, 0);
            timers_.runExpired(now_);
        }
        if (!readAgain_.empty())
            serviceReadAgain();
        if (pool_.budgetCheckDue()) // grown by a step of Options::memoryBudget (never without one)
            memoryBudget_.check();
        if (!closed_.empty() || !closedListeners_.empty())
            freeClosed();
        // One clock read per iteration: busy time is from the end of the wait (now_) to here.
        const Clock::duration busy = Clock::now() - now_;
        const auto busyNanos = static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(busy).count());
        LoopCounters::add(counters_.iterations, 1);
        LoopCounters::add(counters_.busyNanos, busyNanos);
        if (busyNanos > counters_.longestNanos.load(std::memory_order_relaxed))
            counters_.longestNanos.store(busyNanos, std::memory_order_relaxed);
        if (busy > stallThreshold) {
            LoopCounters::add(counters_.stalls, 1);
            recordStall(std::chrono::duration_cast<std::chrono::nanoseconds>(busy));
        }
        stallWatch_.reset();
    }

    // A completion backend may still hold what the last iteration queued (cancellations, releases
    // of its references to closed sockets) and owe the completions of cancelled operations: submit
    // them and wait (bounded) for the completions, so that every socket really closes now (a
    // listener's port is free again when stop returns) and no operation outlives the memory it uses.
    // (epoll: nothing to submit, nothing owed.)
    backend_->submitPending();
    for (int round = 0; round < 200 && (!closed_.empty() || backend_->owesCompletions()); ++round) {
        backend_->poll(std::chrono::milliseconds(10));
        freeClosed();
    }

    // Stopped: refuse new tasks and cancel those still queued (a socket on its way here is closed,
    // a ConnHandle callback hears Errc::EngineStopped).
    mailbox_->close();
    timers_.clear();
    freeClosed();
}

std::chrono::milliseconds EventLoop::pollTimeout()
{
    if (!readAgain_.empty())
        return std::chrono::milliseconds(0);
    if (timers_.size() == 0)
        return std::chrono::milliseconds(-1);
    const auto next = timers_.nextDeadline();
    if (!next)
        return std::chrono::milliseconds(-1);
    const auto wait = *next - Clock::now();
    if (wait <= Clock::duration::zero())
        return std::chrono::milliseconds(0);
    // Round up so the loop never wakes just before a deadline and spins until it passes.
    return std::chrono::ceil<std::chrono::milliseconds>(wait);
}

void EventLoop::handleWakeup()
{
    assertInLoopThread();
    StallWatch::Scope timed(stallWatch_, StallCallback::Task, 0);
    mailbox_->drain();
}

// Stop: no new connections; every connection stops reading and may flush its output until the
// drain deadline; at the deadline the rest are closed (after a last best-effort flush).
void EventLoop::beginStop(std::chrono::milliseconds drain)
{
    if (stopping_)
        return;
    stopping_ = true;
    // Closed now, freed at the end of the iteration like a connection: an event for a listener may
    // still wait in this iteration's batch (core.balancer crashed on a freed one under load).
    for (auto& listener : listeners_) {
        listener->close(*this);
        closedListeners_.push_back(std::move(listener));
    }
    listeners_.clear();
    for (Connection* socket : std::exchange(datagramSockets_, {})) // closeDatagramSocket erases from it
        closeDatagramSocket(*socket);
    const Clock::time_point deadline = now_ + drain;
    for (Connection* conn : slots_)
        if (conn)
            closeConnection(*conn, Errc::EngineShutdown, drain.count() <= 0, deadline);
    if (open_ > 0) {
        timers_.schedule(deadline, [this] {
            for (Connection* conn : slots_)
                if (conn)
                    closeConnection(*conn, Errc::EngineShutdown, true);
        });
    }
    finishIfDrained();
}

void EventLoop::finishIfDrained()
{
    assertInLoopThread();
    if (stopping_ && open_ == 0)
        exit_ = true;
}

// ---- connections ------------------------------------------------------------------------------

void EventLoop::adopt(int fd, Network network, const SocketAddress& peer)
{
    assertInLoopThread();
    if (stopping_) {
        ::close(fd);
        connectionCount_.fetch_sub(1, std::memory_order_relaxed);
        return;
    }
    SocketAddress local;
    socklen_t len = SocketAddress::capacity();
    if (::getsockname(fd, local.data(), &len) == 0)
        local.setSize(len);

    std::string tlsError;
    Connection* conn = createConnection(
        {.fd = fd, .network = network, .local = local, .peer = peer, .client = false, .tlsPeerName = {}}, tlsError);
    if (!conn) {
        config_->log(LogLevel::Error, "cannot start TLS for the connection from " + peer.toString() + ": " + tlsError);
        connectionCount_.fetch_sub(1, std::memory_order_relaxed);
        return;
    }
    if (auto ec = backend_->addConnection(*conn)) {
        config_->log(LogLevel::Error, "cannot register connection from " + peer.toString() + ": " + ec.message());
        conn->setState(Connection::State::Closed);
        retire(*conn);
        return;
    }
    openConnection(*conn); // TLS: onOpen once the handshake completes
}

Connection* EventLoop::createConnection(const NewConnection& spec, std::string& tlsError)
{
    assertInLoopThread();
    const bool stream = isStream(spec.network);
    auto* conn = new Connection(*this, spec.fd, spec.network, spec.local, spec.peer,
        stream ? IoHandle::Kind::Connection : IoHandle::Kind::Datagram);
    if (tlsBuffers_ && stream) {
        const TlsContext& context = *config_->options.tls;
        try {
            const std::string_view peerName = !spec.client ? std::string_view()
                : context.serverName().empty()             ? spec.tlsPeerName
                                                           : std::string_view(context.serverName());
            conn->enableTls(context, *tlsBuffers_, spec.client, peerName);
        } catch (const std::exception& e) {
            tlsError = e.what();
            ::close(spec.fd);
            delete conn;
            return nullptr;
        }
    }
    if (spec.client)
        conn->setClient();
    placeInTable(*conn);
    ++open_;
    reclaim_.opened(open_);
    return conn;
}

void EventLoop::openConnection(Connection& conn, AsyncCallback callback)
{
    assertInLoopThread();
    if (conn.isTls()) {
        beginTlsHandshake(*this, conn, std::move(callback)); // onOpen and the callback once it completes
        return;
    }
    refreshTimeouts(conn);
    notifyOpened(conn, std::move(callback));
}

void EventLoop::notifyOpened(Connection& connection, AsyncCallback callback)
{
    assertInLoopThread();
    Connection* conn = &connection;
    conn->markOpened();
    LoopCounters::add(counters_.accepted, 1);
    recordEvent(EngineEvent::Kind::Opened, conn->id(), conn->remoteAddr(), {});
    conn->noteTimeline(TimelineEntry::Kind::Opened);
    OpenResult opened = invokeHandler("onOpen", "; closing the connection",
        OpenResult{.out = {}, .action = Action::Close}, [&] {
            StallWatch::Scope timed(stallWatch_, StallCallback::OnOpen, conn->id());
            return handler().onOpen(*conn);
        });
    if (!opened.out.empty())
        (void)conn->write(asBytes(opened.out));
    afterCallback(*conn, opened.action);
    if (callback)
        callback(conn, {}); // after onOpen; conn may already be closed by it, its memory is still valid
}

void EventLoop::afterCallback(Connection& conn, Action action)
{
    conn.endCallback();
    scratch_.reset();
    if (action == Action::Shutdown)
        engine_->requestStop();
    if (action == Action::Close && !conn.closeRequested())
        conn.requestClose(Errc::ClosedByHandler);
    settle(conn);
    if (pool_.budgetCheckDue()) // within the iteration too: one batch of reads may bring a lot
        memoryBudget_.check();
}

// Acts on what a call into the connection left behind: a close it asked for, or a writability change
// the handler must hear of (after the callback that caused it, never inside it).
void EventLoop::settleSlow(Connection& conn)
{
    if (conn.state() == Connection::State::Closed)
        return;
    if (conn.closeRequested()) {
        closeConnection(conn, conn.closeReason());
        return;
    }
    while (conn.writabilityNoticeDue() && conn.state() != Connection::State::Closed) {
        const bool writable = conn.takeWritabilityNotice();
        if (!invokeHandler("onWritabilityChanged", "", false, [&] {
                handler().onWritabilityChanged(conn, writable);
                return true;
            }))
            conn.requestClose(Errc::ClosedByHandler);
        if (conn.closeRequested()) {
            closeConnection(conn, conn.closeReason());
            return;
        }
    }
}

void EventLoop::runForConnection(std::uint32_t slot, std::uint64_t id, const std::function<std::error_code(Conn&)>& op,
    const std::function<void(Conn*, std::error_code)>& callback)
{
    assertInLoopThread();
    Connection* conn = slot < slots_.size() ? slots_[slot] : nullptr;
    if (!conn || conn->id() != id || conn->state() == Connection::State::Closed) {
        if (callback)
            callback(nullptr, Errc::ConnectionClosed);
        return;
    }
    const std::error_code ec = op(*conn);
    settle(*conn);
    if (callback)
        callback(conn, ec); // conn may be closed now, but its memory lives until the iteration ends
}

namespace {
bool isGraceful(std::error_code reason) { return reason == Errc::ClosedByHandler || reason == Errc::EngineShutdown; }
} // namespace

void EventLoop::closeConnection(Connection& conn, std::error_code reason, bool force, Clock::time_point flushDeadline)
{
    assertInLoopThread();
    if (conn.state() == Connection::State::Closed)
        return;
    if (conn.isDatagram() && !conn.isConnectedDatagram()) {
        closeDatagramSocket(conn);
        return;
    }
    if (conn.state() == Connection::State::Connecting) {
        countCloseError(conn, reason);
        connector_.failAttempt(conn, reason);
        return;
    }
    if (conn.state() == Connection::State::Handshaking) {
        closeUnopenedTls(*this, conn, reason);
        return;
    }
    conn.tlsCloseNotify(reason); // TLS: after the output already queued, before the end
    if (!force && isGraceful(reason) && conn.outboundBuffered() > 0) {
        if (conn.state() == Connection::State::Draining && conn.closeRequested())
            return;                // already flushing towards this close
        conn.requestClose(reason); // no more writes from here on
        conn.beginDrain();
        if (conn.flushNow() && conn.outboundBuffered() > 0) {
            conn.setFlushDeadline(
                flushDeadline != Clock::time_point{} ? flushDeadline : now_ + config_->options.closeFlushTimeout);
            refreshTimeouts(conn);
            return; // handleWritable closes it once the output is out
        }
        reason = conn.closeReason(); // flushed at once, or failed (the failure is the reason then)
    }
    countCloseError(conn, reason);
    // A last non-blocking flush, unless the socket itself failed.
    if (reason.category() != std::system_category() && conn.outboundBuffered() > 0)
        (void)conn.flushBeforeClose();
    backend_->removeConnection(conn);
    conn.setState(Connection::State::Closed);
    LoopCounters::add(counters_.closed, 1);
    recordEvent(EngineEvent::Kind::Closed, conn.id(), conn.remoteAddr(), reason);
    timelineClosed(conn, reason);

    Action action;
    {
        StallWatch::Scope timed(stallWatch_, StallCallback::OnClose, conn.id()); // with the close callbacks
        action = invokeHandler("onClose", "", Action::None, [&] { return handler().onClose(conn, reason); });
        for (auto& callback : conn.takeCloseCallbacks()) {
            (void)invokeHandler("a close callback", "", false, [&] {
                callback(&conn, {});
                return true;
            });
        }
    }
    // Only now does the descriptor number become free for reuse (gnet #621).
    retire(conn);
    if (action == Action::Shutdown)
        engine_->requestStop();
    finishIfDrained();
}

void EventLoop::releaseSlot(Connection& conn)
{
    assertInLoopThread();
    timelineClosed(conn, {}); // one that left without closeConnection (a lost dial attempt)
    ::close(conn.socketFd);
    if (conn.readAgainQueued) {
        std::erase(readAgain_, &conn);
        conn.readAgainQueued = false;
    }
    if (conn.isBudgetPaused())
        memoryBudget_.forget(conn);
    freeSlot(conn);
    --open_;
    noteClosedForReclaim();
}

// After a burst has gone, memory goes back to the system a second later, once the closes of the
// burst (spread over many iterations) are all in; see MemoryReclaim.
void EventLoop::noteClosedForReclaim()
{
    if (reclaim_.closed(open_) && !stopping_)
        scheduleReclaim(std::chrono::seconds(1));
}

void EventLoop::scheduleReclaim(Clock::duration delay)
{
    timers_.schedule(now_ + delay, [this] {
        freeClosed();           // the objects of this iteration's closes too
        if (!closed_.empty()) { // some still wait for completions (io_uring): their memory counts too
            scheduleReclaim(std::chrono::milliseconds(100));
            return;
        }
        trimSpareBuffers(open_ == 0 ? 0 : MemoryReclaim::kKeepSpareBuffers);
        shrinkSlotTable();
        closed_.shrink_to_fit();
        if (open_ == 0 && datagramSockets_.empty())
            backend_->releaseIdleMemory(); // before the trim, which then returns what it freed
        reclaim_.run(pool_, open_);
        LoopCounters::add(counters_.memoryReclaims, 1);
    });
}

// The part of every end that server UDP sockets share: no timer (its callback holds &conn), buffers
// dropped, the slot free, the object freed at the end of the iteration (the backend may still hold
// the pointer).
void EventLoop::freeSlot(Connection& conn)
{
    if (conn.timeoutTimer()) {
        timers_.cancel(conn.timeoutTimer());
        conn.setTimeoutTimer(0, Clock::time_point::max());
    }
    conn.markClosed();
    slots_[conn.slot] = nullptr;
    freeSlots_.push_back(conn.slot);
    closed_.push_back(&conn);
}

// The end of every accepted or connected stream that was counted: the slot, then the count.
void EventLoop::retire(Connection& conn)
{
    releaseSlot(conn);
    connectionCount_.fetch_sub(1, std::memory_order_relaxed);
}

void EventLoop::refreshTimeouts(Connection& conn)
{
    assertInLoopThread();
    const Clock::time_point next = conn.nextTimeout();
    if (next >= conn.timeoutTimerAt())
        return; // the armed timer fires earlier; it re-checks and re-arms then (no timeout: max())
    if (conn.timeoutTimer())
        timers_.cancel(conn.timeoutTimer());
    conn.setTimeoutTimer(timers_.schedule(next, [this, &conn] { onTimeoutTimer(conn); }), next);
}

// Activity only moves timestamps (no timer work per message); when the timer fires, either a timeout
// really expired or the connection was active meanwhile and the timer is re-armed for the new deadline.
void EventLoop::onTimeoutTimer(Connection& conn)
{
    conn.setTimeoutTimer(0, Clock::time_point::max());
    if (conn.state() == Connection::State::Closed)
        return;
    if (const std::error_code reason = conn.expired(Clock::now())) {
        if (conn.watched())
            conn.noteTimeline(TimelineEntry::Kind::Timeout, TimelineEntry::Cause::None, reason.message());
        closeConnection(conn, reason);
        return;
    }
    refreshTimeouts(conn);
}

// A connection with operations still in flight (io_uring: a cancelled recv or send whose completion
// has not come yet) stays on the list until the backend saw the last of them.
void EventLoop::freeClosed()
{
    closedListeners_.clear();
    std::erase_if(closed_, [](Connection* conn) {
        if (conn->inFlight != 0)
            return false;
        delete conn;
        return true;
    });
}

void EventLoop::queueReadAgain(Connection& conn)
{
    assertInLoopThread();
    if (!conn.readAgainQueued) {
        conn.readAgainQueued = true;
        readAgain_.push_back(&conn);
    }
}

void EventLoop::serviceReadAgain()
{
    readAgainNow_.swap(readAgain_);
    for (Connection* conn : readAgainNow_) {
        if (conn->state() == Connection::State::Closed)
            continue;
        conn->readAgainQueued = false;
        if (conn->isTls() && conn->wantsRead() && conn->tls()->hasBufferedInput())
            receiveTls(*this, *conn, {}); // what the session kept while reading was paused
        if (conn->wantsRead())
            backend_->readMore(*conn);
    }
    readAgainNow_.clear();
}

// ---- ticker -----------------------------------------------------------------------------------

void EventLoop::startTicker()
{
    timers_.schedule(Clock::now(), [this] { tick(); });
}

void EventLoop::tick()
{
    if (stopping_)
        return;
    const TickResult result = invokeHandler("onTick", "", TickResult{}, [&] {
        StallWatch::Scope timed(stallWatch_, StallCallback::OnTick, 0);
        return handler().onTick();
    });
    if (result.action == Action::Shutdown) {
        engine_->requestStop();
        return;
    }
    const auto delay = std::max(result.next, std::chrono::nanoseconds::zero());
    timers_.schedule(Clock::now() + std::chrono::duration_cast<Clock::duration>(delay), [this] { tick(); });
}

} // namespace qgnet::detail
