// SPDX-License-Identifier: Apache-2.0
// ThreadInbox, the hand-over from loop threads to a QObject's thread (src/qt/bridge/thread_inbox.h): tasks
// posted from many threads run on the owner's thread in each poster's order, follow the owner to
// another QThread, and a post after the inbox is gone is dropped without touching the owner. Also
// EventFdNotifier, the wake-up under it (and under the bridge and the apps' signal handling).

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <QObject>
#include <QScopeGuard>
#include <QTest>
#include <QThread>

#include <fcntl.h>

#include "bridge/eventfd_notifier.h"
#include "bridge/thread_inbox.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using qgnet::qtdetail::EventFdNotifier;
using qgnet::qtdetail::ThreadInbox;

namespace {

// Receiver is a QObject with an inbox, as LocalStatsFeed and InspectorEndpoint have one.
class Receiver : public QObject {
public:
    Receiver() : inbox(this) {}
    ThreadInbox inbox;
};

// Record is what a task saw when it ran; shared with other threads under a std::mutex, which
// ThreadSanitizer sees (the system Qt's locks it does not).
struct Record {
    std::mutex mutex;
    std::vector<std::pair<int, int>> ran; // (poster, sequence)
    std::vector<QThread*> threads;
    void add(int poster, int sequence)
    {
        std::lock_guard lock(mutex);
        ran.emplace_back(poster, sequence);
        threads.push_back(QThread::currentThread());
    }
    std::size_t count()
    {
        std::lock_guard lock(mutex);
        return ran.size();
    }
};

} // namespace

class TestQtInbox : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    // No descriptor, thread or qgnet object may outlive a test function.
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void postsFromManyThreadsRunInOrderOnTheOwnersThread();
    void postAfterCloseIsDroppedAndReleasesItsTask();
    void tasksFollowTheOwnerToAnotherThread();
    void taskThatDestroysTheOwnerEndsTheBatch();
    void notifierRunsOnItsContextsThreadAndLosesNoWake();
    void wakerOutlivesTheNotifier();
};

