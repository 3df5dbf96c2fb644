// SPDX-License-Identifier: Apache-2.0
// Listener statistics (EngineSnapshot::listeners), against what the test did over real sockets:
//  - held: one reuseport loop is blocked in its handler (as in core.reset_before_accept), clients
//    connect into the kernel's backlog, and a snapshot asked for meanwhile shows the listen(2)
//    backlog and those connections waiting in the accept queue; released, they are all accepted;
//  - a Unix listener (through the acceptor thread): its backlog, as the kernel tells it, and its
//    accepted count;
//  - Options::maxConnections: the connections closed at accept are counted as refused.
#include <QTest>

#include <condition_variable>
#include <future>
#include <mutex>

#include "engine_test_case.h"
#include "qgnet/stats.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr int kBacklog = 32;
constexpr int kWaiting = 5;

/// BlockingEcho echoes; a connection whose first bytes are "block" holds its loop in onTraffic until
/// release(), so nothing else (accepts included) runs on that loop meanwhile.
class BlockingEcho : public EchoHandler {
public:
    std::atomic<bool> blocked{false};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        if (c.peek(5).size() == 5 && std::memcmp(c.peek(5).data(), "block", 5) == 0) {
            std::unique_lock lock(mu_);
            blocked = true;
            cv_.wait(lock, [&] { return released_; });
        }
        return EchoHandler::onTraffic(c);
    }
    void release()
    {
        std::lock_guard lock(mu_);
        released_ = true;
        cv_.notify_all();
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool released_ = false;
};

/// ReleaseGuard releases the handler when the test leaves early, so the engine can stop.
struct ReleaseGuard {
    BlockingEcho& h;
    ~ReleaseGuard() { h.release(); }
};

} // namespace

class TestListenerStats : public EngineTestCase {
    Q_OBJECT

private slots:
    void heldLoopShowsItsAcceptQueue();
    void unixListenerShowsItsBacklog();
    void refusalsAtTheConnectionLimitAreCounted();
};

void TestListenerStats::heldLoopShowsItsAcceptQueue()
{
    BlockingEcho h;
    ReleaseGuard guard{h};
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.numEventLoop = 1, .reusePort = true, .listenBacklog = kBacklog}), server.error());
    Fd blocker = server.connect();
    QVERIFY2(blocker.valid(), server.error());
    std::string err;
    QVERIFY2(sendAll(blocker.get(), "block", deadlineIn(5s), err), err.c_str());
    QVERIFY(waitFor([&] { return h.blocked.load(); }, 10s));

    // Each connect returns once the kernel has completed the handshake into the accept queue.
    std::vector<Fd> waiting;
    for (int i = 0; i < kWaiting; ++i) {
        waiting.push_back(server.connect());
        QVERIFY2(waiting.back().valid(), server.error());
    }
    // The loop cannot answer now; the listener part of the snapshot is read at once, here.
    std::promise<qgnet::EngineSnapshot> promise;
    auto future = promise.get_future();
    QVERIFY(!server.engine().snapshotAsync({}, [&](qgnet::EngineSnapshot s) { promise.set_value(std::move(s)); }));
    h.release();
    QVERIFY(future.wait_for(10s) == std::future_status::ready);
    const qgnet::EngineSnapshot s = future.get();
    QCOMPARE(s.listeners.size(), std::size_t(1));
    const qgnet::ListenerStats& l = s.listeners.front();
    QCOMPARE(l.url, server.url());
    QCOMPARE(l.loop, 0);
    QVERIFY(l.reusePort);
    QCOMPARE(l.backlog, kBacklog);
    QCOMPARE(l.accepted, std::uint64_t(1)); // the blocker
    if (server.engine().backend() == qgnet::Backend::Epoll) {
        QCOMPARE(l.queueDepth, kWaiting);
    } else {
        // io_uring's multishot accept runs in the kernel (task work) even while the loop thread is
        // blocked, so what it took is no longer in the queue, and not yet counted as accepted.
        QVERIFY2(l.queueDepth >= 0 && l.queueDepth <= kWaiting, std::to_string(l.queueDepth).c_str());
        qInfo("io_uring: %d of %d connections still in the accept queue", l.queueDepth, kWaiting);
    }
    QVERIFY(l.state == qgnet::ListenerState::Accepting);

    for (Fd& c : waiting)
        QVERIFY2(echoRoundTrip(c.get(), "queued", deadlineIn(10s), err), err.c_str());
    const qgnet::EngineSnapshot after = server.engine().snapshot();
    QCOMPARE(after.listeners.front().accepted, std::uint64_t(1 + kWaiting));
    QCOMPARE(after.listeners.front().queueDepth, 0);
    waiting.clear();
    blocker = Fd();
    QVERIFY(server.stop());
}

void TestListenerStats::unixListenerShowsItsBacklog()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "unix", {.numEventLoop = 2, .listenBacklog = kBacklog}), server.error());
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    std::string err;
    QVERIFY2(echoRoundTrip(c.get(), "unix", deadlineIn(10s), err), err.c_str());
    const qgnet::EngineSnapshot s = server.engine().snapshot();
    QCOMPARE(s.listeners.size(), std::size_t(1));
    const qgnet::ListenerStats& l = s.listeners.front();
    QVERIFY(l.network == qgnet::Network::Unix);
    QCOMPARE(l.loop, -1); // Unix sockets always go through the acceptor
    QVERIFY(!l.reusePort);
    QCOMPARE(l.backlog, kBacklog); // from NETLINK_SOCK_DIAG
    QCOMPARE(l.queueDepth, 0);
    QCOMPARE(l.accepted, std::uint64_t(1));
    c = Fd();
    QVERIFY(server.stop());
}

void TestListenerStats::refusalsAtTheConnectionLimitAreCounted()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.numEventLoop = 2, .maxConnections = 1}), server.error());
    Fd first = server.connect();
    QVERIFY2(first.valid(), server.error());
    std::string err;
    QVERIFY2(echoRoundTrip(first.get(), "one", deadlineIn(10s), err), err.c_str());
    Fd second = server.connect();
    QVERIFY2(second.valid(), server.error());
    QVERIFY2(waitForEnd(second.get(), deadlineIn(10s), err) == ReadEnd::Eof, err.c_str()); // closed at accept
    // The socket is closed before the refusal is counted: wait for the count.
    qgnet::EngineSnapshot s;
    QVERIFY(waitFor(
        [&] {
            s = server.engine().snapshot();
            return s.listeners.front().refused == 1;
        },
        10s));
    const qgnet::ListenerStats& l = s.listeners.front();
    QCOMPARE(l.accepted, std::uint64_t(2));
    QCOMPARE(l.refused, std::uint64_t(1));
    QCOMPARE(s.refusedConnections, std::uint64_t(1));
    first = Fd();
    second = Fd();
    QVERIFY(server.stop());
}

QGNET_TEST_MAIN(TestListenerStats)
#include "tst_listener_stats.moc"
