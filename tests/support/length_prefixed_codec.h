// SPDX-License-Identifier: Apache-2.0
// The length-prefixed codec of the tests: a frame is its payload's length as a 4-byte big-endian
// integer, then the payload. core.codec decodes it on a qgnet::Conn over real sockets; the fuzz target
// tests/fuzz/fuzz_codec.cpp checks it against a model under every split of its input. Header-only and
// qgnet-free: the reader is a template parameter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "qgnet_test_support.h"

namespace qgnet_test {

/// kFrameHeader is the size of a frame's length prefix.
inline constexpr std::size_t kFrameHeader = 4;

/// FrameDecode is why decodeFrames returned: NeedMore (what is buffered is empty or a partial
/// frame, which stays buffered), TooLong (a header announced more than the payload limit: the stream
/// is refused as soon as the 4 header bytes are in, before any of the payload is waited for),
/// ReaderBroken (the reader gave fewer bytes than it said it held), Stopped (onFrame said stop).
enum class FrameDecode { NeedMore, TooLong, ReaderBroken, Stopped };

/// decodeFrames hands every complete frame buffered in reader to onFrame(payload) -> bool (false:
/// stop), in order, and consumes it. Reader is anything with qgnet::Conn's reader calls, under its
/// contract: peek(n) (empty when fewer than n are buffered), discard(n), next(n) and
/// inboundBuffered(); a view is valid until the next reader call, so onFrame must not keep payload.
template <typename Reader, typename OnFrame>
FrameDecode decodeFrames(Reader& reader, std::size_t maxPayload, OnFrame&& onFrame)
{
    for (;;) {
        const auto header = reader.peek(kFrameHeader);
        if (header.empty())
            return reader.inboundBuffered() >= kFrameHeader ? FrameDecode::ReaderBroken : FrameDecode::NeedMore;
        if (header.size() != kFrameHeader)
            return FrameDecode::ReaderBroken;
        const std::uint32_t length = getBe32(header.data());
        if (length > maxPayload)
            return FrameDecode::TooLong; // an untrusted length: never wait for (or buffer) its payload
        if (reader.inboundBuffered() < kFrameHeader + length)
            return FrameDecode::NeedMore;
        if (reader.discard(kFrameHeader) != kFrameHeader)
            return FrameDecode::ReaderBroken;
        const auto payload = reader.next(length);
        if (payload.size() != length)
            return FrameDecode::ReaderBroken;
        if (!onFrame(payload))
            return FrameDecode::Stopped;
    }
}

/// appendFrame appends payload to wire as one frame (payload.size() must fit 32 bits).
inline void appendFrame(std::vector<std::byte>& wire, ConstBytes payload)
{
    std::byte header[kFrameHeader];
    putBe32(header, static_cast<std::uint32_t>(payload.size()));
    wire.insert(wire.end(), header, header + kFrameHeader);
    wire.insert(wire.end(), payload.begin(), payload.end());
}

/// encodeFrames is the wire form of payloads; headerOffsets (if given) gets where each frame starts.
inline std::vector<std::byte> encodeFrames(const std::vector<std::vector<std::byte>>& payloads,
    std::vector<std::size_t>* headerOffsets = nullptr)
{
    std::vector<std::byte> wire;
    for (const auto& p : payloads) {
        if (headerOffsets)
            headerOffsets->push_back(wire.size());
        appendFrame(wire, p);
    }
    return wire;
}

} // namespace qgnet_test
