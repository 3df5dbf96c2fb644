// SPDX-License-Identifier: Apache-2.0
// Echo matrix: {level, edge} x {main reactor, reuseport} x {1, 4 loops} x {tcp, unix} x {RR, LC, SAH}.
// Every row runs an echo engine and at least 8 client threads that each send random blocks of random
// size (up to 1 MiB) and compare every echoed byte.
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

constexpr int kClients = 8;
constexpr std::size_t kBlocksPerClient = 3;
constexpr std::size_t kMaxBlock = 1024 * 1024;

} // namespace

class TestEchoMatrix : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void echo_data();
    void echo();
};

void TestEchoMatrix::initTestCase()
{
    // One engine start and stop first, so one-time process state (if any) is not counted as a leak.
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& e = server.engine();
    std::string err;
    e.stop();
}

void TestEchoMatrix::echo_data()
{
    QTest::addColumn<bool>("edge");
    QTest::addColumn<bool>("reusePort");
    QTest::addColumn<int>("loops");
    QTest::addColumn<bool>("unixSocket");
    QTest::addColumn<int>("lb");

    const struct {
        qgnet::LoadBalancing lb;
        const char* name;
    } policies[] = {
        {qgnet::LoadBalancing::RoundRobin, "rr"},
        {qgnet::LoadBalancing::LeastConnections, "lc"},
        {qgnet::LoadBalancing::SourceAddrHash, "sah"},
    };
    for (const bool edge : {false, true}) {
        for (const bool reusePort : {false, true}) {
            for (const int loops : {1, 4}) {
                for (const bool unixSocket : {false, true}) {
                    for (const auto& p : policies) {
                        const QByteArray name = QByteArray(edge ? "et" : "lt") + (reusePort ? "/reuseport/" : "/main/")
                            + QByteArray::number(loops) + "loop/" + (unixSocket ? "unix/" : "tcp/") + p.name;
                        QTest::newRow(name.constData())
                            << edge << reusePort << loops << unixSocket << static_cast<int>(p.lb);
                    }
                }
            }
        }
    }
}

void TestEchoMatrix::echo()
{
    QFETCH(bool, edge);
    QFETCH(bool, reusePort);
    QFETCH(int, loops);
    QFETCH(bool, unixSocket);
    QFETCH(int, lb);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string url = unixSocket ? "unix://" + dir.filePath(QStringLiteral("echo.sock")).toStdString()
                                       : "tcp://127.0.0.1:0";
    const std::size_t blocks = scaled(kBlocksPerClient);
    const std::size_t maxBlock = std::min(kMaxBlock, scaled(kMaxBlock, 1024));
    const std::string rowName = QTest::currentDataTag();

    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = loops;
    o.lb = static_cast<qgnet::LoadBalancing>(lb);
    o.reusePort = reusePort;
    o.edgeTriggeredIO = edge;
    TestServer server;
    QVERIFY2(server.start(h, url, o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    QVERIFY(!engine.validate());
    QCOMPARE(engine.loopCount(), loops);
    const auto addrs = engine.listenAddresses();
    QCOMPARE(addrs.size(), std::size_t{1});
    const qgnet::SocketAddress target = addrs[0];
    QCOMPARE(target.family(), unixSocket ? AF_UNIX : AF_INET);

    const auto failures = runThreads(kClients, [&](int index, std::string& failure) {
        Rng rng(seedFor(rowName, static_cast<std::uint64_t>(index)));
        std::string e;
        Fd fd = connectTo(target, deadlineIn(10s), e);
        if (!fd) {
            failure = "connect: " + e;
            return;
        }
        for (std::size_t b = 0; b < blocks; ++b) {
            const auto data = randomBytes(rng, randomSize(rng, 1, maxBlock));
            if (!echoRoundTrip(fd.get(), data, deadlineIn(60s), e)) {
                failure = "block " + std::to_string(b) + " (" + std::to_string(data.size()) + " bytes): " + e;
                return;
            }
        }
    });
    QGNET_VERIFY_NO_FAILURES(failures);

    // The clients closed; the engine must notice each one as PeerClosed.
    QGNET_WAIT_COMPARE(h.closed.load(), kClients, 10000);
    QCOMPARE(h.opened.load(), kClients);
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 5000);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(reasons.empty(), reasons.c_str());
    for (const auto& open : h.opens()) {
        QVERIFY2(open.loop >= 0 && open.loop < loops, ("loopIndex " + std::to_string(open.loop)).c_str());
        QVERIFY(open.network == (unixSocket ? qgnet::Network::Unix : qgnet::Network::Tcp));
    }
    QCOMPARE(h.writeErrors.load(), 0);
    // The acceptor hands connections out in turn whatever the timing, so round robin over the main
    // reactor gives every loop the same share. Unix listeners use the main reactor even with
    // reusePort, so that holds for them too (with TCP and reusePort the kernel spreads instead).
    if (static_cast<qgnet::LoadBalancing>(lb) == qgnet::LoadBalancing::RoundRobin && (!reusePort || unixSocket)) {
        std::vector<int> perLoop(static_cast<std::size_t>(loops), 0);
        for (const auto& open : h.opens())
            ++perLoop[static_cast<std::size_t>(open.loop)];
        for (const int n : perLoop)
            QCOMPARE(n, kClients / loops);
    }

    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QVERIFY(engine.validate() == qgnet::Errc::EngineStopped);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

QGNET_TEST_MAIN(TestEchoMatrix)
#include "tst_echo_matrix.moc"
