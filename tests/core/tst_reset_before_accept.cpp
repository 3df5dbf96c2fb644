// SPDX-License-Identifier: Apache-2.0
// 1000 connections reset before accept (fault catalogue F7), on the backend QGNET_BACKEND names,
// plain and TLS:
//  - held: with one reuseport loop, a handler blocks the loop (the only one that accepts) while 1000
//    clients connect, the kernel completes their handshakes into the backlog, and each resets
//    (SO_LINGER 0). Released, the loop accepts sockets that are already dead (or accept says
//    ECONNABORTED, or io_uring's accept completed while it was blocked): each is closed once (plain:
//    onOpen then onClose with the reset; TLS: a failed handshake, no onOpen), nothing leaks, and
//    the blocked connection and a new one echo;
//  - racing: the acceptor thread (main reactor) accepts while 1000 clients connect and reset at once.
#include <QTest>

#include <condition_variable>
#include <mutex>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr int kResets = 1000;

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

class TestResetBeforeAccept : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        pki_ = makeTestPki();
        std::string err;
        QVERIFY2(raiseNofileLimit(err) > 4 * kResets, err.c_str());
    }
    void resets_data();
    void resets();

private:
    TestPki pki_;
};

void TestResetBeforeAccept::resets_data()
{
    QTest::addColumn<bool>("held");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<bool>("edge");
    for (const bool tls : {false, true}) {
        const char* t = tls ? "tls" : "plain";
        QTest::addRow("held/lt/%s", t) << true << tls << false;
        QTest::addRow("held/et/%s", t) << true << tls << true;
        QTest::addRow("racing/%s", t) << false << tls << false;
    }
}

void TestResetBeforeAccept::resets()
{
    QFETCH(bool, held);
    QFETCH(bool, tls);
    QFETCH(bool, edge);
    BlockingEcho h;
    ReleaseGuard guard{h};
    qgnet::Options o{.numEventLoop = held ? 1 : 2, .reusePort = held, .edgeTriggeredIO = edge};
    if (tls)
        o.tls = std::make_shared<const qgnet::TlsContext>(
            qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey));
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    std::string err;

    // The connection that holds the loop (held rows), opened before the storm of resets.
    BlockingTlsClient tlsHolder;
    Fd holder;
    if (held) {
        if (tls) {
            QGNET_VERIFY_ERR(tlsHolder.connect(server.port(), pki_.caCert, err), err);
            const std::string block = "block";
            QGNET_VERIFY_ERR(tlsHolder.writeAll(std::vector<std::byte>(reinterpret_cast<const std::byte*>(block.data()),
                                                    reinterpret_cast<const std::byte*>(block.data()) + block.size()),
                                 err),
                err);
        } else {
            holder = server.connect();
            QVERIFY2(holder.valid(), server.error());
            QGNET_VERIFY_ERR(sendAll(holder.get(), "block", deadlineIn(10s), err), err);
        }
        QGNET_WAIT_VERIFY(h.blocked.load(), 10000);
    }

    // 1000 clients complete their connect (the kernel answers for the blocked listener) and reset.
    const auto failures = runThreads(4, [&](int index, std::string& failure) {
        for (int i = index; i < kResets; i += 4) {
            std::string e;
            Fd c = connectTo(server.address(), deadlineIn(30s), e);
            if (!c) {
                failure = "connect " + std::to_string(i) + ": " + e;
                return;
            }
            setLingerZero(c.get());
        }
    });
    QGNET_VERIFY_NO_FAILURES(failures);
    const int openedBefore = h.opened.load();
    h.release();

    // Every dead connection is closed: only the holder is left.
    const int live = held ? 1 : 0;
    QGNET_WAIT_COMPARE(server.engine().countConnections(), live, 30000);
    QGNET_WAIT_COMPARE(h.closed.load(), h.opened.load() - live, 10000);
    if (tls)
        QCOMPARE(h.opened.load(), openedBefore); // no reset connection finished a handshake
    for (const CloseRecord& c : h.closes()) {
        const bool expected = c.reason == std::errc::connection_reset || c.reason == qgnet::Errc::PeerClosed;
        QVERIFY2(expected, describe(c.reason).c_str());
    }

    // The holder and a newcomer echo.
    Rng rng(seedFor(QTest::currentDataTag()));
    const auto data = randomBytes(rng, 100000);
    if (held && tls) {
        std::vector<std::byte> got;
        QGNET_VERIFY_ERR(tlsHolder.readExact(got, 5, err), err);
        QGNET_VERIFY_ERR(tlsHolder.writeAll(data, err), err);
        got.clear();
        QGNET_VERIFY_ERR(tlsHolder.readExact(got, data.size(), err), err);
        QVERIFY(firstMismatch(data, got).empty());
    } else if (held) {
        std::vector<std::byte> got;
        QGNET_VERIFY_ERR(recvExact(holder.get(), got, 5, deadlineIn(10s), err), err);
        QGNET_VERIFY_ERR(echoRoundTrip(holder.get(), data, deadlineIn(30s), err), err);
    }
    if (tls) {
        BlockingTlsClient newcomer;
        QGNET_VERIFY_ERR(newcomer.connect(server.port(), pki_.caCert, err), err);
        std::vector<std::byte> got;
        QGNET_VERIFY_ERR(newcomer.writeAll(data, err), err);
        QGNET_VERIFY_ERR(newcomer.readExact(got, data.size(), err), err);
        QVERIFY(firstMismatch(data, got).empty());
    } else {
        Fd newcomer = server.connect();
        QVERIFY2(newcomer.valid(), server.error());
        QGNET_VERIFY_ERR(echoRoundTrip(newcomer.get(), data, deadlineIn(30s), err), err);
    }
}

QGNET_TEST_MAIN(TestResetBeforeAccept)
#include "tst_reset_before_accept.moc"
