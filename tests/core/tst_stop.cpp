// SPDX-License-Identifier: Apache-2.0
// Engine::stop under load: with 1000 connections whose clients keep sending and reading, stop(2 s) returns
// within the drain time plus a second, every onClose runs exactly once, no callback runs after stop()
// returns, and the threads are joined. Then 100 start/stop cycles with a few connections, timers, handle
// operations and worker tasks each leave descriptors, threads and qgnet's live objects at their baseline.
#include <QTest>

#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include <poll.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t KiB = 1024;

/// loadByte is byte `off` of the stream client `socket` sends (and must get back).
std::byte loadByte(std::size_t socket, std::uint64_t off)
{
    return static_cast<std::byte>((off * 131 + socket * 7 + (off >> 9)) & 0xff);
}

/// StopHandler echoes, counts each connection's onClose, and counts callbacks after stop() returned.
class StopHandler : public EchoHandler {
public:
    std::atomic<bool> stopReturned{false};
    std::atomic<int> callbacksAfterStop{0};
    std::atomic<int> doubleCloses{0};

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        after();
        return EchoHandler::onOpen(c);
    }
    std::atomic<int> backedUp{0}; // connections whose echo was left pending by their last onTraffic

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        after();
        const auto a = EchoHandler::onTraffic(c);
        const bool pending = c.outboundBuffered() > 0;
        const bool was = c.context().has_value();
        if (pending && !was) {
            c.setContext(true);
            ++backedUp;
        } else if (!pending && was) {
            c.context().reset();
            --backedUp;
        }
        return a;
    }
    void onWritabilityChanged(qgnet::Conn&, bool) override { after(); }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        after();
        {
            std::lock_guard lock(mu_);
            if (!closedIds_.insert(c.id()).second)
                ++doubleCloses;
        }
        return EchoHandler::onClose(c, reason);
    }
    void onShutdown(qgnet::Engine& e) override
    {
        after();
        EchoHandler::onShutdown(e);
    }

private:
    void after()
    {
        if (stopReturned.load())
            ++callbacksAfterStop;
    }
    std::mutex mu_;
    std::set<std::uint64_t> closedIds_;
};

struct LoadClient {
    Fd fd;
    std::size_t index = 0;
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
    bool ended = false;
    bool stalled = false;
};

/// LoadShared is what the driver threads share with the test.
struct LoadShared {
    std::atomic<bool> stopAsked{false}; // from now on an end of stream is expected
    std::atomic<bool> pauseOdd{false};  // odd clients stop reading (their echo backs up in the server)
    std::atomic<bool> resumeAll{false}; // everyone reads again, until the end
    std::atomic<int> stalledOdd{0};     // paused clients with a full window unanswered
    std::atomic<bool> quit{false};      // failure path: stop driving
    std::atomic<int> busySockets{0};    // sockets that have had some echo back
    std::atomic<int> endedSockets{0};
    std::atomic<Clock::rep> deadline{0};
};

