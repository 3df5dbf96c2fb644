// SPDX-License-Identifier: Apache-2.0
// TimerQueue: deadline order, cancellation, and a callback that reschedules for "now" waits a pass.
#include <QTest>

#include <vector>

#include "timer_queue.h"

using qgnet::detail::Clock;
using qgnet::detail::TimerQueue;
using namespace std::chrono_literals;

class TestTimerQueue : public QObject {
    Q_OBJECT
private slots:
    void firesInDeadlineOrder()
    {
        TimerQueue timers;
        const auto t0 = Clock::now();
        std::vector<int> fired;
        timers.schedule(t0 + 30ms, [&] { fired.push_back(3); });
        timers.schedule(t0 + 10ms, [&] { fired.push_back(1); });
        timers.schedule(t0 + 20ms, [&] { fired.push_back(2); });
        timers.schedule(t0 + 10ms, [&] { fired.push_back(11); }); // same deadline: scheduling order
        QCOMPARE(*timers.nextDeadline(), t0 + 10ms);
        timers.runExpired(t0 + 15ms);
        QCOMPARE(fired, (std::vector<int>{1, 11}));
        timers.runExpired(t0 + 1s);
        QCOMPARE(fired, (std::vector<int>{1, 11, 2, 3}));
        QCOMPARE(timers.size(), std::size_t(0));
        QVERIFY(!timers.nextDeadline());
    }

    void cancelledTimersNeverFire()
    {
        TimerQueue timers;
        const auto t0 = Clock::now();
        int fired = 0;
        const auto id = timers.schedule(t0 + 1ms, [&] { ++fired; });
        timers.schedule(t0 + 2ms, [&] { fired += 10; });
        timers.cancel(id);
        timers.cancel(id); // twice is harmless
        timers.cancel(12345);
        QCOMPARE(*timers.nextDeadline(), t0 + 2ms);
        timers.runExpired(t0 + 1s);
        QCOMPARE(fired, 10);
    }

    void reschedulingForNowWaitsForTheNextPass()
    {
        TimerQueue timers;
        const auto t0 = Clock::now();
        int runs = 0;
        std::function<void()> again = [&] {
            ++runs;
            timers.schedule(t0, again);
        };
        timers.schedule(t0, again);
        timers.runExpired(t0);
        QCOMPARE(runs, 1);
        timers.runExpired(t0);
        QCOMPARE(runs, 2);
        timers.clear();
    }
};

QTEST_GUILESS_MAIN(TestTimerQueue)
#include "tst_timer_queue.moc"
