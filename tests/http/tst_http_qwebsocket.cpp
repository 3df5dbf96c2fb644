// SPDX-License-Identifier: Apache-2.0
// Qt's QWebSocket as a client of qgnet::http::Server's WebSocket echo, over real sockets: messages
// from 0 B to 1 MiB, text and binary (each length form of the frame header, and Qt's 512 KiB
// outgoing fragments for the 1 MiB one), a burst of messages sent without waiting, a ping, and the
// close handshake started by either side with a code and a reason. Every wait is a signal with a
// deadline. Runs on epoll and io_uring (QGNET_BACKEND), as the other http tests do.
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "qgnet/http/server.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;

namespace {

constexpr int kTimeoutMs = 20000;

// Echoes every message; "close CODE REASON" makes the server start the close handshake instead.
// Records each connection's close code (onClose runs on a loop thread, the test reads on its own).
class Echo final : public qgnet::http::WebSocketHandler {
public:
    void onMessage(qgnet::http::WebSocket& ws, std::string_view payload, bool text) override
    {
        if (text && payload.starts_with("close ")) {
            const std::string_view rest = payload.substr(6);
            const std::size_t space = rest.find(' ');
            ws.close(static_cast<std::uint16_t>(std::stoi(std::string(rest.substr(0, space)))),
                space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1));
            return;
        }
        text ? ws.sendText(payload) : ws.sendBinary(payload);
    }

    void onClose(qgnet::http::WebSocket&, std::uint16_t code) override
    {
        std::lock_guard lock(mutex_);
        closeCodes_.push_back(code);
    }

    std::vector<std::uint16_t> closeCodes() const
    {
        std::lock_guard lock(mutex_);
        return closeCodes_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::uint16_t> closeCodes_;
};

// n bytes of UTF-8 with multi-byte characters: "é" (2 bytes) repeated, and one "a" if n is odd.
QString utf8Text(int n) { return QString(n / 2, QChar(0xe9)) + QString(n % 2, QLatin1Char('a')); }

} // namespace

class TestHttpQWebSocket : public QObject {
    Q_OBJECT

    std::shared_ptr<Echo> echo_;
    std::unique_ptr<qgnet::http::Server> server_;
    QUrl url_;
    std::size_t opened_ = 0; // connections opened so far: the server's onClose count once all are closed

    // Opens socket to the echo; false if it does not connect in time.
    bool open(QWebSocket& socket)
    {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(url_);
        if (connected.isEmpty() && !connected.wait(kTimeoutMs)) {
            qWarning("QWebSocket did not connect: %s", qPrintable(socket.errorString()));
            return false;
        }
        ++opened_;
        return socket.state() == QAbstractSocket::ConnectedState;
    }

    // The server's close code for the connection opened last: every earlier one has been settled
    // (closeCleanly), so it is entry opened_ of the server's list once that list is that long.
    std::uint16_t lastServerCloseCode()
    {
        waitFor([&] { return echo_->closeCodes().size() >= opened_; }, std::chrono::milliseconds(kTimeoutMs));
        const auto codes = echo_->closeCodes();
        return codes.size() == opened_ ? codes.back() : 0;
    }

