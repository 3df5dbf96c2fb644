// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>

namespace qgnet::detail {

class BufferPool;

/// MemoryReclaim gives a loop's memory back to the system once a burst of connections has gone.
/// Without it, what the burst used stays at its high-water mark for the life of the process: the
/// connections' objects in malloc's free lists (glibc returns little of a thread arena by itself) and
/// their buffers in the loop's BufferPool (gnet had to learn the same, #659/#662). Measured with
/// bench/run-many-conns.sh, 19,000 connections over 4 loops: 5.3 MB before, 23 MB after they all closed.
///
/// The loop reports each open and close; once many have closed since the last reclaim and at most half
/// of the peak is left, it schedules one reclaim a moment later (a burst closes over many iterations,
/// and one trim after it is cheaper than many during it). Loop thread only.
class MemoryReclaim {
public:
    /// A burst smaller than this is not worth a trim.
    static constexpr std::size_t kMinClosed = 256;
    /// Free blocks the pool keeps per size class after a reclaim: enough for the next few connections.
    static constexpr std::size_t kKeepBytesPerClass = 64 * 1024;
    /// Spare ConnBuffers (EventLoop::takeBuffers) the loop keeps after a reclaim, for the same reason;
    /// none when no connection is left: spares made all through a burst lie scattered over the loop
    /// thread's malloc arena and pin its pages (64 of them held ~140 KiB per loop after 19,000
    /// connections, bench/run-many-conns.sh).
    static constexpr std::size_t kKeepSpareBuffers = 64;

    /// opened notes that the loop now holds open connections.
    void opened(std::size_t open) noexcept
    {
        if (open > peak_)
            peak_ = open;
    }
    /// closed notes one closed connection, open being what is left; true when the loop should
    /// schedule run() (once: it stays false until that run).
    bool closed(std::size_t open) noexcept
    {
        ++closedSince_;
        if (scheduled_ || closedSince_ < kMinClosed || open * 2 > peak_)
            return false;
        scheduled_ = true;
        return true;
    }
    /// run trims the pool's free lists to kKeepBytesPerClass (to nothing when no connection is left)
    /// and hands malloc's free pages back to the system (glibc's malloc_trim, every arena); then a new
    /// burst is measured from open.
    void run(BufferPool& pool, std::size_t open) noexcept;

private:
    std::size_t peak_ = 0;
    std::size_t closedSince_ = 0;
    bool scheduled_ = false;
};

} // namespace qgnet::detail
