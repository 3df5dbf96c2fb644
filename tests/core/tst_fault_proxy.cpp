// SPDX-License-Identifier: Apache-2.0
// The echo, length-prefixed codec and TLS flows through FaultProxy (support/fault_proxy.h), on the
// backend QGNET_BACKEND names: the bytes cut into 1-byte segments, delayed, stalled and released,
// and the connection reset or half-closed after N bytes in either direction. Each row asserts the
// bytes byte-exact, or the close reason the server reports and what the client sees.
#include <QTest>

#include <future>
#include <optional>

#include "codec_handler.h"
#include "engine_test_case.h"
#include "fault_proxy.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

using Dir = FaultProxy::Direction;

std::vector<std::byte> seeded(std::string_view what, std::size_t n)
{
    Rng rng(seedFor(what));
    return randomBytes(rng, n);
}

// The one close the server recorded ("" when it matches one of the expected reasons).
std::string oneCloseWith(const RecordingHandler& h, std::initializer_list<std::error_code> expected)
{
    const auto closes = h.closes();
    if (closes.size() != 1)
        return std::to_string(closes.size()) + " closes recorded, 1 expected";
    for (const std::error_code& e : expected) {
        // Conditions, so that system:104 from the kernel matches std::errc::connection_reset.
        if (closes[0].reason.default_error_condition() == e.default_error_condition())
            return {};
    }
    return "onClose(" + describe(closes[0].reason) + ") is not an expected reason";
}

std::shared_ptr<const qgnet::TlsContext> serverContext(const TestPki& pki)
{
    return std::make_shared<const qgnet::TlsContext>(qgnet::TlsContext::serverFromPem(pki.serverCert, pki.serverKey));
}

} // namespace

class TestFaultProxy : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { pki_ = makeTestPki(); }

    void echoSliced_data();
    void echoSliced();
    void echoStallThenRelease();
    void echoResetAfterBytes_data();
    void echoResetAfterBytes();
    void echoHalfCloseAfterBytes();
    void codecFramesCutAtEveryByte();
    void codecStallInsideHeader();
    void tlsSliced();
    void tlsStallInHandshake();
    void tlsResetAfterHandshake();
    void tlsFinMidRecordIsTruncation();

private:
    TestPki pki_;
};

void TestFaultProxy::echoSliced_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<int>("slice");
    QTest::addColumn<int>("delayMs");
    QTest::newRow("tcp/1-byte") << "tcp" << 1 << 0;
    QTest::newRow("unix/1-byte") << "unix" << 1 << 0;
    QTest::newRow("tcp/7-byte+delay") << "tcp" << 7 << 5;
    QTest::newRow("tcp/delay") << "tcp" << 0 << 20;
}

// The echo comes back byte-exact whatever the segment sizes and delays on either way.
void TestFaultProxy::echoSliced()
{
    QFETCH(QString, network);
    QFETCH(int, slice);
    QFETCH(int, delayMs);
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, network.toStdString(), {.numEventLoop = 2}), server.error());
    const FaultSpec spec{.slice = static_cast<std::size_t>(slice), .delay = std::chrono::milliseconds(delayMs)};
    const qgnet::SocketAddress upstream = server.address();
    FaultProxy proxy(upstream.data(), upstream.size(), spec, spec);
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    Fd c = proxy.connect(err);
    QGNET_VERIFY_ERR(c.valid(), err);
    const std::size_t size = delayMs > 0 && slice > 0 ? 4000 : 20000;
    const auto data = seeded(QTest::currentDataTag(), size);
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), data, deadlineIn(60s), err), err);
    c.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string bad = oneCloseWith(h, {qgnet::Errc::PeerClosed});
    QVERIFY2(bad.empty(), bad.c_str());
    QCOMPARE(h.writeErrors.load(), 0);
    QVERIFY2(proxy.error().empty(), proxy.error().c_str());
}

