// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/websocket_frame.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>

namespace qgnet::http {

FrameParser::Result FrameParser::fail(CloseCode code, const char* reason) noexcept
{
    error_ = code;
    reason_ = reason;
    return Result::Error;
}

FrameParser::Result FrameParser::parse(std::string_view input) noexcept
{
    if (input.size() < 2)
        return Result::Incomplete;
    const auto b0 = static_cast<std::uint8_t>(input[0]);
    const auto b1 = static_cast<std::uint8_t>(input[1]);
    FrameHeader h;
    h.fin = (b0 & 0x80) != 0;
    if (b0 & 0x70)
        return fail(CloseCode::ProtocolError, "reserved bit set");
    const std::uint8_t op = b0 & 0x0f;
    switch (op) {
    case 0x0:
    case 0x1:
    case 0x2:
    case 0x8:
    case 0x9:
    case 0xA: break;
    default: return fail(CloseCode::ProtocolError, "reserved opcode");
    }
    h.opcode = static_cast<Opcode>(op);
    h.masked = (b1 & 0x80) != 0;
    if (requireMask_ && !h.masked)
        return fail(CloseCode::ProtocolError, "unmasked client frame");
    const std::uint8_t len7 = b1 & 0x7f;
    const bool control = (op & 0x8) != 0;
    if (control && (len7 > 125 || !h.fin))
        return fail(CloseCode::ProtocolError, len7 > 125 ? "control frame over 125 bytes" : "fragmented control frame");
    std::size_t at = 2;
    if (len7 == 126) {
        if (input.size() < 4)
            return Result::Incomplete;
        h.payloadSize = (std::uint64_t{static_cast<std::uint8_t>(input[2])} << 8) | static_cast<std::uint8_t>(input[3]);
        at = 4;
    } else if (len7 == 127) {
        if (input.size() < 10)
            return Result::Incomplete;
        for (std::size_t i = 2; i < 10; ++i)
            h.payloadSize = (h.payloadSize << 8) | static_cast<std::uint8_t>(input[i]);
        if (h.payloadSize >> 63)
            return fail(CloseCode::ProtocolError, "payload length with the top bit set");
        at = 10;
    } else {
        h.payloadSize = len7;
    }
    if (h.payloadSize > maxPayload_)
        return fail(CloseCode::MessageTooBig, "message too big");
    if (h.masked) {
        if (input.size() < at + 4)
            return Result::Incomplete;
        for (std::size_t i = 0; i < 4; ++i)
            h.mask[i] = static_cast<std::uint8_t>(input[at + i]);
        at += 4;
    }
    h.headerSize = at;
    if (input.size() - at < h.payloadSize)
        return Result::Incomplete;
    header_ = h;
    return Result::Frame;
}

// Eight bytes per step: the key, rotated so that its byte for data[0] comes first, is repeated into a
// 64-bit word in memory order, and each word of data is XORed with it (memcpy: data has no alignment).
// Against the byte loop it replaces (GCC 12 -O2 did not vectorise the index into mask), on the busy
// 2-vCPU development VM: 64 B 87-254 -> 8-23 ns, 4 KiB 6.7-10.9 -> 0.4-0.7 µs, 1 MiB 1.9-3.2 -> 0.12-0.2 ms.
void unmask(char* data, std::size_t size, const std::uint8_t (&mask)[4], std::size_t offset) noexcept
{
    unsigned char key[8];
    for (std::size_t i = 0; i < 8; ++i)
        key[i] = mask[(offset + i) & 3];
    std::uint64_t word;
    std::memcpy(&word, key, sizeof word);
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32) { // four independent words per step: 1.5-2x the speed of one
        std::uint64_t chunk[4];
        std::memcpy(chunk, data + i, sizeof chunk);
        chunk[0] ^= word;
        chunk[1] ^= word;
        chunk[2] ^= word;
        chunk[3] ^= word;
        std::memcpy(data + i, chunk, sizeof chunk);
    }
    for (; i + 8 <= size; i += 8) {
        std::uint64_t chunk;
        std::memcpy(&chunk, data + i, sizeof chunk);
        chunk ^= word;
        std::memcpy(data + i, &chunk, sizeof chunk);
    }
    for (; i < size; ++i) // the tail: i is a multiple of 8 here, so key[i & 7] lines up
        data[i] = static_cast<char>(static_cast<unsigned char>(data[i]) ^ key[i & 7]);
}

void appendFrame(std::string& out, Opcode opcode, std::string_view payload, bool fin)
{
    char head[10];
    std::size_t n = 0;
    head[n++] = static_cast<char>((fin ? 0x80 : 0) | static_cast<std::uint8_t>(opcode));
    const std::uint64_t len = payload.size();
    if (len <= 125) {
        head[n++] = static_cast<char>(len);
    } else if (len <= 0xffff) {
        head[n++] = 126;
        head[n++] = static_cast<char>(len >> 8);
        head[n++] = static_cast<char>(len & 0xff);
    } else {
        head[n++] = 127;
        for (int shift = 56; shift >= 0; shift -= 8)
            head[n++] = static_cast<char>((len >> shift) & 0xff);
    }
    out.append(head, n);
    out.append(payload);
}

void appendCloseFrame(std::string& out, std::uint16_t code, std::string_view reason)
{
    char payload[125];
    payload[0] = static_cast<char>(code >> 8);
    payload[1] = static_cast<char>(code & 0xff);
    const std::size_t n = std::min<std::size_t>(reason.size(), 123);
    std::copy_n(reason.data(), n, payload + 2);
    appendFrame(out, Opcode::Close, std::string_view(payload, n + 2));
}

std::string webSocketAccept(std::string_view key)
{
    static constexpr std::string_view kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    std::string input;
    input.reserve(key.size() + kGuid.size());
    input.append(key).append(kGuid);
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
    unsigned char encoded[4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1];
    const int n = EVP_EncodeBlock(encoded, digest, SHA_DIGEST_LENGTH);
    return std::string(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(n));
}

bool isValidWebSocketKey(std::string_view key) noexcept
{
    // 16 bytes in base64: 22 characters and "==".
    if (key.size() != 24 || key[22] != '=' || key[23] != '=')
        return false;
    for (std::size_t i = 0; i < 22; ++i) {
        const char c = key[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
            return false;
    }
    return true;
}

} // namespace qgnet::http
