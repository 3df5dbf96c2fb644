// SPDX-License-Identifier: Apache-2.0
// qgnet-demo's server: the echo and the HTTP status page on one engine, over real sockets; the
// request parser against garbage, oversized heads, bodies and pipelining.
#include <random>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include "demo_server.h"
#include "http_request.h"
#include "qgnet_test_qt.h"

using qgnet::demo::DemoServer;
using qgnet::demo::HttpParse;
using qgnet::demo::parseHttpRequest;

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

} // namespace

class TestDemoHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void parserCases_data();
    void parserCases();
    void parserSurvivesRandomBytes();
    void echoAndPageShareTheEngine();
    void statsJsonFollowsTheEngine();
    void pipelinedAndSplitRequests();
    void garbageIsAnsweredAndClosed();
    void oversizedHeadIsRefused();
    void foreignHostIsMisdirected_data();
    void foreignHostIsMisdirected();
    void statsJsonNeedsTheEndpointToken();

private:
    std::unique_ptr<DemoServer> server_;
};

void TestDemoHttp::init()
{
    server_ = std::make_unique<DemoServer>();
    QVERIFY2(server_->start(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("tcp://127.0.0.1:0"), 2),
        qPrintable(server_->errorString()));
    QVERIFY(server_->echoUrl() != server_->httpUrl());
}

void TestDemoHttp::cleanup()
{
    server_.reset();
    QGNET_VERIFY_NO_LIVE_OBJECTS();
}

void TestDemoHttp::parserCases_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status"); // 0 incomplete, 200 complete, else the error status
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("get") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << 200 << QByteArray("/") << true;
    QTest::newRow("http/1.0 closes") << QByteArray("GET /a HTTP/1.0\r\n\r\n") << 200 << QByteArray("/a") << false;
    QTest::newRow("connection: close") << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << 200
                                       << QByteArray("/") << false;
    QTest::newRow("bare LF") << QByteArray("GET /x HTTP/1.1\nHost: y\n\n") << 200 << QByteArray("/x") << true;
    QTest::newRow("leading CRLF") << QByteArray("\r\nGET / HTTP/1.1\r\n\r\n") << 200 << QByteArray("/") << true;
    QTest::newRow("incomplete line") << QByteArray("GET / HT") << 0 << QByteArray() << true;
    QTest::newRow("incomplete head") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << 0 << QByteArray() << true;
    QTest::newRow("empty") << QByteArray() << 0 << QByteArray() << true;
    QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01", 6) << 400 << QByteArray() << true;
    QTest::newRow("no target slash") << QByteArray("GET x HTTP/1.1\r\n\r\n") << 400 << QByteArray() << true;
    QTest::newRow("extra space") << QByteArray("GET / / HTTP/1.1\r\n\r\n") << 400 << QByteArray() << true;
    QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505 << QByteArray() << true;
    QTest::newRow("not http") << QByteArray("GET / FTP/1.1\r\n\r\n") << 400 << QByteArray() << true;
    QTest::newRow("header without colon")
        << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << 400 << QByteArray() << true;
    QTest::newRow("control byte") << QByteArray("GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n") << 400 << QByteArray() << true;
    QTest::newRow("body") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") << 413 << QByteArray()
                          << true;
    QTest::newRow("bad length") << QByteArray("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400 << QByteArray()
                                << true;
    QTest::newRow("two hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400 << QByteArray()
                               << true;
    QTest::newRow("chunked") << QByteArray("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 501
                             << QByteArray() << true;
    QTest::newRow("long target") << ("GET /" + QByteArray(3000, 'a') + " HTTP/1.1\r\n\r\n") << 414 << QByteArray()
                                 << true;
    QTest::newRow("huge head") << ("GET / HTTP/1.1\r\nX: " + QByteArray(9000, 'a')) << 431 << QByteArray() << true;
}

void TestDemoHttp::parserCases()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(QByteArray, target);
    QFETCH(bool, keepAlive);
    const HttpParse p = parseHttpRequest(std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
    switch (status) {
    case 0: QCOMPARE(int(p.status), int(HttpParse::Status::Incomplete)); break;
    case 200:
        QCOMPARE(int(p.status), int(HttpParse::Status::Complete));
        QCOMPARE(QByteArray::fromStdString(p.request.target), target);
        QCOMPARE(p.request.keepAlive, keepAlive);
        QCOMPARE(p.consumed, static_cast<std::size_t>(input.size()));
        break;
    default: QCOMPARE(int(p.status), int(HttpParse::Status::Error)); QCOMPARE(p.errorStatus, status);
    }
}

void TestDemoHttp::parserSurvivesRandomBytes()
{
    // Random bytes and random mutations of a valid request: every outcome is one of the three, a
    // completed request never claims more bytes than it was given, and nothing reads out of bounds
    // (the ASan build checks that).
    std::mt19937_64 random(0x9e3779b97f4a7c15ULL);
    const QByteArray valid("GET /stats.json HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
    for (int i = 0; i < 20000; ++i) {
        QByteArray input;
        if (i % 2 == 0) {
            input.resize(static_cast<qsizetype>(random() % 200));
            for (char& c : input)
                c = static_cast<char>(random() & 0xff);
        } else {
            input = valid;
            const int edits = 1 + static_cast<int>(random() % 4);
            for (int e = 0; e < edits; ++e)
                input[static_cast<qsizetype>(random() % static_cast<std::uint64_t>(input.size()))] = static_cast<char>(
                    random() & 0xff);
            input.truncate(static_cast<qsizetype>(random() % static_cast<std::uint64_t>(input.size() + 1)));
        }
        const HttpParse p = parseHttpRequest(
            std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
        QVERIFY(p.consumed <= static_cast<std::size_t>(input.size()));
        if (p.status == HttpParse::Status::Error)
            QVERIFY(p.errorStatus >= 400 && p.errorStatus < 600);
    }
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
            http.write("GET /stats.json HTTP/1.1\r\n\r\n");
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
    http.write("GET / HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\n\r\n");
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
    http.write("HEAD / HTTP/1.1\r\n\r\n");
    QByteArray head;
    while (!head.contains("\r\n\r\n") && http.waitForReadyRead(kTimeout))
        head += http.readAll();
    QVERIFY(head.startsWith("HTTP/1.1 200 OK"));
    QVERIFY(head.endsWith("\r\n\r\n"));
    // POST without a body is a method the page does not serve.
    http.write("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
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
    QVERIFY(readUntilClosed(next).startsWith("HTTP/1.1 200 OK"));
}

void TestDemoHttp::oversizedHeadIsRefused()
{
    // A head past the 8 KiB bound that has not ended: refused with 431 and the connection closed.
    QTcpSocket http;
    QVERIFY(connectTo(http, server_->httpUrl()));
    http.write("GET / HTTP/1.1\r\n");
    for (int i = 0; i < 9; ++i)
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

QTEST_GUILESS_MAIN(TestDemoHttp)
#include "tst_demo_http.moc"