// A stall after 1000 bytes: the server sees (and echoes) exactly those until the release, then the rest.
void TestFaultProxy::echoStallThenRelease()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    const qgnet::SocketAddress upstream = server.address();
    FaultProxy proxy(upstream.data(), upstream.size(), {.stallAfter = 1000});
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    Fd c = proxy.connect(err);
    QGNET_VERIFY_ERR(c.valid(), err);
    const auto data = seeded("fault_proxy.stall", 300000);
    QGNET_VERIFY_ERR(sendAll(c.get(), ConstBytes(data.data(), 100000), deadlineIn(30s), err), err);
    QVERIFY(proxy.waitStalls(1, 10s));
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvExact(c.get(), got, 1000, deadlineIn(30s), err), err);
    QCOMPARE(receiveQueued(c.get()), 0L); // nothing past the stall point was echoed
    QCOMPARE(proxy.forwarded(Dir::ToServer), std::size_t(1000));
    proxy.release();
    const ConstBytes rest[] = {ConstBytes(data.data() + 100000, data.size() - 100000)};
    std::vector<std::byte> more;
    QGNET_VERIFY_ERR(exchange(c.get(), rest, more, data.size() - 1000, deadlineIn(60s), err), err);
    got.insert(got.end(), more.begin(), more.end());
    const std::string mismatch = firstMismatch(data, got);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
}

void TestFaultProxy::echoResetAfterBytes_data()
{
    QTest::addColumn<bool>("toServer");
    QTest::addColumn<QString>("network");
    QTest::newRow("to-server/tcp") << true << "tcp";
    QTest::newRow("to-server/unix") << true << "unix";
    QTest::newRow("to-client/tcp") << false << "tcp";
}

// An RST after 5000 bytes of either direction: the server's connection closes with ECONNRESET (or
// EPIPE when its echo met the reset first) and the client sees the reset.
void TestFaultProxy::echoResetAfterBytes()
{
    QFETCH(bool, toServer);
    QFETCH(QString, network);
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, network.toStdString()), server.error());
    const qgnet::SocketAddress upstream = server.address();
    const FaultSpec reset{.resetAfter = 5000};
    FaultProxy proxy(upstream.data(), upstream.size(), toServer ? reset : FaultSpec{}, toServer ? FaultSpec{} : reset);
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    Fd c = proxy.connect(err);
    QGNET_VERIFY_ERR(c.valid(), err);
    const auto data = seeded("fault_proxy.reset", 200000);
    std::vector<std::byte> got;
    const ConstBytes pieces[] = {data};
    QVERIFY(!exchange(c.get(), pieces, got, data.size(), deadlineIn(30s), err));
    QVERIFY2(err.find("reset") != std::string::npos || err.find("Broken pipe") != std::string::npos, err.c_str());
    QVERIFY(got.size() <= 5000);
    QVERIFY(firstMismatch(ConstBytes(data.data(), got.size()), got).empty());
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    // Unix has no RST: the proxy's close of its upstream socket is an EOF there, or ECONNRESET when it
    // left unread data behind.
    const std::string bad = network == "unix"
        ? oneCloseWith(h,
            {qgnet::Errc::PeerClosed, std::make_error_code(std::errc::broken_pipe),
                std::make_error_code(std::errc::connection_reset)})
        : oneCloseWith(h,
            {std::make_error_code(std::errc::connection_reset), std::make_error_code(std::errc::broken_pipe)});
    QVERIFY2(bad.empty(), bad.c_str());
    QCOMPARE(proxy.resets(), 1);
}

// A FIN after 3000 bytes: the server echoes exactly those, then closes with PeerClosed; the client
// reads them and EOF.
void TestFaultProxy::echoHalfCloseAfterBytes()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    const qgnet::SocketAddress upstream = server.address();
    FaultProxy proxy(upstream.data(), upstream.size(), {.slice = 100, .shutdownAfter = 3000});
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    Fd c = proxy.connect(err);
    QGNET_VERIFY_ERR(c.valid(), err);
    const auto data = seeded("fault_proxy.half_close", 10000);
    QGNET_VERIFY_ERR(sendAll(c.get(), data, deadlineIn(30s), err), err);
    std::vector<std::byte> got;
    QCOMPARE(drainUntilEnd(c.get(), got, deadlineIn(30s), err), ReadEnd::Eof);
    QCOMPARE(got.size(), std::size_t(3000));
    QVERIFY(firstMismatch(ConstBytes(data.data(), 3000), got).empty());
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string bad = oneCloseWith(h, {qgnet::Errc::PeerClosed});
    QVERIFY2(bad.empty(), bad.c_str());
    QCOMPARE(h.writeErrors.load(), 0);
}

