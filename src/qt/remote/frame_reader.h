// SPDX-License-Identifier: Apache-2.0
#pragma once

// The inspector protocol's framing, shared by InspectorEndpoint and RemoteStatsFeed
// (docs/inspector-protocol.md): every message is a CBOR map preceded by its length as a 32-bit
// big-endian integer. Their addresses are in inspector_address.h.

#include <optional>

#include <QByteArray>
#include <QCborMap>
#include <QString>

namespace qgnet::qtdetail {

/// Largest frame an endpoint accepts from a peer (requests are small maps).
constexpr qsizetype MaxRequestFrame = 64 * 1024;
/// Largest frame a feed accepts from an endpoint (a snapshot with many connections).
constexpr qsizetype MaxAnswerFrame = 64 * 1024 * 1024;
/// Most CBOR items (every value, key and container counts one) a feed accepts in one frame. Counted
/// on the bytes, before QCborValue decodes them at 16 bytes or more per item: 64 MiB of one-byte
/// empty maps would otherwise take a gigabyte. A real snapshot needs about 35 per connection.
constexpr qsizetype MaxAnswerItems = 8 * 1024 * 1024;
/// Deepest container nesting a frame may have (a snapshot needs 4).
constexpr int MaxFrameDepth = 32;

/// encodeFrame is the length prefix followed by map's CBOR encoding.
QByteArray encodeFrame(const QCborMap& map);

/// FrameReader splits a byte stream into frames. After a malformed frame (too long, not a CBOR
/// map) it stays failed and error() says why: the stream cannot be resynchronised.
class FrameReader {
public:
    /// maxItems > 0 bounds the CBOR items of a frame (checked before it is decoded).
    explicit FrameReader(qsizetype maxFrame, qsizetype maxItems = 0) : maxFrame_(maxFrame), maxItems_(maxItems) {}
    void append(const QByteArray& bytes) { buffer_ += bytes; }
    /// next is the next complete frame, or nullopt when none is complete yet or the stream failed.
    std::optional<QCborMap> next();
    bool failed() const noexcept { return !error_.isEmpty(); }
    QString error() const { return error_; }
    /// buffered is how many bytes wait for the rest of their frame.
    qsizetype buffered() const noexcept { return buffer_.size(); }

private:
    qsizetype maxFrame_;
    qsizetype maxItems_;
    QByteArray buffer_;
    QString error_;
};

} // namespace qgnet::qtdetail
