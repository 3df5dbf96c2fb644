// SPDX-License-Identifier: Apache-2.0
// Engine snapshots: each loop (and the acceptor) copies its own part on its own thread, in a task;
// the last one to answer assembles the snapshot and hands it over. No loop ever waits for another,
// and nothing is collected while nobody asks.
#include <algorithm>
#include <future>
#include <mutex>

#include "engine_core.h"
#include "event_loop.h"
#include "qgnet/error.h"
#include "stats/error_names.h"

namespace qgnet {

std::string_view toString(ConnectionState state) noexcept
{
    switch (state) {
    case ConnectionState::Connecting: return "connecting";
    case ConnectionState::Open: return "open";
    case ConnectionState::Draining: return "draining";
    case ConnectionState::Closed: return "closed";
    }
    return "?";
}

std::string_view toString(EngineEvent::Kind kind) noexcept
{
    switch (kind) {
    case EngineEvent::Kind::Opened: return "opened";
    case EngineEvent::Kind::Closed: return "closed";
    case EngineEvent::Kind::Error: return "error";
    }
    return "?";
}

namespace detail {

namespace {

// SnapshotJob gathers the parts; the loops add theirs under its mutex (a snapshot is rare and
// off the hot path, so a lock here costs nobody anything).
struct SnapshotJob {
    SnapshotRequest request;
    // Events are numbered engine-wide but each loop copies its log at its own moment, so a later
    // number from one loop could be copied while an earlier one of another loop is not yet: cut the
    // snapshot at the last number handed out before it started. Every event up to that number was
    // already in its loop's log when the loop ran its task, so reading "after the newest one seen"
    // never skips an event.
    std::uint64_t eventsUpTo = 0;
    std::uint64_t stallsUpTo = 0; // the same cut for the stall log
    std::function<void(EngineSnapshot)> done;
    std::mutex mutex;
    EngineSnapshot snapshot;
    std::uint64_t eventsDropped = 0;
    std::vector<ErrorCount> acceptorErrors; // the acceptor is not among snapshot.loops
    std::uint64_t errorsUnlisted = 0;
    int remaining = 0;

    void addPart(EngineSnapshot&& part, std::uint64_t dropped, const LoopStats* loop)
    {
        bool last;
        {
            std::lock_guard lock(mutex);
            if (loop)
                snapshot.loops.push_back(*loop);
            std::move(part.connections.begin(), part.connections.end(), std::back_inserter(snapshot.connections));
            std::move(part.events.begin(), part.events.end(), std::back_inserter(snapshot.events));
            std::move(part.decisions.begin(), part.decisions.end(), std::back_inserter(snapshot.decisions));
            std::move(part.timelines.begin(), part.timelines.end(), std::back_inserter(snapshot.timelines));
            snapshot.decisionsDropped += part.decisionsDropped;
            std::move(part.stalls.begin(), part.stalls.end(), std::back_inserter(snapshot.stalls));
            snapshot.stallsDropped += part.stallsDropped;
            eventsDropped += dropped;
            last = --remaining == 0;
        }
        if (last)
            finish();
    }