// Every frame (header included) reaches the codec one byte per segment; the answers come back in
// 5-byte segments; all checked.
void TestFaultProxy::codecFramesCutAtEveryByte()
{
    CodecHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.numEventLoop = 2, .readBufferCap = 1024}), server.error());
    const qgnet::SocketAddress upstream = server.address();
    FaultProxy proxy(upstream.data(), upstream.size(), {.slice = 1}, {.slice = 5});
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    Fd c = proxy.connect(err);
    QGNET_VERIFY_ERR(c.valid(), err);
    Rng rng(seedFor("fault_proxy.codec"));
    std::vector<std::vector<std::byte>> payloads;
    for (const std::size_t size : {kMinPayload, std::size_t(1), std::size_t(0), std::size_t(1500), std::size_t(5000)})
        payloads.push_back(randomBytes(rng, size));
    const std::vector<std::byte> wire = encodeFrames(payloads);
    std::vector<std::byte> replies;
    const ConstBytes pieces[] = {wire};
    QGNET_VERIFY_ERR(exchange(c.get(), pieces, replies, replySize(payloads), deadlineIn(60s), err), err);
    const std::string bad = checkReplies(payloads, replies);
    QVERIFY2(bad.empty(), bad.c_str());
    QGNET_WAIT_COMPARE(h.frames.load(), int(payloads.size()), 10000); // counted after the reply was written
    QCOMPARE(h.protocolErrors.load(), 0);
}

// A stall two bytes into the second frame's header: the first frame is answered, the second waits
// (no answer, no protocol error) until the release.
void TestFaultProxy::codecStallInsideHeader()
{
    CodecHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    const qgnet::SocketAddress upstream = server.address();
    const std::vector<std::vector<std::byte>> payloads{seeded("codec.stall.0", 300), seeded("codec.stall.1", 70000)};
    FaultProxy proxy(upstream.data(), upstream.size(), {.stallAfter = kFrameHeader + 300 + 2});
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    Fd c = proxy.connect(err);
    QGNET_VERIFY_ERR(c.valid(), err);
    const std::vector<std::byte> wire = encodeFrames(payloads);
    QGNET_VERIFY_ERR(sendAll(c.get(), wire, deadlineIn(30s), err), err);
    QVERIFY(proxy.waitStalls(1, 10s));
    std::vector<std::byte> replies;
    QGNET_VERIFY_ERR(recvExact(c.get(), replies, kReplyHeader + 300, deadlineIn(30s), err), err);
    QGNET_WAIT_COMPARE(h.frames.load(), 1, 10000); // counted after its reply was written
    QCOMPARE(receiveQueued(c.get()), 0L);          // and nothing for the cut frame
    proxy.release();
    std::vector<std::byte> more;
    QGNET_VERIFY_ERR(recvExact(c.get(), more, replySize(payloads) - replies.size(), deadlineIn(30s), err), err);
    replies.insert(replies.end(), more.begin(), more.end());
    const std::string bad = checkReplies(payloads, replies);
    QVERIFY2(bad.empty(), bad.c_str());
    QCOMPARE(h.protocolErrors.load(), 0);
}

// The TLS handshake and records cut into 1-byte segments both ways: verified, echoed byte-exact,
// closed with close_notify both ways.
void TestFaultProxy::tlsSliced()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.tls = serverContext(pki_)}), server.error());
    const qgnet::SocketAddress upstream = server.address();
    FaultProxy proxy(upstream.data(), upstream.size(), {.slice = 1}, {.slice = 1});
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    BlockingTlsClient client;
    QGNET_VERIFY_ERR(client.connect(proxy.port(), pki_.caCert, err), err);
    const auto data = seeded("fault_proxy.tls", 20000);
    QGNET_VERIFY_ERR(client.writeAll(data, err), err);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(client.readExact(got, data.size(), err), err);
    QVERIFY(firstMismatch(data, got).empty());
    client.sendCloseNotify();
    std::vector<std::byte> rest;
    QCOMPARE(client.readToEnd(rest, err), SSL_ERROR_ZERO_RETURN);
    QVERIFY(rest.empty());
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string bad = oneCloseWith(h, {qgnet::Errc::PeerClosed});
    QVERIFY2(bad.empty(), bad.c_str());
}

