// SPDX-License-Identifier: Apache-2.0
// Hostile TLS peers (fault catalogue F17, F18), on the backend QGNET_BACKEND names:
//  - a real ClientHello cut at every byte offset, each prefix on its own connection, all at once:
//    followed by a FIN (closed as a failed handshake) or by silence (closed by the handshake timeout);
//    never an onOpen, every one logged with its reason, and a whole client still echoes afterwards;
//  - a record header claiming 0xFFFF bytes, in the handshake and after it: closed at once (not by a
//    timeout), TlsError after the handshake;
//  - half a ClientHello, and half an application-data record (cut by FaultProxy), then silence: the
//    loop waits for the rest without spinning (under half a core over a 1 s window), and both
//    connections carry on once the rest comes;
//  - a TLS 1.2 client that asks to renegotiate: refused (the client's renegotiation fails, the server
//    answers instead of leaving it waiting) and the connection closes.
#include <QTest>

#include <openssl/ssl.h>

#include <unistd.h>

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

std::string reasonText(qgnet::Errc e) { return qgnet::make_error_code(e).message(); }

} // namespace

class TestTlsFaults : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { pki_ = makeTestPki(); }
    void clientHelloCutAtEveryOffset_data();
    void clientHelloCutAtEveryOffset();
    void hugeRecordLength_data();
    void hugeRecordLength();
    void renegotiationIsRefused();
    void partialInputDoesNotSpin_data();
    void partialInputDoesNotSpin();

private:
    qgnet::Options options(std::chrono::milliseconds handshakeTimeout, const std::shared_ptr<CaptureLogger>& log)
    {
        return {.numEventLoop = 2,
            .logger = log,
            .tls = std::make_shared<const qgnet::TlsContext>(qgnet::TlsContext::serverFromPem(pki_.serverCert,
                pki_.serverKey, {.handshakeTimeout = handshakeTimeout}))};
    }

    // Echoes a few KiB through a fresh, whole TLS client; "" on success.
    std::string wholeClientEchoes(std::uint16_t port)
    {
        BlockingTlsClient client;
        std::string err;
        if (!client.connect(port, pki_.caCert, err))
            return err;
        Rng rng(seedFor("tls_faults.whole"));
        const auto data = randomBytes(rng, 5000);
        std::vector<std::byte> got;
        if (!client.writeAll(data, err) || !client.readExact(got, data.size(), err))
            return err;
        return firstMismatch(data, got);
    }

    TestPki pki_;
};

void TestTlsFaults::clientHelloCutAtEveryOffset_data()
{
    QTest::addColumn<bool>("fin");
    QTest::newRow("then-fin") << true;
    QTest::newRow("then-stall") << false;
}

void TestTlsFaults::clientHelloCutAtEveryOffset()
{
    QFETCH(bool, fin);
    auto log = std::make_shared<CaptureLogger>();
    EchoHandler h;
    TestServer server;
    // The stalled prefixes end by the timeout; with a FIN it must never be needed (60 s).
    QVERIFY2(server.start(h, "tcp", options(fin ? 60s : 300ms, log)), server.error());
    const std::vector<std::byte> hello = clientHello();
    QVERIFY(hello.size() > 100);
    std::string err;

    // Prefixes of 0 .. size bytes (the whole hello too: the server answers and waits for the rest).
    std::vector<Fd> clients;
    for (std::size_t k = 0; k <= hello.size(); ++k) {
        Fd c = server.connect();
        QVERIFY2(c.valid(), server.error());
        QGNET_VERIFY_ERR(sendAll(c.get(), ConstBytes(hello.data(), k), deadlineIn(10s), err), err);
        if (fin)
            ::shutdown(c.get(), SHUT_WR);
        clients.push_back(std::move(c));
    }
    for (std::size_t k = 0; k < clients.size(); ++k) {
        std::vector<std::byte> answer; // the server's flight, or an alert, may come first
        const ReadEnd end = drainUntilEnd(clients[k].get(), answer, deadlineIn(30s), err);
        QVERIFY2(end == ReadEnd::Eof || end == ReadEnd::Reset,
            ("prefix of " + std::to_string(k) + " bytes: " + toString(end) + " " + err).c_str());
    }
    QGNET_WAIT_COMPARE(server.engine().countConnections(), 0, 10000);
    QCOMPARE(h.opened.load(), 0);
    QCOMPARE(h.closed.load(), 0); // never opened, so never closed either
    const int failed = log->count("did not complete: " + reasonText(qgnet::Errc::TlsHandshakeFailed));
    const int timedOut = log->count("did not complete: " + reasonText(qgnet::Errc::TlsHandshakeTimeout));
    QVERIFY2(log->count("did not complete") == int(clients.size()), log->all().c_str());
    if (fin)
        QVERIFY2(failed == int(clients.size()), log->all().c_str());
    else
        QVERIFY2(timedOut + failed == int(clients.size()) && timedOut > 0, log->all().c_str());
    const std::string echo = wholeClientEchoes(server.port());
    QVERIFY2(echo.empty(), echo.c_str());
}

