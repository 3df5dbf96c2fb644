// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <QList>

#include "qgnet/qt/qt_http_server.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet::demo {

/// metricsText renders the demo's statistics in the Prometheus text exposition format (version
/// 0.0.4): per loop the open connections (gauge) and the accepted and closed connections, bytes in
/// and out, reads, writes and stalls (counters), labelled loop="N" and backend; the engine's refused
/// connections; per route of the status page its requests (method and route labels) and the open
/// WebSocket sessions. `snapshot` may be null (no statistics yet: only the HTTP series). Label values
/// are escaped as the format says (backslash, double quote, newline).
std::string metricsText(const SnapshotPtr& snapshot, const QList<QtHttpServer::RouteCount>& routes,
    int webSocketSessions);

} // namespace qgnet::demo
