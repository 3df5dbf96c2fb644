// SPDX-License-Identifier: Apache-2.0
// Closing while operations are in flight: 1000 connections, each mid-transfer (its client keeps
// sending and never reads, so the server's echo is stuck in a send the kernel cannot finish), are
// closed from four foreign threads through ConnHandle. Every onClose and every close callback runs
// exactly once, and once the engine is gone no descriptor, thread or qgnet object is left. On
// io_uring this is where a connection is freed only after the completions of its cancelled recv and
// send came back; the ASan run of this test is what proves no completion touches freed memory.
#include <QTest>

#include <mutex>
#include <thread>
#include <vector>

#include <sys/socket.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// BackloggedEcho echoes everything, keeps each connection's handle, and counts the connections
/// whose echo is waiting in the engine (a send in flight that cannot complete) and the closes.
class BackloggedEcho : public qgnet::EventHandler {
public:
    std::atomic<int> opened{0};
    std::atomic<int> closed{0};
    std::atomic<int> backedUp{0};

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        c.setContext(false); // "has been counted as backed up"
        {
            std::lock_guard lock(mutex_);
            handles_.push_back(c.handle());
        }
        opened.fetch_add(1);
        return {};
    }

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        (void)c.write(c.next());
        // More unsent than the kernel's buffers hold (32 KiB send buffer, 4 KiB peer window): the
        // socket is full, so the send in flight (io_uring) or the EPOLLOUT wait (epoll) is parked.
        if (c.outboundBuffered() > 32 * 1024 && !std::any_cast<bool>(c.context())) {
            c.setContext(true);
            backedUp.fetch_add(1);
        }
        return qgnet::Action::None;
    }

    qgnet::Action onClose(qgnet::Conn&, std::error_code) override
    {
        closed.fetch_add(1);
        return qgnet::Action::None;
    }

    std::vector<qgnet::ConnHandle> handles() const
    {
        std::lock_guard lock(mutex_);
        return handles_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<qgnet::ConnHandle> handles_;
};

} // namespace

class TestCloseInFlight : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void closeMidTransfer_data();
    void closeMidTransfer();

private:
    long nofile_ = 0;
};

void TestCloseInFlight::initTestCase()
{
    std::string err;
    nofile_ = raiseNofileLimit(err);
    QVERIFY2(nofile_ > 0, err.c_str());
}

void TestCloseInFlight::closeMidTransfer_data()
{
    QTest::addColumn<bool>("graceful");
    // Graceful: ConnHandle::close flushes first; the flush cannot finish, so the connection is cut off
    // at closeFlushTimeout. Forced: the flush time is zero, so the close cancels at once.
    QTest::newRow("graceful") << true;
    QTest::newRow("forced") << false;
}

void TestCloseInFlight::closeMidTransfer()
{
    QFETCH(bool, graceful);
    constexpr int kConns = 1000;
    constexpr int kClosers = 4;
    QVERIFY2(nofile_ >= 2 * kConns + 100, ("RLIMIT_NOFILE too low: " + std::to_string(nofile_)).c_str());
    BackloggedEcho h;
    qgnet::Options o;
    o.numEventLoop = 4;
    o.socketSendBuffer = 16 * 1024; // the echo backs up in the engine, not in the kernel
    o.closeFlushTimeout = graceful ? 50ms : 0ms;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto target = engine.listenAddresses().at(0);

    std::vector<Fd> clients;
    clients.reserve(kConns);
    for (int i = 0; i < kConns; ++i) {
        clients.push_back(connectTo(target, deadlineIn(10s), err, nullptr, 4096));
        QGNET_VERIFY_ERR(clients.back().valid(), "client " + std::to_string(i) + ": " + err);
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kConns, 30000);

    // Two pumps send 4 KiB blocks round-robin (non-blocking, a full socket is skipped) and read nothing.
    std::atomic<bool> quit{false};
    std::vector<std::thread> pumps;
    for (int p = 0; p < 2; ++p) {
        pumps.emplace_back([&, p] {
            const std::vector<std::byte> block(4096, std::byte{0x5a});
            while (!quit.load()) {
                for (std::size_t i = static_cast<std::size_t>(p); i < clients.size(); i += 2)
                    (void)::send(clients[i].get(), block.data(), block.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            }
        });
    }
    struct JoinPumps {
        std::atomic<bool>& quit;
        std::vector<std::thread>& threads;
        ~JoinPumps()
        {
            quit = true;
            for (auto& t : threads)
                t.join();
        }
    } joinPumps{quit, pumps};

    // Mid-transfer: most connections have output stuck in the engine.
    QGNET_WAIT_VERIFY(h.backedUp.load() >= kConns * 9 / 10, 60000);
    qInfo("%d of %d connections backed up when the closes start", h.backedUp.load(), kConns);

    const std::vector<qgnet::ConnHandle> handles = h.handles();
    QCOMPARE(static_cast<int>(handles.size()), kConns);
    std::atomic<int> callbacks{0};
    std::atomic<int> wrongCallbacks{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> closers;
    for (int t = 0; t < kClosers; ++t) {
        closers.emplace_back([&, t] {
            for (std::size_t i = static_cast<std::size_t>(t); i < handles.size(); i += kClosers) {
                const auto ec = handles[i].closeWithCallback([&](qgnet::Conn* c, std::error_code e) {
                    if (!c || e || c->isOpen())
                        wrongCallbacks.fetch_add(1);
                    callbacks.fetch_add(1);
                });
                if (ec)
                    refused.fetch_add(1);
            }
        });
    }
    for (auto& t : closers)
        t.join();
    QCOMPARE(refused.load(), 0);
    QGNET_WAIT_COMPARE(callbacks.load(), kConns, 60000);
    QCOMPARE(h.closed.load(), kConns);
    QCOMPARE(wrongCallbacks.load(), 0);
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000); // counted down just after the callbacks

    quit = true;
    engine.stop();
}

QGNET_TEST_MAIN(TestCloseInFlight)
#include "tst_close_in_flight.moc"
