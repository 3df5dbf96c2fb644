// SPDX-License-Identifier: Apache-2.0
// Live statistics (qgnet/stats.h): loop counters, per-connection state and buffers, the balancing
// decision log and the bounded event log, read through Engine::snapshot while real clients talk to
// the engine. Every figure is checked against what the test itself did over the sockets.
#include <QTest>

#include <map>
#include <set>

#include "engine_test_case.h"
#include "qgnet/stats.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr int kLoops = 4;

// QCOMPARE of qgnet enums goes through their names (ADL would pick qgnet::toString otherwise).
template <typename E>
QByteArray name(E value)
{
    const std::string_view n = qgnet::toString(value);
    return QByteArray(n.data(), static_cast<qsizetype>(n.size()));
}

std::uint64_t sumOf(const qgnet::EngineSnapshot& s, std::uint64_t qgnet::LoopStats::*field)
{
    std::uint64_t total = 0;
    for (const auto& l : s.loops)
        total += l.*field;
    return total;
}

/// WriteOnOpenHandler writes `bytes` to every new connection and echoes nothing.
class WriteOnOpenHandler : public RecordingHandler {
public:
    explicit WriteOnOpenHandler(std::size_t bytes) : payload_(bytes, std::byte{'x'}) {}
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        if (c.write(payload_))
            ++writeErrors;
        return {};
    }

private:
    std::vector<std::byte> payload_;
};

/// SnapshotInCallbackHandler calls Engine::snapshot on a loop thread, which must refuse.
class SnapshotInCallbackHandler : public EchoHandler {
public:
    std::atomic<qgnet::Engine*> engine{nullptr};
    std::atomic<int> refused{0};
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        try {
            (void)engine.load()->snapshot();
        } catch (const qgnet::Error& e) {
            if (e.code() == qgnet::Errc::UnsupportedOperation)
                ++refused;
        }
        return EchoHandler::onTraffic(c);
    }
};

/// StallingHandler blocks its loop for `stall` on the first message: a deliberate slow handler.
class StallingHandler : public EchoHandler {
public:
    explicit StallingHandler(std::chrono::milliseconds stall) : stall_(stall) {}
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        if (!stalled_.exchange(true))
            pauseUntil(deadlineIn(stall_)); // the load under test, not a synchronisation
        return EchoHandler::onTraffic(c);
    }

private:
    std::chrono::milliseconds stall_;
    std::atomic<bool> stalled_{false};
};

} // namespace

class TestStats : public EngineTestCase {
    Q_OBJECT

private slots:
    void countersFollowTraffic();
    void decisionsAndEvents();
    void eventLogIsBoundedAndCountsDrops();
    void incrementalEventsSkipNothing();
    void outboundOccupancy();
    void refusedOnLoopThreadAndAfterStop();
    void stallsAreCounted();
};

// Every connection and every byte the clients exchange shows up, per connection and per loop.
void TestStats::countersFollowTraffic()
{
    constexpr int kConns = 12;
    constexpr std::size_t kBytes = 3000;
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = kLoops;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;

    const auto idle = engine.snapshot();
    QCOMPARE(static_cast<int>(idle.loops.size()), kLoops);
    QVERIFY(idle.connections.empty());
    QCOMPARE(idle.listenUrls, engine.listenUrls());
    for (int i = 0; i < kLoops; ++i) {
        QCOMPARE(idle.loops[static_cast<std::size_t>(i)].index, i);
        QCOMPARE(QByteArray::fromStdString(idle.loops[static_cast<std::size_t>(i)].backend),
            QByteArray(qgnet::toString(engine.backend()).data()));
        QVERIFY(idle.loops[static_cast<std::size_t>(i)].threadId > 0);
    }

    std::vector<Fd> clients;
    Rng rng(seedFor("stats"));
    const auto payload = randomBytes(rng, kBytes);
    for (int i = 0; i < kConns; ++i) {
        clients.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QVERIFY2(clients.back(), err.c_str());
        QGNET_VERIFY_ERR(echoRoundTrip(clients.back().get(), payload, deadlineIn(10s), err), err);
    }
    const auto busy = engine.snapshot();
    QCOMPARE(static_cast<int>(busy.connections.size()), kConns);
    std::set<std::uint64_t> ids;
    std::map<int, int> perLoop;
    for (const auto& c : busy.connections) {
        ids.insert(c.id);
        ++perLoop[c.loop];
        QCOMPARE(c.bytesIn, kBytes);
        QCOMPARE(c.bytesOut, kBytes);
        QCOMPARE(name(c.state), name(qgnet::ConnectionState::Open));
        QVERIFY(c.network == qgnet::Network::Tcp);
        QVERIFY(!c.client);
        QCOMPARE(c.inboundBuffered, std::size_t{0});
        QCOMPARE(c.outboundRing + c.outboundSpilled, std::size_t{0});
        QCOMPARE(QByteArray::fromStdString(c.local.toString()),
            QByteArray::fromStdString(engine.listenAddresses().at(0).toString()));
    }
    QCOMPARE(static_cast<int>(ids.size()), kConns);
    const auto perLoopEngine = engine.connectionsPerLoop();
    for (int i = 0; i < kLoops; ++i) {
        QCOMPARE(perLoop[i], perLoopEngine[static_cast<std::size_t>(i)]);
        QCOMPARE(busy.loops[static_cast<std::size_t>(i)].connections, perLoopEngine[static_cast<std::size_t>(i)]);
    }
    QCOMPARE(sumOf(busy, &qgnet::LoopStats::bytesIn), kConns * kBytes);
    QCOMPARE(sumOf(busy, &qgnet::LoopStats::bytesOut), kConns * kBytes);
    QCOMPARE(sumOf(busy, &qgnet::LoopStats::accepted), std::uint64_t{kConns});
    QVERIFY(sumOf(busy, &qgnet::LoopStats::reads) >= kConns);
    QVERIFY(sumOf(busy, &qgnet::LoopStats::writes) >= kConns);
    QVERIFY(sumOf(busy, &qgnet::LoopStats::iterations) >= kConns);
    QVERIFY(busy.taken > idle.taken);

    clients.clear();
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);
    const auto after = engine.snapshot();
    QVERIFY(after.connections.empty());
    QCOMPARE(sumOf(after, &qgnet::LoopStats::closed), std::uint64_t{kConns});
    engine.stop();
}

