// SPDX-License-Identifier: Apache-2.0
// The splits of an input stream into reads that the stream fuzz targets (request_parser, codec) try,
// so that "every split gives the same result" is checked the same way in each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace qgnet_fuzz {

/// NextRead gives the size of the next read (at least 1) given how many bytes were read so far.
using NextRead = std::function<std::size_t(std::size_t have)>;

/// Beyond these sizes the quadratic splits would slow the fuzzer (and the ctest replay, which also
/// runs every prefix of a corpus file) more than they find; longer streams get the generated reads.
inline constexpr std::size_t kAllCutsUpTo = 256;
inline constexpr std::size_t kByteByByteUpTo = 1024;

/// generatedReads gives reads of 1..64 bytes drawn from a xorshift generator seeded by seed (a byte
/// of the input, so that the fuzzer explores the cut points itself).
inline NextRead generatedReads(std::uint8_t seed)
{
    return [state = 0x9E3779B9u ^ (static_cast<std::uint32_t>(seed) * 0x01000193u)](std::size_t) mutable {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return std::size_t{1} + state % 64;
    };
}

/// forEachSplit calls run once per split of a stream of size bytes: generatedReads(seed); byte by
/// byte; and every cut into two reads. The whole stream in one read is the caller's reference.
inline void forEachSplit(std::size_t size, std::uint8_t seed, const std::function<void(const NextRead&)>& run)
{
    run(generatedReads(seed));
    if (size <= kByteByByteUpTo)
        run([](std::size_t) { return std::size_t{1}; });
    if (size <= kAllCutsUpTo)
        for (std::size_t cut = 1; cut < size; ++cut)
            run([cut, size](std::size_t have) { return have == 0 ? cut : size; });
}

} // namespace qgnet_fuzz
