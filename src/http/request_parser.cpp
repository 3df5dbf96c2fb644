// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/request_parser.h"

#include <algorithm>
#include <cstdint>

#include "hex.h"

namespace qgnet::http {

using detail::hexValue;

namespace {

// RFC 9110 §5.6.2 tchar: the characters of a method or a header name.
bool isTchar(unsigned char c) noexcept
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~': return true;
    default: return false;
    }
}

// Field values: VCHAR, obs-text, SP, HTAB. Everything else (NUL, CR, LF, other controls) is refused.
bool isFieldChar(unsigned char c) noexcept { return c == '\t' || (c >= 0x20 && c != 0x7f); }

std::string_view trimOws(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// A line must end in CRLF and hold no other CR or LF: bare ones are how requests get smuggled.
bool hasBareCrOrLf(std::string_view line) noexcept { return line.find_first_of("\r\n") != std::string_view::npos; }

} // namespace

// Nothing is reserved up front: an idle connection holds no header storage until its first request.
RequestParser::RequestParser(const ParserLimits& limits) : limits_(limits) {}

void RequestParser::reset() noexcept
{
    state_ = State::Head;
    chunkState_ = ChunkState::Size;
    lineEnd_ = std::string_view::npos;
    scanned_ = headEnd_ = pos_ = chunkLeft_ = trailerBytes_ = consumed_ = 0;
    errorStatus_ = 0;
    errorReason_ = "";
    headBase_ = nullptr;
    headers_.clear();
    chunkedBody_.clear();
    request_.params.clear();
    request_.headers = {};
    request_.body = {};
}

RequestParser::Result RequestParser::fail(int status, const char* reason) noexcept
{
    state_ = State::Failed;
    errorStatus_ = status;
    errorReason_ = reason;
    return Result::Error;
}

RequestParser::Result RequestParser::parse(std::string_view input)
{
    switch (state_) {
    case State::Failed: return Result::Error;
    case State::Done: return Result::Complete;
    case State::Head: {
        // Find the empty line that ends the head, resuming where the last call stopped.
        const std::size_t from = scanned_ >= 3 ? scanned_ - 3 : 0;
        const std::size_t end = input.find("\r\n\r\n", from);
        // The head's limits. Each error is tied to the byte that decides it, and the earliest wins,
        // so that the answer is the same however the input was split into reads.
        const std::size_t seen = end == std::string_view::npos ? input.size() : end + 4; // bytes of this head
        constexpr std::size_t npos = std::string_view::npos;
        std::size_t errorAt = npos;
        int status = 0;
        const char* reason = "";
        auto candidate = [&](std::size_t at, int st, const char* why) {
            if (at < errorAt) {
                errorAt = at;
                status = st;
                reason = why;
            }
        };
        // A NUL anywhere in this head (not beyond it: pipelined requests follow).
        candidate(std::string_view(input.data(), seen).find('\0', std::min(scanned_, seen)), 400, "NUL in the head");
        // The request line must end (LF) by byte maxRequestLine + 1.
        const std::size_t lineLimit = limits_.maxRequestLine + 1;
        if (lineEnd_ == npos) // remembered once found; before, the bytes up to scanned_ held no LF
            lineEnd_ = std::string_view(input.data(), seen).find('\n', std::min(scanned_, seen));
        if ((lineEnd_ == npos ? seen : lineEnd_) > lineLimit)
            candidate(lineLimit, 414, "request line too long");
        // The whole head, empty line included, must fit in maxHeaderBytes.
        if (seen > limits_.maxHeaderBytes)
            candidate(limits_.maxHeaderBytes, 431, "header block too large");
        if (errorAt != npos)
            return fail(status, reason);
        if (end == npos) {
            scanned_ = input.size();
            return Result::Incomplete;
        }
        headEnd_ = end + 4;
        if (const Result r = parseHead(input.substr(0, end + 2)); r == Result::Error)
            return r;
        headBase_ = input.data();
        pos_ = headEnd_;
        if (request_.chunked) {
            state_ = State::Chunks;
            return parseChunks(input);
        }
        state_ = State::Body;
        [[fallthrough]];
    }
    case State::Body:
        if (input.size() - headEnd_ < request_.contentLength)
            return Result::Incomplete;
        rebind(input);
        request_.body = input.substr(headEnd_, request_.contentLength);
        consumed_ = headEnd_ + request_.contentLength;
        state_ = State::Done;
        return Result::Complete;
    case State::Chunks: return parseChunks(input);
    }
    return Result::Error;
}

