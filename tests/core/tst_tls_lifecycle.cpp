// SPDX-License-Identifier: Apache-2.0
// TLS connections at the edges of their life (fault catalogue F3, F12, F13, F14, F25), on the
// backend QGNET_BACKEND names:
//  - 100 connections with 1 MiB of records queued each (the peers do not read) closed from 4
//    foreign threads, gracefully (cut off at closeFlushTimeout) and right after an asyncWrite:
//    every callback and every onClose exactly once, nothing left;
//  - ConnHandle operations after a TLS connection closed report ConnectionClosed with a null Conn*;
//  - stop(drain) while 16 TLS clients echo: one onClose(EngineShutdown) each, every client sees
//    its end, no callback after stop returns;
//  - stop while handshakes are in flight: half ClientHellos and silent peers beside finished ones;
//    only the opened connections get onClose, every peer sees its end;
//  - a peer that never reads: the records queued for it stop at maxOutputBuffered and the
//    connection closes with OutputLimitExceeded.
#include <QTest>

#include <map>
#include <memory>
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

/// HandleKeeper echoes, writes `greeting` bytes in onOpen and keeps every connection's handle
/// (HandleEcho: kept before the open is counted, so foreignCloseMidWrite finds all 100).
class HandleKeeper : public HandleEcho {
public:
    explicit HandleKeeper(std::size_t greeting = 0) : greeting_(greeting, std::byte{0x5a}) {}

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        if (!greeting_.empty() && c.write(greeting_))
            ++writeErrors;
        return HandleEcho::onOpen(c);
    }

private:
    std::vector<std::byte> greeting_;
};

/// Flood writes 64 KiB pieces in onOpen until a write fails, noting the most it saw queued.
class Flood : public RecordingHandler {
public:
    std::atomic<std::size_t> maxQueued{0};
    std::atomic<int> refusedWrites{0};

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        const std::vector<std::byte> piece(64 * 1024, std::byte{0x33});
        for (int i = 0; i < 1024; ++i) {
            if (c.write(piece)) {
                ++refusedWrites;
                break;
            }
            maxQueued = std::max(maxQueued.load(), c.outboundBuffered());
        }
        return {};
    }
};

} // namespace

class TestTlsLifecycle : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { pki_ = makeTestPki(); }
    void foreignCloseMidWrite();
    void handleAfterClose();
    void stopUnderLoad();
    void stopWithHandshakesInFlight();
    void neverReadingPeerHitsOutputCap();

private:
    std::shared_ptr<const qgnet::TlsContext> context() const
    {
        return std::make_shared<const qgnet::TlsContext>(
            qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey));
    }

    TestPki pki_;
};

void TestTlsLifecycle::foreignCloseMidWrite()
{
    constexpr int kConns = 100;
    HandleKeeper h(1024 * 1024);
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.numEventLoop = 4, .tls = context(), .closeFlushTimeout = 300ms}), server.error());
    std::vector<std::unique_ptr<BlockingTlsClient>> clients;
    std::string err;
    for (int i = 0; i < kConns; ++i) {
        clients.push_back(std::make_unique<BlockingTlsClient>());
        QGNET_VERIFY_ERR(clients.back()->connect(server.port(), pki_.caCert, err), err);
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kConns, 20000);
    const std::vector<qgnet::ConnHandle> handles = h.handles();
    QCOMPARE(static_cast<int>(handles.size()), kConns);
    std::atomic<int> callbacks{0};
    std::atomic<int> badCallbacks{0};
    const auto failures = runThreads(4, [&](int index, std::string& failure) {
        for (std::size_t i = std::size_t(index); i < handles.size(); i += 4) {
            if (i % 2 == 1 && handles[i].asyncWrite("more records behind the queue")) {
                failure = "asyncWrite refused";
                return;
            }
            const std::error_code ec = handles[i].closeWithCallback([&](qgnet::Conn* c, std::error_code e) {
                ++callbacks;
                if (e || !c || c->isOpen())
                    ++badCallbacks;
            });
            if (ec) {
                failure = "closeWithCallback: " + describe(ec);
                return;
            }
        }
    });
    QGNET_VERIFY_NO_FAILURES(failures);
    const bool allCalledBack = waitFor([&] { return callbacks.load() == kConns; }, 20000ms);
    std::string left;
    if (!allCalledBack) {
        for (const qgnet::ConnectionStats& c : server.engine().snapshot().connections)
            left += " [state " + std::to_string(int(c.state)) + " ring " + std::to_string(c.outboundRing) + " spilled "
                + std::to_string(c.outboundSpilled) + " out " + std::to_string(c.bytesOut) + "]";
    }
    QVERIFY2(allCalledBack,
        ("callbacks " + std::to_string(callbacks.load()) + ", onClose " + std::to_string(h.closed.load())
            + ", connections left " + std::to_string(server.engine().countConnections()) + left)
            .c_str());
    QCOMPARE(badCallbacks.load(), 0);
    QGNET_WAIT_COMPARE(h.closed.load(), kConns, 10000);
    for (const CloseRecord& c : h.closes()) {
        // Cut off at closeFlushTimeout (WriteTimeout), or flushed in time when the peer's window took it.
        const bool expected = c.reason == qgnet::Errc::ClosedByHandler || c.reason == qgnet::Errc::WriteTimeout;
        QVERIFY2(expected, describe(c.reason).c_str());
    }
    QGNET_WAIT_COMPARE(server.engine().countConnections(), 0, 10000); // counted down after the iteration
    QCOMPARE(h.writeErrors.load(), 0);
}

