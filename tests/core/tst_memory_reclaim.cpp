// SPDX-License-Identifier: Apache-2.0
// After a burst of connections has gone, a loop gives its memory back (MemoryReclaim): the buffer
// blocks its pool kept for reuse are trimmed and malloc's free pages return to the system. Seen
// through the loop's statistics (LoopStats::pooledBytes, memoryReclaims), on both backends.
#include <QTest>

#include <vector>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kHalf = 1500;

// Echoes a message only once all of it is in, so that the first half waits in the connection's
// inbound ring: a block from the loop's pool per connection, back in the pool once echoed.
class WholeMessageEcho : public qgnet::EventHandler {
public:
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        if (c.inboundBuffered() < 2 * kHalf)
            return qgnet::Action::None;
        const qgnet::Bytes all = c.next();
        (void)c.write(all);
        return qgnet::Action::None;
    }
};

qgnet::LoopStats loopZero(qgnet::Engine& engine)
{
    const qgnet::EngineSnapshot s = engine.snapshot();
    for (const qgnet::LoopStats& l : s.loops)
        if (l.index == 0)
            return l;
    return {};
}

} // namespace

class TestMemoryReclaim : public EngineTestCase {
    Q_OBJECT

private slots:
    void burstIsGivenBack();
};

void TestMemoryReclaim::burstIsGivenBack()
{
    constexpr int kBurst = 300; // over MemoryReclaim::kMinClosed
    WholeMessageEcho handler;
    TestServer server;
    QVERIFY2(server.start(handler, "tcp", {.numEventLoop = 1}), server.error());

    std::string err;
    std::vector<Fd> clients;
    for (int i = 0; i < kBurst; ++i) {
        clients.push_back(server.connect());
        QVERIFY2(clients.back().valid(), server.error());
    }
    const std::string first(kHalf, 'a');
    const std::string second(kHalf, 'b');
    // Every connection holds its first half at the same time, then all are echoed.
    for (Fd& c : clients)
        QVERIFY2(sendAll(c.get(), first, Clock::now() + 10s, err), err.c_str());
    QGNET_WAIT_VERIFY(loopZero(server.engine()).bytesIn >= kBurst * kHalf, 10000);
    for (Fd& c : clients) {
        QVERIFY2(sendAll(c.get(), second, Clock::now() + 10s, err), err.c_str());
        std::vector<std::byte> echo;
        QVERIFY2(recvExact(c.get(), echo, 2 * kHalf, Clock::now() + 10s, err), err.c_str());
        QVERIFY(std::equal(echo.begin(), echo.begin() + kHalf, reinterpret_cast<const std::byte*>(first.data())));
    }
    const qgnet::LoopStats busy = loopZero(server.engine());
    QCOMPARE(busy.memoryReclaims, std::uint64_t(0));
    // The burst's blocks went back to the pool, not to the system: that is what the reclaim is for.
    QVERIFY2(busy.pooledBytes > 256 * 1024, std::to_string(busy.pooledBytes).c_str());

    clients.clear();
    QGNET_WAIT_COMPARE(server.engine().countConnections(), 0, 10000);
    QGNET_WAIT_VERIFY(loopZero(server.engine()).memoryReclaims == 1, 10000);
    const qgnet::LoopStats after = loopZero(server.engine());
    // A reclaim keeps at most 64 KiB per size class; two are in use here: the inbound rings' blocks
    // and, on io_uring, the outbound rings fitted to each 3000-byte echo.
    QVERIFY2(after.pooledBytes <= 2 * 64 * 1024, std::to_string(after.pooledBytes).c_str());
    QVERIFY(after.pooledBytes < busy.pooledBytes);

    // The loop serves as before.
    Fd again = server.connect();
    QVERIFY2(again.valid(), server.error());
    QVERIFY2(echoRoundTrip(again.get(), first + second, Clock::now() + 10s, err), err.c_str());
}

QGNET_TEST_MAIN(TestMemoryReclaim)
#include "tst_memory_reclaim.moc"
