// SPDX-License-Identifier: Apache-2.0
// onTick: it fires right after start and then after each returned delay (never early), always on loop 0's
// thread; Action::Shutdown from onTick stops the engine; without Options::ticker it never fires.
#include <QTest>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

struct Tick {
    Clock::time_point entered;
    Clock::time_point left;
    std::thread::id thread;
};

class TickHandler : public EchoHandler {
public:
    std::chrono::nanoseconds delay = 20ms;
    int shutdownAfter = -1; ///< return Action::Shutdown from this tick number (1-based); -1: never

    std::atomic<int> ticks{0};

    qgnet::TickResult onTick() override
    {
        Tick t;
        t.entered = Clock::now();
        t.thread = std::this_thread::get_id();
        checkLate();
        const int n = ++ticks;
        qgnet::TickResult r;
        r.next = delay;
        if (shutdownAfter > 0 && n >= shutdownAfter)
            r.action = qgnet::Action::Shutdown;
        t.left = Clock::now();
        std::lock_guard lock(mu_);
        log_.push_back(t);
        return r;
    }

    std::vector<Tick> log() const
    {
        std::lock_guard lock(mu_);
        return log_;
    }

private:
    mutable std::mutex mu_;
    std::vector<Tick> log_;
};

} // namespace

class TestTicker : public EngineTestCase {
    Q_OBJECT

private slots:
    void firstTickRightAfterStart();
    void cadenceNeverEarly();
    void tickShutdownStopsEngine();
    void noTickerNoTicks();
};

void TestTicker::firstTickRightAfterStart()
{
    // The first tick does not wait for any delay: with a returned delay of an hour, exactly one tick
    // happens, and it happens while the engine runs.
    TickHandler h;
    h.delay = std::chrono::hours(1);
    qgnet::Options o;
    o.ticker = true;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    QGNET_WAIT_COMPARE(h.ticks.load(), 1, 10000);
    // Traffic goes through loop 0 too; the long delay holds, so no second tick.
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "tick?", deadlineIn(10s), err), err);
    QCOMPARE(h.ticks.load(), 1);
    c.reset();
    engine.stop();
    QCOMPARE(h.ticks.load(), 1);
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestTicker::cadenceNeverEarly()
{
    constexpr int kTicks = 10;
    TickHandler h;
    h.delay = 20ms;
    qgnet::Options o;
    o.ticker = true;
    o.numEventLoop = 2;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;

    // Find loop 0's thread through a connection that lands on loop 0.
    std::vector<Fd> clients;
    std::thread::id loop0;
    for (int i = 0; i < 8 && loop0 == std::thread::id(); ++i) {
        clients.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QGNET_VERIFY_ERR(clients.back().valid(), err);
        QGNET_WAIT_COMPARE(h.opened.load(), i + 1, 10000);
        for (const auto& open : h.opens()) {
            if (open.loop == 0)
                loop0 = open.thread;
        }
    }
    QVERIFY2(loop0 != std::thread::id(), "no connection landed on loop 0");

    QGNET_WAIT_VERIFY(h.ticks.load() >= kTicks + 1, 20000);
    engine.stop();
    const int ticksAtStop = h.ticks.load();
    const auto log = h.log();
    QCOMPARE(static_cast<int>(log.size()), ticksAtStop);
    QVERIFY(log.size() >= static_cast<std::size_t>(kTicks + 1));
    for (std::size_t i = 0; i < log.size(); ++i) {
        QVERIFY2(log[i].thread == log[0].thread, ("tick " + std::to_string(i) + " ran on another thread").c_str());
        if (i == 0)
            continue;
        const auto gap = log[i].entered - log[i - 1].left;
        QVERIFY2(gap >= h.delay,
            ("tick " + std::to_string(i) + " came "
                + std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(gap).count())
                + " us after the previous one returned a delay of 20 ms")
                .c_str());
    }
    QVERIFY2(log[0].thread == loop0, "onTick does not run on loop 0's thread");
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestTicker::tickShutdownStopsEngine()
{
    TickHandler h;
    h.delay = 10ms;
    h.shutdownAfter = 3;
    qgnet::Options o;
    o.ticker = true;
    o.numEventLoop = 2;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QVERIFY2(waitEngine(engine, 20s), "wait() did not return after onTick returned Action::Shutdown");
    QCOMPARE(h.ticks.load(), 3);
    QCOMPARE(h.shutdowns.load(), 1);
    QVERIFY(engine.validate() == qgnet::Errc::EngineStopped);
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.opened.load(), h.closed.load());
    const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestTicker::noTickerNoTicks()
{
    TickHandler h;
    h.delay = 1ms;
    qgnet::Options o;
    o.ticker = false;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    // With one loop the connection is served by loop 0, the loop a ticker would run on, so by the
    // time these round trips are answered a first tick would have fired.
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    for (int i = 0; i < 20; ++i)
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "no ticks " + std::to_string(i), deadlineIn(10s), err), err);
    c.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    engine.stop();
    QCOMPARE(h.ticks.load(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(engine.countConnections(), 0);
}

QGNET_TEST_MAIN(TestTicker)
#include "tst_ticker.moc"
