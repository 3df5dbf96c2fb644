// SPDX-License-Identifier: Apache-2.0
// The server side of the tests' length-prefixed codec (length_prefixed_codec.h): it answers each
// frame with [length][FNV-1a-64 of the payload][payload] in one writev, decoding with decodeFrames on
// the connection's peek/discard/next, so a frame (or a header) cut across reads stays buffered until
// it is whole. Used by core.codec and core.fault_proxy.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <qgnet/qgnet.h>

#include "length_prefixed_codec.h"
#include "qgnet_test_support.h"
#include "test_handlers.h"

namespace qgnet_test {

constexpr std::size_t kReplyHeader = 4 + 8;
constexpr std::size_t kMinPayload = 16;
constexpr std::size_t kMaxPayload = 1024 * 1024;

/// CodecHandler decodes every complete frame and answers it; a length over kMaxPayload (an untrusted
/// length) or a reader that breaks its contract counts a protocolError and closes the connection.
class CodecHandler : public RecordingHandler {
public:
    std::atomic<int> frames{0};
    std::atomic<int> protocolErrors{0};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        bool writeFailed = false;
        const FrameDecode why = decodeFrames(c, kMaxPayload, [&](qgnet::Bytes payload) {
            std::array<std::byte, kReplyHeader> head{};
            putBe32(head.data(), static_cast<std::uint32_t>(payload.size()));
            putBe64(head.data() + 4, fnv1a64(payload));
            const std::array<qgnet::Bytes, 2> parts{qgnet::Bytes(head), payload};
            if (c.writev(parts)) {
                writeFailed = true;
                return false;
            }
            ++frames;
            return true;
        });
        if (writeFailed) {
            ++writeErrors;
            return qgnet::Action::Close;
        }
        if (why != FrameDecode::NeedMore) {
            ++protocolErrors;
            return qgnet::Action::Close;
        }
        return qgnet::Action::None;
    }
};

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
