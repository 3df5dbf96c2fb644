// SPDX-License-Identifier: Apache-2.0
// QtHttpServer over real sockets (QTcpSocket, QWebSocket), on the backend QGNET_BACKEND names: loop-thread routes,
// requests delivered to the Qt thread and answered later from another thread (also pipelined behind and in front of
// loop-thread ones, streamed, and after the peer left), WebSocket sessions as signals with sends from another thread, a
// raw listener on the same loops, the counts the inspector reads, and the bound on what waits for a busy Qt thread
// (a raw client floods WebSocket messages or big requests while this thread does not return to its event loop).
#include <atomic>
#include <thread>

#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

#include "http_test_client.h"
#include "qgnet/conn.h"
#include "qgnet/qt/qt_http_server.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using qgnet::QtHttpRequest;
using qgnet::QtHttpServer;
using qgnet::QtWebSocket;
using qgnet_test::HttpResponse;
using qgnet_test::HttpTestClient;

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

/// blockUntil keeps this (the Qt) thread away from its event loop, as a busy GUI would, until done()
/// holds; it looks every millisecond for up to a minute. False when it never held.
template <typename Done>
bool blockUntil(Done done)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1)); // polling, not synchronisation
    }
    return true;
}

/// numbered is a message of size bytes that starts with n in decimal.
std::string numbered(int n, std::size_t size)
{
    std::string s = std::to_string(n) + ":";
    s.resize(size, static_cast<char>('a' + n % 26));
    return s;
}

