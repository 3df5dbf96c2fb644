// SPDX-License-Identifier: Apache-2.0
//
// The soak client's randomness. Every connection index owns two streams, both derived from the run
// seed and the index only, so a failure reported as (seed, connection, offset) can be replayed:
//  - the byte stream it sends: byte `offset` is a pure function of (seed, index, offset), so the
//    client checks an echo without keeping a copy of what it sent, and data that arrives on the wrong
//    connection or at the wrong offset does not match;
//  - a PRNG for its decisions (message sizes, pauses, reconnects), drawn in the same order whatever
//    the timing, so a replay makes the same decisions at the same stream offsets.
#pragma once

#include <cstddef>
#include <cstdint>

namespace qgnet_soak {

// splitmix64's finaliser: a good 64-bit mix, one multiply-xorshift chain per 8 stream bytes.
inline std::uint64_t mix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The decision PRNG of one connection (splitmix64).
class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t index) : state_(mix64(seed ^ mix64(index ^ 0x5eedULL))) {}
    std::uint64_t next()
    {
        state_ += 0x9e3779b97f4a7c15ULL;
        return mix64(state_ - 0x9e3779b97f4a7c15ULL);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    std::uint64_t state_;
};

// The byte stream of one connection index.
class ByteStream {
public:
    ByteStream(std::uint64_t seed, std::uint64_t index) : key_(mix64(seed) ^ mix64(~index)) {}

    // Writes stream bytes [offset, offset + length) to out.
    void fill(std::uint64_t offset, unsigned char* out, std::size_t length) const
    {
        for (std::size_t i = 0; i < length;) {
            const std::uint64_t at = offset + i;
            const std::uint64_t word = mix64(key_ + (at >> 3));
            for (unsigned b = at & 7; b < 8 && i < length; ++b, ++i)
                out[i] = static_cast<unsigned char>(word >> (8 * b));
        }
    }

private:
    std::uint64_t key_;
};

} // namespace qgnet_soak