/// drive keeps every client sending (at most 256 KiB unanswered) and checking its echo until each sees EOF
/// or a reset after the stop.
void drive(std::vector<LoadClient>& cs, LoadShared& shared, std::string& failure)
{
    constexpr std::uint64_t kWindow = 256 * KiB;
    std::vector<pollfd> pfds;
    std::vector<LoadClient*> which;
    std::vector<std::byte> buf(64 * KiB);
    std::vector<std::byte> out(16 * KiB);
    const auto end = [&](LoadClient& c, const char* how) {
        c.ended = true;
        ++shared.endedSockets;
        if (!shared.stopAsked.load() && failure.empty())
            failure = "client " + std::to_string(c.index) + ": " + how + " before the engine was stopped";
    };
    for (;;) {
        pfds.clear();
        which.clear();
        for (auto& c : cs) {
            if (c.ended)
                continue;
            const bool paused = c.index % 2 == 1 && shared.pauseOdd.load() && !shared.resumeAll.load();
            short events = paused ? 0 : POLLIN;
            if (c.sent - c.received < kWindow)
                events |= POLLOUT;
            else if (paused && !c.stalled) {
                c.stalled = true; // a full window unanswered: the server holds its echo
                ++shared.stalledOdd;
            }
            pfds.push_back({c.fd.get(), events, 0});
            which.push_back(&c);
        }
        if (pfds.empty() || shared.quit.load())
            return;
        if (Clock::now().time_since_epoch().count() > shared.deadline.load()) {
            failure = std::to_string(pfds.size()) + " clients never saw their connection end; e.g. client "
                + std::to_string(which[0]->index) + " (sent " + std::to_string(which[0]->sent) + ", received "
                + std::to_string(which[0]->received) + ")";
            return;
        }
        const int rc = ::poll(pfds.data(), static_cast<nfds_t>(pfds.size()), 100);
        if (rc <= 0)
            continue;
        for (std::size_t k = 0; k < pfds.size(); ++k) {
            LoadClient& c = *which[k];
            const short re = pfds[k].revents;
            if (re == 0)
                continue;
            if ((re & (POLLIN | POLLHUP | POLLERR)) && (pfds[k].events & POLLIN)) {
                const ssize_t n = ::recv(c.fd.get(), buf.data(), buf.size(), 0);
                if (n > 0) {
                    for (ssize_t i = 0; i < n; ++i) {
                        if (buf[static_cast<std::size_t>(i)]
                            != loadByte(c.index, c.received + static_cast<std::uint64_t>(i))) {
                            if (failure.empty())
                                failure = "client " + std::to_string(c.index) + ": echo differs at offset "
                                    + std::to_string(c.received + static_cast<std::uint64_t>(i));
                            shared.quit = true;
                            return;
                        }
                    }
                    if (c.received == 0)
                        ++shared.busySockets;
                    c.received += static_cast<std::uint64_t>(n);
                } else if (n == 0) {
                    end(c, "EOF");
                    continue;
                } else if (errno == ECONNRESET || errno == EPIPE) {
                    end(c, "reset");
                    continue;
                } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    failure = "client " + std::to_string(c.index) + ": recv: " + std::strerror(errno);
                    return;
                }
            }
            if ((re & POLLOUT) && c.sent - c.received < kWindow) {
                const std::size_t len = std::min<std::uint64_t>(out.size(), kWindow - (c.sent - c.received));
                for (std::size_t i = 0; i < len; ++i)
                    out[i] = loadByte(c.index, c.sent + i);
                const ssize_t n = ::send(c.fd.get(), out.data(), len, MSG_NOSIGNAL);
                if (n > 0) {
                    c.sent += static_cast<std::uint64_t>(n);
                } else if (n < 0 && (errno == ECONNRESET || errno == EPIPE)) {
                    end(c, "send failed (reset)");
                } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    failure = "client " + std::to_string(c.index) + ": send: " + std::strerror(errno);
                    return;
                }
            }
        }
    }
}

} // namespace

class TestStop : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void stopUnderLoad_data();
    void stopUnderLoad();
    void startStopCycles();
    void forcedStopSendsQueuedOutput();

private:
    long nofile_ = 0;
};

void TestStop::initTestCase()
{
    std::string err;
    nofile_ = raiseNofileLimit(err);
    QVERIFY2(nofile_ > 0, err.c_str());
}

void TestStop::stopUnderLoad_data()
{
    QTest::addColumn<bool>("edge");
    QTest::newRow("lt") << false;
    QTest::newRow("et") << true;
}

