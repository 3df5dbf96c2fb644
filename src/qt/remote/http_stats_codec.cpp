// SPDX-License-Identifier: Apache-2.0
// The "http" map of a snapshot answer (docs/inspector-protocol.md): a QtHttpServer's routes and
// WebSocket sessions, beside the engine's snapshot. Its own file so that the snapshot codec keeps to
// the engine's statistics.
#include "qgnet/qt/http_stats.h"

#include <algorithm>
#include <cstdint>

#include <QCborArray>

#include "remote/cbor_integer.h"

namespace qgnet {

namespace {

// count reads a non-negative integer (a double that fits counts as well, see cborInteger); -1 otherwise.
qint64 count(const QCborValue& v)
{
    if (!v.isInteger() && !v.isDouble())
        return -1;
    return std::max<qint64>(-1, qtdetail::cborInteger(v, -1));
}

std::optional<HttpStats> fail(QString* error, const QString& why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

} // namespace

QCborMap httpStatsToCbor(const HttpStats& stats)
{
    QCborArray routes;
    for (const HttpStats::Route& r : stats.routes) {
        QCborMap m;
        m.insert(QStringLiteral("method"), r.method);
        m.insert(QStringLiteral("pattern"), r.pattern);
        m.insert(QStringLiteral("requests"), static_cast<qint64>(std::min<quint64>(r.requests, INT64_MAX)));
        m.insert(QStringLiteral("onThread"), r.onThread);
        routes.append(m);
    }
    QCborMap out;
    out.insert(QStringLiteral("routes"), routes);
    out.insert(QStringLiteral("webSocketSessions"), stats.webSocketSessions);
    return out;
}

std::optional<HttpStats> httpStatsFromCbor(const QCborValue& value, QString* error)
{
    if (!value.isMap())
        return fail(error, QStringLiteral("http is not a map"));
    const QCborMap map = value.toMap();
    HttpStats stats;
    stats.present = true;
    const QCborValue sessions = map.value(QStringLiteral("webSocketSessions"));
    if (!sessions.isUndefined()) {
        stats.webSocketSessions = count(sessions);
        if (stats.webSocketSessions < 0)
            return fail(error, QStringLiteral("http.webSocketSessions is not a count"));
    }
    const QCborValue routes = map.value(QStringLiteral("routes"));
    if (routes.isUndefined())
        return stats;
    if (!routes.isArray())
        return fail(error, QStringLiteral("http.routes is not an array"));
    const QCborArray list = routes.toArray();
    if (list.size() > MaxHttpStatsRoutes)
        return fail(error, QStringLiteral("http.routes has more than %1 routes").arg(MaxHttpStatsRoutes));
    stats.routes.reserve(list.size());
    for (const QCborValue& item : list) {
        if (!item.isMap())
            return fail(error, QStringLiteral("http.routes holds a non-map"));
        const QCborMap m = item.toMap();
        HttpStats::Route r;
        r.method = m.value(QStringLiteral("method")).toString();
        r.pattern = m.value(QStringLiteral("pattern")).toString();
        if (r.method.size() > MaxHttpStatsText || r.pattern.size() > MaxHttpStatsText)
            return fail(error, QStringLiteral("http.routes holds a text over %1 characters").arg(MaxHttpStatsText));
        const qint64 requests = count(m.value(QStringLiteral("requests")));
        if (requests < 0)
            return fail(error, QStringLiteral("http.routes holds a request count that is not a count"));
        r.requests = static_cast<quint64>(requests);
        r.onThread = m.value(QStringLiteral("onThread")).toBool();
        stats.routes.append(r);
    }
    return stats;
}

} // namespace qgnet
