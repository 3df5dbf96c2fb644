// SPDX-License-Identifier: Apache-2.0
// The stall detector's log: each loop keeps its last stallLogCapacity stalled iterations (LoopStall),
// numbered engine-wide like the event log, and a snapshot copies the new ones on the loop's thread.
// Writing happens only when an iteration has stalled, so the path that does not stall pays nothing
// here (the callback timing is StallWatch's, stall_watch.h).
#include <algorithm>

#include "engine_core.h"
#include "event_loop.h"

namespace qgnet {

std::string_view toString(StallCallback kind) noexcept
{
    switch (kind) {
    case StallCallback::None: return "";
    case StallCallback::OnOpen: return "onOpen";
    case StallCallback::OnTraffic: return "onTraffic";
    case StallCallback::OnClose: return "onClose";
    case StallCallback::OnTick: return "onTick";
    case StallCallback::Task: return "task";
    case StallCallback::Timer: return "timer";
    case StallCallback::TlsHandshake: return "TLS handshake";
    }
    return "";
}

namespace detail {

void EventLoop::recordStall(std::chrono::nanoseconds busy)
{
    LoopStall* entry = stalls_.next();
    if (!entry)
        return; // the acceptor
    entry->sequence = engine_->nextStallSequence();
    entry->time = std::chrono::system_clock::now();
    entry->loop = index_;
    entry->iteration = busy;
    entry->callback = stallWatch_.kind();
    // The coarse clock counts whole ticks: a callback can read a little longer than the iteration
    // that holds it, which the precise clock measured.
    entry->callbackTime = std::min(std::chrono::nanoseconds(stallWatch_.longest()), busy);
    entry->connectionId = stallWatch_.connectionId();
}

void EventLoop::collectStalls(const SnapshotRequest& request, std::uint64_t upTo, EngineSnapshot& out) const
{
    assertInLoopThread();
    out.stallsDropped += stalls_.dropped();
    if (!request.stalls)
        return;
    stalls_.forEach([&](const LoopStall& stall) {
        if (stall.sequence > request.stallsAfter && stall.sequence <= upTo)
            out.stalls.push_back(stall);
    });
}

} // namespace detail

} // namespace qgnet
