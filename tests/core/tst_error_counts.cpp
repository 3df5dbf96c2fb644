// SPDX-License-Identifier: Apache-2.0
// Error counts by kind (EngineSnapshot::errors): real peers provoke each kind and a snapshot counts
// it under its errno, OpenSSL reason or accept error:
//  - a peer that closes with our bytes unread in its socket resets (RST): ECONNRESET, once;
//  - a plain-text request to a TLS listener: OpenSSL's "http request" reason; a client that does not
//    trust the server's CA: the "unknown ca" alert it sends, as the server received it;
//  - an accept at the descriptor limit (RLIMIT_NOFILE lowered, the table filled): EMFILE, counted on
//    the acceptor thread, the listener shown backing off; accepting again once descriptors are free.
#include <QScopeGuard>
#include <QTest>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>

#include "engine_test_case.h"
#include "qgnet/stats.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// GreetHandler writes a greeting to every new connection and reads nothing back.
class GreetHandler : public RecordingHandler {
public:
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        if (c.write(std::string_view("hello")))
            ++writeErrors;
        return {};
    }
};

/// countOf is the snapshot's count for one kind and code (0 when it has no entry).
std::uint64_t countOf(const qgnet::EngineSnapshot& s, qgnet::ErrorKind kind, int code)
{
    for (const qgnet::ErrorCount& e : s.errors)
        if (e.kind == kind && e.code == code)
            return e.count;
    return 0;
}

/// describe lists a snapshot's error counts, for failure messages.
std::string describe(const qgnet::EngineSnapshot& s)
{
    std::string out;
    for (const qgnet::ErrorCount& e : s.errors)
        out += std::string(qgnet::toString(e.kind)) + "/" + e.name + " (" + std::to_string(e.code) + ") x"
            + std::to_string(e.count) + "; ";
    return out.empty() ? "no errors" : out;
}

/// sslReason is OpenSSL's packed code for an SSL-library reason, as ErrorKind::Tls counts it.
int sslReason(int reason) { return static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, reason)); }

} // namespace

class TestErrorCounts : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { pki_ = makeTestPki(); }
    void peerResetIsCountedAsEconnreset();
    void tlsFailuresAreCountedByReason();
    void acceptAtDescriptorLimitIsCounted();

private:
    TestPki pki_;
};

void TestErrorCounts::peerResetIsCountedAsEconnreset()
{
    GreetHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    {
        Fd c = server.connect();
        QVERIFY2(c.valid(), server.error());
        // The greeting arrives and is left unread: closing now sends a reset, not a FIN.
        pollfd p{c.get(), POLLIN, 0};
        QCOMPARE(::poll(&p, 1, 10000), 1);
    }
    qgnet::EngineSnapshot s;
    QVERIFY2(waitFor(
                 [&] {
                     s = server.engine().snapshot();
                     return h.closed.load() == 1;
                 },
                 10s),
        describe(s).c_str());
    s = server.engine().snapshot();
    QCOMPARE(countOf(s, qgnet::ErrorKind::Socket, ECONNRESET), std::uint64_t(1));
    QCOMPARE(s.errors.size(), std::size_t(1));
    QCOMPARE(s.errors.front().name, std::string("ECONNRESET"));
    QCOMPARE(s.errors.front().description, std::string(std::strerror(ECONNRESET)));
    std::uint64_t perLoop = 0;
    for (const qgnet::LoopStats& l : s.loops)
        perLoop += l.errors.empty() ? 0 : l.errors.front().count;
    QCOMPARE(perLoop, std::uint64_t(1)); // counted once, by the loop that owned the connection
    QCOMPARE(s.errorsUnlisted, std::uint64_t(0));
    QVERIFY(server.stop());
}

void TestErrorCounts::tlsFailuresAreCountedByReason()
{
    EchoHandler h;
    TestServer server;
    const qgnet::Options options{.numEventLoop = 2,
        .tls = std::make_shared<const qgnet::TlsContext>(
            qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey))};
    QVERIFY2(server.start(h, "tcp", options), server.error());

    // Plain HTTP to a TLS port: the handshake fails on the server with OpenSSL's "http request".
    {
        Fd c = server.connect();
        QVERIFY2(c.valid(), server.error());
        std::string err;
        QVERIFY2(sendAll(c.get(), "GET / HTTP/1.0\r\n\r\n", deadlineIn(5s), err), err.c_str());
        QVERIFY2(waitForEnd(c.get(), deadlineIn(10s), err) != ReadEnd::Timeout, err.c_str());
    }
    // A client that trusts another CA refuses the certificate and says so with an unknown_ca alert.
    {
        BlockingTlsClient client;
        std::string err;
        QVERIFY(!client.connect(server.port(), pki_.strangerCaCert, err));
    }
    qgnet::EngineSnapshot s;
    const int httpRequest = sslReason(SSL_R_HTTP_REQUEST);
    const int unknownCa = sslReason(SSL_R_TLSV1_ALERT_UNKNOWN_CA);
    QVERIFY2(waitFor(
                 [&] {
                     s = server.engine().snapshot();
                     return countOf(s, qgnet::ErrorKind::Tls, httpRequest) == 1
                         && countOf(s, qgnet::ErrorKind::Tls, unknownCa) == 1;
                 },
                 10s),
        describe(s).c_str());
    for (const qgnet::ErrorCount& e : s.errors) {
        if (e.kind == qgnet::ErrorKind::Tls && e.code == httpRequest)
            QCOMPARE(e.name, std::string("http request"));
        if (e.kind == qgnet::ErrorKind::Tls && e.code == unknownCa)
            QCOMPARE(e.name, std::string("tlsv1 alert unknown ca"));
    }
    QCOMPARE(h.opened.load(), 0); // neither handshake completed
    QVERIFY(server.stop());
}