void TestStop::stopUnderLoad()
{
    QFETCH(bool, edge);
    constexpr int kConns = 1000;
    constexpr int kDrivers = 4;
    constexpr auto kDrain = 2s;
    QVERIFY2(nofile_ >= 2 * kConns + 100, ("RLIMIT_NOFILE hard limit too low: " + std::to_string(nofile_)).c_str());
    LoadShared shared;
    shared.deadline = (Clock::now() + 120s).time_since_epoch().count();
    StopHandler h;
    qgnet::Options o;
    o.numEventLoop = 4;
    o.edgeTriggeredIO = edge;
    o.socketSendBuffer = 16 * 1024; // the backlog stays in the engine, where the drain must deal with it
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto target = engine.listenAddresses().at(0);

    std::vector<std::vector<LoadClient>> groups(kDrivers);
    for (int i = 0; i < kConns; ++i) {
        LoadClient c;
        c.index = static_cast<std::size_t>(i);
        // Odd clients get a 4 KiB window: once they pause, their echo must wait in the server.
        c.fd = connectTo(target, deadlineIn(10s), err, nullptr, i % 2 == 1 ? 4096 : 0);
        QGNET_VERIFY_ERR(c.fd.valid(), "client " + std::to_string(i) + ": " + err);
        groups[static_cast<std::size_t>(i % kDrivers)].push_back(std::move(c));
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kConns, 30000);

    std::vector<std::string> failures(kDrivers);
    std::vector<std::thread> drivers;
    struct JoinDrivers {
        std::vector<std::thread>& t;
        LoadShared& s;
        ~JoinDrivers()
        {
            s.quit = true;
            for (auto& d : t)
                if (d.joinable())
                    d.join();
        }
    } joinDrivers{drivers, shared};
    for (int d = 0; d < kDrivers; ++d) {
        drivers.emplace_back(
            [&, d] { drive(groups[static_cast<std::size_t>(d)], shared, failures[static_cast<std::size_t>(d)]); });
    }
    // Busy: every connection has echoed something, and traffic keeps flowing.
    QGNET_WAIT_COMPARE(shared.busySockets.load(), kConns, 60000);
    QCOMPARE(shared.endedSockets.load(), 0);
    const int trafficBefore = h.trafficCalls.load();
    QGNET_WAIT_VERIFY(h.trafficCalls.load() > trafficBefore + kConns, 30000);

    // Half the clients stop reading (still sending) until their echo is stuck in the server: those
    // connections cannot finish draining, so stop() has to end them at its deadline.
    shared.pauseOdd = true;
    QGNET_WAIT_VERIFY(shared.stalledOdd.load() >= kConns / 10 && h.backedUp.load() >= kConns / 10, 60000);

    shared.stopAsked = true;
    const auto t0 = Clock::now();
    engine.stop(kDrain);
    const auto took = Clock::now() - t0;
    h.stopReturned = true;
    shared.resumeAll = true;
    const auto tookMs = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
    qInfo("stop(2 s) returned after %lld ms with %d clients stalled", static_cast<long long>(tookMs),
        shared.stalledOdd.load());
    QVERIFY2(took <= kDrain + 1s, ("stop(2 s) took " + std::to_string(tookMs) + " ms").c_str());
    // Stalled connections had output pending until the deadline: the drain time was granted, not cut short
    // (less one loop iteration: the deadline counts from the loop's clock when it took the stop).
    QVERIFY2(took >= kDrain - 100ms, ("stop(2 s) returned after only " + std::to_string(tookMs) + " ms").c_str());

    QCOMPARE(h.opened.load(), kConns);
    QCOMPARE(h.closed.load(), kConns);
    QCOMPARE(h.doubleCloses.load(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(engine.countConnections(), 0);
    // Every connection, drained in time or cut off at the deadline, closes with EngineShutdown (Engine::stop's
    // contract). On a mismatch, say how many closed with which reason.
    std::map<std::string, int> byReason;
    for (const auto& c : h.closes())
        ++byReason[describe(c.reason)];
    std::string reasons;
    for (const auto& [reason, n] : byReason)
        reasons += std::to_string(n) + " x " + reason + "; ";
    QVERIFY2(byReason.size() == 1 && byReason.begin()->first == describe(qgnet::Errc::EngineShutdown),
        ("onClose reasons: " + reasons).c_str());

    // Every client sees its connection end.
    shared.deadline = (Clock::now() + 30s).time_since_epoch().count();
    for (auto& d : drivers)
        d.join();
    std::vector<std::string> problems;
    for (const auto& f : failures)
        if (!f.empty())
            problems.push_back(f);
    QGNET_VERIFY_NO_FAILURES(problems);
    QCOMPARE(shared.endedSockets.load(), kConns);

    // Nothing ran after stop() returned, not even when the engine is destroyed.
    engine = qgnet::Engine();
    QCOMPARE(h.callbacksAfterStop.load(), 0);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestStop::startStopCycles()
{
    const int cycles = static_cast<int>(scaled(100, 20));
    for (int cycle = 0; cycle < cycles; ++cycle) {
        std::atomic<int> callbacks{0};
        std::atomic<int> issued{0};
        std::atomic<int> workerRuns{0};
        qgnet::ConnHandle keptAcrossStop;
        {
            HandleEcho h;
            qgnet::Options o;
            o.numEventLoop = 2;
            o.reusePort = cycle % 2 == 1;
            o.edgeTriggeredIO = cycle % 3 == 0;
            o.ticker = cycle % 7 == 0;
            o.workerThreads = cycle % 4 == 0 ? 1 : 0;
            if (cycle % 5 == 0)
                o.idleTimeout = 10s;
            TestServer server;
            QVERIFY2(server.start(h, "tcp", o), server.error());
            qgnet::Engine& engine = server.engine();
            std::string err;
            std::vector<Fd> clients;
            for (int i = 0; i < 3; ++i) {
                clients.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
                QGNET_VERIFY_ERR(clients.back().valid(), err);
                QGNET_VERIFY_ERR(echoRoundTrip(clients.back().get(), "cycle " + std::to_string(cycle), deadlineIn(10s),
                                     err),
                    err);
            }
            QGNET_WAIT_COMPARE(h.opened.load(), 3, 10000);
            // Things in flight at the stop: a far timer on each loop, handle operations, a worker task.
            std::error_code ec;
            for (int l = 0; l < 2; ++l) {
                const auto id = engine.schedule(
                    l, std::chrono::hours(1), [] {}, ec);
                QVERIFY2(!ec && id != 0, describe(ec).c_str());
            }
            if (o.workerThreads > 0)
                QVERIFY(!engine.submit([&workerRuns] { ++workerRuns; }));
            const auto handles = h.handles();
            for (const auto& handle : handles) {
                const auto count = [&callbacks](qgnet::Conn*, std::error_code) { ++callbacks; };
                if (!handle.wake(count))
                    ++issued;
                if (!handle.asyncWrite("bye", count))
                    ++issued;
            }
            keptAcrossStop = handles.at(0);
            // A client-side close makes one more onClose race the stop.
            if (cycle % 2 == 0)
                clients.front().reset();
            engine.stop(cycle % 3 == 1 ? 100ms : 0ms);
            QCOMPARE(engine.countConnections(), 0);
            QCOMPARE(h.closed.load(), h.opened.load());
            QCOMPARE(h.shutdowns.load(), 1);
            QCOMPARE(h.lateCallbacks.load(), 0);
            if (o.workerThreads > 0)
                QCOMPARE(workerRuns.load(), 1);
        }
        // The engine is destroyed; the kept handle refuses at once, and every queued operation called back.
        const auto ec = keptAcrossStop.asyncWrite("late", [&callbacks](qgnet::Conn*, std::error_code) { ++callbacks; });
        QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
        keptAcrossStop = qgnet::ConnHandle();
        QCOMPARE(callbacks.load(), issued.load());
        const std::string live = liveObjectsReport();
        QVERIFY2(live.empty(), ("cycle " + std::to_string(cycle) + ": live qgnet objects left: " + live).c_str());
        QGNET_VERIFY_NO_LEAKS(baseline());
    }
}

// stop() without drain time closes at once, after a last best-effort flush: output the loop holds but
// has not handed to the socket yet (io_uring queues a send until its next submission) still goes out
// when the socket has room. asyncWrite and stop() queue their tasks on the loop back to back, so the
// last pieces and the stop usually run in one pass, before any submission.
void TestStop::forcedStopSendsQueuedOutput()
{
    class HandleKeeper : public RecordingHandler {
    public:
        std::mutex mu;
        std::optional<qgnet::ConnHandle> handle;
        qgnet::OpenResult onOpen(qgnet::Conn& c) override
        {
            {
                std::lock_guard lock(mu);
                handle = c.handle();
            }
            return RecordingHandler::onOpen(c);
        }
    };
    constexpr int kPieces = 16;
    constexpr std::size_t kPiece = 512;
    Rng rng(seedFor("forcedStopSendsQueuedOutput"));
    const std::vector<std::byte> payload = randomBytes(rng, kPieces * kPiece);

    HandleKeeper h;
    qgnet::Options o;
    o.numEventLoop = 1;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd client = server.connect();
    QVERIFY2(client.valid(), server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    qgnet::ConnHandle handle;
    {
        std::lock_guard lock(h.mu);
        handle = *h.handle;
    }
    for (int i = 0; i < kPieces; ++i) {
        const std::error_code ec = handle.asyncWrite(
            qgnet::Bytes(payload).subspan(static_cast<std::size_t>(i) * kPiece, kPiece));
        QGNET_VERIFY_ERR(!ec, "asyncWrite: " + describe(ec));
    }
    engine.stop(0ms);

    std::vector<std::byte> received;
    const ReadEnd end = drainUntilEnd(client.get(), received, deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string("input ended with ") + toString(end) + ": " + err).c_str());
    QVERIFY2(received.size() == payload.size(),
        ("received " + std::to_string(received.size()) + " of " + std::to_string(payload.size()) + " bytes").c_str());
    const std::string mismatch = firstMismatch(payload, received);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    QCOMPARE(h.closed.load(), 1);
}

QGNET_TEST_MAIN(TestStop)
#include "tst_stop.moc"
