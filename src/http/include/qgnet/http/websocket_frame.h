// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace qgnet::http {

/// Opcode is a WebSocket frame's opcode (RFC 6455 §5.2).
enum class Opcode : std::uint8_t {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

/// CloseCode names the close status codes this library sends (RFC 6455 §7.4.1).
enum class CloseCode : std::uint16_t {
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    UnsupportedData = 1003,
    InvalidPayload = 1007,
    PolicyViolation = 1008,
    MessageTooBig = 1009,
    InternalError = 1011,
};

/// FrameHeader is one decoded frame: its flags, opcode and where its payload lies in the input.
struct QGNET_HTTP_EXPORT FrameHeader {
    bool fin = false;
    Opcode opcode = Opcode::Continuation;
    bool masked = false;
    std::uint8_t mask[4] = {};
    std::size_t headerSize = 0; ///< bytes before the payload
    std::uint64_t payloadSize = 0;
};

/// FrameParser reads WebSocket frames off the front of a byte stream. It is incremental: given the
/// unconsumed input in any split, it reports a frame once all of its header and payload are there,
/// and a protocol error as soon as the header shows one, without waiting for the payload. As a
/// server's parser it requires masked frames and refuses reserved bits (no extension is ever
/// negotiated), reserved opcodes, control frames over 125 bytes or fragmented, and payloads over
/// maxPayload (1009).
class QGNET_HTTP_EXPORT FrameParser {
public:
    enum class Result { Incomplete, Frame, Error };

    explicit FrameParser(std::uint64_t maxPayload = 16 * 1024 * 1024, bool requireMask = true) noexcept
        : maxPayload_(maxPayload)
        , requireMask_(requireMask)
    {
    }

    /// parse looks at the front of input. Frame: header() describes the frame, whose payload is
    /// input[header().headerSize, +payloadSize) (still masked). Error: errorCode() is the close code.
    Result parse(std::string_view input) noexcept;

    const FrameHeader& header() const noexcept { return header_; }
    CloseCode errorCode() const noexcept { return error_; }
    const char* errorReason() const noexcept { return reason_; }

    /// setMaxPayload changes the largest payload accepted (the room left in a fragmented message).
    void setMaxPayload(std::uint64_t maxPayload) noexcept { maxPayload_ = maxPayload; }

private:
    Result fail(CloseCode code, const char* reason) noexcept;

    std::uint64_t maxPayload_;
    bool requireMask_;
    FrameHeader header_;
    CloseCode error_ = CloseCode::Normal;
    const char* reason_ = "";
};

/// unmask XORs data in place with the frame's 4-byte key; offset is the position of data[0] within
/// the payload (so a payload can be unmasked in pieces).
QGNET_HTTP_EXPORT void unmask(char* data, std::size_t size, const std::uint8_t (&mask)[4],
    std::size_t offset = 0) noexcept;

/// appendFrame appends one unmasked (server) frame with fin set to out.
QGNET_HTTP_EXPORT void appendFrame(std::string& out, Opcode opcode, std::string_view payload, bool fin = true);

/// appendCloseFrame appends a close frame carrying code and reason (cut to fit in 125 bytes).
QGNET_HTTP_EXPORT void appendCloseFrame(std::string& out, std::uint16_t code, std::string_view reason = {});

/// webSocketAccept computes Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 §4.2.2):
/// base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")).
QGNET_HTTP_EXPORT std::string webSocketAccept(std::string_view key);

/// isValidWebSocketKey tells whether key is base64 of 16 bytes, as a client's key must be.
QGNET_HTTP_EXPORT bool isValidWebSocketKey(std::string_view key) noexcept;

} // namespace qgnet::http
