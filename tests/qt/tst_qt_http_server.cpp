// SPDX-License-Identifier: Apache-2.0
// QtHttpServer over real sockets (QTcpSocket, QWebSocket), on the backend QGNET_BACKEND names: loop-thread routes,
// requests delivered to the Qt thread and answered later from another thread (also pipelined behind and in front of
// loop-thread ones, streamed, and after the peer left), WebSocket sessions as signals with sends from another thread, a
// raw listener on the same loops, and the counts the inspector reads.
#include <thread>

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

#include "qgnet/conn.h"
#include "qgnet/qt/qt_http_server.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using qgnet::QtHttpRequest;
using qgnet::QtHttpServer;
using qgnet::QtWebSocket;

namespace {

constexpr int kTimeout = 10000;

/// readAnswers reads from socket until `count` responses with Content-Length bodies or chunked
/// bodies (ended by "0\r\n\r\n") arrived, and returns everything read.
QByteArray readUntil(QTcpSocket& socket, const QByteArray& marker, int count)
{
    QByteArray all;
    QElapsedTimer t;
    t.start();
    while (all.count(marker) < count && t.elapsed() < kTimeout) {
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        all += socket.readAll();
    }
    return all;
}

} // namespace

class TestQtHttpServer : public QObject {
    Q_OBJECT

    std::unique_ptr<QtHttpServer> server_;
    QList<QtHttpRequest> requests_; // delivered to this thread, not yet answered

private Q_SLOTS:
    void init()
    {
        server_ = std::make_unique<QtHttpServer>();
        qgnet::Options o = server_->server()->options();
        o.backend = qgnet_test::requestedBackend();
        o.numEventLoop = 2;
        server_->server()->setOptions(o);
        server_->setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
        server_->route("GET", "/hello", [](qgnet::http::Request&, qgnet::http::Response& res) {
            res.send(200, "text/plain", "hello from a loop");
        });
        server_->routeToThread("GET", "/gui/{name}");
        server_->routeToThread("POST", "/post");
        server_->webSocket("/ws");
        server_->addRawListener(QStringLiteral("tcp://127.0.0.1:0"), [](qgnet::Conn& c) {
            c.write(c.next());
            return qgnet::Action::None;
        });
        connect(server_.get(), &QtHttpServer::requestReceived, this, [this](const QtHttpRequest& r) {
            QVERIFY(QThread::currentThread() == thread());
            requests_.append(r);
        });
        QVERIFY2(server_->start(), qPrintable(server_->errorString()));
        QCOMPARE(server_->httpUrls().size(), 1);
        QCOMPARE(server_->rawUrls().size(), 1);
    }

    void cleanup()
    {
        requests_.clear();
        server_.reset();
        QGNET_VERIFY_NO_LIVE_OBJECTS();
    }

    // A loop-thread route and a Qt-thread route over one QTcpSocket (QNetworkAccessManager would do
    // as a client, but its own thread trips ThreadSanitizer inside the uninstrumented Qt).
    void loopRouteAndThreadRoute()
    {
        QTcpSocket socket;
        const QUrl u(server_->httpUrls()[0]);
        socket.connectToHost(u.host(), static_cast<quint16>(u.port()));
        QVERIFY(socket.waitForConnected(kTimeout));
        socket.write("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n");
        QVERIFY(readUntil(socket, "hello from a loop", 1).startsWith("HTTP/1.1 200 OK\r\n"));

        socket.write("POST /post HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\n"
                     "a body for the GUI");
        QTRY_COMPARE_WITH_TIMEOUT(requests_.size(), 1, kTimeout);
        const QtHttpRequest r = requests_.takeFirst();
        QCOMPARE(r.method(), QByteArray("POST"));
        QCOMPARE(r.route(), QByteArray("/post"));
        QCOMPARE(r.body(), QByteArray("a body for the GUI"));
        QCOMPARE(r.header("content-type"), QByteArray("text/plain"));
        QVERIFY(r.connectionId() != 0);
        QVERIFY(r.isOpen());
        // Answered from another thread.
        bool answered = false;
        std::thread([&answered, r] {
            answered = r.respond(201, "text/plain", "answered by a worker: " + r.body());
        }).join();
        QVERIFY(answered);
        const QByteArray reply = readUntil(socket, "answered by a worker: a body for the GUI", 1);
        QVERIFY2(reply.startsWith("HTTP/1.1 201 Created\r\n"), reply.constData());
        QVERIFY(!r.respond(200, "text/plain", "twice"));
    }