void TestTlsLifecycle::handleAfterClose()
{
    HandleKeeper h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.tls = context()}), server.error());
    std::string err;
    {
        BlockingTlsClient client;
        QGNET_VERIFY_ERR(client.connect(server.port(), pki_.caCert, err), err);
        client.sendCloseNotify();
        std::vector<std::byte> rest;
        QCOMPARE(client.readToEnd(rest, err), SSL_ERROR_ZERO_RETURN);
    }
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const qgnet::ConnHandle handle = h.handles().at(0);
    std::atomic<int> closedCallbacks{0};
    std::atomic<int> otherCallbacks{0};
    const qgnet::AsyncCallback check = [&](qgnet::Conn* c, std::error_code e) {
        ++(c == nullptr && e == qgnet::Errc::ConnectionClosed ? closedCallbacks : otherCallbacks);
    };
    const std::vector<std::byte> piece(100, std::byte{1});
    const std::array<qgnet::Bytes, 2> parts{qgnet::Bytes(piece), qgnet::Bytes(piece)};
    QVERIFY(!handle.asyncWrite("late", check));
    QVERIFY(!handle.asyncWritev(parts, check));
    QVERIFY(!handle.wake(check));
    QVERIFY(!handle.pauseRead(check));
    QVERIFY(!handle.resumeRead(check));
    QVERIFY(!handle.closeWithCallback(check));
    QGNET_WAIT_COMPARE(closedCallbacks.load(), 6, 10000);
    QCOMPARE(otherCallbacks.load(), 0);
    QCOMPARE(h.closed.load(), 1);
}

void TestTlsLifecycle::stopUnderLoad()
{
    constexpr int kClients = 16;
    HandleKeeper h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.numEventLoop = 2, .tls = context()}), server.error());
    const std::uint16_t port = server.port();
    std::atomic<int> connected{0};
    std::atomic<bool> stopped{false};
    std::vector<std::string> failures;
    {
        std::thread clientThreads([&] {
            failures = runThreads(kClients, [&](int index, std::string& failure) {
                BlockingTlsClient client;
                std::string err;
                if (!client.connect(port, pki_.caCert, err)) {
                    failure = err;
                    return;
                }
                ++connected;
                Rng rng(seedFor("tls_lifecycle.stop", std::uint64_t(index)));
                // Echo until the server goes away; before stop() every echo must be whole.
                for (;;) {
                    const auto data = randomBytes(rng, logUniformSize(rng, 1, 256 * 1024));
                    std::vector<std::byte> got;
                    if (!client.writeAll(data, err) || !client.readExact(got, data.size(), err)) {
                        if (!stopped.load())
                            failure = "before stop: " + err;
                        return;
                    }
                    if (!firstMismatch(data, got).empty()) {
                        failure = firstMismatch(data, got);
                        return;
                    }
                }
            });
        });
        QGNET_WAIT_COMPARE(h.opened.load(), kClients, 20000);
        // A few echoes on every connection are in flight when stop comes.
        QGNET_WAIT_VERIFY(h.trafficCalls.load() >= 4 * kClients, 20000);
        stopped = true;
        QVERIFY(server.stop(500ms));
        clientThreads.join();
    }
    QGNET_VERIFY_NO_FAILURES(failures);
    QCOMPARE(connected.load(), kClients);
    QCOMPARE(h.closed.load(), kClients);
    const std::string bad = h.closeReasonMismatches(qgnet::Errc::EngineShutdown);
    QVERIFY2(bad.empty(), bad.c_str());
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

