// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <memory>

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>

namespace qgnet {

namespace http {
class DeferredResponse;
class Request;
} // namespace http

/// QtHttpRequest is one HTTP request that QtHttpServer delivered to its thread (a route added with
/// routeToThread), and the means to answer it: a small copyable value that may be answered later and
/// from any thread (respond, or beginChunked/writeChunk/endChunked for a streamed body). Answering a
/// request whose connection has closed meanwhile does nothing and returns false. Until it is
/// answered, its connection serves no other request (pipelined requests wait), so an unanswered
/// request holds its connection: answer each one, if only with an error.
class QGNET_QT_EXPORT QtHttpRequest {
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    QtHttpRequest() = default; ///< an invalid request: every answer returns false

    bool isValid() const noexcept { return d_ != nullptr; }
    QByteArray method() const;
    QByteArray target() const; ///< as sent: "/a/b?x=1"
    QByteArray path() const;   ///< target up to '?'
    QByteArray query() const;  ///< after '?'
    /// route is the pattern the request matched ("/items/{id}"); param one of its parameters.
    QByteArray route() const;
    QByteArray param(const QByteArray& name) const;
    /// header is the first header named name (case-insensitive), empty when none.
    QByteArray header(const QByteArray& name) const;
    Headers headers() const;
    QByteArray body() const;
    /// connectionId is the id of the connection it came on (QtConnection::id).
    quint64 connectionId() const;

    /// respond sends the whole answer (any thread); false when already answered or the peer is gone.
    bool respond(int status, const QByteArray& contentType, const QByteArray& body, const Headers& headers = {}) const;
    /// beginChunked / writeChunk / endChunked stream the answer (any thread).
    bool beginChunked(int status, const QByteArray& contentType, const Headers& headers = {}) const;
    bool writeChunk(const QByteArray& data) const;
    bool endChunked() const;
    /// isOpen: not yet answered and the connection still open (any thread).
    bool isOpen() const;

    /// fromRequest copies request (valid during a route handler) and takes over its answer (the
    /// QtHttpServer's side; deferred is the route's Response::defer()).
    static QtHttpRequest fromRequest(const http::Request& request, const QByteArray& route, quint64 connectionId,
        std::shared_ptr<http::DeferredResponse> deferred);

private:
    struct Data;
    std::shared_ptr<const Data> d_;
};

} // namespace qgnet

Q_DECLARE_METATYPE(qgnet::QtHttpRequest)
