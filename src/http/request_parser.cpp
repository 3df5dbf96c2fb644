// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/request_parser.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include "hex.h"

namespace qgnet::http {

using detail::hexValue;

namespace {

// Character classes as one table, so that each byte of a head costs one load and a test:
// kTchar (RFC 9110 §5.6.2: a method or a header name), kField (field values: VCHAR, obs-text, SP,
// HTAB; not NUL, CR, LF or another control) and kTarget (a request-target: VCHAR, no SP).
constexpr unsigned char kTchar = 1, kField = 2, kTarget = 4;

constexpr unsigned char classify(unsigned char c) noexcept
{
    unsigned char k = 0;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        k |= kTchar;
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
    case '~': k |= kTchar; break;
    default: break;
    }
    if (c == '\t' || (c >= 0x20 && c != 0x7f))
        k |= kField;
    if (c > 0x20 && c < 0x7f)
        k |= kTarget;
    return k;
}

struct CharClasses {
    unsigned char of[256];
    constexpr CharClasses() : of()
    {
        for (int c = 0; c < 256; ++c)
            of[c] = classify(static_cast<unsigned char>(c));
    }
};
constexpr CharClasses kClasses;

bool is(char c, unsigned char cls) noexcept { return (kClasses.of[static_cast<unsigned char>(c)] & cls) != 0; }

bool isFieldChar(unsigned char c) noexcept { return (kClasses.of[c] & kField) != 0; }

std::string_view trimOws(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// A line must end in CRLF and hold no other CR or LF: bare ones are how requests get smuggled.
// A plain loop: find_first_of("\r\n") calls memchr once per byte of the line.
bool hasBareCrOrLf(std::string_view line) noexcept
{
    for (const char c : line)
        if (c == '\r' || c == '\n')
            return true;
    return false;
}

// hasToken tells whether the comma-separated list value holds token (case-insensitive).
bool hasToken(std::string_view value, std::string_view token) noexcept
{
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        if (equalsIgnoreCase(trimOws(value.substr(0, comma)), token))
            return true;
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    }
    return false;
}

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
        // One pass over the new bytes finds the empty line that ends the head, the first NUL and
        // the request line's LF (three searches before). The bytes before scanned_ held none of
        // them, or the last call would have stopped; a CRLFCRLF ending in a new byte is new.
        constexpr std::size_t npos = std::string_view::npos;
        const char* p = input.data();
        std::size_t end = npos;
        std::size_t nul = npos;
        for (std::size_t i = scanned_; i < input.size(); ++i) {
            // Eight bytes at a time to the next byte <= '\n' (SWAR: a byte below 0x0b borrows
            // in w - 0x0b0b...; the lowest flagged byte is exact, borrows only run upwards).
            if constexpr (std::endian::native == std::endian::little) {
                constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
                while (i + 8 <= input.size()) {
                    std::uint64_t w;
                    std::memcpy(&w, p + i, 8);
                    const std::uint64_t m = (w - 0x0b * kOnes) & ~w & kHigh;
                    if (m != 0) {
                        i += static_cast<std::size_t>(std::countr_zero(m)) / 8;
                        break;
                    }
                    i += 8;
                }
                if (i == input.size())
                    break;
            }
            const auto c = static_cast<unsigned char>(p[i]);
            if (c > '\n')
                continue;
            if (c == '\n') {
                if (lineEnd_ == npos)
                    lineEnd_ = i;
                if (i >= 3 && p[i - 1] == '\r' && p[i - 2] == '\n' && p[i - 3] == '\r') {
                    end = i - 3;
                    break;
                }
            } else if (c == '\0' && nul == npos) {
                nul = i;
            }
        }
        // The head's limits. Each error is tied to the byte that decides it, and the earliest wins,
        // so that the answer is the same however the input was split into reads.
        const std::size_t seen = end == npos ? input.size() : end + 4; // bytes of this head
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
        candidate(nul, 400, "NUL in the head");
        // The request line must end (LF) by byte maxRequestLine + 1.
        const std::size_t lineLimit = limits_.maxRequestLine + 1;
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
// It is read in one pass: each field ends at the first byte outside its character class, which must
// then be the expected delimiter, so that no line is searched for its CRLF before being checked.
// A line is valid exactly when the line-by-line checks of RFC 9112 would pass it (a CR, LF, NUL or
// other control is outside every class), and the checks keep their order, so the status is the same.
RequestParser::Result RequestParser::parseHead(std::string_view head)
{
    Request& r = request_;
    const char* const p = head.data();
    const std::size_t n = head.size(); // ends in CRLF, so every class loop below stops by then
    auto requestLineError = [&](const char* reason) {
        // The request line's length is checked before its contents; it can only be over the limit
        // here when a bare LF ended it early for the scan in parse().
        if (head.find("\r\n") > limits_.maxRequestLine)
            return fail(414, "request line too long");
        return fail(400, reason);
    };

    // method SP request-target SP HTTP-version CRLF, single spaces only.
    std::size_t i = 0;
    while (is(p[i], kTchar))
        ++i;
    if (i == 0 || p[i] != ' ')
        return requestLineError("malformed request line or bad character in the method");
    r.method = head.substr(0, i);
    const std::size_t targetStart = ++i;
    while (is(p[i], kTarget))
        ++i;
    if (i == targetStart || p[i] != ' ')
        return requestLineError("malformed request line or bad character in the request target");
    r.target = head.substr(targetStart, i - targetStart);
    ++i;
    if (n - i < 10)
        return requestLineError("malformed HTTP version");
    const char* v = p + i;
    if (std::string_view(v, 5) != "HTTP/" || v[6] != '.' || v[5] < '0' || v[5] > '9' || v[7] < '0' || v[7] > '9')
        return requestLineError("malformed HTTP version");
    if (v[8] != '\r' || v[9] != '\n')
        return requestLineError("malformed request line (bare CR or LF?)");
    if (v[5] != '1')
        return fail(505, "HTTP version not supported");
    r.versionMinor = v[7] - '0';
    const std::size_t q = r.target.find('?');
    r.path = r.target.substr(0, q);
    r.query = q == std::string_view::npos ? std::string_view() : r.target.substr(q + 1);
    if (r.target.front() != '/' && r.target != "*" && r.method != "CONNECT"
        && r.target.find("://") == std::string_view::npos)
        return fail(400, "bad request target");

    // Header fields: tchar+ ":" field-char* CRLF; the value is trimmed of SP and HTAB. The fields
    // the parser acts on are recognised by their length first.
    headers_.clear();
    bool haveLength = false, haveTe = false, haveHost = false, closeToken = false, keepAliveToken = false;
    bool haveExpect = false, expectContinue = false;
    std::string_view te;
    std::size_t length = 0;
    i += 10;
    while (i < n) {
        const std::size_t nameStart = i;
        while (is(p[i], kTchar))
            ++i;
        if (p[i] != ':' || i == nameStart)
            return fail(400, "malformed header line (obs-fold, no colon, empty name or a bad character in it)");
        const std::string_view name(p + nameStart, i - nameStart);
        ++i;
        while (p[i] == ' ' || p[i] == '\t')
            ++i;
        const std::size_t valueStart = i;
        std::size_t valueEnd = i; // after its last byte that is not SP or HTAB
        for (; is(p[i], kField); ++i)
            if (p[i] != ' ' && p[i] != '\t')
                valueEnd = i + 1;
        if (p[i] != '\r' || p[i + 1] != '\n')
            return fail(400, "control character or bare CR or LF in a header line");
        i += 2;
        const std::string_view value(p + valueStart, valueEnd - valueStart);
        if (headers_.size() >= limits_.maxHeaders)
            return fail(431, "too many header fields");
        headers_.push_back({name, value});

        switch (name.size()) {
        case 4:
            if (equalsIgnoreCase(name, "host")) {
                if (haveHost)
                    return fail(400, "repeated Host");
                haveHost = true;
            }
            break;
        case 6:
            if (!haveExpect && equalsIgnoreCase(name, "expect")) {
                haveExpect = true; // the first one counts, as Request::header would find it
                expectContinue = equalsIgnoreCase(value, "100-continue");
            }
            break;
        case 10:
            if (equalsIgnoreCase(name, "connection")) {
                closeToken = closeToken || hasToken(value, "close");
                keepAliveToken = keepAliveToken || hasToken(value, "keep-alive");
            }
            break;
        case 14:
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
            }
            break;
        case 17:
            if (equalsIgnoreCase(name, "transfer-encoding")) {
                if (haveTe)
                    return fail(400, "repeated Transfer-Encoding");
                haveTe = true;
                te = value;
            }
            break;
        default: break;
        }
    }
    r.headers = headers_;
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
    r.expectContinue = r.versionMinor >= 1 && expectContinue;
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
