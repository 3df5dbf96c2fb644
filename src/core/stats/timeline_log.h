// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "qgnet/timeline.h"
#include "timer_queue.h"

namespace qgnet::detail {

/// TimelineLog is one watched connection's timeline on its loop (qgnet/timeline.h): the newest
/// kTimelineCapacity entries, reads and writes coalesced into one Traffic entry per kTimelineWindow
/// of the loop's clock. It exists only while someone watches the connection (EventLoop::watch), so
/// it may allocate per entry; the loop's thread is its only user.
///
/// Times come from the loop's steady clock (EventLoop::now, read once per iteration, so recording
/// costs no clock read) and are turned into wall-clock times through the pair read when watching began.
class TimelineLog {
public:
    TimelineLog(std::uint64_t id, int loop, Clock::time_point now);

    std::uint64_t id() const noexcept { return id_; }
    /// add appends an entry of kind at the loop time `at`.
    void add(TimelineEntry::Kind kind, Clock::time_point at, TimelineEntry::Cause cause = TimelineEntry::Cause::None,
        std::string_view detail = {});
    /// addAt appends an entry at a wall-clock time (what happened before watching began).
    void addAt(TimelineEntry::Kind kind, std::chrono::system_clock::time_point at, std::string_view detail = {});
    /// traffic adds one receive (bytesIn > 0) or send (bytesOut > 0) to the window holding `at`.
    void traffic(Clock::time_point at, std::uint64_t bytesIn, std::uint64_t bytesOut);
    /// close appends Closed with the reason; nothing follows it.
    void close(Clock::time_point at, std::string_view reason);
    bool closed() const noexcept { return closed_; }
    /// collect copies the timeline into out (id, loop, entries, dropped).
    void collect(ConnectionTimeline& out) const;

private:
    TimelineEntry& push(TimelineEntry::Kind kind, std::chrono::system_clock::time_point time);
    std::chrono::system_clock::time_point wallTime(Clock::time_point at) const noexcept;

    std::uint64_t id_;
    int loop_;
    Clock::time_point steadyBase_;
    std::chrono::system_clock::time_point wallBase_;
    std::deque<TimelineEntry> entries_;
    std::uint64_t sequence_ = 0;
    std::uint64_t dropped_ = 0;
    // The window the newest Traffic entry counts, while that entry is the newest one: an event in
    // between starts a new window, so the order of entries stays the order of what happened.
    Clock::time_point windowEnd_{};
    bool windowOpen_ = false;
    bool closed_ = false;
};

} // namespace qgnet::detail
