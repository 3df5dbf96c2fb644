// SPDX-License-Identifier: Apache-2.0

#include "websocket_client.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>

namespace qgnet_bench {
namespace {

constexpr std::string_view kAcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

std::string base64(const unsigned char* data, std::size_t size)
{
    std::string out(4 * ((size + 2) / 3) + 1, '\0'); // EVP_EncodeBlock writes a NUL after the text
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// The value of header `name` (lower case) in `head`, trimmed; empty when absent.
std::string_view headerValue(std::string_view head, std::string_view name)
{
    const std::string lowered = lower(head);
    const std::string needle = "\r\n" + std::string(name) + ":";
    const std::size_t at = lowered.find(needle);
    if (at == std::string::npos)
        return {};
    std::size_t begin = at + needle.size();
    const std::size_t end = head.find("\r\n", begin);
    while (begin < end && (head[begin] == ' ' || head[begin] == '\t'))
        ++begin;
    std::size_t last = end;
    while (last > begin && (head[last - 1] == ' ' || head[last - 1] == '\t'))
        --last;
    return head.substr(begin, last - begin);
}

// The length field: 7 bits, or 126 + 16 bits, or 127 + 64 bits (network order).
std::size_t writeLength(unsigned char* out, unsigned char maskBit, std::size_t payload)
{
    if (payload < 126) {
        out[0] = static_cast<unsigned char>(maskBit | payload);
        return 1;
    }
    if (payload < 65536) {
        out[0] = maskBit | 126;
        out[1] = static_cast<unsigned char>(payload >> 8);
        out[2] = static_cast<unsigned char>(payload);
        return 3;
    }
    out[0] = maskBit | 127;
    for (int i = 0; i < 8; ++i)
        out[1 + i] = static_cast<unsigned char>(static_cast<std::uint64_t>(payload) >> (56 - 8 * i));
    return 9;
}

} // namespace

std::string webSocketKey(std::uint64_t seed)
{
    unsigned char bytes[16];
    for (int i = 0; i < 16; ++i) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull; // one LCG step per byte is enough for a nonce
        bytes[i] = static_cast<unsigned char>(seed >> 56);
    }
    return base64(bytes, sizeof bytes);
}

std::string webSocketAccept(std::string_view key)
{
    const std::string input = std::string(key) + std::string(kAcceptGuid);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(input.data(), input.size(), digest, &size, EVP_sha1(), nullptr);
    return base64(digest, size);
}

std::string webSocketUpgradeRequest(std::string_view host, unsigned port, std::string_view path, std::string_view key)
{
    std::string r;
    r.append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(":").append(std::to_string(port));
    r.append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").append(key);
    r.append("\r\nSec-WebSocket-Version: 13\r\n\r\n");
    return r;
}

std::string checkUpgradeResponse(std::string_view head, std::string_view key)
{
    const std::string_view statusLine = head.substr(0, head.find("\r\n"));
    if (statusLine.substr(0, 13) != "HTTP/1.1 101 ")
        return "the upgrade was answered '" + std::string(statusLine) + "'";
    if (lower(headerValue(head, "upgrade")) != "websocket")
        return "the 101 answer lacks Upgrade: websocket";
    const std::string expected = webSocketAccept(key);
    if (headerValue(head, "sec-websocket-accept") != expected)
        return "Sec-WebSocket-Accept is '" + std::string(headerValue(head, "sec-websocket-accept")) + "', expected '"
            + expected + "'";
    return {};
}

std::size_t clientFrameHeaderSize(std::size_t payload) { return serverFrameHeaderSize(payload) + 4; }

std::size_t serverFrameHeaderSize(std::size_t payload) { return payload < 126 ? 2 : payload < 65536 ? 4 : 10; }

void writeClientFrameHeader(unsigned char* out, std::size_t payload, const unsigned char mask[4])
{
    out[0] = 0x82; // FIN, binary
    const std::size_t n = 1 + writeLength(out + 1, 0x80, payload);
    std::copy(mask, mask + 4, out + n);
}

void writeServerFrameHeader(unsigned char* out, std::size_t payload)
{
    out[0] = 0x82;
    writeLength(out + 1, 0, payload);
}

} // namespace qgnet_bench