// The decision log shows each choice with the loads the balancer saw; the event log shows every
// open and close, and incremental reads return only what is new.
void TestStats::decisionsAndEvents()
{
    constexpr int kConns = 8;
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = kLoops;
    o.lb = qgnet::LoadBalancing::LeastConnections;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::vector<Fd> clients;
    for (int i = 0; i < kConns; ++i) {
        clients.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QVERIFY2(clients.back(), err.c_str());
        QGNET_WAIT_COMPARE(h.opened.load(), i + 1, 10000); // sequential, so each choice sees the last
    }
    const auto s = engine.snapshot();
    QCOMPARE(static_cast<int>(s.decisions.size()), kConns);
    QCOMPARE(s.decisionsDropped, std::uint64_t{0});
    const auto opens = h.opens();
    for (int i = 0; i < kConns; ++i) {
        const auto& d = s.decisions[static_cast<std::size_t>(i)];
        QCOMPARE(d.sequence, std::uint64_t(i + 1));
        QCOMPARE(name(d.policy), name(qgnet::LoadBalancing::LeastConnections));
        QCOMPARE(static_cast<int>(d.loads.size()), kLoops);
        QCOMPARE(d.chosen, opens[static_cast<std::size_t>(i)].loop);
        QCOMPARE(d.chosen, i % kLoops); // least-connections with ties to the lowest index
        // The chosen loop had the fewest connections at that moment.
        for (const int load : d.loads)
            QVERIFY(d.loads[static_cast<std::size_t>(d.chosen)] <= load);
        QCOMPARE(d.peer.ip(), std::string("127.0.0.1"));
    }

    QCOMPARE(static_cast<int>(s.events.size()), kConns);
    for (const auto& e : s.events)
        QCOMPARE(name(e.kind), name(qgnet::EngineEvent::Kind::Opened));
    const std::uint64_t lastEvent = s.events.back().sequence;

    clients.clear();
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);
    const auto later = engine.snapshot({.decisionsAfter = s.decisions.back().sequence, .eventsAfter = lastEvent});
    QVERIFY(later.decisions.empty());
    QCOMPARE(static_cast<int>(later.events.size()), kConns);
    std::set<std::uint64_t> closedIds;
    for (const auto& e : later.events) {
        QVERIFY(e.sequence > lastEvent);
        QCOMPARE(name(e.kind), name(qgnet::EngineEvent::Kind::Closed));
        QVERIFY(!e.reason.empty());
        closedIds.insert(e.connectionId);
    }
    std::set<std::uint64_t> openedIds;
    for (const auto& e : s.events)
        openedIds.insert(e.connectionId);
    QCOMPARE(closedIds, openedIds);
    engine.stop();
}

// A small event log keeps the newest entries and reports the rest as dropped; it never blocks.
void TestStats::eventLogIsBoundedAndCountsDrops()
{
    constexpr int kConns = 40;
    constexpr std::size_t kCapacity = 8;
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    o.eventLogCapacity = kCapacity;
    o.decisionLogCapacity = kCapacity;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    for (int i = 0; i < kConns; ++i) {
        Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err);
        QVERIFY2(c, err.c_str());
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "x", deadlineIn(10s), err), err);
    }
    QGNET_WAIT_COMPARE(h.closed.load(), kConns, 10000);
    const auto s = engine.snapshot();
    // 2 events per connection, two loops keeping kCapacity each.
    QCOMPARE(s.events.size(), 2 * kCapacity);
    QCOMPARE(s.eventsDropped + s.events.size(), std::uint64_t{2 * kConns});
    QCOMPARE(s.decisions.size(), kCapacity);
    QCOMPARE(s.decisionsDropped, std::uint64_t{kConns - kCapacity});
    QCOMPARE(s.decisions.back().sequence, std::uint64_t{kConns}); // the newest are kept
    for (std::size_t i = 1; i < s.events.size(); ++i)
        QVERIFY(s.events[i - 1].sequence < s.events[i].sequence);
    engine.stop();
}

