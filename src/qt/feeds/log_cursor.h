// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace qgnet::qtdetail {

/// LogCursor reads one of the engine's incremental logs (decisions, events) without losing or
/// repeating entries. A snapshot copies each loop's log at a slightly different moment while
/// sequence numbers are engine-wide, so a snapshot can hold entry 10 (loop A, copied late) and not
/// yet entry 9 (loop B, copied just before 9 was written). Asking next time for "after 10" would
/// skip 9 for ever. So the cursor asks after the highest number below which it has seen everything
/// (`after()`), drops entries it has already delivered, and gives a missing number one more
/// snapshot to show up before taking it as lost (pushed out of a bounded log; counted there as
/// dropped).
class LogCursor {
public:
    /// after is what to pass as SnapshotRequest::decisionsAfter / eventsAfter.
    std::uint64_t after() const noexcept { return confirmed_; }

    /// accept keeps the entries of a snapshot (any order) that were not delivered before, oldest
    /// first, and moves the cursor on.
    template <typename Entry>
    std::vector<Entry> accept(const std::vector<Entry>& entries)
    {
        std::vector<Entry> fresh;
        for (const Entry& e : entries) {
            if (e.sequence > confirmed_ && !isLost(e.sequence) && seen_.insert(e.sequence).second)
                fresh.push_back(e);
        }
        std::sort(fresh.begin(), fresh.end(), [](const Entry& a, const Entry& b) { return a.sequence < b.sequence; });
        settle();
        return fresh;
    }

    void reset()
    {
        confirmed_ = 0;
        seen_.clear();
        suspects_.clear();
        lost_.clear();
    }

private:
    using Range = std::pair<std::uint64_t, std::uint64_t>; // inclusive

    bool isLost(std::uint64_t s) const
    {
        return std::any_of(lost_.begin(), lost_.end(), [s](const Range& r) { return s >= r.first && s <= r.second; });
    }

    // settle finds the numbers missing below the highest one seen; those already missing last time
    // are lost, the others are suspects for one more round. Then the cursor advances.
    void settle()
    {
        std::vector<Range> gaps;
        std::uint64_t previous = confirmed_;
        for (std::uint64_t s : seen_) {
            if (s > previous + 1)
                subtractLost({previous + 1, s - 1}, gaps);
            previous = s;
        }
        std::vector<Range> suspects;
        for (const Range& g : gaps) {
            for (const Range& p : suspects_) {
                const std::uint64_t lo = std::max(g.first, p.first);
                const std::uint64_t hi = std::min(g.second, p.second);
                if (lo <= hi)
                    lost_.push_back({lo, hi});
            }
        }
        std::sort(lost_.begin(), lost_.end());
        for (const Range& g : gaps)
            subtractLost(g, suspects);
        suspects_ = std::move(suspects);
        // Advance over everything delivered or lost.
        for (;;) {
            if (!seen_.empty() && *seen_.begin() == confirmed_ + 1) {
                seen_.erase(seen_.begin());
                ++confirmed_;
                continue;
            }
            const auto it = std::find_if(lost_.begin(), lost_.end(),
                [this](const Range& r) { return r.first == confirmed_ + 1; });
            if (it != lost_.end()) {
                confirmed_ = it->second;
                continue;
            }
            break;
        }
        lost_.erase(std::remove_if(lost_.begin(), lost_.end(),
                        [this](const Range& r) { return r.second <= confirmed_; }),
            lost_.end());
        while (!seen_.empty() && *seen_.begin() <= confirmed_)
            seen_.erase(seen_.begin());
    }

    // subtractLost appends range minus the lost ranges to out.
    void subtractLost(Range range, std::vector<Range>& out) const
    {
        std::uint64_t from = range.first;
        for (const Range& l : lost_) { // sorted
            if (l.second < from || l.first > range.second)
                continue;
            if (l.first > from)
                out.push_back({from, l.first - 1});
            from = l.second + 1;
            if (from > range.second || from == 0)
                return;
        }
        if (from <= range.second)
            out.push_back({from, range.second});
    }

    std::uint64_t confirmed_ = 0;  // every number <= this was delivered or is lost
    std::set<std::uint64_t> seen_; // delivered numbers above confirmed_
    std::vector<Range> suspects_;  // missing at the last snapshot
    std::vector<Range> lost_;      // given up, above confirmed_ (sorted)
};

} // namespace qgnet::qtdetail
