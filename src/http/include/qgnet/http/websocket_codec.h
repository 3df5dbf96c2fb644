// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "qgnet/http/utf8_validator.h"
#include "qgnet/http/websocket_frame.h"

namespace qgnet::http {

/// WebSocketMessageSink receives the complete messages a WebSocketCodec reassembles.
class QGNET_HTTP_EXPORT WebSocketMessageSink {
public:
    virtual ~WebSocketMessageSink() = default;
    /// onMessage gets one whole message (text is valid UTF-8); the view is valid during the call.
    virtual void onMessage(std::string_view payload, bool text) = 0;
    /// wantsMore is asked after each message: false makes feed stop right behind it, leaving the
    /// rest of the input unconsumed for a later feed (a receiver that holds its reading).
    virtual bool wantsMore() const { return true; }
};

/// WebSocketCodec is the server side of one WebSocket connection's protocol (RFC 6455), with no
/// socket of its own: it takes the bytes received, reassembles fragmented messages up to maxMessage
/// (1009 beyond), validates text as UTF-8 incrementally across fragments (1007, failing as soon as
/// the text cannot become valid), answers pings with pongs, ignores pongs, runs the close handshake
/// (echoing a valid code, 1002 for an invalid one) and fails the connection with 1002 on every
/// protocol error. What it has to send goes to the caller's output string; once closed() is true the
/// caller flushes that output and closes the TCP connection (the server closes first).
class QGNET_HTTP_EXPORT WebSocketCodec {
public:
    explicit WebSocketCodec(std::size_t maxMessage = 16 * 1024 * 1024) noexcept
        : maxMessage_(maxMessage)
        , parser_(maxMessage)
    {
    }

    /// feed decodes every complete frame at the front of input, appending answers (pongs, close) to
    /// out and handing messages to sink; it returns the bytes consumed. It stops at the close, and
    /// after a message when the sink wants no more.
    std::size_t feed(std::string_view input, std::string& out, WebSocketMessageSink& sink);

    /// close starts the close handshake from our side: a close frame with code and reason goes to out;
    /// data frames received afterwards are dropped until the peer's close arrives.
    void close(std::string& out, std::uint16_t code, std::string_view reason = {});

    /// closeSent tells whether our close frame has gone out; closed whether the TCP connection
    /// should now be closed (handshake done, or the connection failed).
    bool closeSent() const noexcept { return closeSent_; }
    bool closed() const noexcept { return closed_; }

    /// closeCode / closeReason are the code the peer sent (1005 when none) or the one we failed the
    /// connection with.
    std::uint16_t closeCode() const noexcept { return closeCode_; }
    std::string_view closeReason() const noexcept { return closeReason_; }

    /// isValidCloseCode tells whether a close frame may carry code (1000-1003, 1007-1014, 3000-4999).
    static bool isValidCloseCode(std::uint16_t code) noexcept;

private:
    void fail(std::string& out, CloseCode code, std::string_view reason);
    bool handleControl(const FrameHeader& h, std::string_view payload, std::string& out);

    std::size_t maxMessage_;
    FrameParser parser_;
    Utf8Validator utf8_;
    std::string message_;    // the message being reassembled (reused)
    bool inMessage_ = false; // a fragmented message has begun
    bool messageText_ = false;
    bool closeSent_ = false;
    bool closed_ = false;
    std::uint16_t closeCode_ = 1005;
    std::string closeReason_;
};

} // namespace qgnet::http
