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
///
/// The numbers come from the endpoint, which may lie (a remote feed): every step is a merge of sorted
/// lists or a binary search, so one snapshot of n entries costs O(n log n) whatever the numbers,
/// never a product of the gaps and the ranges already known (a snapshot with 2^20 entries, every
/// other number missing, would otherwise keep the GUI thread busy for hours). The state is bounded
/// by the last two snapshots: a gap is either filled or lost one snapshot later.
class LogCursor {
public:
    /// after is what to pass as SnapshotRequest::decisionsAfter / eventsAfter.
    std::uint64_t after() const noexcept { return confirmed_; }
    /// steps is the work done so far, for tests of the bound above: one per entry, per number
    /// delivered and per range visited (a binary search counts as one).
    std::uint64_t steps() const noexcept { return steps_; }

    /// accept keeps the entries of a snapshot (any order) that were not delivered before, oldest
    /// first, and moves the cursor on.
    template <typename Entry>
    std::vector<Entry> accept(const std::vector<Entry>& entries)
    {
        std::vector<Entry> fresh;
        for (const Entry& e : entries) {
            ++steps_;
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
    using Ranges = std::vector<Range>;                     // sorted, disjoint

    // isLost searches the sorted, disjoint lost ranges: the last one starting at or below s.
    bool isLost(std::uint64_t s) const
    {
        const auto it = std::upper_bound(lost_.begin(), lost_.end(), s,
            [](std::uint64_t v, const Range& r) { return v < r.first; });
        return it != lost_.begin() && s <= std::prev(it)->second;
    }

    // settle finds the numbers missing below the highest one seen; those already missing last time
    // are lost, the others are suspects for one more round. Then the cursor advances.
    void settle()
    {
        // The gaps between the numbers seen, less what is lost already (one sweep of both lists).
        Ranges gaps;
        std::uint64_t previous = confirmed_;
        for (std::uint64_t s : seen_) {
            ++steps_;
            if (s > previous + 1)
                gaps.push_back({previous + 1, s - 1});
            previous = s;
        }
        gaps = subtract(gaps, lost_);
        // Missing now and at the last snapshot: lost (disjoint from lost_, as gaps are).
        const Ranges newlyLost = intersect(gaps, suspects_);
        const auto middle = lost_.insert(lost_.end(), newlyLost.begin(), newlyLost.end());
        std::inplace_merge(lost_.begin(), middle, lost_.end());
        steps_ += lost_.size();
        suspects_ = subtract(gaps, newlyLost);
        // Advance over everything delivered or lost (lost_ is sorted: only its front can follow).
        std::size_t passed = 0;
        for (;;) {
            ++steps_;
            if (!seen_.empty() && *seen_.begin() == confirmed_ + 1) {
                seen_.erase(seen_.begin());
                ++confirmed_;
            } else if (passed < lost_.size() && lost_[passed].first == confirmed_ + 1) {
                confirmed_ = lost_[passed++].second;
            } else {
                break;
            }
        }
        lost_.erase(lost_.begin(), lost_.begin() + static_cast<std::ptrdiff_t>(passed));
        while (!seen_.empty() && *seen_.begin() <= confirmed_) {
            ++steps_;
            seen_.erase(seen_.begin());
        }
    }

    // subtract is a minus b, both sorted and disjoint, in one sweep.
    Ranges subtract(const Ranges& a, const Ranges& b)
    {
        Ranges out;
        std::size_t j = 0;
        for (const Range& r : a) {
            std::uint64_t from = r.first;
            bool done = false;
            while (j < b.size() && b[j].second < from) {
                ++steps_;
                ++j;
            }
            for (std::size_t k = j; k < b.size() && b[k].first <= r.second; ++k) {
                ++steps_;
                if (b[k].first > from)
                    out.push_back({from, b[k].first - 1});
                if (b[k].second >= r.second) {
                    done = true;
                    break;
                }
                from = b[k].second + 1;
                j = k + 1;
            }
            ++steps_;
            if (!done)
                out.push_back({from, r.second});
        }
        return out;
    }

    // intersect is what a and b (sorted, disjoint) have in common, in one sweep.
    Ranges intersect(const Ranges& a, const Ranges& b)
    {
        Ranges out;
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < a.size() && j < b.size()) {
            ++steps_;
            const std::uint64_t lo = std::max(a[i].first, b[j].first);
            const std::uint64_t hi = std::min(a[i].second, b[j].second);
            if (lo <= hi)
                out.push_back({lo, hi});
            if (a[i].second < b[j].second)
                ++i;
            else
                ++j;
        }
        return out;
    }

    std::uint64_t confirmed_ = 0;  // every number <= this was delivered or is lost
    std::set<std::uint64_t> seen_; // delivered numbers above confirmed_
    Ranges suspects_;              // missing at the last snapshot
    Ranges lost_;                  // given up, above confirmed_
    std::uint64_t steps_ = 0;
};

} // namespace qgnet::qtdetail
