// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

#include "outbound_buffer.h"
#include "ring_buffer.h"

namespace qgnet::detail {

/// ConnBuffers is the part of a connection that only a busy one needs: the inbound ring (bytes the
/// handler left unconsumed) and the outbound buffer (bytes the socket has not taken yet). Together
/// they are 120 bytes of bookkeeping that an idle connection, holding no data, does not need, so a
/// connection takes a ConnBuffers from its loop (EventLoop::takeBuffers) when a byte has to wait and
/// gives it back once both are empty. The loop keeps the returned ones for reuse, so a loop under
/// load (io_uring passes every write through here) does not call malloc per message, and trims them
/// with the rest of its memory after a burst (MemoryReclaim).
struct ConnBuffers {
    ConnBuffers(BufferPool& pool, std::size_t writeRing, bool fitRing) noexcept
        : inbound(pool)
        , outbound(pool, writeRing, fitRing)
    {
    }
    /// idle: no byte held and no memory either (the ring frees its storage only at release()).
    bool idle() const noexcept { return !inbound.holdsMemory() && outbound.empty(); }

    RingBuffer inbound;
    OutboundBuffer outbound;
};

} // namespace qgnet::detail
