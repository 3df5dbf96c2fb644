// SPDX-License-Identifier: Apache-2.0
// Read on EOF: a server that writes more than the socket buffers hold in onOpen and returns
// Action::Close; the qgnet Client must still receive every byte before its onClose (PeerClosed).
#include <QTemporaryDir>
#include <QTest>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// BlastHandler (server) sends payload in onOpen and closes at once.
class BlastHandler : public RecordingHandler {
public:
    std::string payload;
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        return {payload, qgnet::Action::Close};
    }
};

/// SinkHandler (client) keeps every byte and what it had when onClose came.
class SinkHandler : public RecordingHandler {
public:
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        std::lock_guard lock(mu);
        received.append(qgnet::asStringView(b));
        return qgnet::Action::None;
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        {
            std::lock_guard lock(mu);
            receivedAtClose = received.size();
            closeReason = reason;
        }
        return RecordingHandler::onClose(c, reason);
    }
    std::mutex mu;
    std::string received;
    std::size_t receivedAtClose = 0;
    std::error_code closeReason;
};

} // namespace

class TestReadOnEof : public EngineTestCase {
    Q_OBJECT

private slots:
    void everyByteBeforeClose_data();
    void everyByteBeforeClose();
};

void TestReadOnEof::everyByteBeforeClose_data()
{
    QTest::addColumn<QString>("network");
    QTest::newRow("tcp") << "tcp";
    QTest::newRow("unix") << "unix";
}

void TestReadOnEof::everyByteBeforeClose()
{
    QFETCH(QString, network);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string listen = network == "tcp" ? std::string("tcp://127.0.0.1:0")
                                                : "unix://" + dir.filePath("eof.sock").toStdString();
    BlastHandler server;
    Rng rng(seedFor("read_on_eof/" + network.toStdString()));
    const auto data = randomBytes(rng, scaled(1 << 20, 256 * 1024));
    server.payload.assign(reinterpret_cast<const char*>(data.data()), data.size());
    TestServer testServer;
    QVERIFY2(testServer.start(server, listen), testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::string err;

    SinkHandler sink;
    qgnet::Client client = qgnet::Client::start(sink, qgnet::Options{});
    std::error_code ec;
    const qgnet::ConnHandle h = client.dialAndWait(engine.listenUrls().at(0), 10s, ec);
    QVERIFY2(!ec, describe(ec).c_str());
    QVERIFY(!h.isEmpty());
    QGNET_WAIT_COMPARE(sink.closed.load(), 1, 20000);
    {
        std::lock_guard lock(sink.mu);
        QVERIFY2(sink.closeReason == qgnet::Errc::PeerClosed, describe(sink.closeReason).c_str());
        QCOMPARE(sink.receivedAtClose, server.payload.size());
        QVERIFY(sink.received == server.payload);
    }
    QCOMPARE(sink.opened.load(), 1);
    QGNET_WAIT_COMPARE(server.closed.load(), 1, 10000);
    QVERIFY2(server.closeReasonMismatches(qgnet::Errc::ClosedByHandler).empty(),
        server.closeReasonMismatches(qgnet::Errc::ClosedByHandler).c_str());
    client.stop();
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(client.engine().countConnections(), 0);
    QCOMPARE(sink.lateCallbacks.load(), 0);
}

QGNET_TEST_MAIN(TestReadOnEof)
#include "tst_read_on_eof.moc"