// The caller's buffer may have moved since the head was parsed (the engine keeps unconsumed bytes in
// the connection's ring): the views are then made again from the same bytes at their new place.
void RequestParser::rebind(std::string_view input)
{
    if (input.data() == headBase_)
        return;
    headBase_ = input.data();
    const std::size_t chunkedLength = request_.contentLength;
    parseHead(input.substr(0, headEnd_ - 2));
    request_.contentLength = chunkedLength;
}

// head holds the request line and every header line, each with its CRLF, without the final CRLF.
RequestParser::Result RequestParser::parseHead(std::string_view head)
{
    Request& r = request_;
    std::size_t eol = head.find("\r\n");
    std::string_view line = head.substr(0, eol);
    if (line.size() > limits_.maxRequestLine)
        return fail(414, "request line too long");
    if (hasBareCrOrLf(line))
        return fail(400, "bare CR or LF in the request line");

    // method SP request-target SP HTTP-version, single spaces only.
    const std::size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos || sp1 == 0)
        return fail(400, "malformed request line");
    const std::size_t sp2 = line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || sp2 == sp1 + 1)
        return fail(400, "malformed request line");
    r.method = line.substr(0, sp1);
    for (const char c : r.method)
        if (!isTchar(static_cast<unsigned char>(c)))
            return fail(400, "bad character in the method");
    r.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    for (const char c : r.target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return fail(400, "bad character in the request target");
    }
    const std::string_view version = line.substr(sp2 + 1);
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' || version[5] < '0'
        || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return fail(400, "malformed HTTP version");
    if (version[5] != '1')
        return fail(505, "HTTP version not supported");
    r.versionMinor = version[7] - '0';
    const std::size_t q = r.target.find('?');
    r.path = r.target.substr(0, q);
    r.query = q == std::string_view::npos ? std::string_view() : r.target.substr(q + 1);
    if (r.target.front() != '/' && r.target != "*" && r.method != "CONNECT"
        && r.target.find("://") == std::string_view::npos)
        return fail(400, "bad request target");

    // Header fields.
    headers_.clear();
    bool haveLength = false, haveTe = false, haveHost = false, closeToken = false, keepAliveToken = false;
    std::string_view te;
    std::size_t length = 0;
    std::size_t at = eol + 2;
    while (at < head.size()) {
        eol = head.find("\r\n", at);
        line = head.substr(at, eol - at);
        at = eol + 2;
        if (hasBareCrOrLf(line))
            return fail(400, "bare CR or LF in a header line");
        if (line.front() == ' ' || line.front() == '\t')
            return fail(400, "obs-fold (a header line starting with whitespace)");
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return fail(400, "header line without a colon");
        if (colon == 0)
            return fail(400, "empty header name");
        const std::string_view name = line.substr(0, colon);
        for (const char c : name)
            if (!isTchar(static_cast<unsigned char>(c)))
                return fail(400, "bad character in a header name (whitespace before the colon?)");
        const std::string_view value = trimOws(line.substr(colon + 1));
        for (const char c : value)
            if (!isFieldChar(static_cast<unsigned char>(c)))
                return fail(400, "control character in a header value");
        if (headers_.size() >= limits_.maxHeaders)
            return fail(431, "too many header fields");
        headers_.push_back({name, value});

        if (equalsIgnoreCase(name, "content-length")) {
            if (haveLength)
                return fail(400, "duplicate Content-Length");
            haveLength = true;
            if (value.empty() || value.size() > 18)
                return fail(400, "malformed Content-Length");
            for (const char c : value) {
                if (c < '0' || c > '9')
                    return fail(400, "malformed Content-Length");
                length = length * 10 + static_cast<std::size_t>(c - '0');
            }
        } else if (equalsIgnoreCase(name, "transfer-encoding")) {
            if (haveTe)
                return fail(400, "repeated Transfer-Encoding");
            haveTe = true;
            te = value;
        } else if (equalsIgnoreCase(name, "host")) {
            if (haveHost)
                return fail(400, "repeated Host");
            haveHost = true;
        }
    }
    r.headers = headers_;
    closeToken = r.hasToken("connection", "close");
    keepAliveToken = r.hasToken("connection", "keep-alive");
    r.keepAlive = r.versionMinor >= 1 ? !closeToken : keepAliveToken && !closeToken;
    if (r.versionMinor >= 1 && !haveHost)
        return fail(400, "missing Host");
    r.chunked = false;
    r.contentLength = 0;
    if (haveTe) {
        if (haveLength)
            return fail(400, "Content-Length with Transfer-Encoding");
        if (r.versionMinor == 0)
            return fail(400, "Transfer-Encoding in HTTP/1.0");
        if (!equalsIgnoreCase(te, "chunked"))
            return fail(501, "unsupported transfer coding");
        r.chunked = true;
    } else if (haveLength) {
        if (length > limits_.maxBody)
            return fail(413, "body too large");
        r.contentLength = length;
    }
    const std::string_view expect = r.header("expect");
    r.expectContinue = r.versionMinor >= 1 && equalsIgnoreCase(expect, "100-continue");
    return Result::Incomplete;
}

