// SPDX-License-Identifier: Apache-2.0
// A peer that resets while the engine holds several MiB of output for it (fault catalogue F1, F16),
// on the backend QGNET_BACKEND names, plain and TLS, level- and edge-triggered, with SIGPIPE at its
// default disposition: the server writes 16 MiB in onOpen to a peer with a small window that reads a
// little and then resets (TCP, SO_LINGER 0) or closes with unread data (Unix). The failing send must
// not raise SIGPIPE, the connection closes once with the peer's reason, and its buffers go back
// (the fixture's live-object check).
#include <QTest>

#include <csignal>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kQueued = 16u * 1024 * 1024;

/// FloodOnOpen writes kQueued bytes in onOpen and records how much stayed queued in the engine.
class FloodOnOpen : public RecordingHandler {
public:
    explicit FloodOnOpen(const std::vector<std::byte>& data) : data_(data) {}
    std::atomic<std::size_t> queued{0};
    std::atomic<bool> written{false};

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        for (std::size_t at = 0; at < data_.size(); at += 256 * 1024) {
            if (c.write(qgnet::Bytes(data_.data() + at, std::min<std::size_t>(256 * 1024, data_.size() - at))))
                ++writeErrors;
        }
        queued = c.outboundBuffered();
        written = true;
        return {};
    }

private:
    const std::vector<std::byte>& data_;
};

} // namespace

class TestPeerReset : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        pki_ = makeTestPki();
        QVERIFY(std::signal(SIGPIPE, SIG_DFL) != SIG_ERR); // a raised SIGPIPE ends the process
    }
    void resetWithOutputQueued_data();
    void resetWithOutputQueued();

private:
    TestPki pki_;
};

void TestPeerReset::resetWithOutputQueued_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<bool>("edge");
    QTest::newRow("tcp/lt") << "tcp" << false << false;
    QTest::newRow("tcp/et") << "tcp" << false << true;
    QTest::newRow("unix/lt") << "unix" << false << false;
    QTest::newRow("unix/et") << "unix" << false << true;
    QTest::newRow("tls/lt") << "tcp" << true << false;
    QTest::newRow("tls/et") << "tcp" << true << true;
}

void TestPeerReset::resetWithOutputQueued()
{
    QFETCH(QString, network);
    QFETCH(bool, tls);
    QFETCH(bool, edge);
    Rng rng(seedFor(QTest::currentDataTag()));
    const std::vector<std::byte> data = randomBytes(rng, kQueued);
    FloodOnOpen h(data);
    qgnet::Options o{.numEventLoop = 1, .edgeTriggeredIO = edge};
    if (tls)
        o.tls = std::make_shared<const qgnet::TlsContext>(
            qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey));
    TestServer server;
    QVERIFY2(server.start(h, network.toStdString(), o), server.error());
    std::string err;

    // The peer reads the first 64 KiB (byte-exact) and then goes away with the rest unread.
    std::vector<std::byte> got;
    if (tls) {
        BlockingTlsClient client;
        QGNET_VERIFY_ERR(client.connect(server.port(), pki_.caCert, err), err);
        QGNET_VERIFY_ERR(client.readExact(got, 64 * 1024, err), err);
        QGNET_WAIT_VERIFY(h.written.load(), 10000);
        setLingerZero(client.fd());
    } else {
        Fd c = connectTo(server.address(), deadlineIn(10s), err, nullptr, 16 * 1024);
        QGNET_VERIFY_ERR(c.valid(), err);
        QGNET_VERIFY_ERR(recvExact(c.get(), got, 64 * 1024, deadlineIn(30s), err), err);
        QGNET_WAIT_VERIFY(h.written.load(), 10000);
        if (network == "tcp")
            setLingerZero(c.get());
    }
    QVERIFY(firstMismatch(ConstBytes(data.data(), got.size()), got).empty());
    // The case this test is for: several MiB were still in the engine when the peer went away.
    QVERIFY2(h.queued.load() >= 4u * 1024 * 1024, std::to_string(h.queued.load()).c_str());

    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const auto closes = h.closes();
    const std::error_code reason = closes.at(0).reason;
    const bool expected = reason == std::errc::connection_reset || reason == std::errc::broken_pipe
        || (network == "unix" && reason == qgnet::Errc::PeerClosed);
    QVERIFY2(expected, describe(reason).c_str());
    QCOMPARE(h.writeErrors.load(), 0);
    QGNET_WAIT_COMPARE(server.engine().countConnections(), 0, 10000);
}

QGNET_TEST_MAIN(TestPeerReset)
#include "tst_peer_reset.moc"
