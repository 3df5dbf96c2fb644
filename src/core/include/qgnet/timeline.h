// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

// A connection's timeline: what happened to one connection, in order, recorded only while someone
// watches it (Engine::watchConnection). A connection nobody watches records nothing; the hot path
// pays one predictable branch on a flag in a cache line it touches anyway.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qgnet {

/// kTimelineCapacity is how many entries a watched connection keeps: the newest ones, the oldest
/// dropped first and counted (ConnectionTimeline::dropped).
inline constexpr std::size_t kTimelineCapacity = 256;
/// kMaxWatchedConnections is how many connections one engine watches at most at a time; one more
/// is refused with Errc::WatchLimit.
inline constexpr std::size_t kMaxWatchedConnections = 16;
/// kTimelineWindow is the width of a Traffic entry: the reads and writes of a connection in one
/// such window of the loop's clock are one entry with their counts and bytes.
inline constexpr std::chrono::milliseconds kTimelineWindow{100};

/// TimelineEntry is one step of a watched connection's life. Reads and writes are coalesced: one
/// Traffic entry per kTimelineWindow with the number of receive and send operations and their bytes
/// (what crossed the socket: ciphertext with TLS, as in ConnectionStats).
struct QGNET_EXPORT TimelineEntry {
    enum class Kind : std::uint8_t {
        Watched,          ///< Watching started here: traffic before it is not in the timeline.
        Opened,           ///< onOpen ran (at the connection's open time when watched later).
        TlsHandshakeDone, ///< The TLS handshake completed; `detail` names the protocol version.
        Traffic,          ///< Reads and writes of one window: reads, writes, bytesIn, bytesOut.
        HighWater,        ///< Pending output reached Options::outputHighWater (not writable).
        LowWater,         ///< Pending output fell to Options::outputLowWater (writable again).
        ReadPaused,       ///< Reading stopped; `cause` says who stopped it.
        ReadResumed,      ///< Reading resumed; `cause` says who had held it.
        Timeout,          ///< A timeout or deadline fired; `detail` says which.
        Closed,           ///< The connection closed; `detail` is the reason.
    };
    /// Cause says who paused or resumed reading.
    enum class Cause : std::uint8_t {
        None,         ///< Not a pause or resume.
        User,         ///< Conn::pauseRead / resumeRead (the Qt bridge's backpressure included).
        MemoryBudget, ///< Options::memoryBudget.
    };
    std::uint64_t sequence = 0;                 ///< 1, 2, 3… within this timeline.
    std::chrono::system_clock::time_point time; ///< When it happened; Traffic: when its window began.
    Kind kind = Kind::Watched;
    Cause cause = Cause::None;
    std::uint32_t reads = 0;   ///< Traffic: receive operations that returned data.
    std::uint32_t writes = 0;  ///< Traffic: send operations that took data.
    std::uint64_t bytesIn = 0; ///< Traffic: bytes received.
    std::uint64_t bytesOut = 0;
    std::string detail; ///< Closed / Timeout: the reason; TlsHandshakeDone: the protocol version.
};

/// toString names an entry kind ("watched", "opened", "tls-handshake", "traffic", "high-water",
/// "low-water", "read-paused", "read-resumed", "timeout", "closed").
QGNET_EXPORT std::string_view toString(TimelineEntry::Kind kind) noexcept;
/// toString names a pause cause ("", "user", "memory-budget").
QGNET_EXPORT std::string_view toString(TimelineEntry::Cause cause) noexcept;

/// ConnectionTimeline is a watched connection's timeline as a snapshot carries it (see
/// SnapshotRequest::timelines). It stays after the connection closed, ending in Closed, until the
/// connection is unwatched.
struct QGNET_EXPORT ConnectionTimeline {
    std::uint64_t id = 0; ///< The connection's id (ConnectionStats::id).
    int loop = 0;
    bool closed = false;                ///< The connection has closed; no entry will follow.
    std::vector<TimelineEntry> entries; ///< Oldest first, at most kTimelineCapacity.
    std::uint64_t dropped = 0;          ///< Entries pushed out by newer ones so far.
};

} // namespace qgnet
