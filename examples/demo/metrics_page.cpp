// SPDX-License-Identifier: Apache-2.0
#include "metrics_page.h"

#include <functional>

namespace qgnet::demo {

namespace {

std::string escapedLabel(std::string_view value)
{
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

void family(std::string& out, const char* name, const char* type, const char* help)
{
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

} // namespace

std::string metricsText(const SnapshotPtr& snapshot, const QList<QtHttpServer::RouteCount>& routes,
    int webSocketSessions)
{
    std::string out;
    if (snapshot) {
        struct LoopSeries {
            const char* name;
            const char* type;
            const char* help;
            std::function<std::uint64_t(const LoopStats&)> value;
        };
        const LoopSeries series[] = {
            {"qgnet_loop_connections", "gauge", "Open connections of the loop.",
                [](const LoopStats& l) { return static_cast<std::uint64_t>(l.connections); }},
            {"qgnet_loop_accepted_total", "counter", "Connections the loop adopted.",
                [](const LoopStats& l) { return l.accepted; }},
            {"qgnet_loop_closed_total", "counter", "Connections the loop closed.",
                [](const LoopStats& l) { return l.closed; }},
            {"qgnet_loop_received_bytes_total", "counter", "Bytes received from sockets.",
                [](const LoopStats& l) { return l.bytesIn; }},
            {"qgnet_loop_sent_bytes_total", "counter", "Bytes handed to the kernel.",
                [](const LoopStats& l) { return l.bytesOut; }},
            {"qgnet_loop_reads_total", "counter", "Receive operations that returned data.",
                [](const LoopStats& l) { return l.reads; }},
            {"qgnet_loop_writes_total", "counter", "Send operations that took data.",
                [](const LoopStats& l) { return l.writes; }},
            {"qgnet_loop_stalls_total", "counter", "Loop iterations longer than the stall threshold.",
                [](const LoopStats& l) { return l.stalls; }},
        };
        for (const LoopSeries& s : series) {
            family(out, s.name, s.type, s.help);
            for (const LoopStats& l : snapshot->loops) {
                if (l.index < 0)
                    continue; // the acceptor thread is no loop
                out.append(s.name).append("{loop=\"").append(std::to_string(l.index)).append("\",backend=\"");
                out.append(escapedLabel(l.backend)).append("\"} ").append(std::to_string(s.value(l))).append("\n");
            }
        }
        family(out, "qgnet_refused_connections_total", "counter", "Connections closed at accept past the cap.");
        out.append("qgnet_refused_connections_total ")
            .append(std::to_string(snapshot->refusedConnections))
            .append("\n");
    }
    family(out, "qgnet_http_requests_total", "counter", "Requests answered per route of the status page.");
    for (const QtHttpServer::RouteCount& r : routes) {
        out.append("qgnet_http_requests_total{method=\"").append(escapedLabel(r.method.toStdString()));
        out.append("\",route=\"").append(escapedLabel(r.pattern.toStdString())).append("\"} ");
        out.append(std::to_string(r.requests)).append("\n");
    }
    family(out, "qgnet_websocket_sessions", "gauge", "Open WebSocket sessions.");
    out.append("qgnet_websocket_sessions ").append(std::to_string(webSocketSessions)).append("\n");
    return out;
}

} // namespace qgnet::demo
