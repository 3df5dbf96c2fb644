// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/websocket_codec.h"

#include <algorithm>

namespace qgnet::http {

bool WebSocketCodec::isValidCloseCode(std::uint16_t code) noexcept
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

void WebSocketCodec::fail(std::string& out, CloseCode code, std::string_view reason)
{
    closeCode_ = static_cast<std::uint16_t>(code);
    closeReason_.assign(reason);
    if (!closeSent_)
        appendCloseFrame(out, closeCode_, reason);
    closeSent_ = true;
    closed_ = true;
}

void WebSocketCodec::close(std::string& out, std::uint16_t code, std::string_view reason)
{
    if (closeSent_)
        return;
    appendCloseFrame(out, code, reason);
    closeSent_ = true;
}

// Returns false when the connection is now closed (a close frame, or a bad one).
bool WebSocketCodec::handleControl(const FrameHeader& h, std::string_view payload, std::string& out)
{
    switch (h.opcode) {
    case Opcode::Ping:
        if (!closeSent_)
            appendFrame(out, Opcode::Pong, payload);
        return true;
    case Opcode::Pong: return true; // unsolicited pongs are fine
    case Opcode::Close: {
        if (payload.size() == 1) {
            fail(out, CloseCode::ProtocolError, "close payload of 1 byte");
            return false;
        }
        std::uint16_t code = 1005;
        std::string_view reason;
        if (payload.size() >= 2) {
            code = static_cast<std::uint16_t>(
                (static_cast<std::uint8_t>(payload[0]) << 8) | static_cast<std::uint8_t>(payload[1]));
            reason = payload.substr(2);
            if (!isValidCloseCode(code)) {
                fail(out, CloseCode::ProtocolError, "invalid close code");
                return false;
            }
            if (!Utf8Validator::isValid(reason)) {
                fail(out, CloseCode::InvalidPayload, "close reason is not UTF-8");
                return false;
            }
        }
        closeCode_ = code;
        closeReason_.assign(reason);
        if (!closeSent_) {
            // Echo the peer's code; a close without one is answered with an empty close.
            if (code == 1005)
                appendFrame(out, Opcode::Close, {});
            else
                appendCloseFrame(out, code);
            closeSent_ = true;
        }
        closed_ = true;
        return false;
    }
    default: return true;
    }
}

std::size_t WebSocketCodec::feed(std::string_view input, std::string& out, WebSocketMessageSink& sink)
{
    std::size_t at = 0;
    while (!closed_) {
        // A fragment may only bring the message up to maxMessage.
        parser_.setMaxPayload(inMessage_ ? maxMessage_ - message_.size() : maxMessage_);
        const std::string_view rest = input.substr(at);
        const FrameParser::Result r = parser_.parse(rest);
        if (r == FrameParser::Result::Incomplete)
            break;
        if (r == FrameParser::Result::Error) {
            fail(out, parser_.errorCode(), parser_.errorReason());
            break;
        }
        const FrameHeader& h = parser_.header();
        const auto size = static_cast<std::size_t>(h.payloadSize);
        const std::string_view masked = rest.substr(h.headerSize, size);
        at += h.headerSize + size;

        if ((static_cast<std::uint8_t>(h.opcode) & 0x8) != 0) {
            char control[125];
            std::copy_n(masked.data(), size, control);
            if (h.masked)
                unmask(control, size, h.mask);
            if (!handleControl(h, std::string_view(control, size), out))
                break;
            continue;
        }

        // Data frames: a continuation needs a message in progress, a new message needs none.
        if (h.opcode == Opcode::Continuation) {
            if (!inMessage_) {
                fail(out, CloseCode::ProtocolError, "continuation without a message");
                break;
            }
        } else {
            if (inMessage_) {
                fail(out, CloseCode::ProtocolError, "new message before the last fragment");
                break;
            }
            inMessage_ = true;
            messageText_ = h.opcode == Opcode::Text;
            message_.clear();
            utf8_.reset();
        }
        const std::size_t from = message_.size();
        message_.append(masked);
        if (h.masked)
            unmask(message_.data() + from, size, h.mask);
        if (messageText_ && !utf8_.feed(std::string_view(message_).substr(from))) {
            fail(out, CloseCode::InvalidPayload, "text is not UTF-8");
            break;
        }
        if (!h.fin)
            continue;
        inMessage_ = false;
        if (messageText_ && !utf8_.complete()) {
            fail(out, CloseCode::InvalidPayload, "text ends inside a UTF-8 sequence");
            break;
        }
        if (!closeSent_) {
            sink.onMessage(message_, messageText_);
            if (!sink.wantsMore())
                break;
        }
    }
    return at;
}

} // namespace qgnet::http
