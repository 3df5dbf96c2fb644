// SPDX-License-Identifier: Apache-2.0
#include "stats/timeline_log.h"

namespace qgnet {

std::string_view toString(TimelineEntry::Kind kind) noexcept
{
    switch (kind) {
    case TimelineEntry::Kind::Watched: return "watched";
    case TimelineEntry::Kind::Opened: return "opened";
    case TimelineEntry::Kind::TlsHandshakeDone: return "tls-handshake";
    case TimelineEntry::Kind::Traffic: return "traffic";
    case TimelineEntry::Kind::HighWater: return "high-water";
    case TimelineEntry::Kind::LowWater: return "low-water";
    case TimelineEntry::Kind::ReadPaused: return "read-paused";
    case TimelineEntry::Kind::ReadResumed: return "read-resumed";
    case TimelineEntry::Kind::Timeout: return "timeout";
    case TimelineEntry::Kind::Closed: return "closed";
    }
    return "?";
}

std::string_view toString(TimelineEntry::Cause cause) noexcept
{
    switch (cause) {
    case TimelineEntry::Cause::None: return "";
    case TimelineEntry::Cause::User: return "user";
    case TimelineEntry::Cause::MemoryBudget: return "memory-budget";
    }
    return "?";
}

namespace detail {

TimelineLog::TimelineLog(std::uint64_t id, int loop, Clock::time_point now)
    : id_(id)
    , loop_(loop)
    , steadyBase_(now)
    , wallBase_(std::chrono::system_clock::now())
{
}

std::chrono::system_clock::time_point TimelineLog::wallTime(Clock::time_point at) const noexcept
{
    return wallBase_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(at - steadyBase_);
}

TimelineEntry& TimelineLog::push(TimelineEntry::Kind kind, std::chrono::system_clock::time_point time)
{
    if (entries_.size() == kTimelineCapacity) {
        entries_.pop_front();
        ++dropped_;
    }
    TimelineEntry& e = entries_.emplace_back();
    e.sequence = ++sequence_;
    e.time = time;
    e.kind = kind;
    windowOpen_ = false;
    return e;
}

void TimelineLog::add(TimelineEntry::Kind kind, Clock::time_point at, TimelineEntry::Cause cause,
    std::string_view detail)
{
    if (closed_)
        return;
    TimelineEntry& e = push(kind, wallTime(at));
    e.cause = cause;
    e.detail = std::string(detail);
}

void TimelineLog::addAt(TimelineEntry::Kind kind, std::chrono::system_clock::time_point at, std::string_view detail)
{
    if (closed_)
        return;
    push(kind, at).detail = std::string(detail);
}

void TimelineLog::traffic(Clock::time_point at, std::uint64_t bytesIn, std::uint64_t bytesOut)
{
    if (closed_)
        return;
    if (!windowOpen_ || at >= windowEnd_) {
        // Windows are aligned on the moment watching began, so that the entries of one timeline
        // tile its time: 0-100 ms, 100-200 ms… after it.
        const auto windows = (at - steadyBase_) / kTimelineWindow;
        const Clock::time_point begin = steadyBase_ + windows * kTimelineWindow;
        push(TimelineEntry::Kind::Traffic, wallTime(begin));
        windowEnd_ = begin + kTimelineWindow;
        windowOpen_ = true;
    }
    TimelineEntry& e = entries_.back();
    if (bytesIn > 0) {
        ++e.reads;
        e.bytesIn += bytesIn;
    }
    if (bytesOut > 0) {
        ++e.writes;
        e.bytesOut += bytesOut;
    }
}

void TimelineLog::close(Clock::time_point at, std::string_view reason)
{
    add(TimelineEntry::Kind::Closed, at, TimelineEntry::Cause::None, reason);
    closed_ = true;
}

void TimelineLog::collect(ConnectionTimeline& out) const
{
    out.id = id_;
    out.loop = loop_;
    out.closed = closed_;
    out.dropped = dropped_;
    out.entries.assign(entries_.begin(), entries_.end());
}

} // namespace detail
} // namespace qgnet
