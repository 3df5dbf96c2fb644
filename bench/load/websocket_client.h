// SPDX-License-Identifier: Apache-2.0
//
// The client side of RFC 6455 that qgnet-bench-load --websocket needs: the
// HTTP/1.1 upgrade request and the check of its 101 answer, and the headers of
// the frames it sends (masked, as a client must) and expects back (unmasked).
// Each message is one binary frame each way, so the echo of a payload is known
// to the byte before it arrives and is compared in full like a plain echo.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace qgnet_bench {

// A Sec-WebSocket-Key: base64 of 16 bytes drawn from `seed`.
std::string webSocketKey(std::uint64_t seed);

// The Sec-WebSocket-Accept a server must answer `key` with (RFC 6455 §4.2.2).
std::string webSocketAccept(std::string_view key);

// GET `path` with Upgrade: websocket, for host:port and `key`.
std::string webSocketUpgradeRequest(std::string_view host, unsigned port, std::string_view path, std::string_view key);

// Checks a response head (status line and headers up to and including the
// blank line): 101, Upgrade: websocket and the accept value for `key`.
// Returns what is wrong, or an empty string.
std::string checkUpgradeResponse(std::string_view head, std::string_view key);

// Sizes of a binary frame's header for `payload` bytes: a client's includes
// the 4-byte masking key, a server's has none.
std::size_t clientFrameHeaderSize(std::size_t payload);
std::size_t serverFrameHeaderSize(std::size_t payload);

// Writes the header of one final binary frame (FIN, opcode 2) for `payload`
// bytes; out must hold the size above. The client's ends with `mask`.
void writeClientFrameHeader(unsigned char* out, std::size_t payload, const unsigned char mask[4]);
void writeServerFrameHeader(unsigned char* out, std::size_t payload);

} // namespace qgnet_bench