void TestTlsFaults::hugeRecordLength_data()
{
    QTest::addColumn<bool>("afterHandshake");
    QTest::newRow("handshake") << false;
    QTest::newRow("application-data") << true;
}

// A record header that claims 0xFFFF bytes (more than a record may hold) and 16 KiB of it: closed
// without waiting for the rest or for a timeout (the timeout is 60 s, the wait for the end 30 s).
void TestTlsFaults::hugeRecordLength()
{
    QFETCH(bool, afterHandshake);
    auto log = std::make_shared<CaptureLogger>();
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", options(60s, log)), server.error());
    std::string err;
    std::vector<std::byte> record{std::byte{0x16}, std::byte{0x03}, std::byte{0x01}, std::byte{0xff}, std::byte{0xff}};
    Rng rng(seedFor("tls_faults.huge"));
    const auto junk = randomBytes(rng, 16 * 1024);
    record.insert(record.end(), junk.begin(), junk.end());

    BlockingTlsClient tlsClient;
    Fd plain;
    int fd = -1;
    if (afterHandshake) {
        QGNET_VERIFY_ERR(tlsClient.connect(server.port(), pki_.caCert, err), err);
        QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
        record[0] = std::byte{0x17}; // application data
        record[2] = std::byte{0x03};
        fd = tlsClient.fd();
    } else {
        plain = server.connect();
        QVERIFY2(plain.valid(), server.error());
        fd = plain.get();
    }
    QGNET_VERIFY_ERR(sendAll(fd, record, deadlineIn(10s), err), err);
    if (afterHandshake) {
        QGNET_WAIT_COMPARE(h.closed.load(), 1, 30000);
        const std::string bad = h.closeReasonMismatches(qgnet::Errc::TlsError);
        QVERIFY2(bad.empty(), bad.c_str());
    } else {
        std::vector<std::byte> answer;
        const ReadEnd end = drainUntilEnd(fd, answer, deadlineIn(30s), err);
        QVERIFY2(end == ReadEnd::Eof || end == ReadEnd::Reset, (std::string(toString(end)) + " " + err).c_str());
        QVERIFY2(log->count("did not complete: " + reasonText(qgnet::Errc::TlsHandshakeFailed)) == 1,
            log->all().c_str());
        QCOMPARE(h.opened.load(), 0);
    }
    QGNET_WAIT_COMPARE(server.engine().countConnections(), 0, 10000);
    const std::string echo = wholeClientEchoes(server.port());
    QVERIFY2(echo.empty(), echo.c_str());
}

// A TLS 1.2 client that asks to renegotiate after an echo: the server refuses (it answers, so the
// client's handshake fails instead of waiting) and the connection closes with TlsError.
void TestTlsFaults::renegotiationIsRefused()
{
    auto log = std::make_shared<CaptureLogger>();
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", options(10s, log)), server.error());
    BlockingTlsClient client;
    client.setMaxVersion(TLS1_2_VERSION);
    std::string err;
    QGNET_VERIFY_ERR(client.connect(server.port(), pki_.caCert, err), err);
    QCOMPARE(SSL_version(client.ssl()), TLS1_2_VERSION);
    Rng rng(seedFor("tls_faults.renegotiation"));
    const auto data = randomBytes(rng, 3000);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(client.writeAll(data, err), err);
    QGNET_VERIFY_ERR(client.readExact(got, data.size(), err), err);
    QVERIFY(firstMismatch(data, got).empty());

    QCOMPARE(SSL_renegotiate(client.ssl()), 1);
    int r = 0;
    const NoSigpipe noSigpipe; // the server may have closed before the hello is written
    do {
        errno = 0;
        r = SSL_do_handshake(client.ssl());
    } while (r != 1 && SSL_get_error(client.ssl(), r) == SSL_ERROR_WANT_READ && errno == EINTR);
    const int e = SSL_get_error(client.ssl(), r);
    const std::string why = "SSL_do_handshake " + std::to_string(r) + ", SSL_get_error " + std::to_string(e)
        + ", errno " + std::to_string(errno) + ": " + BlockingTlsClient::errors();
    QVERIFY2(r != 1, ("renegotiated: " + why).c_str());
    // A receive timeout (EAGAIN) would mean the server left the request unanswered.
    QVERIFY2(e == SSL_ERROR_SSL || e == SSL_ERROR_SYSCALL || e == SSL_ERROR_ZERO_RETURN, why.c_str());
    QVERIFY2(!(e == SSL_ERROR_SYSCALL && errno == EAGAIN), why.c_str());
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string bad = h.closeReasonMismatches(qgnet::Errc::TlsError);
    QVERIFY2(bad.empty(), (bad + " / " + why + " / " + log->all()).c_str());
    QGNET_WAIT_COMPARE(server.engine().countConnections(), 0, 10000);
    const std::string echo = wholeClientEchoes(server.port());
    QVERIFY2(echo.empty(), echo.c_str());
}

