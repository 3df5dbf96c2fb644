// SPDX-License-Identifier: Apache-2.0
// The statistics side of EventLoop: its counters as LoopStats, its event log, and the per-connection
// part of a snapshot. Everything here that walks connections or the log runs on the loop's thread,
// inside a snapshot task, so the hot path never takes a lock for an observer.
#include <algorithm>

#include "connection.h"
#include "engine_core.h"
#include "event_loop.h"
#include "qgnet/error.h"
#include "stats/error_names.h"
#include "tls/tls_details.h"
#include "tls/tls_session.h"

namespace qgnet::detail {

namespace {

ConnectionState publicState(Connection::State state) noexcept
{
    switch (state) {
    case Connection::State::Connecting: return ConnectionState::Connecting;
    case Connection::State::Handshaking: return ConnectionState::Connecting; // not listed (collectStats)
    case Connection::State::Open: return ConnectionState::Open;
    case Connection::State::Draining: return ConnectionState::Draining;
    case Connection::State::Closed: return ConnectionState::Closed;
    }
    return ConnectionState::Closed;
}

std::uint64_t load(const std::atomic<std::uint64_t>& counter) noexcept
{
    return counter.load(std::memory_order_relaxed);
}

} // namespace

LoopStats EventLoop::loopStats() const
{
    LoopStats stats;
    stats.index = index_;
    stats.backend = std::string(backend_->name());
    stats.threadId = counters_.threadId.load(std::memory_order_relaxed);
    stats.connections = connectionCount_.load(std::memory_order_relaxed);
    stats.accepted = load(counters_.accepted);
    stats.closed = load(counters_.closed);
    stats.bytesIn = load(counters_.bytesIn);
    stats.bytesOut = load(counters_.bytesOut);
    stats.reads = load(counters_.reads);
    stats.writes = load(counters_.writes);
    stats.pendingTasks = mailbox_->pending();
    stats.iterations = load(counters_.iterations);
    stats.busyTime = std::chrono::nanoseconds(load(counters_.busyNanos));
    stats.stalls = load(counters_.stalls);
    stats.longestIteration = std::chrono::nanoseconds(load(counters_.longestNanos));
    stats.completionOverflows = load(counters_.completionOverflows);
    stats.recvBuffersExhausted = load(counters_.recvBuffersExhausted);
    if (isLoopThread()) // the pool is the loop's own; a snapshot that could not reach the loop leaves 0
        stats.pooledBytes = pool_.cachedBytes();
    stats.memoryReclaims = load(counters_.memoryReclaims);
    stats.bufferedBytes = pool_.heldBytes();
    stats.pendingTaskBytes = mailbox_->pendingBytes();
    stats.budgetPaused = load(counters_.budgetPaused);
    stats.budgetPauses = load(counters_.budgetPauses);
    stats.budgetCloses = load(counters_.budgetCloses);
    stats.errors = errorCounts(errors_);
    return stats;
}

void EventLoop::countCloseError(const Connection& conn, std::error_code reason) noexcept
{
    if (!reason)
        return;
    if (reason.category() == std::system_category()) { // the socket failed: ECONNRESET, EPIPE, ETIMEDOUT...
        errors_.add(ErrorKind::Socket, reason.value());
        return;
    }
    if (reason != Errc::TlsError && reason != Errc::TlsHandshakeFailed && reason != Errc::TlsVerifyFailed
        && reason != Errc::TlsHandshakeTimeout && reason != Errc::TlsTruncated)
        return; // a clean close, a timeout or limit the engine enforces, the handler's own close
    const TlsSession* tls = conn.tls();
    if (tls && tls->failureCode() != 0 && reason != Errc::TlsHandshakeTimeout)
        errors_.add(tls->failureKind(), tls->failureCode());
    else // nothing from OpenSSL: the peer left mid-handshake, the handshake timed out, a truncation
        errors_.add(ErrorKind::Tls, -reason.value());
}

void EventLoop::recordEvent(EngineEvent::Kind kind, std::uint64_t connectionId, const SocketAddress& peer,
    std::error_code reason, std::string_view detail)
{
    assertInLoopThread();
    EventRecord* record = events_.next();
    if (!record)
        return;
    record->sequence = engine_->nextEventSequence();
    record->time = std::chrono::system_clock::now();
    record->kind = kind;
    record->connectionId = connectionId;
    record->set(peer, detail, reason);
}

void EventLoop::collectStats(const SnapshotRequest& request, std::uint64_t eventsUpTo, EngineSnapshot& out,
    std::uint64_t& eventsDropped) const
{
    assertInLoopThread();
    if (request.connections && index_ >= 0) {
        for (const Connection* conn : slots_) {
            if (!conn || (conn->isDatagram() && !conn->isConnectedDatagram()))
                continue; // a server's UDP socket is a listener, not a connection
            if (conn->state() == Connection::State::Handshaking)
                continue; // in its TLS handshake: not a connection of the handler's yet
            ConnectionStats& c = out.connections.emplace_back();
            c.id = conn->id();
            c.loop = index_;
            c.network = conn->network();
            c.state = publicState(conn->state());
            c.client = conn->isClient();
            c.readingPaused = conn->readingStopped();
            c.local = conn->localAddr();
            c.remote = conn->remoteAddr();
            c.opened = conn->openedAt();
            c.bytesIn = conn->bytesIn();
            c.bytesOut = conn->bytesOut();
            c.inboundBuffered = conn->inboundBuffered();
            c.outboundSpilled = conn->outboundSpilled();
            c.outboundRing = conn->outboundBuffered() - c.outboundSpilled;
            c.outboundRingCapacity = conn->outboundRingCapacity();
            c.highWater = engine_->outputHighWater();
            c.highWaterHits = conn->highWaterHits();
            if (conn->tls()) // handshake done (Handshaking ones are skipped above)
                c.tls = tlsDetails(*conn->tls());
        }
    }
    eventsDropped += events_.dropped();
    if (!request.events)
        return;
    events_.forEach([&](const EventRecord& record) {
        if (record.sequence <= request.eventsAfter || record.sequence > eventsUpTo)
            return;
        EngineEvent& e = out.events.emplace_back();
        e.sequence = record.sequence;
        e.time = record.time;
        e.kind = record.kind;
        e.loop = index_;
        e.connectionId = record.connectionId;
        e.peer = record.peer();
        const std::error_code reason = record.reason();
        if (!record.detail().empty())
            e.reason = std::string(record.detail()) + (reason ? ": " + reason.message() : std::string());
        else if (reason)
            e.reason = reason.message();
    });
}

} // namespace qgnet::detail