    // Closes with 1000 and waits until both ends are done with the connection, so that no close of
    // this test can be taken for one of the next. Use through QVERIFY(closeCleanly(socket)).
    bool closeCleanly(QWebSocket& socket)
    {
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        socket.close();
        if (disconnected.isEmpty() && !disconnected.wait(kTimeoutMs)) { // it may come inside close() (clientClose)
            qWarning("no disconnected() after close(); state %d", int(socket.state()));
            return false;
        }
        const std::uint16_t serverCode = lastServerCloseCode();
        if (socket.closeCode() != QWebSocketProtocol::CloseCodeNormal || serverCode != 1000) {
            qWarning("close codes: client %d, server %d", int(socket.closeCode()), int(serverCode));
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        echo_ = std::make_shared<Echo>();
        server_ = std::make_unique<qgnet::http::Server>();
        server_->webSocket("/ws", echo_);
        qgnet::Options o;
        o.backend = requestedBackend();
        const std::string addr = "tcp://127.0.0.1:0";
        server_->listen(std::span(&addr, 1), o);
        const std::string url = server_->engine().listenUrls().at(0);
        url_ = QUrl("ws://127.0.0.1:" + QString::fromStdString(url.substr(url.rfind(':') + 1)) + "/ws");
    }

    void cleanupTestCase()
    {
        server_.reset();
        QGNET_VERIFY_NO_LIVE_OBJECTS();
    }

    void echo_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("text");
        // Every length form (7-bit, 16-bit, 64-bit) at its edges, and 1 MiB, which Qt sends as two
        // 512 KiB fragments and the server answers in one frame.
        for (int size : {0, 1, 125, 126, 127, 65535, 65536, 1024 * 1024}) {
            QTest::addRow("text %d", size) << size << true;
            QTest::addRow("binary %d", size) << size << false;
        }
    }
    void echo()
    {
        QFETCH(int, size);
        QFETCH(bool, text);
        QWebSocket socket;
        QVERIFY(open(socket));
        if (text) {
            QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
            const QString message = utf8Text(size);
            QCOMPARE(socket.sendTextMessage(message), message.toUtf8().size());
            QVERIFY(received.wait(kTimeoutMs));
            QCOMPARE(received.size(), 1);
            QVERIFY(received.at(0).at(0).toString() == message); // not QCOMPARE: 1 MiB would be printed
        } else {
            QSignalSpy received(&socket, &QWebSocket::binaryMessageReceived);
            Rng rng(seedFor("qwebsocket binary", static_cast<std::uint64_t>(size)));
            const auto bytes = randomBytes(rng, static_cast<std::size_t>(size));
            const QByteArray message(reinterpret_cast<const char*>(bytes.data()), size);
            QCOMPARE(socket.sendBinaryMessage(message), qint64(size));
            QVERIFY(received.wait(kTimeoutMs));
            QCOMPARE(received.size(), 1);
            QVERIFY(received.at(0).at(0).toByteArray() == message);
        }
        QVERIFY(closeCleanly(socket));
    }

    // Many messages in flight at once come back whole and in order.
    void burst()
    {
        QWebSocket socket;
        QVERIFY(open(socket));
        QSignalSpy received(&socket, &QWebSocket::binaryMessageReceived);
        Rng rng(seedFor("qwebsocket burst"));
        std::vector<QByteArray> sent;
        for (int i = 0; i < 200; ++i) {
            const auto bytes = randomBytes(rng, logUniformSize(rng, 1, 70000));
            sent.emplace_back(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
            socket.sendBinaryMessage(sent.back());
        }
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), qsizetype(sent.size()), kTimeoutMs);
        for (std::size_t i = 0; i < sent.size(); ++i)
            QVERIFY2(received.at(qsizetype(i)).at(0).toByteArray() == sent[i],
                qPrintable(QString("message %1").arg(i)));
        QVERIFY(closeCleanly(socket));
    }

    void ping()
    {
        QWebSocket socket;
        QVERIFY(open(socket));
        QSignalSpy pong(&socket, &QWebSocket::pong);
        socket.ping("qgnet ping");
        QVERIFY(pong.wait(kTimeoutMs));
        QCOMPARE(pong.at(0).at(1).toByteArray(), QByteArray("qgnet ping"));
        // A message after the ping still echoes: the pong did not disturb the stream.
        QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
        socket.sendTextMessage("after ping");
        QVERIFY(received.wait(kTimeoutMs));
        QCOMPARE(received.at(0).at(0).toString(), QString("after ping"));
        QVERIFY(closeCleanly(socket));
    }

    // The client closes with a code and a reason and the server's handler sees the code. Qt closes
    // its socket right after writing its close frame (it does not wait for the server's), so
    // disconnected() may come inside close().
    void clientClose_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::newRow("1000 normal") << 1000 << "done";
        QTest::newRow("1001 going away") << 1001 << QString();
        QTest::newRow("4000 application") << 4000 << QString::fromUtf8("fin \u00e9");
    }
    void clientClose()
    {
        QFETCH(int, code);
        QFETCH(QString, reason);
        QWebSocket socket;
        QVERIFY(open(socket));
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        socket.close(QWebSocketProtocol::CloseCode(code), reason);
        QVERIFY(!disconnected.isEmpty() || disconnected.wait(kTimeoutMs));
        QCOMPARE(int(socket.closeCode()), code);
        QCOMPARE(int(lastServerCloseCode()), code);
    }

    // The server starts the close: Qt answers it and reports the server's code and reason.
    void serverClose()
    {
        QWebSocket socket;
        QVERIFY(open(socket));
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        socket.sendTextMessage("close 4001 server says bye");
        QVERIFY(!disconnected.isEmpty() || disconnected.wait(kTimeoutMs));
        QCOMPARE(int(socket.closeCode()), 4001);
        QCOMPARE(socket.closeReason(), QString("server says bye"));
        QCOMPARE(int(lastServerCloseCode()), 4001);
    }
};

QGNET_TEST_MAIN(TestHttpQWebSocket)
#include "tst_http_qwebsocket.moc"
