// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace qgnet::detail {

/// ScratchArena is a loop's memory for views that must be contiguous but are not in one buffer (a
/// peek that straddles the inbound ring and the fresh read, or the ring's wrap point): one reusable
/// block sized to the largest request seen, plus overflow blocks that live until the end of the
/// callback (a callback that peeks several straddling views). Loop thread only.
class ScratchArena {
public:
    /// take returns n bytes that stay valid until reset().
    std::byte* take(std::size_t n);
    /// reset ends the callback's use of the arena. Inline: most callbacks took nothing.
    void reset() noexcept
    {
        if (used_ != 0 || !overflow_.empty()) {
            used_ = 0;
            overflow_.clear();
        }
    }

private:
    std::unique_ptr<std::byte[]> block_;
    std::size_t size_ = 0;
    std::size_t used_ = 0;
    std::vector<std::unique_ptr<std::byte[]>> overflow_;
};

} // namespace qgnet::detail
