// SPDX-License-Identifier: Apache-2.0
// ThreadBacklog, the bound on what waits for QtHttpServer's Qt thread: when it says to hold (server over the
// limit, a connection over its quarter), when it releases (the server below half, the connection below an
// eighth), and, with four posting threads and one delivering thread, that no hold is ever left unreleased
// (the Dekker pair between hold and delivered); the contention case is the one to run in build-tsan.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include <QTest>

#include "http/thread_backlog.h"
#include "qgnet_test_main.h"

using qgnet::qtdetail::ThreadBacklog;

class TestQtThreadBacklog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void holdsPastTheLimitAndReleasesBelowHalf()
    {
        ThreadBacklog backlog(1000);
        int released = 0;
        backlog.setReleaser([&released](const qgnet::ConnHandle&) { return ++released, true; });
        QVERIFY(!backlog.added(nullptr, 600));
        QVERIFY(!backlog.over());
        QVERIFY(backlog.added(nullptr, 600)); // 1200 > 1000
        QVERIFY(backlog.over());
        backlog.hold(qgnet::ConnHandle(), nullptr);
        QCOMPARE(backlog.heldConnections(), 1);
        backlog.delivered(nullptr, 600); // 600: not below half yet
        QCOMPARE(released, 0);
        backlog.delivered(nullptr, 600);
        QCOMPARE(released, 1);
        QCOMPARE(backlog.heldConnections(), 0);
        QCOMPARE(backlog.queuedBytes(), 0LL);
        QCOMPARE(backlog.peakBytes(), 1200LL);
    }

    void oneConnectionHoldsAtAQuarter()
    {
        ThreadBacklog backlog(4000);
        int released = 0;
        backlog.setReleaser([&released](const qgnet::ConnHandle&) { return ++released, true; });
        auto share = std::make_shared<ThreadBacklog::Share>();
        QVERIFY(!backlog.added(share.get(), 900));
        QVERIFY(backlog.added(share.get(), 200)); // its own 1100 > 4000 / 4, the server far from its limit
        backlog.hold(qgnet::ConnHandle(), share);
        QCOMPARE(released, 0); // the server is below half, but the connection's own part is not below an eighth
        backlog.delivered(share.get(), 900);
        QCOMPARE(released, 1); // 200 <= 500
        // A hold while already drained is released at once (the loop looks again after its push).
        QVERIFY(!backlog.added(share.get(), 100));
        backlog.delivered(share.get(), 300);
        backlog.hold(qgnet::ConnHandle(), nullptr);
        QCOMPARE(released, 2);
    }

    void aFullLoopQueueIsAskedAgain()
    {
        ThreadBacklog backlog(1000);
        int tries = 0;
        backlog.setReleaser([&tries](const qgnet::ConnHandle&) { return ++tries > 1; }); // the first wake fails
        QVERIFY(backlog.added(nullptr, 1500));
        backlog.hold(qgnet::ConnHandle(), nullptr);
        backlog.added(nullptr, 10); // a second item, delivered after the first
        backlog.delivered(nullptr, 1500);
        QCOMPARE(tries, 1);
        QCOMPARE(backlog.heldConnections(), 1); // kept for the next delivery
        backlog.delivered(nullptr, 10);
        QCOMPARE(tries, 2);
        QCOMPARE(backlog.heldConnections(), 0);
    }

    // Four threads post and hold, one delivers: every hold is released, whatever the interleaving.
    void noHoldIsLostUnderContention()
    {
        ThreadBacklog backlog(64 * 1024);
        std::atomic<long> released{0}, holds{0};
        backlog.setReleaser([&released](const qgnet::ConnHandle&) { return released.fetch_add(1), true; });
        std::mutex m;
        std::condition_variable cv;
        std::deque<std::pair<ThreadBacklog::Share*, long long>> queue;
        bool done = false;
        std::vector<std::shared_ptr<ThreadBacklog::Share>> shares;
        for (int t = 0; t < 4; ++t)
            shares.push_back(std::make_shared<ThreadBacklog::Share>());
        std::vector<std::thread> loops;
        for (int t = 0; t < 4; ++t)
            loops.emplace_back([&, share = shares[size_t(t)]] {
                for (int i = 0; i < 20000; ++i) {
                    const long long bytes = 1000 + (i % 7) * 1000;
                    const bool hold = backlog.added(share.get(), bytes);
                    {
                        std::lock_guard l(m);
                        queue.emplace_back(share.get(), bytes);
                    }
                    cv.notify_one();
                    if (hold) {
                        holds.fetch_add(1);
                        backlog.hold(qgnet::ConnHandle(), share);
                    }
                }
            });
        std::thread qt([&] {
            for (;;) {
                std::unique_lock l(m);
                cv.wait(l, [&] { return !queue.empty() || done; });
                if (queue.empty())
                    return;
                const auto [share, bytes] = queue.front();
                queue.pop_front();
                l.unlock();
                backlog.delivered(share, bytes);
            }
        });
        for (auto& t : loops)
            t.join();
        {
            std::lock_guard l(m);
            done = true;
        }
        cv.notify_one();
        qt.join();
        QVERIFY(holds.load() > 0);
        QCOMPARE(released.load(), holds.load());
        QCOMPARE(backlog.heldConnections(), 0);
        QCOMPARE(backlog.queuedBytes(), 0LL);
    }
};

QGNET_TEST_MAIN(TestQtThreadBacklog)
#include "tst_qt_thread_backlog.moc"
