// SPDX-License-Identifier: Apache-2.0
#include "buffer/memory_reclaim.h"

#include "buffer/buffer_pool.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace qgnet::detail {

void MemoryReclaim::run(BufferPool& pool, std::size_t open) noexcept
{
    pool.trim(open == 0 ? 0 : kKeepBytesPerClass); // no connection left: none to keep blocks warm for
#if defined(__GLIBC__)
    // Returns the free pages of every arena, not only the top of the main heap (glibc >= 2.8).
    // Costs a walk over the free chunks: fine once after a burst, never on the per-message path.
    ::malloc_trim(0);
#endif
    peak_ = open;
    closedSince_ = 0;
    scheduled_ = false;
}

} // namespace qgnet::detail
