// SPDX-License-Identifier: Apache-2.0
// The io_uring provided-buffer ring run dry (fault catalogue F8). QGNET_IO_URING_BUFFERS=4 leaves the
// loop 4 buffers (4 x 64 KiB incremental, or 4 x 4 KiB plain), and 64 clients send 256 KiB each at
// once to an echo server: one batch of receive completions takes every buffer, so the other
// connections' multishot recvs end with -ENOBUFS and are re-armed after the batch (their bytes wait
// in the socket). Every byte must come back in order, the loop must have counted those recvs
// (LoopStats::recvBuffersExhausted > 0: the ring really ran dry), and every connection must then
// close cleanly with nothing leaked (the fixture's checks). On epoll the same run is an echo test and
// the count stays 0.
#include <QTest>

#include <cstdlib>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

class TestRingDry : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void echoThroughEmptyBufferRing();
};

void TestRingDry::initTestCase()
{
    // Read by every io_uring the process creates from now on (the backend probe ran before).
    QCOMPARE(::setenv("QGNET_IO_URING_BUFFERS", "4", 1), 0);
}

void TestRingDry::echoThroughEmptyBufferRing()
{
    constexpr int kConns = 64;
    constexpr std::size_t kBytes = 256 * 1024;
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 1;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;

    std::vector<Fd> fds;
    std::vector<std::vector<std::byte>> payloads;
    Rng rng(seedFor("echoThroughEmptyBufferRing"));
    for (int i = 0; i < kConns; ++i) {
        fds.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QGNET_VERIFY_ERR(fds.back().valid(), "client " + std::to_string(i) + ": " + err);
        payloads.push_back(randomBytes(rng, kBytes));
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kConns, 30000);
    QGNET_VERIFY_ERR(multiEcho(fds, payloads, deadlineIn(120s), err), err);

    const qgnet::EngineSnapshot snap = engine.snapshot();
    QCOMPARE(snap.loops.size(), std::size_t{1});
    QCOMPARE(snap.loops[0].bytesIn, std::uint64_t{kConns * kBytes});
    const std::uint64_t exhausted = snap.loops[0].recvBuffersExhausted;
    if (engine.backend() == qgnet::Backend::IoUring)
        QVERIFY2(exhausted > 0, "64 clients sending 256 KiB each through 4 provided buffers never ran the ring dry");
    else
        QCOMPARE(exhausted, std::uint64_t{0});

    fds.clear();
    QGNET_WAIT_COMPARE(h.closed.load(), kConns, 30000);
    QCOMPARE(h.writeErrors.load(), 0);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(reasons.empty(), reasons.c_str());
    engine.stop();
}

QGNET_TEST_MAIN(TestRingDry)
#include "tst_ring_dry.moc"
