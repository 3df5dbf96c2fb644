// SPDX-License-Identifier: Apache-2.0
#include "status_page.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QString>

#include "http_request.h"
#include "qgnet/qt/snapshot_codec.h"

namespace qgnet::demo {

namespace {

// Translation is thread-safe in Qt, so the page speaks the application's language from a loop thread.
struct StatusPage {
    Q_DECLARE_TR_FUNCTIONS(StatusPage)
};

std::string response(int status, std::string_view contentType, const std::string& body, bool keepAlive, bool head)
{
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(httpReason(status)) + "\r\n";
    out += "Content-Type: " + std::string(contentType) + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    if (!head)
        out += body;
    return out;
}

QString escaped(const QString& s)
{
    return s.toHtmlEscaped();
}

std::string htmlPage(const SnapshotPtr& snapshot)
{
    QString html = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                  "<meta http-equiv=\"refresh\" content=\"2\"><title>%1</title>"
                                  "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                                  "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}"
                                  "th{background:#eef}</style></head><body><h1>%1</h1>\n")
                       .arg(escaped(StatusPage::tr("qgnet demo: engine status")));
    if (!snapshot) {
        html += QStringLiteral("<p>%1</p>").arg(escaped(StatusPage::tr("No statistics yet.")));
    } else {
        int connections = 0;
        for (const LoopStats& l : snapshot->loops)
            connections += l.connections;
        html += QStringLiteral("<p>%1: %2</p>\n").arg(escaped(StatusPage::tr("Open connections"))).arg(connections);
        html += QStringLiteral("<p>%1:").arg(escaped(StatusPage::tr("Listening on")));
        for (const std::string& url : snapshot->listenUrls)
            html += QStringLiteral(" <code>%1</code>").arg(escaped(QString::fromStdString(url)));
        html += QStringLiteral("</p>\n<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th>"
                               "<th>%7</th><th>%8</th></tr>\n")
                    .arg(escaped(StatusPage::tr("Loop")), escaped(StatusPage::tr("Backend")), escaped(StatusPage::tr("Connections")), escaped(StatusPage::tr("Accepted")),
                        escaped(StatusPage::tr("Bytes in")), escaped(StatusPage::tr("Bytes out")), escaped(StatusPage::tr("Iterations")), escaped(StatusPage::tr("Stalls")));
        for (const LoopStats& l : snapshot->loops) {
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td>"
                                   "<td>%8</td></tr>\n")
                        .arg(l.index)
                        .arg(escaped(QString::fromStdString(l.backend)))
                        .arg(l.connections)
                        .arg(l.accepted)
                        .arg(l.bytesIn)
                        .arg(l.bytesOut)
                        .arg(l.iterations)
                        .arg(l.stalls);
        }
        html += QStringLiteral("</table>\n");
    }
    html += QStringLiteral("<p><a href=\"/stats.json\">%1</a></p></body></html>\n").arg(escaped(StatusPage::tr("Statistics as JSON")));
    return html.toStdString();
}

} // namespace

void StatusBoard::publish(SnapshotPtr snapshot)
{
    std::lock_guard lock(mutex_);
    latest_ = std::move(snapshot);
}

SnapshotPtr StatusBoard::latest() const
{
    std::lock_guard lock(mutex_);
    return latest_;
}

std::string statusResponse(const std::string& method, const std::string& target, const SnapshotPtr& snapshot,
    bool keepAlive)
{
    const bool head = method == "HEAD";
    if (method != "GET" && !head)
        return response(405, "text/plain; charset=utf-8", "method not allowed\n", keepAlive, false);
    // The query string does not matter to the page.
    const std::string path = target.substr(0, target.find('?'));
    if (path == "/" || path == "/index.html")
        return response(200, "text/html; charset=utf-8", htmlPage(snapshot), keepAlive, head);
    if (path == "/stats.json") {
        const std::string body = snapshot
            ? QJsonDocument(snapshotToJson(*snapshot)).toJson(QJsonDocument::Compact).toStdString()
            : std::string("{}");
        return response(200, "application/json", body, keepAlive, head);
    }
    return response(404, "text/plain; charset=utf-8", "not found\n", keepAlive, head);
}

std::string errorResponse(int status)
{
    const std::string body = std::to_string(status) + " " + std::string(httpReason(status)) + "\n";
    return response(status, "text/plain; charset=utf-8", body, false, false);
}

} // namespace qgnet::demo
