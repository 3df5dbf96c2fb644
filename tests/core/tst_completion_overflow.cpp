// SPDX-License-Identifier: Apache-2.0
// A tiny io_uring (QGNET_IO_URING_ENTRIES=16: 16 submission and 16 completion entries) with 256
// connections. First they all echo at once (the kernel bounds the receive completions it runs per
// wait by the free completion entries, so this fills the submission queue, which is flushed and
// refilled, rather than overflowing). Then one message makes the handler write to all 256 in one
// callback: the 256 sends go out in one iteration, each completes at submission, and the completion
// queue overflows (the kernel holds the extra completions aside until the loop has room). Every byte
// must arrive, in order, and the loop must report the overflow. On epoll the same run is an echo and
// broadcast test and the overflow count stays 0.
#include <QTest>

#include <cstdlib>
#include <mutex>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// BroadcastEcho echoes, except that a connection which sends kTrigger makes it write `message` to
/// every open connection, from that one callback.
class BroadcastEcho : public EchoHandler {
public:
    static constexpr std::byte kTrigger{0xB5};
    std::atomic<bool> broadcasting{false};
    std::vector<std::byte> message;
    std::atomic<int> writeFailures{0};

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        {
            std::lock_guard lock(mu_);
            handles_.push_back(c.handle());
        }
        return EchoHandler::onOpen(c);
    }

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        if (!broadcasting.load())
            return EchoHandler::onTraffic(c);
        const qgnet::Bytes in = c.next();
        if (in.size() == 1 && in[0] == kTrigger) {
            std::lock_guard lock(mu_);
            for (const qgnet::ConnHandle& h : handles_)
                if (h.asyncWrite(message))
                    ++writeFailures;
        }
        return qgnet::Action::None;
    }

private:
    std::mutex mu_;
    std::vector<qgnet::ConnHandle> handles_;
};

} // namespace

class TestCompletionOverflow : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void echoThroughTinyRing();
};

void TestCompletionOverflow::initTestCase()
{
    // Read by every io_uring the process creates from now on (the backend probe ran before).
    QCOMPARE(::setenv("QGNET_IO_URING_ENTRIES", "16", 1), 0);
    std::string err;
    QVERIFY2(raiseNofileLimit(err) > 600, err.c_str());
}

void TestCompletionOverflow::echoThroughTinyRing()
{
    constexpr int kConns = 256;
    BroadcastEcho h;
    qgnet::Options o;
    o.numEventLoop = 1;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;

    std::vector<Fd> fds;
    std::vector<std::vector<std::byte>> payloads;
    Rng rng(seedFor("echoThroughTinyRing"));
    for (int i = 0; i < kConns; ++i) {
        fds.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QGNET_VERIFY_ERR(fds.back().valid(), "client " + std::to_string(i) + ": " + err);
        payloads.push_back(randomBytes(rng, randomSize(rng, 16 * 1024, 96 * 1024)));
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kConns, 30000);
    QGNET_VERIFY_ERR(multiEcho(fds, payloads, deadlineIn(60s), err), err);

    h.message = randomBytes(rng, 2048);
    h.broadcasting = true;
    const std::byte trigger[] = {BroadcastEcho::kTrigger};
    QGNET_VERIFY_ERR(sendAll(fds[0].get(), trigger, deadlineIn(10s), err), err);
    for (int i = 0; i < kConns; ++i) {
        std::vector<std::byte> got;
        QGNET_VERIFY_ERR(recvExact(fds[static_cast<std::size_t>(i)].get(), got, h.message.size(), deadlineIn(30s), err),
            "client " + std::to_string(i) + ": " + err);
        const std::string mismatch = firstMismatch(h.message, got);
        QVERIFY2(mismatch.empty(), ("client " + std::to_string(i) + ": " + mismatch).c_str());
    }
    QCOMPARE(h.writeFailures.load(), 0);

    const qgnet::EngineSnapshot snap = engine.snapshot();
    QCOMPARE(snap.loops.size(), std::size_t{1});
    const std::uint64_t overflows = snap.loops[0].completionOverflows;
    if (engine.backend() == qgnet::Backend::IoUring)
        QVERIFY2(overflows > 0, "256 connections through a 16-entry completion queue never overflowed it");
    else
        QCOMPARE(overflows, std::uint64_t{0});

    fds.clear();
    QGNET_WAIT_COMPARE(h.closed.load(), kConns, 30000);
    engine.stop();
}

QGNET_TEST_MAIN(TestCompletionOverflow)
#include "tst_completion_overflow.moc"
