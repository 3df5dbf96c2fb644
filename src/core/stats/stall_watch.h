// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <time.h>

#include <cstddef>
#include <cstdint>

#include "qgnet/stats.h"

namespace qgnet::detail {

/// stallLogCapacity is the number of stalled iterations each loop keeps (LoopStall, 56 bytes each):
/// stalls are rare, a snapshot a second reads them, and 64 cover a minute of one stall a second.
inline constexpr std::size_t stallLogCapacity = 64;

/// StallWatch remembers which callback ran longest in the current loop iteration, so that a stalled
/// iteration (longer than Options::stallThreshold) can name it in the stall log (LoopStall). Loop
/// thread only. Every callback is timed, stalled iteration or not, because nobody knows in advance
/// which iteration will stall; so the timing must cost next to nothing on the path that does not
/// stall. It reads CLOCK_MONOTONIC_COARSE, which the vDSO answers from the last timer tick without
/// touching the TSC: about 12 ns a read on the 2-core build VM, where steady_clock costs 63 ns
/// (/tmp micro-benchmark, 10^7 reads each). Its resolution is a tick (clock_getres: 4 ms here), fine
/// for stalls of Options::stallThreshold (25 ms by default) and more: a callback that makes an
/// iteration stall spans ticks. A short callback reads 0 (or one tick when it crosses one).
class StallWatch {
public:
    /// now is the coarse clock in nanoseconds.
    static std::int64_t now() noexcept
    {
        timespec ts;
        ::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
        return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }

    /// Scope times one callback from its construction to its destruction. Its own time is what it
    /// ran less the scopes nested in it (a timer that closes a connection: onClose gets its own
    /// time, the timer the rest), so the log names the innermost culprit.
    class Scope {
    public:
        Scope(StallWatch& watch, StallCallback kind, std::uint64_t connectionId) noexcept
            : watch_(watch)
            , start_(now())
            , outerNested_(watch.nested_)
            , connectionId_(connectionId)
            , kind_(kind)
        {
            watch.nested_ = 0;
        }
        ~Scope()
        {
            const std::int64_t total = now() - start_;
            const std::int64_t own = total - watch_.nested_;
            if (own > watch_.longest_) {
                watch_.longest_ = own;
                watch_.kind_ = kind_;
                watch_.connectionId_ = connectionId_;
            }
            watch_.nested_ = outerNested_ + total;
        }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        StallWatch& watch_;
        std::int64_t start_;
        std::int64_t outerNested_;
        std::uint64_t connectionId_;
        StallCallback kind_;
    };

    /// longest is the own time of the longest callback of the iteration (ns; 0: none measured longer
    /// than 0), kind and connectionId what it was.
    std::int64_t longest() const noexcept { return longest_; }
    StallCallback kind() const noexcept { return kind_; }
    std::uint64_t connectionId() const noexcept { return connectionId_; }

    /// reset starts a new iteration.
    void reset() noexcept
    {
        longest_ = 0;
        nested_ = 0;
        kind_ = StallCallback::None;
        connectionId_ = 0;
    }

private:
    std::int64_t longest_ = 0;
    std::int64_t nested_ = 0; // time of the scopes nested in the current one (top level: of the iteration)
    std::uint64_t connectionId_ = 0;
    StallCallback kind_ = StallCallback::None;
};

} // namespace qgnet::detail
