// SPDX-License-Identifier: Apache-2.0
// The stall detector (LoopStall in qgnet/stats.h) over real sockets, on the backend QGNET_BACKEND
// names (core.stall_log and core.stall_log.io_uring):
//  - a handler that busy-waits in onTraffic past a small Options::stallThreshold: the stall log names
//    onTraffic and the connection, on the connection's loop; the entry is counted in LoopStats::stalls
//    and is delivered once (stallsAfter);
//  - the same in onTick: the log names onTick without a connection;
//  - a plain echo with a generous threshold records no stall.
// The handler busy-waits on steady_clock (the loop must be busy, not asleep, for what is measured to be
// a callback's own work); the only timing the test relies on is the engine's own threshold.
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstring>

#include "engine_test_case.h"
#include "qgnet/stats.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

// busyWait keeps the calling thread on the CPU for `how long` by the steady clock.
void busyWait(std::chrono::milliseconds howLong)
{
    const auto until = std::chrono::steady_clock::now() + howLong;
    while (std::chrono::steady_clock::now() < until) {}
}

/// BusyEchoHandler echoes, and busy-waits first on a message "stall", remembering that connection.
class BusyEchoHandler : public EchoHandler {
public:
    explicit BusyEchoHandler(std::chrono::milliseconds busy) : busy_(busy) {}
    std::atomic<std::uint64_t> stalledConnection{0};
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        if (c.peek().size() >= 5 && std::memcmp(c.peek().data(), "stall", 5) == 0) {
            stalledConnection = c.id();
            busyWait(busy_);
        }
        return EchoHandler::onTraffic(c);
    }

private:
    std::chrono::milliseconds busy_;
};

/// BusyTickHandler busy-waits in its first onTick.
class BusyTickHandler : public EchoHandler {
public:
    explicit BusyTickHandler(std::chrono::milliseconds busy) : busy_(busy) {}
    std::atomic<bool> ticked{false};
    qgnet::TickResult onTick() override
    {
        if (!ticked.exchange(true))
            busyWait(busy_);
        return {.next = 1h, .action = qgnet::Action::None};
    }

private:
    std::chrono::milliseconds busy_;
};

const qgnet::LoopStall* findStall(const qgnet::EngineSnapshot& s, qgnet::StallCallback kind)
{
    for (const auto& stall : s.stalls)
        if (stall.callback == kind)
            return &stall;
    return nullptr;
}

} // namespace

class TestStallLog : public EngineTestCase {
    Q_OBJECT

private slots:
    void onTrafficStallIsLogged();
    void onTickStallIsLogged();
    void echoWithoutStall();
};

void TestStallLog::onTrafficStallIsLogged()
{
    constexpr auto threshold = 10ms;
    BusyEchoHandler h(threshold * 6);
    qgnet::Options o;
    o.numEventLoop = 2;
    o.stallThreshold = threshold;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err);
    QVERIFY2(c, err.c_str());
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "hello", deadlineIn(10s), err), err);
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "stall", deadlineIn(10s), err), err);
    const std::uint64_t id = h.stalledConnection.load();
    QVERIFY(id != 0);

    // The echo may reach the client before the iteration ends (a write goes out from onTraffic), and
    // the stall is logged at its end: a snapshot taken in between does not have it yet.
    qgnet::EngineSnapshot s;
    const qgnet::LoopStall* stall = nullptr;
    const auto find = [&] {
        s = engine.snapshot();
        stall = nullptr;
        for (const auto& entry : s.stalls)
            if (entry.callback == qgnet::StallCallback::OnTraffic && entry.connectionId == id)
                stall = &entry;
        return stall != nullptr;
    };
    QGNET_WAIT_VERIFY(find(), 10000);
    QVERIFY(s.stallThreshold == std::chrono::nanoseconds(threshold));
    QCOMPARE(s.connections.size(), std::size_t(1));
    const int loop = s.connections.at(0).loop;
    QCOMPARE(stall->loop, loop);
    QVERIFY(stall->iteration > threshold);                      // the engine's own criterion
    QVERIFY(stall->callbackTime > std::chrono::nanoseconds(0)); // six thresholds span coarse-clock ticks
    QVERIFY(stall->sequence >= 1);
    QVERIFY(s.loops.at(static_cast<std::size_t>(loop)).stalls >= 1);
    QCOMPARE(qgnet::toString(stall->callback), std::string_view("onTraffic"));
    // Sequences increase; the log is delivered once: asking after the newest gives nothing older.
    for (std::size_t i = 1; i < s.stalls.size(); ++i)
        QVERIFY(s.stalls[i - 1].sequence < s.stalls[i].sequence);
    qgnet::SnapshotRequest after;
    after.stallsAfter = s.stalls.back().sequence;
    const auto next = engine.snapshot(after);
    for (const auto& entry : next.stalls)
        QVERIFY(entry.sequence > after.stallsAfter);
    qgnet::SnapshotRequest none;
    none.stalls = false;
    QVERIFY(engine.snapshot(none).stalls.empty());
    c.reset();
    engine.stop();
}

void TestStallLog::onTickStallIsLogged()
{
    constexpr auto threshold = 10ms;
    BusyTickHandler h(threshold * 6);
    qgnet::Options o;
    o.numEventLoop = 1;
    o.ticker = true;
    o.stallThreshold = threshold;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    QGNET_WAIT_VERIFY(h.ticked.load(), 10000);
    // The stall is logged at the end of the tick's iteration; a snapshot task runs after it.
    const qgnet::LoopStall* stall = nullptr;
    qgnet::EngineSnapshot s;
    QGNET_WAIT_VERIFY((s = engine.snapshot(), stall = findStall(s, qgnet::StallCallback::OnTick)) != nullptr, 10000);
    QCOMPARE(stall->loop, 0);
    QCOMPARE(stall->connectionId, std::uint64_t(0));
    QVERIFY(stall->iteration > threshold);
    engine.stop();
}

void TestStallLog::echoWithoutStall()
{
    BusyEchoHandler h(0ms);
    qgnet::Options o;
    o.numEventLoop = 2;
    o.stallThreshold = 60s; // generous: nothing in an echo takes a minute
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    for (int i = 0; i < 4; ++i) {
        Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err);
        QVERIFY2(c, err.c_str());
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "hello", deadlineIn(10s), err), err);
    }
    const auto s = engine.snapshot();
    QVERIFY(s.stalls.empty());
    QCOMPARE(s.stallsDropped, std::uint64_t(0));
    for (const auto& loop : s.loops)
        QCOMPARE(loop.stalls, std::uint64_t(0));
    engine.stop();
}

QGNET_TEST_MAIN(TestStallLog)
#include "tst_stall_log.moc"
