// SPDX-License-Identifier: Apache-2.0
// Mailbox: many producers, one consumer; per-producer order kept, nothing lost; a burst asks for one
// eventfd write; the bounds (tasks, and the bytes they carry, also from racing producers) are
// enforced; a closed mailbox refuses, and whatever is left is cancelled.
#include <QTest>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <unistd.h>

#include "mailbox.h"
#include "qgnet/live_counters.h"

using qgnet::detail::Mailbox;

namespace {

constexpr std::size_t kNoByteBound = SIZE_MAX;

std::uint64_t readCounter(int fd)
{
    std::uint64_t value = 0;
    if (::read(fd, &value, sizeof value) != sizeof value)
        return 0;
    return value;
}

} // namespace

class TestMailbox : public QObject {
    Q_OBJECT
private slots:
    void manyProducersKeepOrderAndLoseNothing()
    {
        Mailbox box(nullptr, 1u << 20, kNoByteBound);
        constexpr int kProducers = 4;
        constexpr int kPerProducer = 20000;
        std::vector<int> lastSeen(kProducers, -1);
        std::atomic<bool> disorder{false};
        std::atomic<int> ran{0};
        std::vector<std::thread> producers;
        for (int p = 0; p < kProducers; ++p)
            producers.emplace_back([&, p] {
                for (int i = 0; i < kPerProducer; ++i)
                    while (box.post([&, p, i](bool run) {
                        if (!run)
                            return;
                        if (lastSeen[static_cast<std::size_t>(p)] != i - 1)
                            disorder = true;
                        lastSeen[static_cast<std::size_t>(p)] = i;
                        ++ran;
                    }) != Mailbox::Push::Queued) {}
            });
        // The consumer: wait for the eventfd like a loop would, then drain.
        while (ran.load() < kProducers * kPerProducer) {
            pollfd pfd{box.eventFd(), POLLIN, 0};
            QVERIFY(::poll(&pfd, 1, 5000) == 1);
            readCounter(box.eventFd());
            box.drain();
        }
        for (auto& t : producers)
            t.join();
        QVERIFY(!disorder.load());
        QCOMPARE(ran.load(), kProducers * kPerProducer);
        QCOMPARE(box.pending(), std::size_t(0));
    }

    void burstWritesTheEventfdOnce()
    {
        Mailbox box(nullptr, 1024, kNoByteBound);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(box.post([](bool) {}), Mailbox::Push::Queued);
        QCOMPARE(readCounter(box.eventFd()), std::uint64_t(1));
        box.drain();
        QCOMPARE(box.post([](bool) {}), Mailbox::Push::Queued);
        QCOMPARE(readCounter(box.eventFd()), std::uint64_t(1)); // drained: the next post wakes again
        box.drain();
    }

    void boundIsEnforced()
    {
        Mailbox box(nullptr, 3, kNoByteBound);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(box.post([](bool) {}), Mailbox::Push::Queued);
        QCOMPARE(box.post([](bool) {}), Mailbox::Push::Full);
        readCounter(box.eventFd());
        box.drain();
        QCOMPARE(box.post([](bool) {}), Mailbox::Push::Queued);
        box.drain();
    }

    void byteBoundIsEnforced()
    {
        Mailbox box(nullptr, 1024, 1000);
        QCOMPARE(box.post([](bool) {}, 600), Mailbox::Push::Queued);
        QCOMPARE(box.post([](bool) {}, 401), Mailbox::Push::TooManyBytes);
        QCOMPARE(box.post([](bool) {}, 400), Mailbox::Push::Queued);
        QCOMPARE(box.post([](bool) {}), Mailbox::Push::Queued); // a task without data always fits
        QCOMPARE(box.post([](bool) {}, 1), Mailbox::Push::TooManyBytes);
        QCOMPARE(box.post([](bool) {}, 1001), Mailbox::Push::TooManyBytes);
        QCOMPARE(box.pending(), std::size_t(3));
        QCOMPARE(box.pendingBytes(), std::size_t(1000));
        readCounter(box.eventFd());
        box.drain();
        QCOMPARE(box.pendingBytes(), std::size_t(0));
        QCOMPARE(box.post([](bool) {}, 1000), Mailbox::Push::Queued);
        box.close(); // cancelled tasks give their bytes back too
        QCOMPARE(box.pendingBytes(), std::size_t(0));
    }

    // Producers racing for the last bytes: what is queued never passes the bound, and every refusal
    // leaves nothing reserved.
    void byteBoundHoldsUnderContention()
    {
        constexpr std::size_t kBound = 64 * 1024;
        Mailbox box(nullptr, 1u << 20, kBound);
        std::atomic<bool> stop{false};
        std::atomic<std::size_t> maxSeen{0};
        std::vector<std::thread> producers;
        for (int p = 0; p < 4; ++p)
            producers.emplace_back([&, p] {
                for (int i = 0; i < 20000; ++i) {
                    const std::size_t bytes = 1000 + static_cast<std::size_t>((p * 7919 + i * 104729) % 9000);
                    (void)box.post([](bool) {}, bytes);
                }
            });
        std::thread consumer([&] {
            while (!stop.load()) {
                const std::size_t now = box.pendingBytes();
                if (now > maxSeen.load())
                    maxSeen = now;
                pollfd pfd{box.eventFd(), POLLIN, 0};
                if (::poll(&pfd, 1, 10) == 1) {
                    readCounter(box.eventFd());
                    box.drain();
                }
            }
        });
        for (auto& t : producers)
            t.join();
        stop = true;
        consumer.join();
        box.close();
        QVERIFY2(maxSeen.load() <= kBound, std::to_string(maxSeen.load()).c_str());
        QCOMPARE(box.pendingBytes(), std::size_t(0));
        QCOMPARE(box.pending(), std::size_t(0));
    }

    void closeCancelsWhatIsLeftAndRefusesMore()
    {
        int ran = 0;
        int cancelled = 0;
        {
            Mailbox box(nullptr, 16, kNoByteBound);
            box.post([&](bool run) { run ? ++ran : ++cancelled; });
            box.post([&](bool run) { run ? ++ran : ++cancelled; });
            box.close();
            QCOMPARE(box.post([&](bool run) { run ? ++ran : ++cancelled; }), Mailbox::Push::Closed);
        }
        QCOMPARE(ran, 0);
        QCOMPARE(cancelled, 2);
        QCOMPARE(qgnet::liveCounters().pendingTasks, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestMailbox)
#include "tst_mailbox.moc"
