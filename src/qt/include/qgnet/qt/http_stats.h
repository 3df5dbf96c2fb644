// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <optional>

#include <QCborMap>
#include <QCborValue>
#include <QList>
#include <QMetaType>
#include <QString>

namespace qgnet {

/// HttpStats is what an inspector sees of an HTTP server (QtHttpServer::httpStats): its routes, in
/// the order added, with the requests each has answered, and the WebSocket sessions open now. Plain
/// data without QGnet::Http, so that a remote inspector reads it as well (key "http" of a snapshot
/// answer, docs/inspector-protocol.md).
struct QGNET_QT_EXPORT HttpStats {
    /// Route is one route and its request count.
    struct Route {
        QString method;
        QString pattern;
        quint64 requests = 0;
        bool onThread = false; ///< delivered to the server's Qt thread (else run on the loop threads)
        friend bool operator==(const Route&, const Route&) = default;
    };
    QList<Route> routes;
    qint64 webSocketSessions = 0;
    /// present: the source serves HTTP at all (an older or plain endpoint sends nothing: false).
    bool present = false;
    friend bool operator==(const HttpStats&, const HttpStats&) = default;
};

/// MaxHttpStatsRoutes bounds the routes httpStatsFromCbor accepts from a peer; MaxHttpStatsText the
/// length of a method or pattern (UTF-16 units).
inline constexpr qsizetype MaxHttpStatsRoutes = 1024;
inline constexpr qsizetype MaxHttpStatsText = 1024;

/// httpStatsToCbor / httpStatsFromCbor convert HttpStats to and from the protocol's "http" map.
/// fromCbor returns nullopt, with error set, for a value that is not such a map, has more routes than
/// MaxHttpStatsRoutes, a text over MaxHttpStatsText, or a count that is not a non-negative integer;
/// unknown keys are ignored.
QGNET_QT_EXPORT QCborMap httpStatsToCbor(const HttpStats& stats);
QGNET_QT_EXPORT std::optional<HttpStats> httpStatsFromCbor(const QCborValue& value, QString* error = nullptr);

} // namespace qgnet

Q_DECLARE_METATYPE(qgnet::HttpStats)
