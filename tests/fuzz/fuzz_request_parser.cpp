// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for qgnet::http::RequestParser (the parser of qgnet-http and of the demo's page).
// The input is a byte stream of pipelined requests after one control byte. Property: every split of
// the stream into reads gives the same requests and the same error as the whole stream in one read.
// The splits tried for each input are splits.h's (generated reads seeded by the control byte, byte by
// byte, every cut into two). Each read goes into a fresh buffer of the unconsumed bytes (the engine
// may move them). A difference, a view outside its buffer or a consumed count past the input aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "qgnet/http/request_parser.h"
#include "splits.h"

namespace {

bool within(std::string_view inner, std::string_view outer)
{
    return inner.empty()
        || (inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size());
}

using qgnet_fuzz::NextRead;

std::vector<std::string> parse(std::string_view stream, const NextRead& nextRead)
{
    qgnet::http::ParserLimits limits;
    limits.maxRequestLine = 512;
    limits.maxHeaderBytes = 2048;
    limits.maxHeaders = 16;
    limits.maxBody = 4096;
    limits.maxChunkLine = 64;
    qgnet::http::RequestParser parser(limits);
    std::vector<std::string> out;
    std::size_t offset = 0; // stream offset of the first unconsumed byte
    std::size_t have = 0;   // bytes of the stream received so far
    while (have < stream.size()) {
        have = std::min(stream.size(), have + std::max<std::size_t>(1, nextRead(have)));
        const std::string buffer(stream.substr(offset, have - offset)); // a fresh copy: the bytes move
        std::size_t at = 0;
        while (at < buffer.size()) {
            const std::string_view input = std::string_view(buffer).substr(at);
            const auto r = parser.parse(input);
            if (r == qgnet::http::RequestParser::Result::Incomplete)
                break;
            if (r == qgnet::http::RequestParser::Result::Error) {
                out.push_back("E" + std::to_string(parser.errorStatus()));
                return out;
            }
            const auto& req = parser.request();
            if (parser.consumed() == 0 || parser.consumed() > input.size())
                std::abort();
            const std::string_view head = input.substr(0, parser.consumed());
            if (!within(req.method, head) || !within(req.target, head) || !within(req.path, head))
                std::abort();
            for (const auto& h : req.headers)
                if (!within(h.name, head) || !within(h.value, head))
                    std::abort();
            if (!req.chunked && !within(req.body, head))
                std::abort();
            out.push_back(std::string(req.method) + " " + std::string(req.target) + " "
                + std::to_string(req.headers.size()) + " " + std::string(req.body)
                + (req.keepAlive ? " ka" : " close"));
            at += parser.consumed();
            parser.reset();
        }
        offset += at;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto whole = parse(stream, [&](std::size_t) { return stream.size(); });
    qgnet_fuzz::forEachSplit(stream.size(), data[0], [&](const NextRead& nextRead) {
        if (parse(stream, nextRead) != whole)
            std::abort();
    });
    return 0;
}