void TestTlsFaults::partialInputDoesNotSpin_data()
{
    QTest::addColumn<bool>("edge");
    QTest::newRow("lt") << false;
    QTest::newRow("et") << true;
}

void TestTlsFaults::partialInputDoesNotSpin()
{
    QFETCH(bool, edge);
    auto log = std::make_shared<CaptureLogger>();
    EchoHandler h;
    TestServer server;
    qgnet::Options o = options(60s, log);
    o.numEventLoop = 1;
    o.edgeTriggeredIO = edge;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    const qgnet::SocketAddress upstream = server.address();
    std::string err;

    // What a client's handshake sends (a first client, connected directly, counts its bytes).
    std::size_t handshakeBytes = 0;
    {
        BlockingTlsClient client;
        QGNET_VERIFY_ERR(client.connect(server.port(), pki_.caCert, err), err);
        handshakeBytes = client.bytesSent();
        QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    }
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);

    // Half a ClientHello on a direct connection.
    const std::vector<std::byte> hello = clientHello();
    Fd halfHello = server.connect();
    QVERIFY2(halfHello.valid(), server.error());
    QGNET_VERIFY_ERR(sendAll(halfHello.get(), ConstBytes(hello.data(), hello.size() / 2), deadlineIn(10s), err), err);
    // Half a 5000-byte record: the proxy stalls 700 bytes into it.
    FaultProxy proxy(upstream.data(), upstream.size(), {.stallAfter = handshakeBytes + 700});
    QGNET_VERIFY_ERR(proxy.start(err), err);
    BlockingTlsClient client;
    QGNET_VERIFY_ERR(client.connect(proxy.port(), pki_.caCert, err), err);
    Rng rng(seedFor("tls_faults.partial"));
    const auto data = randomBytes(rng, 5000);
    QGNET_VERIFY_ERR(client.writeAll(data, err), err);
    QVERIFY(proxy.waitStalls(1, 10s));
    QGNET_WAIT_COMPARE(h.opened.load(), 2, 10000);

    // The process's CPU over a 1 s window (a measurement: it waits for nothing).
    const long long cpu0 = processCpuTicks(::getpid());
    QVERIFY(cpu0 >= 0);
    const auto wall0 = Clock::now();
    pauseUntil(wall0 + 1s);
    const long long cpu1 = processCpuTicks(::getpid());
    const double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    const double cpu = static_cast<double>(cpu1 - cpu0) / static_cast<double>(clockTicksPerSecond());
    QVERIFY2(cpu < 0.5 * wall,
        ("the loop spins on partial TLS input: " + std::to_string(cpu) + " s of CPU in " + std::to_string(wall) + " s")
            .c_str());

    // The rest arrives: the record is echoed, and the hello's connection fails its handshake only at
    // its FIN (it was never closed meanwhile).
    proxy.release();
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(client.readExact(got, data.size(), err), err);
    QVERIFY(firstMismatch(data, got).empty());
    QCOMPARE(log->count("did not complete"), 0);
    ::shutdown(halfHello.get(), SHUT_WR);
    std::vector<std::byte> answer;
    const ReadEnd end = drainUntilEnd(halfHello.get(), answer, deadlineIn(30s), err);
    QVERIFY2(end == ReadEnd::Eof || end == ReadEnd::Reset, (std::string(toString(end)) + " " + err).c_str());
    QGNET_WAIT_COMPARE(log->count("did not complete: " + reasonText(qgnet::Errc::TlsHandshakeFailed)), 1, 10000);
}

QGNET_TEST_MAIN(TestTlsFaults)
#include "tst_tls_faults.moc"
