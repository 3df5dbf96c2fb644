// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/qt_http_request.h"

#include "qgnet/http/deferred_response.h"
#include "qgnet/http/request.h"

namespace qgnet {

namespace {

QByteArray bytes(std::string_view s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }
std::string_view view(const QByteArray& b) { return {b.constData(), static_cast<std::size_t>(b.size())}; }

http::DeferredResponse::Headers converted(const QtHttpRequest::Headers& headers)
{
    http::DeferredResponse::Headers out;
    out.reserve(static_cast<std::size_t>(headers.size()));
    for (const auto& [name, value] : headers)
        out.emplace_back(name.toStdString(), value.toStdString());
    return out;
}

} // namespace

/// The copy of the request (its views die with the handler) and the answer's handle.
struct QtHttpRequest::Data {
    QByteArray method, target, path, query, route, body;
    Headers headers;
    QList<QPair<QByteArray, QByteArray>> params;
    quint64 connectionId = 0;
    std::shared_ptr<http::DeferredResponse> deferred;
};

QtHttpRequest QtHttpRequest::fromRequest(const http::Request& request, const QByteArray& route, quint64 connectionId,
    std::shared_ptr<http::DeferredResponse> deferred)
{
    auto d = std::make_shared<Data>();
    d->method = bytes(request.method);
    d->target = bytes(request.target);
    d->path = bytes(request.path);
    d->query = bytes(request.query);
    d->route = route;
    d->body = bytes(request.body);
    d->headers.reserve(static_cast<qsizetype>(request.headers.size()));
    for (const http::Header& h : request.headers)
        d->headers.append({bytes(h.name), bytes(h.value)});
    for (const auto& [name, value] : request.params)
        d->params.append({bytes(name), bytes(value)});
    d->connectionId = connectionId;
    d->deferred = std::move(deferred);
    QtHttpRequest r;
    r.d_ = std::move(d);
    return r;
}

QByteArray QtHttpRequest::method() const { return d_ ? d_->method : QByteArray(); }
QByteArray QtHttpRequest::target() const { return d_ ? d_->target : QByteArray(); }
QByteArray QtHttpRequest::path() const { return d_ ? d_->path : QByteArray(); }
QByteArray QtHttpRequest::query() const { return d_ ? d_->query : QByteArray(); }
QByteArray QtHttpRequest::route() const { return d_ ? d_->route : QByteArray(); }
QByteArray QtHttpRequest::body() const { return d_ ? d_->body : QByteArray(); }
QtHttpRequest::Headers QtHttpRequest::headers() const { return d_ ? d_->headers : Headers(); }
quint64 QtHttpRequest::connectionId() const { return d_ ? d_->connectionId : 0; }

QByteArray QtHttpRequest::param(const QByteArray& name) const
{
    if (d_)
        for (const auto& [n, v] : d_->params)
            if (n == name)
                return v;
    return {};
}

QByteArray QtHttpRequest::header(const QByteArray& name) const
{
    if (d_)
        for (const auto& [n, v] : d_->headers)
            if (http::equalsIgnoreCase(view(n), view(name)))
                return v;
    return {};
}

bool QtHttpRequest::respond(int status, const QByteArray& contentType, const QByteArray& body,
    const Headers& headers) const
{
    return d_ && d_->deferred->send(status, view(contentType), view(body), converted(headers));
}

bool QtHttpRequest::beginChunked(int status, const QByteArray& contentType, const Headers& headers) const
{
    return d_ && d_->deferred->beginChunked(status, view(contentType), converted(headers));
}

bool QtHttpRequest::writeChunk(const QByteArray& data) const { return d_ && d_->deferred->writeChunk(view(data)); }
bool QtHttpRequest::endChunked() const { return d_ && d_->deferred->endChunked(); }
bool QtHttpRequest::isOpen() const { return d_ && d_->deferred->isOpen(); }

} // namespace qgnet