RequestParser::Result RequestParser::parseChunks(std::string_view input)
{
    for (;;) {
        const std::string_view rest = input.substr(pos_);
        switch (chunkState_) {
        case ChunkState::Size: {
            const std::size_t eol = rest.find("\r\n");
            if (eol == std::string_view::npos) {
                // Too long once its CRLF can no longer end by maxChunkLine + 2 bytes.
                if (rest.size() > limits_.maxChunkLine + 1
                    || (rest.size() == limits_.maxChunkLine + 1 && rest.back() != '\r'))
                    return fail(400, "chunk-size line too long");
                if (rest.find('\n') != std::string_view::npos)
                    return fail(400, "bare LF in a chunk-size line");
                return Result::Incomplete;
            }
            if (eol > limits_.maxChunkLine)
                return fail(400, "chunk-size line too long");
            const std::string_view line = rest.substr(0, eol);
            if (hasBareCrOrLf(line))
                return fail(400, "bare CR or LF in a chunk-size line");
            std::size_t i = 0;
            std::uint64_t size = 0;
            for (; i < line.size() && hexValue(line[i]) >= 0; ++i) {
                if (i >= 15)
                    return fail(400, "chunk size overflows");
                size = size * 16 + static_cast<std::uint64_t>(hexValue(line[i]));
            }
            if (i == 0)
                return fail(400, "malformed chunk size");
            // What may follow the digits: optional whitespace and ';' extensions, which we ignore.
            std::string_view ext = trimOws(line.substr(i));
            if (!ext.empty() && ext.front() != ';')
                return fail(400, "malformed chunk size");
            for (const char c : ext)
                if (!isFieldChar(static_cast<unsigned char>(c)))
                    return fail(400, "control character in a chunk extension");
            pos_ += eol + 2;
            // Many tiny chunks with long extensions carry little body in much input: bound the framing.
            if (pos_ - headEnd_ - chunkedBody_.size() > limits_.maxChunkOverhead)
                return fail(400, "too much chunk framing");
            if (size == 0) {
                chunkState_ = ChunkState::Trailers;
                break;
            }
            if (size > limits_.maxBody - chunkedBody_.size())
                return fail(413, "body too large");
            chunkLeft_ = static_cast<std::size_t>(size);
            chunkState_ = ChunkState::Data;
            break;
        }
        case ChunkState::Data: {
            const std::size_t take = std::min(chunkLeft_, rest.size());
            chunkedBody_.append(rest.substr(0, take));
            pos_ += take;
            chunkLeft_ -= take;
            if (chunkLeft_ > 0)
                return Result::Incomplete;
            chunkState_ = ChunkState::DataEnd;
            break;
        }
        case ChunkState::DataEnd:
            if (rest.size() < 2)
                return rest.empty() || rest[0] == '\r' ? Result::Incomplete
                                                       : fail(400, "missing CRLF after chunk data");
            if (rest[0] != '\r' || rest[1] != '\n')
                return fail(400, "missing CRLF after chunk data");
            pos_ += 2;
            chunkState_ = ChunkState::Size;
            break;
        case ChunkState::Trailers: {
            const std::size_t eol = rest.find("\r\n");
            if (eol == std::string_view::npos) {
                if (trailerBytes_ + rest.size() > limits_.maxHeaderBytes)
                    return fail(431, "trailer section too large");
                return Result::Incomplete;
            }
            const std::string_view line = rest.substr(0, eol);
            trailerBytes_ += eol + 2;
            if (trailerBytes_ > limits_.maxHeaderBytes)
                return fail(431, "trailer section too large");
            pos_ += eol + 2;
            if (line.empty()) {
                rebind(input);
                request_.body = chunkedBody_;
                consumed_ = pos_;
                state_ = State::Done;
                return Result::Complete;
            }
            if (hasBareCrOrLf(line) || line.find('\0') != std::string_view::npos)
                return fail(400, "bad trailer line");
            if (line.front() == ' ' || line.front() == '\t' || line.find(':') == std::string_view::npos)
                return fail(400, "malformed trailer line");
            break;
        }
        }
    }
}

} // namespace qgnet::http
