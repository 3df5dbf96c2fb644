// SPDX-License-Identifier: Apache-2.0
#include "buffer/scratch_arena.h"

#include <algorithm>
#include <bit>

namespace qgnet::detail {

std::byte* ScratchArena::take(std::size_t n)
{
    if (used_ + n <= size_) {
        std::byte* p = block_.get() + used_;
        used_ += n;
        return p;
    }
    if (used_ == 0) {
        size_ = std::bit_ceil(std::max<std::size_t>(n, 4096));
        block_ = std::make_unique_for_overwrite<std::byte[]>(size_);
        used_ = n;
        return block_.get();
    }
    overflow_.push_back(std::make_unique_for_overwrite<std::byte[]>(n));
    return overflow_.back().get();
}

} // namespace qgnet::detail