void TestQtInbox::postsFromManyThreadsRunInOrderOnTheOwnersThread()
{
    constexpr int Posters = 4;
    constexpr int PerPoster = 5000;
    Receiver receiver;
    Record record;
    std::atomic<int> refused{0}; // QVERIFY belongs to the test's thread
    std::vector<std::thread> threads;
    for (int p = 0; p < Posters; ++p) {
        threads.emplace_back([&record, &refused, poster = receiver.inbox.poster(), p] {
            for (int i = 0; i < PerPoster; ++i) {
                if (!poster.post([&record, p, i] { record.add(p, i); }))
                    refused.fetch_add(1);
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    QCOMPARE(refused.load(), 0);
    QTRY_COMPARE(record.count(), std::size_t{Posters * PerPoster});

    std::lock_guard lock(record.mutex);
    std::vector<int> next(Posters, 0);
    for (const auto& [poster, sequence] : record.ran) {
        QCOMPARE(sequence, next[static_cast<std::size_t>(poster)]);
        ++next[static_cast<std::size_t>(poster)];
    }
    for (QThread* t : record.threads)
        QCOMPARE(t, QThread::currentThread());
}

void TestQtInbox::postAfterCloseIsDroppedAndReleasesItsTask()
{
    const qgnet_test::LeakBaseline baseline = qgnet_test::captureBaseline();
    std::atomic<int> ran{0};
    auto capture = std::make_shared<int>(7);
    std::weak_ptr<int> queuedCapture = capture;
    std::unique_ptr<ThreadInbox::Poster> poster;
    {
        auto receiver = std::make_unique<Receiver>();
        poster = std::make_unique<ThreadInbox::Poster>(receiver->inbox.poster());
        // Queued but never run: the receiver goes before its thread sees the wake-up.
        QVERIFY(poster->post([&ran, capture] { ran.fetch_add(1); }));
        capture.reset();
        QVERIFY(!queuedCapture.expired());
    }
    QVERIFY(queuedCapture.expired()); // closing dropped the queued task (and what it held)

    auto late = std::make_shared<int>(8);
    std::weak_ptr<int> lateCapture = late;
    std::atomic<bool> accepted{true};
    std::thread loop([&] { accepted.store(poster->post([&ran, late] { ran.fetch_add(1); })); });
    loop.join();
    QVERIFY(!accepted.load());
    late.reset();
    QVERIFY(lateCapture.expired()); // refused, and released by the posting thread

    QCoreApplication::processEvents();
    QCOMPARE(ran.load(), 0);
    // The eventfd lives as long as the last poster, so a late post never writes a closed descriptor.
    QCOMPARE(qgnet_test::countOpenFds(), baseline.fds + 1);
    poster.reset();
    QCOMPARE(qgnet_test::countOpenFds(), baseline.fds);
}

void TestQtInbox::tasksFollowTheOwnerToAnotherThread()
{
    QThread worker;
    const auto stopWorker = qScopeGuard([&worker] { // only when a check failed half-way
        if (worker.isRunning()) {
            worker.quit();
            worker.wait();
        }
    });
    auto* receiver = new Receiver;
    const ThreadInbox::Poster poster = receiver->inbox.poster();
    receiver->moveToThread(&worker);
    worker.start();

    Record record;
    std::atomic<int> refused{0};
    std::thread loop([&] {
        for (int i = 0; i < 100; ++i) {
            if (!poster.post([&record, i] { record.add(0, i); }))
                refused.fetch_add(1);
        }
    });
    loop.join();
    QCOMPARE(refused.load(), 0);
    QTRY_COMPARE(record.count(), std::size_t{100});
    {
        std::lock_guard lock(record.mutex);
        for (std::size_t i = 0; i < record.ran.size(); ++i) {
            QCOMPARE(record.ran[i].second, static_cast<int>(i));
            QCOMPARE(record.threads[i], &worker);
        }
    }

    // Destroyed on its own thread (the inbox closes there); then posts are refused. The thread
    // quits by itself: a quit() from here would write its event loop's wake-up descriptor through
    // the uninstrumented Qt and GLib, whose locks ThreadSanitizer cannot see.
    std::atomic<bool> destroyed{false};
    QVERIFY(poster.post([receiver, &destroyed] {
        delete receiver;
        QThread::currentThread()->quit();
        destroyed.store(true);
    }));
    QTRY_VERIFY(destroyed.load());
    QVERIFY(!poster.post([] {}));
    QVERIFY(worker.wait());
}

void TestQtInbox::taskThatDestroysTheOwnerEndsTheBatch()
{
    auto* receiver = new Receiver;
    const ThreadInbox::Poster poster = receiver->inbox.poster();
    std::vector<int> ran; // the owner's (this) thread only
    std::atomic<int> accepted{0};
    // All three are posted before the owner's thread looks, so they arrive in one batch.
    std::thread loop([&] {
        accepted.fetch_add(poster.post([&ran] { ran.push_back(1); }));
        accepted.fetch_add(poster.post([&ran, receiver] {
            ran.push_back(2);
            delete receiver;
        }));
        accepted.fetch_add(poster.post([&ran] { ran.push_back(3); }));
    });
    loop.join();
    QCOMPARE(accepted.load(), 3);
    QTRY_COMPARE(ran.size(), std::size_t{2});
    QCoreApplication::processEvents();
    QCOMPARE(ran, (std::vector<int>{1, 2})); // the third was dropped with the inbox
    QVERIFY(!poster.post([] {}));
}

// Wakes from other threads run the callback on the context's thread; a wake during the callback
// (after the counter was read) runs it once more.
void TestQtInbox::notifierRunsOnItsContextsThreadAndLosesNoWake()
{
    QObject context;
    int runs = 0;
    std::vector<QThread*> threads;
    EventFdNotifier* self = nullptr;
    EventFdNotifier notifier(&context, [&] {
        threads.push_back(QThread::currentThread());
        if (++runs == 1)
            self->wake();
    });
    self = &notifier;
    QVERIFY(!notifier.isOpen());
    QCOMPARE(notifier.descriptor(), -1);
    notifier.wake(); // not open yet: nothing to wake, and no crash
    QString error;
    QVERIFY2(notifier.ensureOpen(&error), qPrintable(error));
    QVERIFY(notifier.descriptor() >= 0);

    std::vector<std::thread> wakers;
    for (int i = 0; i < 4; ++i)
        wakers.emplace_back([waker = notifier.waker()] {
            for (int n = 0; n < 1000; ++n)
                waker.wake();
        });
    for (std::thread& t : wakers)
        t.join();
    QTRY_VERIFY(runs >= 2);
    for (QThread* thread : threads)
        QCOMPARE(thread, context.thread());
}

// A Waker holds the descriptor, not the notifier: waking after the notifier is gone writes a
// counter nobody reads, and the descriptor stays open (never reused) until the last waker goes.
void TestQtInbox::wakerOutlivesTheNotifier()
{
    QObject context;
    bool ran = false;
    EventFdNotifier::Waker waker;
    QVERIFY(!waker);
    waker.wake(); // empty: a no-op
    int fd = -1;
    {
        EventFdNotifier notifier(&context, [&] { ran = true; });
        QVERIFY(notifier.ensureOpen(nullptr));
        waker = notifier.waker();
        fd = notifier.descriptor();
    }
    QVERIFY(waker);
    waker.wake();
    QCoreApplication::processEvents();
    QVERIFY(!ran);
    QVERIFY(::fcntl(fd, F_GETFD) != -1);
}

QGNET_TEST_MAIN(TestQtInbox)
#include "tst_qt_inbox.moc"
