// SPDX-License-Identifier: Apache-2.0
// qgnet-demo's server: the echo and the HTTP status page (QtHttpServer) on one engine, over real
// sockets, on the backend QGNET_BACKEND names: garbage, oversized heads, pipelining, the Host
// allow-list and the token; 4000 pipelined /stats.json requests beside 2000 idle connections while
// an echo on the same loop answers; 500 slowloris connections closed by the header timeout; the
// connection cap.
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include "demo_server.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using qgnet::demo::DemoLimits;
using qgnet::demo::DemoServer;

namespace {

constexpr int kTimeout = 10000;

/// connectTo opens a QTcpSocket to a "tcp://host:port" URL.
bool connectTo(QTcpSocket& socket, const QString& url)
{
    const QUrl u(url);
    socket.connectToHost(u.host(), static_cast<quint16>(u.port()));
    return socket.waitForConnected(kTimeout);
}

/// readUntilClosed reads everything until the peer closes (or the deadline passes).
QByteArray readUntilClosed(QTcpSocket& socket)
{
    QByteArray all;
    QElapsedTimer t;
    t.start();
    while (socket.state() == QAbstractSocket::ConnectedState && t.elapsed() < kTimeout) {
        socket.waitForReadyRead(100);
        all += socket.readAll();
    }
    return all + socket.readAll();
}

/// readResponses reads until `count` complete responses (by Content-Length) arrived.
QList<QByteArray> readResponses(QTcpSocket& socket, int count)
{
    QByteArray buffer;
    QList<QByteArray> out;
    QElapsedTimer t;
    t.start();
    while (out.size() < count && t.elapsed() < kTimeout) {
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        buffer += socket.readAll();
        for (;;) {
            const auto headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                break;
            const QByteArray head = buffer.left(headEnd);
            const auto at = head.toLower().indexOf("content-length:");
            const qsizetype length = at < 0
                ? 0
                : head.mid(at + 15, head.indexOf("\r\n", at) - at - 15).trimmed().toLongLong();
            if (buffer.size() < headEnd + 4 + length)
                break;
            out << buffer.left(headEnd + 4 + length);
            buffer.remove(0, headEnd + 4 + length);
        }
    }
    return out;
}

/// get sends one request for target with the given extra header lines and returns the response.
QByteArray get(const QString& url, const QByteArray& target, const QByteArray& headers)
{
    QTcpSocket http;
    if (!connectTo(http, url))
        return {};
    http.write("GET " + target + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n");
    return readUntilClosed(http);
}

/// hostOf is "127.0.0.1:port" of a "tcp://127.0.0.1:port" URL, the Host header a browser would send.
QByteArray hostOf(const QString& url)
{
    const QUrl u(url);
    return (u.host() + QLatin1Char(':') + QString::number(u.port())).toUtf8();
}

QByteArray body(const QByteArray& response) { return response.mid(response.indexOf("\r\n\r\n") + 4); }

qgnet::QtServer::IoBackend backend()
{
    return qgnet_test::requestedBackend() == qgnet::Backend::IoUring ? qgnet::QtServer::IoUring
                                                                     : qgnet::QtServer::Epoll;
}

/// IdleConnections are plain sockets connected to a URL that never send anything.
class IdleConnections {
public:
    IdleConnections(const QString& url, int count)
    {
        const QUrl u(url);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<quint16>(u.port()));
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        for (int i = 0; i < count; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0)
                break;
            if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
                ::close(fd);
                break;
            }
            fds_.push_back(fd);
        }
    }
    ~IdleConnections()
    {
        for (int fd : fds_)
            ::close(fd);
    }
    int size() const { return static_cast<int>(fds_.size()); }

private:
    std::vector<int> fds_;
};

/// echoRoundTrip sends text on an open echo socket and tells whether it came back.
bool echoRoundTrip(QTcpSocket& echo, const QByteArray& text)
{
    echo.write(text);
    QByteArray back;
    while (back.size() < text.size() && echo.waitForReadyRead(kTimeout))
        back += echo.readAll();
    return back == text;
}

} // namespace

class TestDemoHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void echoAndPageShareTheEngine();
    void statsJsonFollowsTheEngine();
    void pipelinedAndSplitRequests();
    void garbageIsAnsweredAndClosed();
    void oversizedHeadIsRefused();
    void foreignHostIsMisdirected_data();
    void foreignHostIsMisdirected();
    void statsJsonNeedsTheEndpointToken();
    void nothingIsServedAfterARefusal();
    void pipelinedStatsBesideIdleConnections();
    void slowlorisIsClosedByTheHeaderTimeout();
    void connectionPastTheCapIsRefused();
    void metricsParseWithPrometheusClient();
    void webSocketPushesStatsUnderTheSameRules();

private:
    std::unique_ptr<DemoServer> server_;
};

void TestDemoHttp::init()
{
    server_ = std::make_unique<DemoServer>();
    QVERIFY2(server_->start(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("tcp://127.0.0.1:0"), 2, backend()),
        qPrintable(server_->errorString()));
    QVERIFY(server_->echoUrl() != server_->httpUrl());
}

void TestDemoHttp::cleanup()
{
    server_.reset();
    QGNET_VERIFY_NO_LIVE_OBJECTS();
}

void TestDemoHttp::echoAndPageShareTheEngine()
{
    QTcpSocket echo;
    QVERIFY(connectTo(echo, server_->echoUrl()));
    echo.write("ping over the echo listener");
    QByteArray back;
    while (back.size() < 27 && echo.waitForReadyRead(kTimeout))
        back += echo.readAll();
    QCOMPARE(back, QByteArray("ping over the echo listener"));

    QTcpSocket http;
    QVERIFY(connectTo(http, server_->httpUrl()));
    http.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    const QByteArray response = readUntilClosed(http);
    QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.left(200).constData());
    QVERIFY(response.contains("Content-Type: text/html"));
    QVERIFY(response.contains("<html>"));
    QVERIFY(response.contains("/stats.json"));
    QCOMPARE(http.state(), QAbstractSocket::UnconnectedState);
    // The echo connection is unaffected.
    echo.write("again");
    back.clear();
    while (back.size() < 5 && echo.waitForReadyRead(kTimeout))
        back += echo.readAll();
    QCOMPARE(back, QByteArray("again"));
}

void TestDemoHttp::statsJsonFollowsTheEngine()
{
    // Three echo connections: the JSON page (from the feed's snapshots) shows them.
    QTcpSocket a, b, c;
    for (QTcpSocket* s : {&a, &b, &c})
        QVERIFY(connectTo(*s, server_->echoUrl()));
    int connections = -1;
    QJsonObject stats;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket http;
            if (!connectTo(http, server_->httpUrl()))
                return false;
            http.write("GET /stats.json HTTP/1.1\r\nHost: localhost\r\n\r\n");
            const QList<QByteArray> responses = readResponses(http, 1);
            if (responses.isEmpty() || !responses[0].startsWith("HTTP/1.1 200"))
                return false;
            stats = QJsonDocument::fromJson(body(responses[0])).object();
            // The echo connections (the page's own may or may not be in the snapshot yet).
            const QString echoPort = QStringLiteral(":%1").arg(QUrl(server_->echoUrl()).port());
            connections = 0;
            for (const QJsonValue& conn : stats.value(QStringLiteral("connections")).toArray())
                connections += conn.toObject().value(QStringLiteral("local")).toString().endsWith(echoPort);
            return connections == 3;
        }(),
        kTimeout);
    QCOMPARE(stats.value(QStringLiteral("loops")).toArray().size(), 2);
}

