// SPDX-License-Identifier: Apache-2.0
#include "status_page.h"

#include <algorithm>
#include <cctype>

#include <arpa/inet.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QString>

#include "qgnet/qt/snapshot_codec.h"

namespace qgnet::demo {

namespace {

// Translation is thread-safe in Qt, so the page speaks the application's language from a loop thread.
struct StatusPage {
    Q_DECLARE_TR_FUNCTIONS(StatusPage)
};

QString escaped(const QString& s) { return s.toHtmlEscaped(); }

std::string htmlPageOf(const SnapshotPtr& snapshot)
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
                    .arg(escaped(StatusPage::tr("Loop")), escaped(StatusPage::tr("Backend")),
                        escaped(StatusPage::tr("Connections")), escaped(StatusPage::tr("Accepted")),
                        escaped(StatusPage::tr("Bytes in")), escaped(StatusPage::tr("Bytes out")),
                        escaped(StatusPage::tr("Iterations")), escaped(StatusPage::tr("Stalls")));
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
    html += QStringLiteral("<p><a href=\"/stats.json\">%1</a></p></body></html>\n")
                .arg(escaped(StatusPage::tr("Statistics as JSON")));
    return html.toStdString();
}

} // namespace

std::string statusHtml(const SnapshotPtr& snapshot) { return htmlPageOf(snapshot); }

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

std::shared_ptr<const std::string> StatusBoard::json()
{
    const auto now = std::chrono::steady_clock::now();
    SnapshotPtr snapshot;
    {
        std::lock_guard lock(mutex_);
        if (json_ && (rendered_ == latest_ || now - renderedAt_ < kJsonMaxAge))
            return json_;
        snapshot = latest_;
    }
    // Rendered outside the lock; two loops may both render once when the cache expires together.
    auto rendered = std::make_shared<const std::string>(snapshot
            ? QJsonDocument(snapshotToJson(*snapshot)).toJson(QJsonDocument::Compact).toStdString()
            : std::string("{}"));
    renders_.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(mutex_);
    json_ = rendered;
    rendered_ = snapshot;
    renderedAt_ = now;
    return rendered;
}

namespace {

std::string lowered(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
        [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// hostName is the host part of a Host value: "[::1]:80" -> "[::1]", "Example.COM.:80" -> "example.com".
std::string hostName(std::string_view host)
{
    if (host.starts_with('[')) {
        const std::size_t close = host.find(']');
        return lowered(close == std::string_view::npos ? host : host.substr(0, close + 1));
    }
    const std::size_t colon = host.rfind(':');
    if (colon != std::string_view::npos)
        host = host.substr(0, colon);
    while (host.ends_with('.'))
        host.remove_suffix(1);
    return lowered(host);
}

bool isLoopbackLiteral(const std::string& name)
{
    if (name == "[::1]" || name == "localhost")
        return true;
    in_addr v4{};
    // 127.0.0.0/8 written as a dotted quad; inet_pton refuses "127.1" and names like "127.0.0.1.nip.io".
    return inet_pton(AF_INET, name.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

// sameToken compares in time that depends on the lengths only, not on where the first difference is.
bool sameToken(std::string_view a, std::string_view b)
{
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ (b.empty() ? 0 : b[i % b.size()]));
    return diff == 0;
}

// presentedToken is the token of "Authorization: Bearer T" or else of "?token=T" in the target.
std::string presentedToken(const http::Request& request)
{
    const std::string_view auth = request.header("authorization");
    if (auth.size() > 7 && lowered(auth.substr(0, 7)) == "bearer ")
        return std::string(auth.substr(7));
    std::string_view rest = request.query;
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        if (pair.starts_with("token="))
            return std::string(pair.substr(6));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    return {};
}

} // namespace

void HttpAccess::allowHost(const std::string& host)
{
    std::lock_guard lock(mutex_);
    hosts_.push_back(hostName(host));
}

void HttpAccess::setToken(const std::string& token)
{
    std::lock_guard lock(mutex_);
    token_ = token;
}

int HttpAccess::check(const http::Request& request, bool protectedPath) const
{
    std::lock_guard lock(mutex_);
    if (request.hasHeader("host")) {
        const std::string name = hostName(request.header("host"));
        if (!isLoopbackLiteral(name) && std::find(hosts_.begin(), hosts_.end(), name) == hosts_.end())
            return 421;
    }
    if (!token_.empty() && protectedPath && !sameToken(presentedToken(request), token_))
        return 401;
    return 0;
}

} // namespace qgnet::demo
