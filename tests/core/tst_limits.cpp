// SPDX-License-Identifier: Apache-2.0
// Engine-wide limits: Options::maxConnections. At the bound a new connection is closed at accept
// (the peer reads an orderly EOF, no echo), counted, logged once per episode, and the engine serves
// again as soon as a connection closes; both topologies, both backends.
#include <QTest>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

class TestLimits : public EngineTestCase {
    Q_OBJECT

private slots:
    void maxConnections_data();
    void maxConnections();
};

void TestLimits::maxConnections_data()
{
    QTest::addColumn<bool>("reusePort");
    QTest::addColumn<int>("loops");
    QTest::newRow("acceptor, 2 loops") << false << 2;
    QTest::newRow("reuseport, 1 loop") << true << 1;
}

void TestLimits::maxConnections()
{
    QFETCH(bool, reusePort);
    QFETCH(int, loops);
    constexpr int kLimit = 4;
    auto log = std::make_shared<CaptureLogger>();
    EchoHandler echo;
    qgnet::Engine engine;
    std::string err;
    QGNET_VERIFY_ERR(startEngine(engine, echo, "tcp://127.0.0.1:0",
                         {.numEventLoop = loops, .reusePort = reusePort, .logger = log, .maxConnections = kLimit}, err),
        err);
    const std::string url = engine.listenUrls().at(0);
    std::vector<Fd> held;
    for (int i = 0; i < kLimit; ++i) {
        Fd c = connectUrl(url, Clock::now() + 5s, err);
        QVERIFY2(c.valid(), err.c_str());
        QVERIFY2(echoRoundTrip(c.get(), "held " + std::to_string(i), Clock::now() + 5s, err), err.c_str());
        held.push_back(std::move(c));
    }
    QCOMPARE(engine.countConnections(), kLimit);

    // Over the bound: each newcomer is accepted by the kernel, then closed by the engine.
    for (int i = 0; i < 3; ++i) {
        Fd extra = connectUrl(url, Clock::now() + 5s, err);
        QVERIFY2(extra.valid(), err.c_str());
        (void)sendAll(extra.get(), std::string_view("anyone?"), Clock::now() + 5s, err);
        const ReadEnd end = waitForEnd(extra.get(), Clock::now() + 10s, err);
        QVERIFY2(end == ReadEnd::Eof || end == ReadEnd::Reset, (std::string(toString(end)) + ": " + err).c_str());
    }
    QGNET_WAIT_COMPARE(engine.refusedConnections(), std::uint64_t(3), 5000);
    QCOMPARE(engine.countConnections(), kLimit);
    QCOMPARE(log->count("its limit (maxConnections=4)"), 1); // once per episode, not per refusal
    const qgnet::EngineSnapshot snapshot = engine.snapshot();
    QCOMPARE(snapshot.refusedConnections, std::uint64_t(3));
    bool eventSeen = false;
    for (const qgnet::EngineEvent& e : snapshot.events)
        eventSeen = eventSeen
            || (e.kind == qgnet::EngineEvent::Kind::Error && e.reason.find("connection limit") != std::string::npos);
    QVERIFY2(eventSeen, "no Error event for the connection limit");
    // The held connections were never disturbed.
    for (Fd& c : held)
        QVERIFY2(echoRoundTrip(c.get(), "still here", Clock::now() + 5s, err), err.c_str());

    // One closes: a newcomer is served (after the accept back-off, at most 500 ms), and the episode ends.
    held.pop_back();
    QGNET_WAIT_COMPARE(engine.countConnections(), kLimit - 1, 5000);
    Fd late = connectUrl(url, Clock::now() + 5s, err);
    QVERIFY2(late.valid(), err.c_str());
    QVERIFY2(echoRoundTrip(late.get(), "served again", Clock::now() + 10s, err), err.c_str());
    QCOMPARE(engine.countConnections(), kLimit);
    QVERIFY2(log->contains("below the connection limit of 4 again (3 refused so far)"), log->all().c_str());
    late = Fd();
    held.clear();
    engine.stop();
}

QGNET_TEST_MAIN(TestLimits)
#include "tst_limits.moc"