// Reading "events after the newest I have" while four loops record events concurrently must return
// every event exactly once: a snapshot never holds an event while an earlier-numbered one of
// another loop is still missing.
void TestStats::incrementalEventsSkipNothing()
{
    constexpr int kConns = 400;
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = kLoops;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto address = engine.listenAddresses().at(0);
    std::vector<std::string> failures; // written by the clients thread, read after join
    std::atomic<bool> clientsDone{false};
    std::thread clients([&] {
        failures = runThreads(4, [&](int, std::string& failure) {
            for (int i = 0; i < kConns / 4 && failure.empty(); ++i) {
                std::string e;
                Fd c = connectTo(address, deadlineIn(10s), e);
                if (!c || !echoRoundTrip(c.get(), "e", deadlineIn(10s), e))
                    failure = e;
            }
        });
        clientsDone = true;
    });
    std::uint64_t after = 0;
    std::set<std::uint64_t> seen;
    std::vector<std::uint64_t> duplicates;
    auto collect = [&] {
        const auto snap = engine.snapshot({.connections = false, .eventsAfter = after});
        for (const auto& e : snap.events) {
            if (!seen.insert(e.sequence).second)
                duplicates.push_back(e.sequence);
            after = std::max(after, e.sequence);
        }
    };
    while (!clientsDone.load()) // read incrementally while the loops are busy recording
        collect();
    clients.join();
    QGNET_VERIFY_NO_FAILURES(failures);
    QGNET_WAIT_COMPARE(h.closed.load(), kConns, 10000);
    collect();
    if (!duplicates.empty())
        QFAIL(("delivered twice: event " + std::to_string(duplicates.front())).c_str());
    for (std::uint64_t n = 1; n <= 2 * kConns; ++n)
        if (!seen.count(n))
            QFAIL(("event " + std::to_string(n) + " was never delivered").c_str());
    engine.stop();
}

// A peer that does not read: the snapshot shows the unsent output split between ring and spill
// list, the ring's size, and the high-water crossing.
void TestStats::outboundOccupancy()
{
    constexpr std::size_t kBytes = 8u << 20;
    WriteOnOpenHandler h(kBytes);
    qgnet::Options o;
    o.writeBufferCap = 64 * 1024;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err);
    QVERIFY2(c, err.c_str());
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    const auto s = engine.snapshot();
    QCOMPARE(s.connections.size(), std::size_t{1});
    const auto& conn = s.connections[0];
    QCOMPARE(conn.outboundRing + conn.outboundSpilled + conn.bytesOut, std::uint64_t{kBytes});
    QVERIFY(conn.outboundSpilled > 0); // 8 MiB cannot fit a 64 KiB ring plus the socket buffers
    QCOMPARE(conn.outboundRingCapacity, std::size_t{64 * 1024});
    QCOMPARE(conn.highWaterHits, std::uint64_t{1});
    QCOMPARE(conn.highWater, o.outputHighWater);
    QCOMPARE(h.writeErrors.load(), 0);
    engine.stop();
}

void TestStats::refusedOnLoopThreadAndAfterStop()
{
    SnapshotInCallbackHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    h.engine = &engine;
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err);
    QVERIFY2(c, err.c_str());
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "ping", deadlineIn(10s), err), err);
    QCOMPARE(h.refused.load(), 1);

    // The asynchronous form works from anywhere, the loop thread included.
    std::promise<std::size_t> rows;
    QVERIFY(!engine.snapshotAsync({}, [&rows](qgnet::EngineSnapshot s) { rows.set_value(s.connections.size()); }));
    QCOMPARE(rows.get_future().get(), std::size_t{1});

    c.reset();
    engine.stop();
    QCOMPARE(engine.snapshotAsync({}, [](qgnet::EngineSnapshot) {}), make_error_code(qgnet::Errc::EngineStopped));
    QVERIFY_THROWS_EXCEPTION(qgnet::Error, (void)engine.snapshot());
    qgnet::Engine empty;
    QCOMPARE(empty.snapshotAsync({}, [](qgnet::EngineSnapshot) {}), make_error_code(qgnet::Errc::EngineStopped));
}

void TestStats::stallsAreCounted()
{
    StallingHandler h(30ms);
    qgnet::Options o;
    o.stallThreshold = 10ms;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err);
    QVERIFY2(c, err.c_str());
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "slow", deadlineIn(10s), err), err);
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "fast", deadlineIn(10s), err), err);
    const auto s = engine.snapshot();
    QVERIFY(s.loops.at(0).stalls >= 1); // the stalled iteration (a busy machine may add more)
    QVERIFY(s.loops.at(0).longestIteration >= 30ms);
    QVERIFY(s.loops.at(0).busyTime >= 30ms);
    c.reset();
    engine.stop();
}

QGNET_TEST_MAIN(TestStats)
#include "tst_stats.moc"