    void finish()
    {
        auto byIndex = [](const LoopStats& a, const LoopStats& b) { return a.index < b.index; };
        std::sort(snapshot.loops.begin(), snapshot.loops.end(), byIndex);
        std::sort(snapshot.connections.begin(), snapshot.connections.end(),
            [](const ConnectionStats& a, const ConnectionStats& b) { return a.id < b.id; });
        std::sort(snapshot.events.begin(), snapshot.events.end(),
            [](const EngineEvent& a, const EngineEvent& b) { return a.sequence < b.sequence; });
        std::sort(snapshot.timelines.begin(), snapshot.timelines.end(),
            [](const ConnectionTimeline& a, const ConnectionTimeline& b) { return a.id < b.id; });
        std::sort(snapshot.stalls.begin(), snapshot.stalls.end(),
            [](const LoopStall& a, const LoopStall& b) { return a.sequence < b.sequence; });
        snapshot.eventsDropped = eventsDropped;
        snapshot.errors = std::move(acceptorErrors);
        for (const LoopStats& loop : snapshot.loops)
            mergeErrors(snapshot.errors, loop.errors);
        sortErrors(snapshot.errors);
        snapshot.errorsUnlisted = errorsUnlisted;
        snapshot.taken = std::chrono::steady_clock::now();
        snapshot.wallTime = std::chrono::system_clock::now();
        done(std::move(snapshot));
    }
};

} // namespace

void EngineCore::recordDecision(LoadBalancing policy, const SocketAddress& peer, std::size_t chosen)
{
    if (decisions_)
        decisions_->record(policy, peer, chosen, counts_);
}

void EngineCore::collectDecisions(const SnapshotRequest& request, EngineSnapshot& out) const
{
    if (!decisions_)
        return; // no acceptor, no balancing: reuseport or a single loop
    out.decisionsDropped = decisions_->dropped();
    if (request.decisions)
        decisions_->collect(request.decisionsAfter, out.decisions);
}

std::error_code EngineCore::snapshotAsync(const SnapshotRequest& request, std::function<void(EngineSnapshot)> done)
{
    if (!done)
        return std::make_error_code(std::errc::invalid_argument);
    if (stopRequested())
        return Errc::EngineStopped;
    auto job = std::make_shared<SnapshotJob>();
    job->request = request;
    job->eventsUpTo = eventSequence_.load();
    job->stallsUpTo = stallSequence_.load();
    job->done = std::move(done);
    job->snapshot.started = started_;
    job->snapshot.policy = config_.options.lb;
    job->snapshot.reusePort = config_.options.reusePort;
    job->snapshot.listenUrls = listenUrls();
    job->snapshot.truncatedDatagrams = truncatedDatagrams();
    job->snapshot.refusedConnections = refusedConnections();
    job->snapshot.memoryBudget = config_.options.memoryBudget;
    job->snapshot.bufferedBytes = memoryBudget_.held();
    // Listeners from here, not from their loops: the kernel's queue figures and the probes' counters
    // are readable on any thread, and a loop held by its handler (whose queue is the one that fills)
    // then still shows them as they are now.
    job->snapshot.listeners = collectListeners();
    for (const auto& loop : loops_)
        job->errorsUnlisted += loop->errorTable().unlisted();
    if (acceptor_) {
        job->acceptorErrors = errorCounts(acceptor_->errorTable());
        job->errorsUnlisted += acceptor_->errorTable().unlisted();
    }
    job->snapshot.stallThreshold = config_.options.stallThreshold;
    job->remaining = static_cast<int>(loops_.size()) + (acceptor_ ? 1 : 0);
    // Hold one extra count while posting, so that no part can finish the job before every task is out.
    ++job->remaining;

    for (auto& loop : loops_) {
        EventLoop* l = loop.get();
        const auto pushed = l->post([job, l](bool run) {
            EngineSnapshot part;
            std::uint64_t dropped = 0;
            if (run) {
                l->collectStats(job->request, job->eventsUpTo, part, dropped);
                l->collectTimelines(job->request, part);
                l->collectStalls(job->request, job->stallsUpTo, part);
            }
            const LoopStats stats = l->loopStats();
            job->addPart(std::move(part), dropped, &stats);
        });
        if (pushed != Mailbox::Push::Queued) { // full or stopping: the counters alone still tell a lot
            const LoopStats stats = l->loopStats();
            job->addPart({}, 0, &stats);
        }
    }
    if (acceptor_) {
        EventLoop* a = acceptor_.get();
        const auto pushed = a->post([job, a, this](bool run) {
            EngineSnapshot part;
            std::uint64_t dropped = 0;
            if (run) {
                collectDecisions(job->request, part);
                a->collectStats(job->request, job->eventsUpTo, part, dropped);
            }
            job->addPart(std::move(part), dropped, nullptr);
        });
        if (pushed != Mailbox::Push::Queued)
            job->addPart({}, 0, nullptr);
    }
    job->addPart({}, 0, nullptr); // release the posting count
    return {};
}

} // namespace detail

EngineSnapshot Engine::snapshot(const SnapshotRequest& request) const
{
    if (!core_)
        throw Error(Errc::EngineStopped, "Engine::snapshot: empty engine handle");
    if (core_->isLoopThread())
        throw Error(Errc::UnsupportedOperation,
            "Engine::snapshot called on one of the engine's own loop threads; use snapshotAsync");
    // Shared, so the answering loop never touches a promise that this thread has already left behind.
    auto promise = std::make_shared<std::promise<EngineSnapshot>>();
    auto future = promise->get_future();
    if (auto ec = core_->snapshotAsync(request, [promise](EngineSnapshot s) { promise->set_value(std::move(s)); }))
        throw Error(ec, "Engine::snapshot failed");
    return future.get();
}

std::error_code Engine::snapshotAsync(const SnapshotRequest& request, std::function<void(EngineSnapshot)> done) const
{
    if (!core_)
        return Errc::EngineStopped;
    return core_->snapshotAsync(request, std::move(done));
}

Backend Engine::backend() const noexcept { return core_ ? core_->backend() : Backend::Epoll; }

} // namespace qgnet
