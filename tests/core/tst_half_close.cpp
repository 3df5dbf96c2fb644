// SPDX-License-Identifier: Apache-2.0
// Half-close and graceful close. A peer that sends several MiB and shuts down its write side before
// reading anything still receives the whole echo and then EOF, and the server's onClose says PeerClosed
// (LT and ET, TCP and Unix). A handler that closes (Action::Close, Conn::close(), ConnHandle::close())
// with output pending stops reading at once but delivers that output before onClose; a peer that never
// reads bounds this by Options::closeFlushTimeout (then WriteTimeout).
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

constexpr std::size_t KiB = 1024;
constexpr std::size_t MiB = 1024 * 1024;

std::byte patternByte(std::size_t i) { return static_cast<std::byte>((i * 7 + i / 4093) & 0xff); }

/// MeasuringEcho echoes and remembers the most output it ever had pending.
class MeasuringEcho : public EchoHandler {
public:
    std::atomic<std::size_t> maxPending{0};
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        const auto a = EchoHandler::onTraffic(c);
        const std::size_t n = c.outboundBuffered();
        std::size_t seen = maxPending.load();
        while (n > seen && !maxPending.compare_exchange_weak(seen, n)) {}
        return a;
    }
};

enum class CloseHow { Action, ConnClose, Handle };

/// ReplyThenClose answers a 'Q' with a large reply and closes the connection in the chosen way, at once.
/// It notes any onTraffic that comes after it asked to close.
class ReplyThenClose : public RecordingHandler {
public:
    CloseHow how = CloseHow::Action;
    std::size_t replySize = 4 * MiB;
    std::atomic<bool> replied{false};
    std::atomic<std::size_t> pendingAfterReply{0};
    std::atomic<int> trafficAfterClose{0};
    std::atomic<std::int64_t> closeAskedAt{0};
    std::atomic<std::int64_t> closedAt{0};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        if (replied.load()) {
            ++trafficAfterClose;
            c.discard(c.inboundBuffered());
            return qgnet::Action::None;
        }
        c.discard(c.inboundBuffered());
        std::vector<std::byte> chunk(64 * KiB);
        for (std::size_t off = 0; off < replySize; off += chunk.size()) {
            for (std::size_t i = 0; i < chunk.size(); ++i)
                chunk[i] = patternByte(off + i);
            if (c.write(chunk))
                ++writeErrors;
        }
        pendingAfterReply = c.outboundBuffered();
        closeAskedAt = Clock::now().time_since_epoch().count();
        switch (how) {
        case CloseHow::Action: replied = true; return qgnet::Action::Close;
        case CloseHow::ConnClose:
            if (c.close())
                ++writeErrors;
            replied = true;
            return qgnet::Action::None;
        case CloseHow::Handle: {
            std::lock_guard lock(mu_);
            handle_ = c.handle();
            replied = true; // the test closes through the handle from its own thread
            return qgnet::Action::None;
        }
        }
        return qgnet::Action::None;
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        closedAt = Clock::now().time_since_epoch().count();
        return RecordingHandler::onClose(c, reason);
    }
    qgnet::ConnHandle handle() const
    {
        std::lock_guard lock(mu_);
        return handle_;
    }

private:
    mutable std::mutex mu_;
    qgnet::ConnHandle handle_;
};

} // namespace

class TestHalfClose : public EngineTestCase {
    Q_OBJECT

private slots:
    void peerShutdownGetsFullEcho_data();
    void peerShutdownGetsFullEcho();
    void smallSendThenShutdownCloses_data();
    void smallSendThenShutdownCloses();
    void closeFlushesPendingOutput_data();
    void closeFlushesPendingOutput();
    void closeFlushTimeoutBoundsIt();
};

void TestHalfClose::peerShutdownGetsFullEcho_data()
{
    QTest::addColumn<bool>("edge");
    QTest::addColumn<bool>("unixSocket");
    QTest::newRow("lt/tcp") << false << false;
    QTest::newRow("et/tcp") << true << false;
    QTest::newRow("lt/unix") << false << true;
    QTest::newRow("et/unix") << true << true;
}