void TestDemoHttp::pipelinedAndSplitRequests()
{
    QTcpSocket http;
    QVERIFY(connectTo(http, server_->httpUrl()));
    // Two requests in one segment, then a third split byte by byte.
    http.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\nGET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const QByteArray third("GET /stats.json?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    for (char ch : third) {
        http.write(&ch, 1);
        http.waitForBytesWritten(kTimeout);
    }
    const QList<QByteArray> responses = readResponses(http, 3);
    QCOMPARE(responses.size(), 3);
    QVERIFY(responses[0].startsWith("HTTP/1.1 200 OK"));
    QVERIFY(responses[1].startsWith("HTTP/1.1 404 Not Found"));
    QVERIFY(responses[2].startsWith("HTTP/1.1 200 OK"));
    QVERIFY(responses[2].contains("application/json"));
    QVERIFY(http.state() == QAbstractSocket::ConnectedState); // keep-alive
    // HEAD: the headers of GET, no body.
    http.write("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QByteArray head;
    while (!head.contains("\r\n\r\n") && http.waitForReadyRead(kTimeout))
        head += http.readAll();
    QVERIFY(head.startsWith("HTTP/1.1 200 OK"));
    QVERIFY(head.endsWith("\r\n\r\n"));
    // POST without a body is a method the page does not serve.
    http.write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
    const QList<QByteArray> post = readResponses(http, 1);
    QCOMPARE(post.size(), 1);
    QVERIFY(post[0].startsWith("HTTP/1.1 405"));
}

void TestDemoHttp::garbageIsAnsweredAndClosed()
{
    QTcpSocket http;
    QVERIFY(connectTo(http, server_->httpUrl()));
    http.write(QByteArray("\x00\xff\x13garbage\r\n\r\n", 14));
    const QByteArray response = readUntilClosed(http);
    QVERIFY2(response.startsWith("HTTP/1.1 400 Bad Request"), response.constData());
    QCOMPARE(http.state(), QAbstractSocket::UnconnectedState);
    // The server keeps serving others.
    QTcpSocket next;
    QVERIFY(connectTo(next, server_->httpUrl()));
    next.write("GET / HTTP/1.0\r\n\r\n");
    QVERIFY(readUntilClosed(next).startsWith("HTTP/1.0 200 OK")); // QGnet::Http answers in the request's version
}

void TestDemoHttp::oversizedHeadIsRefused()
{
    // A head past the 32 KiB bound that has not ended: refused with 431 and the connection closed.
    QTcpSocket http;
    QVERIFY(connectTo(http, server_->httpUrl()));
    http.write("GET / HTTP/1.1\r\n");
    for (int i = 0; i < 33; ++i)
        http.write("X-Filler: " + QByteArray(1000, 'a') + "\r\n");
    const QByteArray all = readUntilClosed(http);
    QVERIFY2(all.startsWith("HTTP/1.1 431"), all.left(100).constData());
    QCOMPARE(http.state(), QAbstractSocket::UnconnectedState);
}

void TestDemoHttp::foreignHostIsMisdirected_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<int>("status");
    QTest::newRow("evil.example") << QByteArray("evil.example") << 421;
    QTest::newRow("evil.example with port") << QByteArray("evil.example:%PORT%") << 421;
    QTest::newRow("localhost.evil.example") << QByteArray("localhost.evil.example") << 421;
    QTest::newRow("127.0.0.1.nip.io") << QByteArray("127.0.0.1.nip.io:%PORT%") << 421;
    QTest::newRow("localhost") << QByteArray("localhost:%PORT%") << 200;
    QTest::newRow("LOCALHOST") << QByteArray("LOCALHOST") << 200;
    QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1:%PORT%") << 200;
    QTest::newRow("[::1]") << QByteArray("[::1]:%PORT%") << 200;
    QTest::newRow("two hosts") << QByteArray("localhost\r\nHost: evil.example") << 400;
}

