// SPDX-License-Identifier: Apache-2.0
// The length-prefixed codec of the tests: frames of a 4-byte big-endian length and a payload; the
// server answers each frame with [length][FNV-1a-64 of the payload][payload] in one writev. The
// handler is written on peek/discard/next/inboundBuffered, so a frame (or a header) cut across reads
// stays buffered until it is whole. Used by core.codec and core.fault_proxy.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <qgnet/qgnet.h>

#include "qgnet_test_support.h"
#include "test_handlers.h"

namespace qgnet_test {

constexpr std::size_t kHeader = 4;
constexpr std::size_t kReplyHeader = 4 + 8;
constexpr std::size_t kMinPayload = 16;
constexpr std::size_t kMaxPayload = 1024 * 1024;

/// CodecHandler decodes every complete frame and answers it; a length over kMaxPayload (an untrusted
/// length) or an API that breaks its promise counts a protocolError and closes the connection.
class CodecHandler : public RecordingHandler {
public:
    std::atomic<int> frames{0};
    std::atomic<int> protocolErrors{0};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        for (;;) {
            const qgnet::Bytes header = c.peek(kHeader);
            if (header.empty()) {
                if (c.inboundBuffered() >= kHeader) {
                    ++protocolErrors; // peek(n) must succeed when n bytes are buffered
                    return qgnet::Action::Close;
                }
                break;
            }
            if (header.size() != kHeader) {
                ++protocolErrors;
                return qgnet::Action::Close;
            }
            const std::uint32_t len = getBe32(header.data());
            if (len > kMaxPayload) {
                ++protocolErrors;
                return qgnet::Action::Close;
            }
            if (c.inboundBuffered() < kHeader + len)
                break; // a partial frame stays buffered until the rest arrives
            if (c.discard(kHeader) != kHeader) {
                ++protocolErrors;
                return qgnet::Action::Close;
            }
            const qgnet::Bytes payload = c.next(len);
            if (payload.size() != len) {
                ++protocolErrors;
                return qgnet::Action::Close;
            }
            std::array<std::byte, kReplyHeader> head{};
            putBe32(head.data(), len);
            putBe64(head.data() + 4, fnv1a64(payload));
            const std::array<qgnet::Bytes, 2> parts{qgnet::Bytes(head), payload};
            if (c.writev(parts)) {
                ++writeErrors;
                return qgnet::Action::Close;
            }
            ++frames;
        }
        return qgnet::Action::None;
    }
};

/// encodeFrames is the wire form of payloads; headerOffsets (if given) gets where each frame starts.
inline std::vector<std::byte> encodeFrames(const std::vector<std::vector<std::byte>>& payloads,
    std::vector<std::size_t>* headerOffsets = nullptr)
{
    std::vector<std::byte> wire;
    for (const auto& p : payloads) {
        if (headerOffsets)
            headerOffsets->push_back(wire.size());
        std::byte h[kHeader];
        putBe32(h, static_cast<std::uint32_t>(p.size()));
        wire.insert(wire.end(), h, h + kHeader);
        wire.insert(wire.end(), p.begin(), p.end());
    }
    return wire;
}

/// replySize is the number of bytes the server answers payloads with.
inline std::size_t replySize(const std::vector<std::vector<std::byte>>& payloads)
{
    std::size_t n = 0;
    for (const auto& p : payloads)
        n += kReplyHeader + p.size();
    return n;
}

/// checkReplies checks the answers to payloads, in order ("" when all are right, else the first fault).
inline std::string checkReplies(const std::vector<std::vector<std::byte>>& payloads,
    const std::vector<std::byte>& replies)
{
    if (replies.size() != replySize(payloads))
        return "replies are " + std::to_string(replies.size()) + " bytes, not " + std::to_string(replySize(payloads));
    std::size_t at = 0;
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        const auto& p = payloads[i];
        const std::string where = "frame " + std::to_string(i) + " (" + std::to_string(p.size()) + " bytes): ";
        const std::uint32_t len = getBe32(replies.data() + at);
        if (len != p.size())
            return where + "reply length " + std::to_string(len);
        if (getBe64(replies.data() + at + 4) != fnv1a64(p))
            return where + "server-side checksum differs";
        const std::string mismatch = firstMismatch(p, ConstBytes(replies.data() + at + kReplyHeader, len));
        if (!mismatch.empty())
            return where + "payload " + mismatch;
        at += kReplyHeader + len;
    }
    return {};
}

} // namespace qgnet_test
