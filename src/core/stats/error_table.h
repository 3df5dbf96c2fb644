// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "qgnet/stats.h"

namespace qgnet::detail {

/// ErrorTable counts one loop's errors by kind and code (ErrorKind; an errno, an OpenSSL error) in a
/// small fixed table: no allocation, no lock, no read-modify-write instruction. Only the loop's own
/// thread calls add(), so each slot is a relaxed load and store, as in LoopCounters; any thread may
/// read it (relaxed) for a snapshot. A storm hits the same few slots over and over: the linear scan
/// stops at the first slot, and 32 slots are far more than the kinds a loop meets (a full table
/// counts the rest in unlisted()).
class ErrorTable {
public:
    static constexpr int kSlots = 32;

    /// add counts one error of kind with code. Loop thread only.
    void add(ErrorKind kind, int code) noexcept
    {
        const std::uint64_t key = keyOf(kind, code);
        for (Slot& slot : slots_) {
            const std::uint64_t k = slot.key.load(std::memory_order_relaxed);
            if (k == key) {
                slot.count.store(slot.count.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
                return;
            }
            if (k == 0) { // the first free slot: this kind's from now on
                slot.count.store(1, std::memory_order_relaxed);
                slot.key.store(key, std::memory_order_release); // a reader that sees the key sees a count
                return;
            }
        }
        unlisted_.store(unlisted_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }

    /// forEach calls f(kind, code, count) for every slot in use. Any thread.
    template <typename F>
    void forEach(F&& f) const
    {
        for (const Slot& slot : slots_) {
            const std::uint64_t key = slot.key.load(std::memory_order_acquire);
            if (key == 0)
                return; // slots fill in order and are never freed
            f(static_cast<ErrorKind>((key >> 32) - 1), static_cast<int>(static_cast<std::uint32_t>(key)),
                slot.count.load(std::memory_order_relaxed));
        }
    }

    /// unlisted is how many errors found the table full. Any thread.
    std::uint64_t unlisted() const noexcept { return unlisted_.load(std::memory_order_relaxed); }

private:
    // The kind + 1 in the high half, so that 0 means a free slot; the code's 32 bits in the low half.
    static std::uint64_t keyOf(ErrorKind kind, int code) noexcept
    {
        return (static_cast<std::uint64_t>(kind) + 1) << 32 | static_cast<std::uint32_t>(code);
    }

    struct Slot {
        std::atomic<std::uint64_t> key{0};
        std::atomic<std::uint64_t> count{0};
    };
    std::array<Slot, kSlots> slots_{};
    std::atomic<std::uint64_t> unlisted_{0};
};

} // namespace qgnet::detail