// The server's first flight stalls after 10 bytes: the handshake waits (no onOpen), then completes
// after the release and echoes.
void TestFaultProxy::tlsStallInHandshake()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.tls = serverContext(pki_)}), server.error());
    const qgnet::SocketAddress upstream = server.address();
    FaultProxy proxy(upstream.data(), upstream.size(), {}, {.stallAfter = 10});
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    BlockingTlsClient client;
    std::string connectErr;
    auto connected = std::async(std::launch::async,
        [&] { return client.connect(proxy.port(), pki_.caCert, connectErr); });
    QVERIFY(proxy.waitStalls(1, 10s));
    QCOMPARE(h.opened.load(), 0);
    proxy.release();
    QGNET_VERIFY_ERR(connected.get(), connectErr);
    const auto data = seeded("fault_proxy.tls.stall", 50000);
    QGNET_VERIFY_ERR(client.writeAll(data, err), err);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(client.readExact(got, data.size(), err), err);
    QVERIFY(firstMismatch(data, got).empty());
}

// An RST 2000 bytes after the handshake (in the middle of a record): onClose(ECONNRESET).
void TestFaultProxy::tlsResetAfterHandshake()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.tls = serverContext(pki_)}), server.error());
    const qgnet::SocketAddress upstream = server.address();
    // What a client's handshake sends (a first client, connected directly, counts its bytes).
    std::size_t handshakeBytes = 0;
    {
        std::string err;
        BlockingTlsClient client;
        QGNET_VERIFY_ERR(client.connect(server.port(), pki_.caCert, err), err);
        handshakeBytes = client.bytesSent();
        QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    }
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    FaultProxy proxy(upstream.data(), upstream.size(), {.resetAfter = handshakeBytes + 2000});
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    BlockingTlsClient client;
    QGNET_VERIFY_ERR(client.connect(proxy.port(), pki_.caCert, err), err);
    const auto data = seeded("fault_proxy.tls.reset", 100000);
    (void)client.writeAll(data, err); // fails once the reset arrives
    QGNET_WAIT_COMPARE(h.closed.load(), 2, 10000);
    const auto closes = h.closes();
    QVERIFY2(closes.at(1).reason == std::errc::connection_reset || closes.at(1).reason == std::errc::broken_pipe,
        describe(closes.at(1).reason).c_str());
    QCOMPARE(proxy.resets(), 1);
}

// A FIN in the middle of a record (no close_notify): TlsTruncated, not PeerClosed.
void TestFaultProxy::tlsFinMidRecordIsTruncation()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", {.tls = serverContext(pki_)}), server.error());
    const qgnet::SocketAddress upstream = server.address();
    std::size_t handshakeBytes = 0;
    {
        std::string err;
        BlockingTlsClient client;
        QGNET_VERIFY_ERR(client.connect(server.port(), pki_.caCert, err), err);
        handshakeBytes = client.bytesSent();
        QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    }
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    FaultProxy proxy(upstream.data(), upstream.size(), {.slice = 64, .shutdownAfter = handshakeBytes + 700});
    std::string err;
    QGNET_VERIFY_ERR(proxy.start(err), err);
    BlockingTlsClient client;
    QGNET_VERIFY_ERR(client.connect(proxy.port(), pki_.caCert, err), err);
    const auto data = seeded("fault_proxy.tls.fin", 5000); // one record, cut after 700 bytes
    QGNET_VERIFY_ERR(client.writeAll(data, err), err);
    QGNET_WAIT_COMPARE(h.closed.load(), 2, 10000);
    const auto closes = h.closes();
    QVERIFY2(closes.at(1).reason == qgnet::Errc::TlsTruncated, describe(closes.at(1).reason).c_str());
}

QGNET_TEST_MAIN(TestFaultProxy)
#include "tst_fault_proxy.moc"
