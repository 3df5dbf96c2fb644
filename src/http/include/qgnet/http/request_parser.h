// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "qgnet/http/request.h"

namespace qgnet::http {

/// ParserLimits bound what one request may hold; each limit that is hit makes the parser answer with
/// its status (and the server then closes the connection).
struct QGNET_HTTP_EXPORT ParserLimits {
    std::size_t maxRequestLine = 8 * 1024;     ///< longer request line: 414
    std::size_t maxHeaderBytes = 32 * 1024;    ///< request line + header block (and trailers): 431
    std::size_t maxHeaders = 100;              ///< more header fields: 431
    std::size_t maxBody = 8 * 1024 * 1024;     ///< larger body (Content-Length or de-chunked): 413
    std::size_t maxChunkLine = 1024;           ///< chunk-size line with extensions; longer: 400
    std::size_t maxChunkOverhead = 256 * 1024; ///< chunk framing (size lines, CRLFs) of one body; more: 400
};

/// RequestParser is an incremental HTTP/1.1 request parser (RFC 9112). It is fed the unconsumed
/// input of a connection, starting at the first byte of the next request, every time more arrives,
/// in whatever pieces the network delivered; it remembers how far it got so that no byte is scanned
/// twice. Once a request is complete it says how many bytes it took, and the caller hands those to
/// the handler, discards them and calls reset() before parsing the next (pipelined) request.
///
/// It is strict where leniency lets requests be smuggled: bare CR or LF, NUL and other controls,
/// obs-fold, whitespace before a colon, duplicate or malformed Content-Length, Content-Length with
/// Transfer-Encoding, Transfer-Encoding in HTTP/1.0 and a missing or repeated Host are 400; a
/// transfer coding other than "chunked" is 501. After an error the connection must be closed: the
/// rest of the input is never read as a new request.
class QGNET_HTTP_EXPORT RequestParser {
public:
    enum class Result { Incomplete, Complete, Error };

    explicit RequestParser(const ParserLimits& limits = {});

    /// parse looks at input (all unconsumed bytes, starting at this request; each call sees what the
    /// previous one saw plus more) and reports whether a request is complete, needs more bytes, or
    /// is broken (errorStatus says how to answer).
    Result parse(std::string_view input);

    /// request is the complete request after parse returned Complete; its views point into the
    /// input given to parse (and the parser's own chunked-body buffer).
    Request& request() noexcept { return request_; }

    /// consumed is the number of input bytes the complete request took (head and body).
    std::size_t consumed() const noexcept { return consumed_; }

    /// headComplete tells whether the request line and headers are in (the body may still be coming);
    /// the request's head fields are then valid, e.g. to answer Expect: 100-continue.
    bool headComplete() const noexcept { return state_ != State::Head; }

    /// bytesNeeded is, while a Content-Length body is still arriving, the input size at which the
    /// request will be complete (so a caller can skip parse until then); otherwise 0.
    std::size_t bytesNeeded() const noexcept { return state_ == State::Body ? headEnd_ + request_.contentLength : 0; }

    /// errorStatus is the status to answer an Error with: 400, 413, 414, 431, 501 or 505.
    int errorStatus() const noexcept { return errorStatus_; }

    /// errorReason is a short text saying what was wrong (for logs and tests).
    std::string_view errorReason() const noexcept { return errorReason_; }

    /// reset prepares for the next request; buffers keep their capacity.
    void reset() noexcept;

private:
    enum class State { Head, Body, Chunks, Done, Failed };
    enum class ChunkState { Size, Data, DataEnd, Trailers };

    Result fail(int status, const char* reason) noexcept;
    Result parseHead(std::string_view head);
    Result parseChunks(std::string_view input);
    void rebind(std::string_view input);

    ParserLimits limits_;
    State state_ = State::Head;
    ChunkState chunkState_ = ChunkState::Size;
    std::size_t scanned_ = 0;                 // input bytes already searched for the end of the head
    std::size_t lineEnd_ = std::string::npos; // the request line's LF, once seen
    std::size_t headEnd_ = 0;                 // first byte after the empty line
    std::size_t pos_ = 0;                     // chunked: next byte to decode
    std::size_t chunkLeft_ = 0;               // chunked: data bytes left in this chunk
    std::size_t trailerBytes_ = 0;
    std::size_t consumed_ = 0;
    const char* headBase_ = nullptr; // input.data() when the head's views were made
    int errorStatus_ = 0;
    const char* errorReason_ = "";
    std::vector<Header> headers_;
    std::string chunkedBody_;
    Request request_;
};

} // namespace qgnet::http
