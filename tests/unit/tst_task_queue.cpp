// SPDX-License-Identifier: Apache-2.0
// TaskQueue: a burst of pushes from several threads asks for exactly one wake-up per drain, no task
// is lost, and a closed queue refuses new work.
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

#include "task_queue.h"

using qgnet::detail::Task;
using qgnet::detail::TaskQueue;

class TestTaskQueue : public QObject {
    Q_OBJECT
private slots:
    void burstAsksForOneWakeup()
    {
        TaskQueue queue;
        std::atomic<int> wakeups{0};
        std::atomic<int> ran{0};
        std::vector<std::thread> producers;
        for (int t = 0; t < 4; ++t)
            producers.emplace_back([&] {
                for (int i = 0; i < 1000; ++i) {
                    bool wake = false;
                    QVERIFY(queue.push([&] { ++ran; }, wake));
                    if (wake)
                        ++wakeups;
                }
            });
        for (auto& p : producers)
            p.join();
        QCOMPARE(wakeups.load(), 1); // nobody drained in between: one eventfd write for 4000 tasks
        std::vector<Task> batch;
        queue.takeAll(batch);
        QCOMPARE(batch.size(), std::size_t(4000));
        for (auto& task : batch)
            task();
        QCOMPARE(ran.load(), 4000);

        bool wake = false;
        QVERIFY(queue.push([] {}, wake));
        QVERIFY(wake); // drained: the next push must wake the loop again
    }

    void closedQueueRefusesAndHandsBackTheRest()
    {
        TaskQueue queue;
        bool wake = false;
        int ran = 0;
        QVERIFY(queue.push([&] { ++ran; }, wake));
        auto rest = queue.close();
        QCOMPARE(rest.size(), std::size_t(1));
        rest.front()();
        QCOMPARE(ran, 1);
        QVERIFY(!queue.push([&] { ++ran; }, wake));
        QVERIFY(!wake);
    }
};

QTEST_GUILESS_MAIN(TestTaskQueue)
#include "tst_task_queue.moc"
