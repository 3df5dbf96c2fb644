// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for qgnet::http::RequestParser. The input is a byte stream of pipelined requests;
// its first byte picks how the stream is cut into reads. The stream is parsed whole and in pieces
// (each step in a fresh buffer, as the engine may move unconsumed bytes), and both must give the same
// requests and the same error: a difference, a view outside its buffer or a consumed count past the
// input aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "qgnet/http/request_parser.h"

namespace {

bool within(std::string_view inner, std::string_view outer)
{
    return inner.empty()
        || (inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size());
}

std::vector<std::string> parse(std::string_view stream, std::size_t step)
{
    qgnet::http::ParserLimits limits;
    limits.maxRequestLine = 512;
    limits.maxHeaderBytes = 2048;
    limits.maxHeaders = 16;
    limits.maxBody = 4096;
    limits.maxChunkLine = 64;
    qgnet::http::RequestParser parser(limits);
    std::vector<std::string> out;
    std::size_t offset = 0;
    std::size_t have = 0;
    while (have < stream.size()) {
        have = step == 0 ? stream.size() : std::min(stream.size(), have + step);
        const std::string buffer(stream.substr(0, have)); // a fresh copy: the bytes move
        for (;;) {
            if (offset >= buffer.size())
                break;
            const std::string_view input = std::string_view(buffer).substr(offset);
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
            offset += parser.consumed();
            parser.reset();
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t step = 1 + data[0] % 17;
    const std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
    if (parse(stream, 0) != parse(stream, step))
        std::abort();
    return 0;
}
