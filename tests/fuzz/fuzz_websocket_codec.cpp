// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for qgnet::http::WebSocketCodec (with FrameParser and Utf8Validator). The input is
// the byte stream a client sends after the upgrade; its first byte picks how it is cut into reads. The
// stream is fed whole and in pieces: both must deliver the same messages, send the same bytes and end
// in the same state, and every text message must be valid UTF-8; otherwise it aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "qgnet/http/utf8_validator.h"
#include "qgnet/http/websocket_codec.h"

namespace {

struct Sink : qgnet::http::WebSocketMessageSink {
    std::string log;
    void onMessage(std::string_view payload, bool text) override
    {
        if (text && !qgnet::http::Utf8Validator::isValid(payload))
            std::abort();
        log.append(text ? "T" : "B").append(std::to_string(payload.size())).append(":").append(payload);
    }
};

std::string run(std::string_view stream, std::size_t step)
{
    qgnet::http::WebSocketCodec codec(8192);
    Sink sink;
    std::string out;
    std::string pending;
    std::size_t have = 0;
    while (have < stream.size() && !codec.closed()) {
        const std::size_t next = step == 0 ? stream.size() : std::min(stream.size(), have + step);
        pending.append(stream.substr(have, next - have));
        have = next;
        const std::string copy = pending;
        const std::size_t used = codec.feed(copy, out, sink);
        if (used > copy.size())
            std::abort();
        pending.erase(0, used);
    }
    return sink.log + "|" + out + "|" + (codec.closed() ? std::to_string(codec.closeCode()) : "open");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t step = 1 + data[0] % 23;
    const std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
    if (run(stream, 0) != run(stream, step))
        std::abort();
    return 0;
}