// The acceptor thread meets EMFILE: counted as an accept error (the acceptor is not one of the
// loops, so only EngineSnapshot::errors has it), and the listener says it is backing off.
void TestErrorCounts::acceptAtDescriptorLimitIsCounted()
{
    // The limit is lowered before the engine starts: io_uring's accept takes RLIMIT_NOFILE when it is
    // prepared (io_accept_prep), so a multishot accept armed under the old limit would go on
    // accepting past the new one. Room is left for the engine and two warm-up connections.
    rlimit saved{};
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    std::vector<Fd> filler;
    const auto restore = qScopeGuard([&] {
        filler.clear();
        ::setrlimit(RLIMIT_NOFILE, &saved);
    });
    rlimit tight = saved;
    tight.rlim_cur = static_cast<rlim_t>(countOpenFds() + 64);
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &tight) == 0);

    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    // Every loop running and serving (a backend's start-up descriptors already closed) before the
    // table is filled. The connections stay open: a connection's descriptor is closed at the end of
    // its loop's iteration, after the count of connections has dropped, so a closed one could free a
    // slot at any moment.
    std::string err;
    std::vector<Fd> warm;
    for (int i = 0; i < 2; ++i) {
        warm.push_back(server.connect());
        QVERIFY2(warm.back().valid(), server.error());
        QVERIFY2(echoRoundTrip(warm.back().get(), "warm", deadlineIn(10s), err), err.c_str());
    }
    Fd client(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)); // made before the table is full
    QVERIFY(client.get() >= 0);
    const qgnet::SocketAddress to = server.address();
    for (int fd = ::eventfd(0, EFD_CLOEXEC); fd >= 0; fd = ::eventfd(0, EFD_CLOEXEC))
        filler.emplace_back(fd);
    // The connection completes in the kernel's backlog; the acceptor's accept fails with EMFILE.
    QCOMPARE(::connect(client.get(), to.data(), to.size()), 0);
    qgnet::EngineSnapshot s;
    QVERIFY2(waitFor(
                 [&] {
                     s = server.engine().snapshot();
                     return countOf(s, qgnet::ErrorKind::Accept, EMFILE) >= 1;
                 },
                 10s),
        (describe(s) + "; accepted " + std::to_string(s.listeners.front().accepted)).c_str());
    QCOMPARE(s.listeners.size(), std::size_t(1));
    const qgnet::ListenerStats& l = s.listeners.front();
    QCOMPARE(l.loop, -1);                   // the acceptor's
    QCOMPARE(l.accepted, std::uint64_t(2)); // the warm-up connections
    for (const qgnet::ErrorCount& e : s.errors) {
        QVERIFY2(e.kind == qgnet::ErrorKind::Accept && e.code == EMFILE, describe(s).c_str());
        QCOMPARE(e.name, std::string("EMFILE"));
    }
    for (const qgnet::LoopStats& loop : s.loops)
        QVERIFY(loop.errors.empty());
    // The back-off is either running (EMFILE) or between two tries; the next failure restarts it.
    QVERIFY2(waitFor(
                 [&] {
                     s = server.engine().snapshot();
                     return s.listeners.front().state == qgnet::ListenerState::BackingOff;
                 },
                 10s),
        "the listener never showed its back-off");
    QCOMPARE(s.listeners.front().backoffError, EMFILE);
    QVERIFY(s.listeners.front().backoff.count() > 0);

    filler.clear();
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &saved) == 0);
    QVERIFY2(echoRoundTrip(client.get(), "after the limit", deadlineIn(15s), err), err.c_str());
    s = server.engine().snapshot();
    QCOMPARE(s.listeners.front().accepted, std::uint64_t(3));
    QVERIFY(s.listeners.front().state == qgnet::ListenerState::Accepting);
    QCOMPARE(s.listeners.front().backoffError, 0);
    client = Fd();
    warm.clear();
    QVERIFY(server.stop());
}

QGNET_TEST_MAIN(TestErrorCounts)
#include "tst_error_counts.moc"