void TestHalfClose::peerShutdownGetsFullEcho()
{
    QFETCH(bool, edge);
    QFETCH(bool, unixSocket);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string url = unixSocket ? "unix://" + dir.filePath(QStringLiteral("half.sock")).toStdString()
                                       : "tcp://127.0.0.1:0";
    MeasuringEcho h;
    qgnet::Options o;
    o.edgeTriggeredIO = edge;
    o.numEventLoop = 2;
    TestServer testServer;
    QVERIFY2(testServer.start(h, url, o), testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::string err;
    // A 64 KiB receive buffer: most of the echo must wait in the server when the EOF arrives.
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, nullptr, 64 * KiB);
    QGNET_VERIFY_ERR(c.valid(), err);
    Rng rng(seedFor(QTest::currentDataTag()));
    const auto data = randomBytes(rng, scaled(8 * MiB, 2 * MiB));
    QGNET_VERIFY_ERR(sendAll(c.get(), data, deadlineIn(60s), err), err);
    QCOMPARE(::shutdown(c.get(), SHUT_WR), 0);
    std::vector<std::byte> got;
    const ReadEnd end = drainUntilEnd(c.get(), got, deadlineIn(60s), err);
    QVERIFY2(end == ReadEnd::Eof,
        (std::string(toString(end)) + " after " + std::to_string(got.size()) + " of " + std::to_string(data.size())
            + " bytes: " + err)
            .c_str());
    const std::string mismatch = firstMismatch(data, got);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(reasons.empty(), reasons.c_str());
    QVERIFY2(h.maxPending.load() > 0, "the echo never backed up: the test did not exercise a pending half-close");
    QCOMPARE(h.writeErrors.load(), 0);
    engine.stop();
    QCOMPARE(h.closed.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestHalfClose::smallSendThenShutdownCloses_data()
{
    QTest::addColumn<bool>("edge");
    QTest::addColumn<bool>("unixSocket");
    QTest::newRow("lt/tcp") << false << false;
    QTest::newRow("et/tcp") << true << false;
    QTest::newRow("lt/unix") << false << true;
    QTest::newRow("et/unix") << true << true;
}

// 20 peers each send a few bytes and shut down their write side at once, so that the bytes and the EOF
// are often read in the same wake-up: each gets its echo, then EOF (the server closes; edge-triggered,
// it used to stop at the short read and never see the EOF, leaving the socket in CLOSE_WAIT).
void TestHalfClose::smallSendThenShutdownCloses()
{
    QFETCH(bool, edge);
    QFETCH(bool, unixSocket);
    constexpr int kPeers = 20;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string url = unixSocket ? "unix://" + dir.filePath(QStringLiteral("small.sock")).toStdString()
                                       : "tcp://127.0.0.1:0";
    EchoHandler h;
    qgnet::Options o;
    o.edgeTriggeredIO = edge;
    o.numEventLoop = 2;
    TestServer testServer;
    QVERIFY2(testServer.start(h, url, o), testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::string err;
    std::vector<Fd> peers;
    std::vector<std::string> sent;
    for (int i = 0; i < kPeers; ++i) {
        peers.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QGNET_VERIFY_ERR(peers.back().valid(), err);
        sent.push_back("hello " + std::to_string(i));
        QGNET_VERIFY_ERR(sendAll(peers.back().get(), sent.back(), deadlineIn(10s), err), err);
        QCOMPARE(::shutdown(peers.back().get(), SHUT_WR), 0);
    }
    const Deadline deadline = deadlineIn(10s);
    for (int i = 0; i < kPeers; ++i) {
        std::vector<std::byte> got;
        const ReadEnd end = drainUntilEnd(peers[static_cast<std::size_t>(i)].get(), got, deadline, err);
        QVERIFY2(end == ReadEnd::Eof,
            ("peer " + std::to_string(i) + ": " + toString(end) + " after " + std::to_string(got.size())
                + " bytes: " + err)
                .c_str());
        QCOMPARE(std::string(reinterpret_cast<const char*>(got.data()), got.size()), sent[static_cast<std::size_t>(i)]);
    }
    QGNET_WAIT_COMPARE(h.closed.load(), kPeers, 10000);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(reasons.empty(), reasons.c_str());
    engine.stop();
}

void TestHalfClose::closeFlushesPendingOutput_data()
{
    QTest::addColumn<int>("how");
    QTest::addColumn<bool>("edge");
    QTest::newRow("Action::Close/lt") << static_cast<int>(CloseHow::Action) << false;
    QTest::newRow("Action::Close/et") << static_cast<int>(CloseHow::Action) << true;
    QTest::newRow("Conn::close/lt") << static_cast<int>(CloseHow::ConnClose) << false;
    QTest::newRow("ConnHandle::close/lt") << static_cast<int>(CloseHow::Handle) << false;
    QTest::newRow("ConnHandle::close/et") << static_cast<int>(CloseHow::Handle) << true;
}

void TestHalfClose::closeFlushesPendingOutput()
{
    QFETCH(int, how);
    QFETCH(bool, edge);
    std::atomic<int> calls{0}; // the close callback's, declared before the engine that calls it
    std::atomic<int> closesSeen{-1};
    ReplyThenClose h;
    h.how = static_cast<CloseHow>(how);
    h.replySize = scaled(4 * MiB, 1 * MiB);
    qgnet::Options o;
    o.edgeTriggeredIO = edge;
    o.closeFlushTimeout = 30s; // only a hang would reach it
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    // A 4 KiB receive buffer: almost all of the reply is still pending when the close is asked for.
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(c.valid(), err);
    QGNET_VERIFY_ERR(sendAll(c.get(), "Q", deadlineIn(10s), err), err);
    QGNET_WAIT_VERIFY(h.replied.load(), 10000);
    QVERIFY2(h.pendingAfterReply.load() > 0, "the reply did not back up");
    if (h.how == CloseHow::Handle) {
        QVERIFY(!h.handle().closeWithCallback([&](qgnet::Conn*, std::error_code ec) {
            closesSeen = ec ? -2 : h.closed.load();
            ++calls;
        }));
        // Read while the close is in progress; the callback comes after onClose.
        std::vector<std::byte> got;
        const ReadEnd end = drainUntilEnd(c.get(), got, deadlineIn(60s), err);
        QVERIFY2(end == ReadEnd::Eof,
            (std::string(toString(end)) + " after " + std::to_string(got.size()) + " of " + std::to_string(h.replySize)
                + " bytes: " + err)
                .c_str());
        QCOMPARE(got.size(), h.replySize);
        for (std::size_t i = 0; i < got.size(); ++i)
            if (got[i] != patternByte(i))
                QFAIL(("reply differs at offset " + std::to_string(i)).c_str());
        QGNET_WAIT_COMPARE(calls.load(), 1, 10000);
        QCOMPARE(closesSeen.load(), 1);
    } else {
        std::vector<std::byte> got;
        const ReadEnd end = drainUntilEnd(c.get(), got, deadlineIn(60s), err);
        QVERIFY2(end == ReadEnd::Eof,
            (std::string(toString(end)) + " after " + std::to_string(got.size()) + " of " + std::to_string(h.replySize)
                + " bytes: " + err)
                .c_str());
        QCOMPARE(got.size(), h.replySize);
        for (std::size_t i = 0; i < got.size(); ++i)
            if (got[i] != patternByte(i))
                QFAIL(("reply differs at offset " + std::to_string(i)).c_str());
    }
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::ClosedByHandler);
    QVERIFY2(reasons.empty(), reasons.c_str());
    QCOMPARE(h.trafficAfterClose.load(), 0);
    QCOMPARE(h.writeErrors.load(), 0);
    engine.stop();
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestHalfClose::closeFlushTimeoutBoundsIt()
{
    ReplyThenClose h;
    h.how = CloseHow::Action;
    h.replySize = 4 * MiB;
    qgnet::Options o;
    o.closeFlushTimeout = 300ms;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(c.valid(), err);
    const auto tAsk = Clock::now();
    QGNET_VERIFY_ERR(sendAll(c.get(), "Q", deadlineIn(10s), err), err);
    // The client never reads: the flush cannot finish and the timeout ends it.
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const auto closes = h.closes();
    QVERIFY2(closes.at(0).reason == qgnet::Errc::WriteTimeout, describe(closes.at(0).reason).c_str());
    const auto closedAt = Clock::time_point(Clock::duration(h.closedAt.load()));
    const auto askedAt = Clock::time_point(Clock::duration(h.closeAskedAt.load()));
    QVERIFY2(closedAt - tAsk >= o.closeFlushTimeout,
        ("onClose " + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(closedAt - tAsk).count())
            + " ms after the request")
            .c_str());
    QVERIFY2(closedAt - askedAt <= o.closeFlushTimeout + 1s,
        ("onClose " + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(closedAt - askedAt).count())
            + " ms after the close")
            .c_str());
    engine.stop();
}

QGNET_TEST_MAIN(TestHalfClose)
#include "tst_half_close.moc"
