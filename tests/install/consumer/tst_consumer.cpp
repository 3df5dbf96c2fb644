// SPDX-License-Identifier: Apache-2.0
// A user's QTest suite built against an installed QGnet::Test: an engine on a free port through
// TestServer, a QtServer, the waits that run the event loop and the leak check around each test.
#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <qgnet/qgnet.h>
#include <qgnet/qt/qt_server.h>
#include <qgnet/test/engine_test_case.h>
#include <qgnet/test/test_server.h>
#include <qgnet/test/to_string.h>
#include <qgnet/test/wait.h>

namespace {

class Echo : public qgnet::EventHandler {
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        (void)c.write(c.next());
        return qgnet::Action::None;
    }
};

} // namespace

class TestConsumer : public qgnet::test::EngineTestCase {
    Q_OBJECT

private slots:
    // An engine on a free port answers a QTcpSocket; the wait runs the socket's event loop.
    void engineEcho()
    {
        Echo echo;
        qgnet::test::TestServer server;
        QVERIFY2(server.start(echo), server.error());
        QVERIFY(server.port() != 0);
        QCOMPARE(server.address(), server.engine().listenAddresses().at(0)); // QTest::toString(SocketAddress)
        QGNET_COMPARE_NAMED(server.engine().backend(), server.engine().backend());

        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        QByteArray received;
        connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
        QGNET_TRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState, 10000);
        socket.write("hello, engine");
        QGNET_TRY_COMPARE(received, QByteArray("hello, engine"), 10000);
        socket.close();
        QVERIFY(server.stop());
    }

    // A QtServer delivers to this thread's signals; the wait pumps the events that carry them.
    void qtServerEcho()
    {
        qgnet::QtServer server;
        server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
        server.setDeliverData(true);
        connect(&server, &qgnet::QtServer::dataReceived, &server,
            [](const qgnet::QtConnection& c, const QByteArray& data) { c.write(data); });
        QSignalSpy opened(&server, &qgnet::QtServer::connectionOpened);
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        QTcpSocket socket;
        QByteArray received;
        connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(QUrl(server.boundUrls().value(0)).port()));
        QGNET_TRY_COMPARE(opened.count(), 1, 10000);
        socket.write("hello, QtServer");
        QGNET_TRY_COMPARE(received, QByteArray("hello, QtServer"), 10000);
        socket.close();
        QGNET_TRY_COMPARE(server.connectionCount(), 0, 10000);
        server.stop();
    }

    // A refused port reads as an error code that QCOMPARE can print.
    void errorCodesPrint()
    {
        const std::error_code code = qgnet::Errc::PeerClosed;
        QCOMPARE(code, std::error_code(qgnet::Errc::PeerClosed));
        QCOMPARE(qgnet::Errc::InvalidAddress, qgnet::Errc::InvalidAddress);
    }
};

QTEST_GUILESS_MAIN(TestConsumer)
#include "tst_consumer.moc"
