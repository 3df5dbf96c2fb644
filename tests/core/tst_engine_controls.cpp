// SPDX-License-Identifier: Apache-2.0
// What a running engine lets a program change: pauseAccepting/resumeAccepting (a client that
// connects meanwhile waits in the backlog and is opened only after the resume, in both topologies),
// setLoadBalancing (the next decisions follow and name the new policy) and setWaterMarks (existing
// and new connections report the new mark); bad values are refused with Errc::InvalidOption, a
// stopped engine with Errc::EngineStopped.
#include <QTest>

#include <set>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

// settle takes three snapshots in a row. Each is answered by every loop and the acceptor through
// their task queues, so after the second the acceptor has finished the iteration in which it saw a
// connection that was waiting before the first (and posted it to its loop), and the third reaches
// that loop after the connection: whatever a listener that accepts would have opened is open now.
void settle(qgnet::Engine& engine)
{
    for (int i = 0; i < 3; ++i)
        (void)engine.snapshot({.connections = false});
}

} // namespace

class TestEngineControls : public EngineTestCase {
    Q_OBJECT

private slots:
    void pauseAcceptingHoldsNewClients_data();
    void pauseAcceptingHoldsNewClients();
    void loadBalancingChangeShowsInDecisions();
    void waterMarksApplyToExistingAndNewConnections();
    void stoppedEngineRefuses();
};

void TestEngineControls::pauseAcceptingHoldsNewClients_data()
{
    QTest::addColumn<bool>("reusePort");
    QTest::newRow("acceptor") << false;
    QTest::newRow("reuseport") << true;
}

void TestEngineControls::pauseAcceptingHoldsNewClients()
{
    QFETCH(bool, reusePort);
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    o.reusePort = reusePort;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd first = server.connect();
    QVERIFY2(first, server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);

    QCOMPARE(engine.pauseAccepting(), std::error_code());
    QVERIFY(engine.isAcceptingPaused());
    QCOMPARE(engine.pauseAccepting(), std::error_code()); // idempotent
    // The kernel completes the handshake (the backlog), the engine does not take the connection.
    Fd waiting = server.connect();
    QVERIFY2(waiting, server.error());
    settle(engine);
    QCOMPARE(h.opened.load(), 1);
    QCOMPARE(engine.countConnections(), 1);
    // Every listener shows the pause (ListenerStats, the inspectors' Listeners view).
    const auto listenerStates = [&] {
        std::string states;
        for (const qgnet::ListenerStats& l : engine.snapshot({.connections = false}).listeners)
            states += std::string(qgnet::toString(l.state)) + " ";
        return states;
    };
    const std::string paused = listenerStates();
    QVERIFY2(!paused.empty() && paused.find("accepting") == std::string::npos, paused.c_str());
    // Established connections are untouched.
    QGNET_VERIFY_ERR(echoRoundTrip(first.get(), "still served", deadlineIn(10s), err), err);

    QCOMPARE(engine.resumeAccepting(), std::error_code());
    QVERIFY(!engine.isAcceptingPaused());
    QGNET_WAIT_COMPARE(h.opened.load(), 2, 10000);
    QGNET_VERIFY_ERR(echoRoundTrip(waiting.get(), "taken after the resume", deadlineIn(10s), err), err);
    const std::string resumed = listenerStates();
    QVERIFY2(resumed.find("paused") == std::string::npos, resumed.c_str());
    Fd third = server.connect();
    QVERIFY2(third, server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 3, 10000);
}

void TestEngineControls::loadBalancingChangeShowsInDecisions()
{
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 4;
    o.lb = qgnet::LoadBalancing::RoundRobin;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    QVERIFY(engine.loadBalancing() == qgnet::LoadBalancing::RoundRobin);
    std::vector<Fd> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(server.connect());
        QVERIFY2(clients.back(), server.error());
        QGNET_WAIT_COMPARE(h.opened.load(), i + 1, 10000);
    }
    QCOMPARE(engine.setLoadBalancing(static_cast<qgnet::LoadBalancing>(99)),
        make_error_code(qgnet::Errc::InvalidOption));
    QVERIFY(engine.loadBalancing() == qgnet::LoadBalancing::RoundRobin);
    QCOMPARE(engine.setLoadBalancing(qgnet::LoadBalancing::SourceAddrHash), std::error_code());
    QVERIFY(engine.loadBalancing() == qgnet::LoadBalancing::SourceAddrHash);
    for (int i = 0; i < 4; ++i) {
        clients.push_back(server.connect());
        QVERIFY2(clients.back(), server.error());
        QGNET_WAIT_COMPARE(h.opened.load(), 5 + i, 10000);
    }

    const qgnet::EngineSnapshot s = engine.snapshot({.connections = false});
    QCOMPARE(s.decisions.size(), std::size_t(8));
    std::set<int> before;
    std::set<int> after;
    for (std::size_t i = 0; i < 8; ++i) {
        const qgnet::BalanceDecision& d = s.decisions[i];
        const auto expected = i < 4 ? qgnet::LoadBalancing::RoundRobin : qgnet::LoadBalancing::SourceAddrHash;
        QVERIFY2(d.policy == expected, qPrintable(QStringLiteral("decision %1").arg(i)));
        (i < 4 ? before : after).insert(d.chosen);
    }
    QCOMPARE(before.size(), std::size_t(4)); // round robin: every loop once
    QCOMPARE(after.size(), std::size_t(1));  // one source address: one loop
}

void TestEngineControls::waterMarksApplyToExistingAndNewConnections()
{
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    Fd existing = server.connect();
    QVERIFY2(existing, server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    QCOMPARE(engine.snapshot().connections.at(0).highWater, o.outputHighWater);

    QCOMPARE(engine.setWaterMarks(8192, 1024), std::error_code());
    Fd fresh = server.connect();
    QVERIFY2(fresh, server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 2, 10000);
    qgnet::EngineSnapshot s = engine.snapshot();
    QCOMPARE(s.connections.size(), std::size_t(2));
    for (const qgnet::ConnectionStats& c : s.connections)
        QCOMPARE(c.highWater, std::size_t(8192));

    // Refused, and the marks stay as they were.
    const auto invalid = make_error_code(qgnet::Errc::InvalidOption);
    QCOMPARE(engine.setWaterMarks(1024, 2048), invalid);                    // low above high
    QCOMPARE(engine.setWaterMarks(0, 0), invalid);                          // no high mark
    QCOMPARE(engine.setWaterMarks(o.maxOutputBuffered + 1, 1024), invalid); // past the hard cap
    s = engine.snapshot();
    for (const qgnet::ConnectionStats& c : s.connections)
        QCOMPARE(c.highWater, std::size_t(8192));
    std::string err;
    QGNET_VERIFY_ERR(echoRoundTrip(existing.get(), "marks changed", deadlineIn(10s), err), err);
}

void TestEngineControls::stoppedEngineRefuses()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    engine.stop();
    const auto stopped = make_error_code(qgnet::Errc::EngineStopped);
    QCOMPARE(engine.pauseAccepting(), stopped);
    QCOMPARE(engine.setLoadBalancing(qgnet::LoadBalancing::LeastConnections), stopped);
    QCOMPARE(engine.setWaterMarks(4096, 1024), stopped);
    qgnet::Engine empty;
    QCOMPARE(empty.resumeAccepting(), stopped);
    QCOMPARE(empty.setWaterMarks(4096, 1024), stopped);
}

QGNET_TEST_MAIN(TestEngineControls)
#include "tst_engine_controls.moc"