// DNS rebinding: a page from evil.example whose name now resolves to 127.0.0.1 reaches the status
// page with "Host: evil.example". Only localhost names, the loopback addresses and the listen
// address are served; anything else is 421 Misdirected Request, with no statistics in it.
void TestDemoHttp::foreignHostIsMisdirected()
{
    QFETCH(QByteArray, host);
    QFETCH(int, status);
    host.replace("%PORT%", QByteArray::number(QUrl(server_->httpUrl()).port()));
    for (const QByteArray& target : {QByteArray("/stats.json"), QByteArray("/")}) {
        const QByteArray response = get(server_->httpUrl(), target, "Host: " + host + "\r\n");
        QVERIFY2(response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '), response.left(300).constData());
        if (status != 200)
            QVERIFY2(!response.contains("loops"), response.constData());
    }
}

// With an inspector endpoint (whose token protects the statistics), /stats.json wants the same token,
// as "Authorization: Bearer TOKEN" or "?token=TOKEN"; without it the answer is 401 and no data.
void TestDemoHttp::statsJsonNeedsTheEndpointToken()
{
    const QByteArray host = "Host: " + hostOf(server_->httpUrl()) + "\r\n";
    QVERIFY(get(server_->httpUrl(), "/stats.json", host).startsWith("HTTP/1.1 200 ")); // no endpoint: no token
    const QByteArray token("a-demo-token-of-32-characters-xy");
    QVERIFY2(server_->listenInspector(QStringLiteral("tcp://127.0.0.1:0"), QString::fromLatin1(token)),
        qPrintable(server_->errorString()));
    const QByteArray none = get(server_->httpUrl(), "/stats.json", host);
    QVERIFY2(none.startsWith("HTTP/1.1 401 "), none.left(300).constData());
    QVERIFY(!none.contains("loops"));
    const QByteArray wrong = get(server_->httpUrl(), "/stats.json",
        host + "Authorization: Bearer " + token.left(31) + "z\r\n");
    QVERIFY2(wrong.startsWith("HTTP/1.1 401 "), wrong.left(300).constData());
    const QByteArray bearer = get(server_->httpUrl(), "/stats.json", host + "Authorization: Bearer " + token + "\r\n");
    QVERIFY2(bearer.startsWith("HTTP/1.1 200 "), bearer.left(300).constData());
    QVERIFY(body(bearer).startsWith("{"));
    const QByteArray query = get(server_->httpUrl(), "/stats.json?token=" + token, host);
    QVERIFY2(query.startsWith("HTTP/1.1 200 "), query.left(300).constData());
    // The HTML page shows no per-connection data and stays open to the local user's browser.
    QVERIFY(get(server_->httpUrl(), "/", host).startsWith("HTTP/1.1 200 "));
}

// A refused request closes the connection: what was pipelined behind it is not answered.
void TestDemoHttp::nothingIsServedAfterARefusal()
{
    QTcpSocket http;
    QVERIFY(connectTo(http, server_->httpUrl()));
    http.write("GET /stats.json HTTP/1.1\r\nHost: evil.example\r\n\r\n"
               "GET /stats.json HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const QByteArray all = readUntilClosed(http);
    QVERIFY2(all.startsWith("HTTP/1.1 421 "), all.constData());
    QCOMPARE(all.count("HTTP/1.1 "), 1);
    QVERIFY(!all.contains("loops"));
}

// One loop holds 2000 idle connections, an echo connection and a page connection that pipelines
// 4000 /stats.json requests in one go without reading: the page's output backs up (reading pauses),
// the echo on the same loop still answers, then all 4000 answers arrive, in order, from one JSON
// rendering. The feed is paused first, so the JSON stays the size of a small engine's (with the
// 2000 connections listed, 4000 answers would be gigabytes of loopback traffic, not the point here).
void TestDemoHttp::pipelinedStatsBesideIdleConnections()
{
    server_.reset();
    server_ = std::make_unique<DemoServer>();
    QVERIFY2(server_->start(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("tcp://127.0.0.1:0"), 1, backend()),
        qPrintable(server_->errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(server_->board()->latest() != nullptr, kTimeout);
    server_->feed()->setPaused(true);
    QTcpSocket echo;
    QVERIFY(connectTo(echo, server_->echoUrl()));
    const IdleConnections idle(server_->httpUrl(), 2000);
    QCOMPARE(idle.size(), 2000);
    QTRY_VERIFY_WITH_TIMEOUT(server_->server()->connectionCount() >= 2001, kTimeout);

    QTcpSocket http;
    QVERIFY(connectTo(http, server_->httpUrl()));
    QByteArray burst;
    for (int i = 0; i < 4000; ++i)
        burst += "GET /stats.json HTTP/1.1\r\nHost: localhost\r\n\r\n";
    const std::uint64_t rendersBefore = server_->board()->renders();
    http.write(burst);
    while (http.bytesToWrite() > 0)
        QVERIFY(http.waitForBytesWritten(kTimeout));
    QVERIFY(echoRoundTrip(echo, "still answering while the page's output backs up"));

    // Count the answers as they stream in (a status line cannot occur inside the compact JSON).
    int answers = 0, ok = 0;
    QByteArray tail;
    QElapsedTimer t;
    t.start();
    while (answers < 4000 && t.elapsed() < 60000) {
        if (!http.waitForReadyRead(1000) && http.state() != QAbstractSocket::ConnectedState)
            break;
        const QByteArray chunk = tail + http.readAll();
        answers += chunk.count("HTTP/1.1 ");
        ok += chunk.count("HTTP/1.1 200 OK\r\n");
        tail = chunk.right(16); // a status line split between reads is counted once, from here
        const QByteArray again = tail;
        answers -= again.count("HTTP/1.1 ");
        ok -= again.count("HTTP/1.1 200 OK\r\n");
    }
    answers += tail.count("HTTP/1.1 ");
    ok += tail.count("HTTP/1.1 200 OK\r\n");
    QCOMPARE(answers, 4000);
    QCOMPARE(ok, 4000);
    QVERIFY(http.state() == QAbstractSocket::ConnectedState);
    QVERIFY(server_->board()->renders() - rendersBefore <= 1); // one snapshot, one rendering
    QVERIFY(echoRoundTrip(echo, "and after"));
    const auto counts = server_->http()->routeCounts();
    for (const auto& route : counts)
        if (route.pattern == "/stats.json")
            QCOMPARE(route.requests, quint64(4000));
}

// 500 connections that start a request and never finish its head are answered 408 and closed once
// the header timeout passes; meanwhile, and afterwards, a normal client is served.
void TestDemoHttp::slowlorisIsClosedByTheHeaderTimeout()
{
    server_.reset();
    server_ = std::make_unique<DemoServer>();
    DemoLimits limits;
    limits.headerTimeout = std::chrono::milliseconds(500);
    QVERIFY2(server_->start(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("tcp://127.0.0.1:0"), 2, backend(),
                 limits),
        qPrintable(server_->errorString()));
    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < 500; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        QVERIFY(connectTo(*s, server_->httpUrl()));
        s->write("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
        slow.push_back(std::move(s));
    }
    const QByteArray normal = get(server_->httpUrl(), "/", "Host: localhost\r\n");
    QVERIFY2(normal.startsWith("HTTP/1.1 200 "), normal.left(200).constData());
    const auto allClosed = [&] {
        for (const auto& s : slow)
            if (s->state() != QAbstractSocket::UnconnectedState)
                return false;
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allClosed(), 30000);
    int timedOut = 0;
    for (const auto& s : slow)
        timedOut += s->readAll().startsWith("HTTP/1.1 408 ");
    QCOMPARE(timedOut, 500);
    QVERIFY(get(server_->httpUrl(), "/", "Host: localhost\r\n").startsWith("HTTP/1.1 200 "));
}

// With a cap of 3 connections, a fourth is closed at accept without an answer; once one of the
// three goes, a new client is served.
void TestDemoHttp::connectionPastTheCapIsRefused()
{
    server_.reset();
    server_ = std::make_unique<DemoServer>();
    DemoLimits limits;
    limits.maxConnections = 3;
    QVERIFY2(server_->start(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("tcp://127.0.0.1:0"), 1, backend(),
                 limits),
        qPrintable(server_->errorString()));
    auto first = std::make_unique<QTcpSocket>();
    QTcpSocket second, third;
    for (QTcpSocket* s : {first.get(), &second, &third})
        QVERIFY(connectTo(*s, server_->httpUrl()));
    QTRY_COMPARE_WITH_TIMEOUT(server_->server()->connectionCount(), 3, kTimeout);
    QTcpSocket fourth;
    QVERIFY(connectTo(fourth, server_->httpUrl())); // the kernel accepts; the engine closes it
    fourth.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QCOMPARE(readUntilClosed(fourth), QByteArray());
    QCOMPARE(fourth.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(server_->server()->engine()->refusedConnections() >= 1);
    // The three are served.
    first->write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QCOMPARE(readResponses(*first, 1).size(), 1);
    first.reset();
    QTRY_COMPARE_WITH_TIMEOUT(server_->server()->connectionCount(), 2, kTimeout);
    QVERIFY(get(server_->httpUrl(), "/", "Host: localhost\r\n").startsWith("HTTP/1.1 200 "));
}

// /metrics in Prometheus's text format, read by Debian's python3-prometheus-client (its parser
// refuses what the format does not allow); the same Host and token rules as /stats.json.
void TestDemoHttp::metricsParseWithPrometheusClient()
{
    const QByteArray host = "Host: localhost\r\n";
    QVERIFY(get(server_->httpUrl(), "/stats.json", host).startsWith("HTTP/1.1 200 "));
    QTRY_VERIFY_WITH_TIMEOUT(server_->board()->latest() != nullptr, kTimeout);
    const QByteArray response = get(server_->httpUrl(), "/metrics", host);
    QVERIFY2(response.startsWith("HTTP/1.1 200 "), response.left(300).constData());
    QVERIFY(response.contains("Content-Type: text/plain; version=0.0.4"));
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
    QVERIFY2(!python.isEmpty(), "python3 is missing (scripts/deps.sh installs it)");
    QProcess parser;
    parser.start(python,
        {QStringLiteral("-c"),
            QStringLiteral("import json, sys\n"
                           "from prometheus_client.parser import text_string_to_metric_families\n"
                           "for f in text_string_to_metric_families(sys.stdin.read()):\n"
                           "    for s in f.samples:\n"
                           "        print(f.type, s.name, json.dumps(s.labels, sort_keys=True), s.value)\n")});
    QVERIFY(parser.waitForStarted(kTimeout));
    parser.write(body(response));
    parser.closeWriteChannel();
    QVERIFY(parser.waitForFinished(30000));
    const QByteArray err = parser.readAllStandardError();
    QVERIFY2(parser.exitStatus() == QProcess::NormalExit && parser.exitCode() == 0, err.constData());
    const QString samples = QString::fromUtf8(parser.readAllStandardOutput());
    const QString backendName = backend() == qgnet::QtServer::IoUring ? QStringLiteral("io_uring")
                                                                      : QStringLiteral("epoll");
    for (const QString& want :
        {QStringLiteral("gauge qgnet_loop_connections {\"backend\": \"%1\", \"loop\": \"0\"}").arg(backendName),
            QStringLiteral("counter qgnet_loop_received_bytes_total {\"backend\": \"%1\", \"loop\": \"1\"}")
                .arg(backendName),
            QStringLiteral("counter qgnet_refused_connections_total {} 0.0"),
            QStringLiteral("counter qgnet_http_requests_total {\"method\": \"GET\", \"route\": \"/stats.json\"} 1.0"),
            QStringLiteral("counter qgnet_http_requests_total {\"method\": \"GET\", \"route\": \"/metrics\"} 1.0"),
            QStringLiteral("gauge qgnet_websocket_sessions {} 0.0")})
        QVERIFY2(samples.contains(want), qPrintable(want + QStringLiteral(" not in:\n") + samples));

    QVERIFY(get(server_->httpUrl(), "/metrics", "Host: evil.example\r\n").startsWith("HTTP/1.1 421 "));
    const QByteArray token("a-demo-token-of-32-characters-xy");
    QVERIFY(server_->listenInspector(QStringLiteral("tcp://127.0.0.1:0"), QString::fromLatin1(token)));
    QVERIFY(get(server_->httpUrl(), "/metrics", host).startsWith("HTTP/1.1 401 "));
    QVERIFY(get(server_->httpUrl(), "/metrics", host + "Authorization: Bearer " + token + "\r\n")
                .startsWith("HTTP/1.1 200 "));
}

// /ws pushes /stats.json's content to WebSocket clients under the same rules, checked before the upgrade: a
// foreign Host is 421, a browser page of another origin 403, a missing token 401, each answered and closed with
// no session; an allowed client gets the statistics as a text frame right after the 101.
void TestDemoHttp::webSocketPushesStatsUnderTheSameRules()
{
    const auto upgrade = [this](const QByteArray& target, const QByteArray& headers, QByteArray* rest = nullptr) {
        QTcpSocket socket;
        if (!connectTo(socket, server_->httpUrl()))
            return QByteArray("no connection");
        socket.write("GET " + target + " HTTP/1.1\r\n" + headers
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n\r\n");
        if (!rest)
            return readUntilClosed(socket); // a refusal closes
        QByteArray all;
        // The 101, then one whole text frame (its length from its header; a server frame has no mask).
        const auto frameComplete = [&all] {
            const qsizetype at = all.indexOf("\r\n\r\n");
            const QByteArray f = at < 0 ? QByteArray() : all.mid(at + 4);
            if (f.size() < 2)
                return false;
            const int code = quint8(f[1]) & 0x7f;
            const qsizetype header = code == 127 ? 10 : code == 126 ? 4 : 2;
            if (f.size() < header)
                return false;
            quint64 length = code < 126 ? quint64(code) : 0;
            for (qsizetype i = 2; i < header; ++i)
                length = (length << 8) | quint8(f[i]);
            return quint64(f.size()) >= quint64(header) + length;
        };
        // This thread's event loop runs meanwhile: the session opens there, and its first push comes from there.
        const bool complete = QTest::qWaitFor(
            [&] {
                all += socket.readAll();
                return frameComplete();
            },
            kTimeout);
        *rest = complete ? all.mid(all.indexOf("\r\n\r\n") + 4) : QByteArray();
        return all;
    };
    const QByteArray port = QByteArray::number(QUrl(server_->httpUrl()).port());
    const QByteArray host = "Host: localhost:" + port + "\r\n";
    QVERIFY(upgrade("/ws", "Host: evil.example\r\n").startsWith("HTTP/1.1 421 "));
    QVERIFY(upgrade("/ws", host + "Origin: http://evil.example\r\n").startsWith("HTTP/1.1 403 "));
    QTRY_VERIFY_WITH_TIMEOUT(server_->board()->latest() != nullptr, kTimeout);
    QByteArray frame;
    const QByteArray open = upgrade("/ws", host + "Origin: http://localhost:" + port + "\r\n", &frame);
    QVERIFY2(open.startsWith("HTTP/1.1 101 "), open.left(200).constData());
    QVERIFY2(frame.size() > 4, open.left(200).constData());
    QCOMPARE(quint8(frame[0]), quint8(0x81)); // one text frame
    const int code = quint8(frame[1]) & 0x7f;
    const qsizetype header = code == 127 ? 10 : code == 126 ? 4 : 2;
    qsizetype length = code < 126 ? code : 0;
    for (qsizetype i = 2; i < header; ++i)
        length = (length << 8) | quint8(frame[i]);
    const QJsonDocument json = QJsonDocument::fromJson(frame.mid(header, length));
    QVERIFY2(json.isObject() && json.object().contains(QStringLiteral("loops")), frame.left(200).constData());

    const QByteArray token("a-demo-token-of-32-characters-xy");
    QVERIFY(server_->listenInspector(QStringLiteral("tcp://127.0.0.1:0"), QString::fromLatin1(token)));
    QVERIFY(upgrade("/ws", host).startsWith("HTTP/1.1 401 "));
    QVERIFY(upgrade("/ws?token=" + token, host, &frame).startsWith("HTTP/1.1 101 "));
    QTRY_COMPARE_WITH_TIMEOUT(server_->http()->webSocketSessions(), 0, kTimeout);
}

QGNET_TEST_MAIN(TestDemoHttp)
#include "tst_demo_http.moc"