// F14 over TLS: stop while handshakes are in flight. 32 peers sent half a ClientHello, 32 sent
// nothing, 8 finished their handshake. stop() returns, only the 8 opened connections get
// onClose(EngineShutdown), every peer sees its connection end, and nothing leaks (ASan build).
void TestTlsLifecycle::stopWithHandshakesInFlight()
{
    constexpr int kOpen = 8;
    constexpr int kHalf = 32;
    constexpr int kSilent = 32;
    HandleKeeper h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.numEventLoop = 2, .tls = context()}), server.error());
    const std::vector<std::byte> hello = clientHello();
    const std::size_t half = hello.size() / 2;
    std::string err;

    std::vector<std::unique_ptr<BlockingTlsClient>> finished;
    for (int i = 0; i < kOpen; ++i) {
        finished.push_back(std::make_unique<BlockingTlsClient>());
        QGNET_VERIFY_ERR(finished.back()->connect(server.port(), pki_.caCert, err), err);
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kOpen, 20000);
    const auto bytesIn = [&] {
        std::uint64_t sum = 0;
        for (const auto& loop : server.engine().snapshot({.connections = false}).loops)
            sum += loop.bytesIn;
        return sum;
    };
    const std::uint64_t before = bytesIn();

    std::vector<Fd> handshaking;
    for (int i = 0; i < kHalf + kSilent; ++i) {
        Fd c = server.connect();
        QVERIFY2(c.valid(), server.error());
        if (i < kHalf)
            QGNET_VERIFY_ERR(sendAll(c.get(), ConstBytes(hello.data(), half), deadlineIn(10s), err), err);
        handshaking.push_back(std::move(c));
    }
    // Every peer is adopted by a loop and every half hello has been read: the handshakes are in flight.
    QGNET_WAIT_COMPARE(server.engine().countConnections(), kOpen + kHalf + kSilent, 20000);
    QGNET_WAIT_VERIFY(bytesIn() >= before + kHalf * half, 20000);

    QVERIFY(server.stop(500ms));
    for (std::size_t i = 0; i < handshaking.size(); ++i) {
        std::vector<std::byte> answer; // a half hello may get an alert first
        const ReadEnd end = drainUntilEnd(handshaking[i].get(), answer, deadlineIn(30s), err);
        QVERIFY2(end == ReadEnd::Eof || end == ReadEnd::Reset,
            ("peer " + std::to_string(i) + ": " + toString(end) + " " + err).c_str());
    }
    for (auto& client : finished) {
        std::vector<std::byte> got;
        QVERIFY(!client->readExact(got, 1, err));
    }
    QCOMPARE(h.opened.load(), kOpen);
    QCOMPARE(h.closed.load(), kOpen); // the handshaking peers were never opened, so never closed
    const std::string bad = h.closeReasonMismatches(qgnet::Errc::EngineShutdown);
    QVERIFY2(bad.empty(), bad.c_str());
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestTlsLifecycle::neverReadingPeerHitsOutputCap()
{
    constexpr std::size_t kCap = 4u * 1024 * 1024;
    Flood h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.tls = context(), .maxOutputBuffered = kCap}), server.error());
    BlockingTlsClient client;
    std::string err;
    QGNET_VERIFY_ERR(client.connect(server.port(), pki_.caCert, err), err);
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 20000);
    const std::string bad = h.closeReasonMismatches(qgnet::Errc::OutputLimitExceeded);
    QVERIFY2(bad.empty(), bad.c_str());
    QCOMPARE(h.refusedWrites.load(), 1);
    QVERIFY2(h.maxQueued.load() <= kCap, std::to_string(h.maxQueued.load()).c_str());
}

QGNET_TEST_MAIN(TestTlsLifecycle)
#include "tst_tls_lifecycle.moc"