    // Pipelined: a Qt-thread request between two loop-thread ones; the answers keep the order, the
    // third waits for the second; then a streamed answer.
    void pipelinedAroundAThreadRequestAndStreamed()
    {
        QTcpSocket socket;
        const QUrl u(server_->httpUrls()[0]);
        socket.connectToHost(u.host(), static_cast<quint16>(u.port()));
        QVERIFY(socket.waitForConnected(kTimeout));
        socket.write("GET /hello HTTP/1.1\r\nHost: h\r\n\r\nGET /gui/alice?x=1 HTTP/1.1\r\nHost: h\r\n\r\n"
                     "GET /hello HTTP/1.1\r\nHost: h\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(requests_.size(), 1, kTimeout);
        QByteArray first = readUntil(socket, "hello from a loop", 1);
        QCOMPARE(first.count("HTTP/1.1 200"), 1); // only the first: the third waits
        const QtHttpRequest r = requests_.takeFirst();
        QCOMPARE(r.param("name"), QByteArray("alice"));
        QCOMPARE(r.query(), QByteArray("x=1"));
        QVERIFY(r.respond(200, "text/plain", "from the GUI"));
        const QByteArray rest = readUntil(socket, "hello from a loop", 1);
        QVERIFY2(rest.indexOf("from the GUI") >= 0 && rest.indexOf("from the GUI") < rest.indexOf("hello from a loop"),
            rest.constData());

        socket.write("GET /gui/stream HTTP/1.1\r\nHost: h\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(requests_.size(), 1, kTimeout);
        const QtHttpRequest s = requests_.takeFirst();
        std::thread([s] {
            s.beginChunked(200, "text/plain");
            for (int i = 0; i < 50; ++i)
                s.writeChunk("part" + QByteArray::number(i) + ",");
            s.endChunked();
        }).join();
        const QByteArray streamed = readUntil(socket, "0\r\n\r\n", 1);
        QVERIFY2(streamed.contains("Transfer-Encoding: chunked"), streamed.constData());
        QVERIFY(streamed.contains("part0,"));
        QVERIFY(streamed.contains("part49,"));
    }

    void answerAfterThePeerLeft()
    {
        {
            QTcpSocket socket;
            const QUrl u(server_->httpUrls()[0]);
            socket.connectToHost(u.host(), static_cast<quint16>(u.port()));
            QVERIFY(socket.waitForConnected(kTimeout));
            socket.write("GET /gui/gone HTTP/1.1\r\nHost: h\r\n\r\n");
            QTRY_COMPARE_WITH_TIMEOUT(requests_.size(), 1, kTimeout);
        }
        const QtHttpRequest r = requests_.takeFirst();
        QTRY_VERIFY_WITH_TIMEOUT(!r.isOpen(), kTimeout);
        QVERIFY(!r.respond(200, "text/plain", "too late"));
        QVERIFY(!r.beginChunked(200, "text/plain"));
    }

    void webSocketSignalsAndSendsFromAnotherThread()
    {
        QSignalSpy opened(server_.get(), &QtHttpServer::webSocketOpened);
        QSignalSpy closed(server_.get(), &QtHttpServer::webSocketClosed);
        // Echo every message back, from a worker thread.
        connect(server_.get(), &QtHttpServer::webSocketMessage, this,
            [](const QtWebSocket& ws, const QByteArray& message, bool text) {
                bool sent = false;
                std::thread([&sent, ws, message, text] {
                    sent = text ? ws.sendText(QString::fromUtf8("echo: " + message)) : ws.sendBinary(message);
                }).join();
                QVERIFY(sent);
            });
        QWebSocket client;
        QSignalSpy connected(&client, &QWebSocket::connected);
        QStringList texts;
        QList<QByteArray> binaries;
        connect(&client, &QWebSocket::textMessageReceived, this, [&](const QString& m) { texts << m; });
        connect(&client, &QWebSocket::binaryMessageReceived, this, [&](const QByteArray& m) { binaries << m; });
        const QUrl u(server_->httpUrls()[0]);
        client.open(QUrl(QStringLiteral("ws://%1:%2/ws").arg(u.host()).arg(u.port())));
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeout);
        QCOMPARE(server_->webSocketSessions(), 1);
        client.sendTextMessage(QStringLiteral("one"));
        client.sendBinaryMessage(QByteArray(100000, 'b'));
        client.sendTextMessage(QStringLiteral("two"));
        QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 2, kTimeout);
        QCOMPARE(texts, QStringList({QStringLiteral("echo: one"), QStringLiteral("echo: two")}));
        QCOMPARE(binaries.size(), 1);
        QCOMPARE(binaries[0], QByteArray(100000, 'b'));
        // The server closes, from another thread: the handshake completes with its code.
        const QtWebSocket ws = opened[0][0].value<QtWebSocket>();
        QCOMPARE(ws.path(), QStringLiteral("/ws"));
        QSignalSpy disconnected(&client, &QWebSocket::disconnected);
        bool closing = false;
        std::thread([&closing, ws] { closing = ws.close(4001, QStringLiteral("bye")); }).join();
        QVERIFY(closing);
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, kTimeout);
        QCOMPARE(int(client.closeCode()), 4001);
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, kTimeout);
        QCOMPARE(closed[0][1].toInt(), 4001);
        QCOMPARE(server_->webSocketSessions(), 0);
    }

    void rawListenerAndCounts()
    {
        QTcpSocket echo;
        const QUrl u(server_->rawUrls()[0]);
        echo.connectToHost(u.host(), static_cast<quint16>(u.port()));
        QVERIFY(echo.waitForConnected(kTimeout));
        const QByteArray request("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n");
        echo.write(request); // not HTTP here: echoed
        QByteArray back;
        while (back.size() < request.size() && echo.waitForReadyRead(kTimeout))
            back += echo.readAll();
        QCOMPARE(back, request);

        QTcpSocket http;
        const QUrl h(server_->httpUrls()[0]);
        http.connectToHost(h.host(), static_cast<quint16>(h.port()));
        QVERIFY(http.waitForConnected(kTimeout));
        http.write("GET /hello HTTP/1.1\r\nHost: h\r\n\r\nGET /hello HTTP/1.1\r\nHost: h\r\n\r\n");
        QCOMPARE(readUntil(http, "hello from a loop", 2).count("hello from a loop"), 2);
        const QList<QtHttpServer::RouteCount> counts = server_->routeCounts();
        QCOMPARE(counts.size(), 3);
        QCOMPARE(counts[0].pattern, QByteArray("/hello"));
        QCOMPARE(counts[0].requests, quint64(2));
        QVERIFY(!counts[0].onThread);
        QCOMPARE(counts[1].pattern, QByteArray("/gui/{name}"));
        QCOMPARE(counts[1].requests, quint64(0));
        QVERIFY(counts[1].onThread);
    }
};

QGNET_TEST_MAIN(TestQtHttpServer)
#include "tst_qt_http_server.moc"
