// SPDX-License-Identifier: Apache-2.0
// Engine-wide limits, both backends.
// Options::maxConnections: at the bound a new connection is closed at accept (the peer reads an
// orderly EOF, no echo), counted, logged once per episode, and the engine serves again as soon as a
// connection closes; both topologies.
// Options::memoryBudget: clients that send and never read push the engine over a small budget; its
// buffers stay within the budget plus a bounded slack, the connections holding the most are paused
// (and stay so), a fresh client still echoes; a connection whose output another thread keeps growing
// while it is paused is closed with MemoryBudgetExceeded, and its memory comes back.
// Options::taskQueueBytes: writes from another thread beyond the loop queue's byte bound fail at the
// call (QueueBytesExceeded, no callback) while the loop is held up, and are accepted again once it ran.
#include <QTest>

#include <algorithm>
#include <latch>
#include <mutex>

#include <sys/socket.h>

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
    void memoryBudgetRefusesBadValues();
    void memoryBudgetPausesTheHeaviest_data();
    void memoryBudgetPausesTheHeaviest();
    void memoryBudgetClosesAGrowingWriter();
    void taskQueueBytesBoundsCrossThreadWrites();
};

namespace {

constexpr std::size_t kMiB = 1024 * 1024;

struct BudgetFigures {
    std::uint64_t buffered = 0;
    std::uint64_t paused = 0;
    std::uint64_t pauses = 0;
    std::uint64_t closes = 0;
};

BudgetFigures budgetFigures(const qgnet::EngineSnapshot& s)
{
    BudgetFigures f;
    f.buffered = s.bufferedBytes;
    for (const qgnet::LoopStats& l : s.loops) {
        f.paused += l.budgetPaused;
        f.pauses += l.budgetPauses;
        f.closes += l.budgetCloses;
    }
    return f;
}

qgnet::SnapshotRequest countersOnly() { return {.connections = false, .decisions = false, .events = false}; }

// sendWhatFits sends up to limit bytes of block without blocking; returns false on a socket error.
bool sendWhatFits(int fd, const std::vector<std::byte>& block, std::size_t limit)
{
    for (std::size_t sent = 0; sent < limit;) {
        const ssize_t n = ::send(fd, block.data(), block.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

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

void TestLimits::memoryBudgetRefusesBadValues()
{
    EchoHandler echo;
    for (const auto& [options, field] : {std::pair{qgnet::Options{.memoryBudget = 1000}, "memoryBudget=1000"},
             std::pair{qgnet::Options{.taskQueueBytes = 0}, "taskQueueBytes=0"}}) {
        try {
            qgnet::Engine::start(echo, {"tcp://127.0.0.1:0"}, options);
            QFAIL("an engine started with a bad option");
        } catch (const qgnet::Error& e) {
            QVERIFY(e.code() == qgnet::Errc::InvalidOption);
            QVERIFY2(std::string_view(e.what()).find(field) != std::string_view::npos, e.what());
        }
    }
}

void TestLimits::memoryBudgetPausesTheHeaviest_data()
{
    QTest::addColumn<int>("loops");
    QTest::addColumn<bool>("edge");
    QTest::newRow("2 loops") << 2 << false;
    QTest::newRow("1 loop, edge-triggered") << 1 << true;
}

void TestLimits::memoryBudgetPausesTheHeaviest()
{
    QFETCH(int, loops);
    QFETCH(bool, edge);
    constexpr std::size_t kBudget = 4 * kMiB;
    constexpr int kHogs = 8;
    // Fixed socket buffers: without them the kernel's autotuning lets a paused connection's output
    // drain into a growing send buffer (it resumes, which is right, but makes the count vary), and on
    // io_uring what a paused connection had already received (up to its receive buffer) is kept in
    // its inbound ring; with them both are bounded and the slack below can be stated.
    constexpr int kSocketBuffer = 64 * 1024;
    auto log = std::make_shared<CaptureLogger>();
    EchoHandler echo;
    qgnet::Engine engine;
    std::string err;
    QGNET_VERIFY_ERR(startEngine(engine, echo, "tcp://127.0.0.1:0",
                         {.numEventLoop = loops,
                             .socketRecvBuffer = kSocketBuffer,
                             .socketSendBuffer = kSocketBuffer,
                             .logger = log,
                             .edgeTriggeredIO = edge,
                             .memoryBudget = kBudget},
                         err),
        err);
    const std::string url = engine.listenUrls().at(0);
    std::vector<Fd> hogs;
    for (int i = 0; i < kHogs; ++i) {
        Fd c = connectUrl(url, Clock::now() + 5s, err);
        QVERIFY2(c.valid(), err.c_str());
        hogs.push_back(std::move(c));
    }
    QGNET_WAIT_COMPARE(engine.countConnections(), kHogs, 5000);

    // The hogs send and never read: their echo piles up in the engine until the budget has paused
    // every one of them (then the engine reads them no more and their sends stall).
    Rng rng(seedFor("memoryBudget"));
    const std::vector<std::byte> block = randomBytes(rng, 64 * 1024);
    std::uint64_t peak = 0;
    BudgetFigures f;
    const Deadline deadline = Clock::now() + 60s;
    for (;;) {
        for (Fd& h : hogs)
            QVERIFY2(sendWhatFits(h.get(), block, 512 * 1024), std::strerror(errno));
        f = budgetFigures(engine.snapshot(countersOnly()));
        peak = std::max(peak, f.buffered);
        if (f.paused == kHogs)
            break;
        QVERIFY2(Clock::now() < deadline,
            ("paused " + std::to_string(f.paused) + " of " + std::to_string(kHogs) + ", buffered "
                + std::to_string(f.buffered))
                .c_str());
    }
    // One more round: paused connections are not read, so nothing grows.
    for (Fd& h : hogs)
        QVERIFY2(sendWhatFits(h.get(), block, 512 * 1024), std::strerror(errno));
    const qgnet::EngineSnapshot s = engine.snapshot();
    f = budgetFigures(s);
    peak = std::max(peak, f.buffered);
    qInfo("budget %zu, peak buffered %llu (+%lld KiB), pauses %llu, closes %llu", kBudget,
        static_cast<unsigned long long>(peak), (static_cast<long long>(peak) - static_cast<long long>(kBudget)) / 1024,
        static_cast<unsigned long long>(f.pauses), static_cast<unsigned long long>(f.closes));
    // The slack: a step (64 KiB for this budget) per loop between checks, what one batch of reads
    // brings before the pauses take effect (a read buffer per hog, with a spill chunk each), and on
    // io_uring what the kernel held for a hog when its recv was cancelled (its receive buffer, which
    // the kernel doubles), rounded up to the inbound ring's power of two; then 1 MiB.
    const std::uint64_t slack = static_cast<std::uint64_t>(loops) * 64 * 1024
        + kHogs * (2 * 64 * 1024 + 4 * static_cast<std::uint64_t>(kSocketBuffer)) + kMiB;
    QVERIFY2(peak <= kBudget + slack, std::to_string(peak).c_str());
    QVERIFY2(peak > kBudget, std::to_string(peak).c_str()); // it was reached, so the budget did the bounding
    QCOMPARE(f.paused, std::uint64_t(kHogs));
    QCOMPARE(f.closes, std::uint64_t(0)); // an echo does not grow once paused
    QCOMPARE(s.memoryBudget, std::uint64_t(kBudget));
    int pausedRows = 0;
    for (const qgnet::ConnectionStats& c : s.connections)
        pausedRows += c.readingPaused ? 1 : 0;
    QCOMPARE(pausedRows, kHogs);
    QCOMPARE(log->count("over its memory budget (memoryBudget=4194304)"), 1); // once per episode
    bool eventSeen = false;
    for (const qgnet::EngineEvent& e : s.events)
        eventSeen = eventSeen
            || (e.kind == qgnet::EngineEvent::Kind::Error && e.reason.find("memory budget") != std::string::npos);
    QVERIFY2(eventSeen, "no Error event for the memory budget");

    // A fresh client is served: 1 MiB echoed byte-exact while it reads (if the budget pauses it for
    // the output it holds, reading it out resumes it).
    Fd fresh = connectUrl(url, Clock::now() + 5s, err);
    QVERIFY2(fresh.valid(), err.c_str());
    const std::vector<std::byte> payload = randomBytes(rng, kMiB);
    std::vector<std::byte> received;
    const ConstBytes piece(payload.data(), payload.size());
    QVERIFY2(exchange(fresh.get(), {&piece, 1}, received, payload.size(), Clock::now() + 20s, err), err.c_str());
    QVERIFY2(received == payload, firstMismatch(payload, received).c_str());
    QCOMPARE(budgetFigures(engine.snapshot(countersOnly())).paused, std::uint64_t(kHogs));

    // The hogs leave: the memory comes back and the episode ends with its second line.
    hogs.clear();
    QGNET_WAIT_VERIFY(budgetFigures(engine.snapshot(countersOnly())).buffered == 0, 10000);
    QGNET_WAIT_VERIFY(log->contains("under three quarters of its memory budget"), 5000);
    fresh = Fd();
    engine.stop();
}

void TestLimits::memoryBudgetClosesAGrowingWriter()
{
    constexpr std::size_t kBudget = 4 * kMiB;
    auto log = std::make_shared<CaptureLogger>();
    HandleEcho keeper;
    qgnet::Engine engine;
    std::string err;
    QGNET_VERIFY_ERR(startEngine(engine, keeper, "tcp://127.0.0.1:0", {.logger = log, .memoryBudget = kBudget}, err),
        err);
    // A peer that never reads, and this thread writing to it through its handle: pausing its reading
    // cannot stop that, so the budget closes it.
    Fd peer = connectUrl(engine.listenUrls().at(0), Clock::now() + 5s, err);
    QVERIFY2(peer.valid(), err.c_str());
    QGNET_WAIT_COMPARE(keeper.handles().size(), std::size_t(1), 5000);
    const qgnet::ConnHandle handle = keeper.handles().front();
    const std::string block(64 * 1024, 'x');
    std::uint64_t peak = 0;
    std::error_code lastWrite;
    const Deadline deadline = Clock::now() + 30s;
    while (keeper.closed.load() == 0) {
        QVERIFY2(Clock::now() < deadline, "the writer was never closed");
        lastWrite = handle.asyncWrite(block);
        QVERIFY2(!lastWrite || lastWrite == qgnet::Errc::QueueFull || lastWrite == qgnet::Errc::QueueBytesExceeded
                || lastWrite == qgnet::Errc::ConnectionClosed,
            describe(lastWrite).c_str());
        if (lastWrite)
            QGNET_WAIT_VERIFY(keeper.closed.load() != 0
                    || engine.snapshot(countersOnly()).loops.at(0).pendingTasks == 0,
                5000);
        peak = std::max(peak, engine.snapshot(countersOnly()).bufferedBytes);
    }
    QCOMPARE(keeper.closeReasonMismatches(qgnet::Errc::MemoryBudgetExceeded), std::string());
    const BudgetFigures f = budgetFigures(engine.snapshot(countersOnly()));
    QCOMPARE(f.closes, std::uint64_t(1));
    QVERIFY(f.pauses >= 1);
    // Paused over the budget, closed once its output grew by more than the allowance (256 KiB here).
    QVERIFY2(peak <= kBudget + 256 * 1024 + kMiB, std::to_string(peak).c_str());
    QGNET_WAIT_VERIFY(engine.snapshot(countersOnly()).bufferedBytes == 0, 10000);
    const ReadEnd end = waitForEnd(peer.get(), Clock::now() + 10s, err);
    QVERIFY2(end == ReadEnd::Data || end == ReadEnd::Eof || end == ReadEnd::Reset, toString(end));
    engine.stop();
}

void TestLimits::taskQueueBytesBoundsCrossThreadWrites()
{
    constexpr std::size_t kBound = 1 * kMiB;
    constexpr std::size_t kPiece = 256 * 1024;
    HandleEcho keeper;
    qgnet::Engine engine;
    std::string err;
    QGNET_VERIFY_ERR(startEngine(engine, keeper, "tcp://127.0.0.1:0", {.taskQueueBytes = kBound}, err), err);
    Fd peer = connectUrl(engine.listenUrls().at(0), Clock::now() + 5s, err);
    QVERIFY2(peer.valid(), err.c_str());
    QGNET_WAIT_COMPARE(keeper.handles().size(), std::size_t(1), 5000);
    const qgnet::ConnHandle handle = keeper.handles().front();

    // Hold the loop up, so what is posted stays queued.
    std::latch release(1);
    std::latch holding(1);
    QVERIFY(!engine.execute(0, [&] {
        holding.count_down();
        release.wait();
    }));
    holding.wait();
    Rng rng(seedFor("taskQueueBytes"));
    const std::vector<std::byte> data = randomBytes(rng, kBound);
    std::atomic<int> done{0};
    std::atomic<int> failed{0};
    const auto callback = [&](qgnet::Conn*, std::error_code ec) {
        ++done;
        if (ec)
            ++failed;
    };
    for (std::size_t i = 0; i < kBound / kPiece; ++i)
        QVERIFY(!handle.asyncWrite(qgnet::Bytes(data.data() + i * kPiece, kPiece), callback));
    // Full: one more byte, from any of the writing calls, is refused at once; a task without data is not.
    const std::byte one{1};
    std::error_code ec = handle.asyncWrite(qgnet::Bytes(&one, 1), callback);
    QVERIFY2(ec == qgnet::Errc::QueueBytesExceeded, describe(ec).c_str());
    const qgnet::Bytes parts[] = {qgnet::Bytes(&one, 1), qgnet::Bytes(&one, 1)};
    ec = handle.asyncWritev(parts, callback);
    QVERIFY2(ec == qgnet::Errc::QueueBytesExceeded, describe(ec).c_str());
    QVERIFY(!handle.wake(callback));
    release.count_down();

    // The loop catches up: every accepted write arrives, byte-exact, and each callback ran once.
    std::vector<std::byte> received;
    QVERIFY2(recvExact(peer.get(), received, data.size(), Clock::now() + 10s, err), err.c_str());
    QVERIFY2(received == data, firstMismatch(data, received).c_str());
    QGNET_WAIT_COMPARE(done.load(), static_cast<int>(kBound / kPiece) + 1, 5000);
    QCOMPARE(failed.load(), 0);
    QCOMPARE(engine.snapshot(countersOnly()).loops.at(0).pendingTaskBytes, std::uint64_t(0));
    // A write larger than the bound can never be queued; one within it is accepted again.
    const std::vector<std::byte> huge(kBound + 1);
    ec = handle.asyncWrite(huge);
    QVERIFY2(ec == qgnet::Errc::QueueBytesExceeded, describe(ec).c_str());
    QVERIFY(!handle.asyncWrite(qgnet::Bytes(data.data(), kPiece)));
    QVERIFY2(recvExact(peer.get(), received, kPiece, Clock::now() + 10s, err), err.c_str());
    engine.stop();
}

QGNET_TEST_MAIN(TestLimits)
#include "tst_limits.moc"