constexpr qint64 kItemOverhead = 256; // what the server counts per queued item besides the payload

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
        qgnet::http::WebSocketAccess strict;
        strict.allowedHosts = {"localhost", "127.0.0.1"};
        strict.allowedOrigins = {"http://app.example"};
        strict.check = [](const qgnet::http::Request& r) { return r.query == "token=secret" ? 0 : 401; };
        server_->webSocket("/strict", strict);
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

    // Host and Origin are checked before the upgrade: a refusal is a whole 403 (or the check's status) and a close,
    // and no session opens. By default any Host, the same origin, and clients without Origin are accepted.
    void webSocketHostAndOrigin()
    {
        QSignalSpy opened(server_.get(), &QtHttpServer::webSocketOpened);
        const QString port = QString::number(QUrl(server_->httpUrls()[0]).port());
        const std::string self = "127.0.0.1:" + port.toStdString();
        const auto status = [this](const std::string& target, const std::string& host, const std::string& origin) {
            HttpTestClient c;
            std::string err;
            if (!c.connect(server_->httpUrls()[0].toStdString(), err))
                return -1;
            std::string request = "GET " + target + " HTTP/1.1\r\nHost: " + host
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
            if (!origin.empty())
                request += "Origin: " + origin + "\r\n";
            HttpResponse r;
            if (!c.send(request + "\r\n", err) || !c.readResponse(r, err))
                return -2;
            if (r.status != 101 && !c.closedByPeer(err)) // a refusal closes: no frame is read after it
                return -3;
            return r.status;
        };
        // Default: the same origin (ports default by scheme), or no Origin.
        QCOMPARE(status("/ws", self, ""), 101);
        QCOMPARE(status("/ws", self, "http://" + self), 101);
        QCOMPARE(status("/ws", self, "HTTP://" + self), 101);
        QCOMPARE(status("/ws", "localhost", "http://localhost"), 101);
        QCOMPARE(status("/ws", "localhost:80", "http://localhost"), 101);
        QCOMPARE(status("/ws", self, "http://evil.example"), 403);
        QCOMPARE(status("/ws", self, "http://127.0.0.1:1"), 403);
        QCOMPARE(status("/ws", self, "https://" + self), 101); // one host and port: one server, either scheme
        QCOMPARE(status("/ws", "localhost", "http://localhost:3000"), 403); // Host without a port: 80 or 443
        QCOMPARE(status("/ws", "evil.example", "http://" + self), 403);
        QCOMPARE(status("/ws", self, "null"), 403);
        QCOMPARE(status("/ws", "localhost", "http://localhost.evil.example"), 403);
        // Listed Hosts and Origins, then the check (a token).
        QCOMPARE(status("/strict?token=secret", self, "http://app.example"), 101);
        QCOMPARE(status("/strict?token=secret", "LOCALHOST:" + port.toStdString(), ""), 101);
        QCOMPARE(status("/strict?token=secret", "evil.example:" + port.toStdString(), "http://app.example"), 403);
        QCOMPARE(status("/strict?token=secret", self, "http://" + self), 403); // not listed, same origin or not
        QCOMPARE(status("/strict", self, "http://app.example"), 401);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 8, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(server_->webSocketSessions(), 0, kTimeout);

        // QWebSocket with an Origin header: refused cross-origin, accepted when listed.
        const auto open = [&](const QString& path, const QByteArray& origin) {
            QWebSocket client;
            QSignalSpy connected(&client, &QWebSocket::connected);
            QSignalSpy failed(&client, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
            QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port, path)));
            request.setRawHeader("Origin", origin);
            client.open(request);
            if (!QTest::qWaitFor([&] { return connected.size() + failed.size() > 0; }, kTimeout))
                return false;
            return connected.size() == 1;
        };
        QVERIFY(!open(QStringLiteral("/ws"), "http://evil.example"));
        QVERIFY(open(QStringLiteral("/ws"), "http://127.0.0.1:" + port.toUtf8()));
        QVERIFY(open(QStringLiteral("/strict?token=secret"), "http://app.example"));
        QVERIFY(!open(QStringLiteral("/strict?token=secret"), "http://other.example"));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 10, kTimeout);
    }

    // A raw client floods 64 MiB of WebSocket messages while this thread stays away from its event loop:
    // the server queues no more than its bound for this thread (a quarter of it for one connection, plus the
    // message that crossed it) and holds the connection; once this thread runs, every message arrives, in order.
    // Before the bound, the writer sent all 64 MiB and the server queued all of it.
    void webSocketFloodWaitsForABusyThread()
    {
        constexpr qint64 kLimit = 1 << 20;
        constexpr std::size_t kMessage = 64 * 1024;
        constexpr int kCount = 1024; // 64 MiB
        server_->setThreadQueueLimit(kLimit);
        int received = 0;
        QString wrong;
        connect(server_.get(), &QtHttpServer::webSocketMessage, this,
            [&](const QtWebSocket&, const QByteArray& message, bool text) {
                if (wrong.isEmpty() && (text || message.toStdString() != numbered(received, kMessage)))
                    wrong = QStringLiteral("message %1 is not the one sent").arg(received);
                ++received;
            });
        HttpTestClient client;
        std::string err;
        QVERIFY2(client.connect(server_->httpUrls()[0].toStdString(), err), err.c_str());
        HttpResponse r;
        QVERIFY2(client.upgrade("/ws", r, err), err.c_str());
        QCOMPARE(r.status, 101);
        std::atomic<bool> sentAll{false};
        std::string writeError;
        std::thread writer([&] {
            for (int i = 0; i < kCount; ++i)
                if (!client.sendFrame(0x2, numbered(i, kMessage), writeError))
                    return;
            sentAll = true;
        });
        const bool held = blockUntil([&] { return server_->heldConnections() > 0 || sentAll; });
        const bool wasSentAll = sentAll;
        const qint64 queued = server_->threadQueuedBytes();
        // Let the writer finish whatever happens below (it needs this thread to drain the queue).
        QTRY_VERIFY_WITH_TIMEOUT(received == kCount || !writeError.empty(), 60000);
        writer.join();
        QVERIFY(held);
        QVERIFY2(!wasSentAll,
            qPrintable(QStringLiteral("all 64 MiB went out while the thread was blocked; %1 bytes "
                                      "queued for it")
                           .arg(queued)));
        QVERIFY2(writeError.empty(), writeError.c_str());
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        QCOMPARE(received, kCount);
        qInfo("64 MiB of WebSocket messages: at most %lld bytes waited for the Qt thread",
            server_->threadQueuePeakBytes());
        const qint64 bound = kLimit / 4 + qint64(kMessage) + 2 * kItemOverhead; // share + the crossing message + open
        QVERIFY2(server_->threadQueuePeakBytes() <= bound,
            qPrintable(QStringLiteral("peak %1 > %2").arg(server_->threadQueuePeakBytes()).arg(bound)));
        QTRY_COMPARE_WITH_TIMEOUT(server_->threadQueuedBytes(), qint64(0), kTimeout);
        QCOMPARE(server_->heldConnections(), 0);
    }

    // 16 clients each send a 1 MiB request for this thread and a second one pipelined behind it, while this thread
    // stays away from its event loop: once the queue is over its bound the rest are postponed (their connections
    // hold them in their input and stop reading), then all are answered, in order per connection. Before the bound
    // all 16 MiB were queued.
    void threadRequestsWaitForABusyThread()
    {
        constexpr qint64 kLimit = 1 << 20;
        constexpr int kClients = 16;
        constexpr std::size_t kBody = 1 << 20;
        server_->setThreadQueueLimit(kLimit);
        std::vector<HttpTestClient> clients(kClients);
        std::string err;
        for (auto& c : clients)
            QVERIFY2(c.connect(server_->httpUrls()[0].toStdString(), err), err.c_str());
        std::string writeError;
        std::thread writer([&] {
            for (int i = 0; i < kClients; ++i) {
                const std::string request = "POST /post HTTP/1.1\r\nHost: h\r\nX-N: " + std::to_string(i)
                    + "\r\nContent-Length: " + std::to_string(kBody) + "\r\n\r\n" + numbered(i, kBody)
                    + "GET /gui/second" + std::to_string(i) + " HTTP/1.1\r\nHost: h\r\n\r\n";
                if (!clients[size_t(i)].send(request, writeError))
                    return;
            }
        });
        const auto posts = [this] { return int(server_->routeCounts()[2].requests); };
        const bool allSeen = blockUntil([&] { return posts() + server_->heldConnections() == kClients; });
        const qint64 peakWhileBlocked = server_->threadQueuePeakBytes();
        const int heldWhileBlocked = server_->heldConnections();
        // Answer everything (in a loop iteration of this thread's event loop), then read it back.
        int answered = 0;
        const auto answerAll = [&] {
            for (const QtHttpRequest& q : std::as_const(requests_)) {
                const QByteArray n = q.method() == "POST" ? q.header("x-n") : q.param("name");
                const bool intact = q.method() != "POST" || q.body().toStdString() == numbered(n.toInt(), kBody);
                q.respond(200, "text/plain", (intact ? "ok " : "damaged ") + n);
                ++answered;
            }
            requests_.clear();
            return answered == 2 * kClients || !writeError.empty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(answerAll(), 60000);
        writer.join();
        QVERIFY2(writeError.empty(), writeError.c_str());
        QVERIFY(allSeen);
        QVERIFY2(heldWhileBlocked >= kClients - 2, qPrintable(QString::number(heldWhileBlocked)));
        qInfo("16 x 1 MiB requests: at most %lld bytes waited for the Qt thread, %d connections held", peakWhileBlocked,
            heldWhileBlocked);
        // Two loops may each queue one request at the moment the limit is crossed.
        const qint64 bound = kLimit + 2 * (qint64(kBody) + 1024);
        QVERIFY2(peakWhileBlocked <= bound,
            qPrintable(QStringLiteral("peak %1 > %2").arg(peakWhileBlocked).arg(bound)));
        for (int i = 0; i < kClients; ++i) {
            HttpResponse first, second;
            QVERIFY2(clients[size_t(i)].readResponse(first, err), err.c_str());
            QVERIFY2(clients[size_t(i)].readResponse(second, err), err.c_str());
            QCOMPARE(QByteArray::fromStdString(first.body), "ok " + QByteArray::number(i));
            QCOMPARE(QByteArray::fromStdString(second.body), "ok second" + QByteArray::number(i));
        }
        QCOMPARE(server_->routeCounts()[2].requests, quint64(kClients)); // each counted once, postponed or not
        QCOMPARE(server_->heldConnections(), 0);
        QCOMPARE(server_->threadQueuedBytes(), qint64(0));
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
