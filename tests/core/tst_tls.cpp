// SPDX-License-Identifier: Apache-2.0
// TLS (Options::tls, qgnet/tls.h) over real sockets, on the backend QGNET_BACKEND names (ctest runs
// core.tls on epoll and core.tls.io_uring). The certificates are made at run time (tls_test_pki.h).
//  - an independent client, Qt's QSslSocket (OpenSSL backend), against a qgnet TLS echo server:
//    sizes from 1 byte to 1 MiB, byte-exact, verified against the test CA by host name;
//  - qgnet Client to qgnet server: CA verification with SNI/host name (by name and by IP address),
//    a host-name mismatch and an unknown CA fail the dial with TlsVerifyFailed and a clear log line,
//    no ALPN protocol in common fails it with TlsHandshakeFailed;
//  - plaintext (an HTTP request, random bytes) on the TLS port closes only that connection, without
//    onOpen, logged with OpenSSL's reason, while a TLS connection keeps echoing;
//  - 200 concurrent TLS connections echo byte-exact;
//  - a graceful close (Action::Close after a 4 MiB write) delivers everything, then close_notify;
//    a peer's close_notify with output pending: the echo drains, then our close_notify;
//  - pauseRead/resumeRead in every onTraffic of a bulk transfer loses nothing;
//  - tcp (reuseport) and unix (acceptor) listeners, level- and edge-triggered;
//  - a stream that ends without close_notify (after a record, or in the middle of one) closes with
//    Errc::TlsTruncated, not PeerClosed;
//  - ConnHandle::wake reaches onTraffic on a TLS connection as on a plain one, and is not a read;
//  - validation: TLS with a UDP listener, a client context on a server (and the reverse), bad
//    certificate/key files and PEM, a key that does not match: qgnet::Error with the reason.
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <map>
#include <mutex>

#include <openssl/ssl.h>

#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// ClientSink collects what each client connection receives, and how it closed.
class ClientSink : public RecordingHandler {
public:
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        std::lock_guard lock(mu_);
        versions_[c.id()] = std::string(qgnet::tlsVersion(c));
        protocols_[c.id()] = std::string(qgnet::tlsProtocol(c));
        return {};
    }
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        std::lock_guard lock(mu_);
        auto& rx = received_[c.id()];
        rx.insert(rx.end(), b.begin(), b.end());
        return qgnet::Action::None;
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        RecordingHandler::onClose(c, reason);
        std::lock_guard lock(mu_);
        reasons_[c.id()] = reason;
        return qgnet::Action::None;
    }
    std::size_t receivedSize(std::uint64_t id) const
    {
        std::lock_guard lock(mu_);
        const auto it = received_.find(id);
        return it == received_.end() ? 0 : it->second.size();
    }
    std::vector<std::byte> received(std::uint64_t id) const
    {
        std::lock_guard lock(mu_);
        const auto it = received_.find(id);
        return it == received_.end() ? std::vector<std::byte>() : it->second;
    }
    std::string version(std::uint64_t id) const
    {
        std::lock_guard lock(mu_);
        return versions_.count(id) ? versions_.at(id) : std::string();
    }
    std::string protocol(std::uint64_t id) const
    {
        std::lock_guard lock(mu_);
        return protocols_.count(id) ? protocols_.at(id) : std::string();
    }
    bool closedWith(std::uint64_t id, std::error_code& reason) const
    {
        std::lock_guard lock(mu_);
        const auto it = reasons_.find(id);
        if (it == reasons_.end())
            return false;
        reason = it->second;
        return true;
    }

private:
    mutable std::mutex mu_;
    std::map<std::uint64_t, std::vector<std::byte>> received_;
    std::map<std::uint64_t, std::string> versions_;
    std::map<std::uint64_t, std::string> protocols_;
    std::map<std::uint64_t, std::error_code> reasons_;
};

/// BulkThenClose writes `size` seeded bytes in onOpen and asks for a graceful close at once.
class BulkThenClose : public RecordingHandler {
public:
    explicit BulkThenClose(std::vector<std::byte> data) : data_(std::move(data)) {}
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        if (c.write(data_))
            ++writeErrors;
        return {.out = {}, .action = qgnet::Action::Close};
    }

private:
    std::vector<std::byte> data_;
};

/// PausingEcho echoes, then pauses reading and asks (through its handle, so on a later loop
/// iteration) to resume: whatever the TLS session holds meanwhile must come out after the resume.
class PausingEcho : public RecordingHandler {
public:
    std::atomic<int> resumeFailures{0};
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        if (!b.empty() && c.write(b))
            ++writeErrors;
        c.pauseRead();
        if (c.handle().resumeRead())
            ++resumeFailures;
        return qgnet::Action::None;
    }
};

/// WakeCounter echoes and counts the onTraffic calls that a wake caused (nothing new to read), and
/// keeps the handle of the last connection it opened.
class WakeCounter : public EchoHandler {
public:
    std::atomic<int> wakes{0};
    std::atomic<bool> waking{false};
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        std::lock_guard lock(handleMu_);
        handle_ = c.handle();
        return EchoHandler::onOpen(c);
    }
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        if (waking.load() && c.inboundBuffered() == 0)
            ++wakes;
        return EchoHandler::onTraffic(c);
    }
    qgnet::ConnHandle handle() const
    {
        std::lock_guard lock(handleMu_);
        return handle_;
    }

private:
    mutable std::mutex handleMu_;
    qgnet::ConnHandle handle_;
};

std::string toStd(const std::vector<std::byte>& v) { return {reinterpret_cast<const char*>(v.data()), v.size()}; }

std::shared_ptr<const qgnet::TlsContext> serverContext(const TestPki& pki, qgnet::TlsServerOptions options = {})
{
    return std::make_shared<const qgnet::TlsContext>(
        qgnet::TlsContext::serverFromPem(pki.serverCert, pki.serverKey, options));
}

std::shared_ptr<const qgnet::TlsContext> clientContext(const TestPki& pki, qgnet::TlsClientOptions options = {})
{
    if (options.caPem.empty())
        options.caPem = pki.caCert;
    return std::make_shared<const qgnet::TlsContext>(qgnet::TlsContext::client(options));
}

bool writeFile(const QString& path, const std::string& text)
{
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

} // namespace

class TstTls : public QObject {
    Q_OBJECT

private:
    TestPki pki_;
    LeakBaseline baseline_;

    qgnet::Options serverOptions(const std::shared_ptr<CaptureLogger>& log, int loops = 2)
    {
        return {.numEventLoop = loops, .logger = log, .tls = serverContext(pki_)};
    }

    // Dials and echoes size bytes through an open client connection; "" on success.
    std::string echoThrough(const qgnet::ConnHandle& handle, ClientSink& sink, std::size_t size, std::uint64_t seed)
    {
        Rng rng(seed);
        const std::vector<std::byte> data = randomBytes(rng, size);
        const std::size_t before = sink.receivedSize(handle.id());
        if (const std::error_code ec = handle.asyncWrite(qgnet::Bytes(data.data(), data.size())))
            return "asyncWrite: " + describe(ec);
        if (!waitFor([&] { return sink.receivedSize(handle.id()) >= before + size; }, 30000ms))
            return "echo of " + std::to_string(size)
                + " bytes incomplete: " + std::to_string(sink.receivedSize(handle.id()) - before);
        const std::vector<std::byte> all = sink.received(handle.id());
        const std::string mismatch = firstMismatch(data, std::span(all).subspan(before));
        return mismatch.empty() ? std::string() : "echo differs: " + mismatch;
    }

private slots:
    void initTestCase()
    {
        pki_ = makeTestPki();
        baseline_ = captureBaseline();
    }

    void cleanupTestCase() { QGNET_VERIFY_NO_LEAKS(baseline_); }

    void init() { QGNET_VERIFY_NO_LIVE_OBJECTS(); }

    // (a) An independent TLS client: QSslSocket verifies the server by name against the test CA.
    void qsslSocketEcho()
    {
        if (!QSslSocket::supportsSsl())
            QFAIL("Qt has no TLS backend (qt6 openssl plugin missing)");
        auto log = std::make_shared<CaptureLogger>();
        EchoHandler echo;
        TestServer testServer;
        QVERIFY2(testServer.start(echo, "tcp", serverOptions(log)), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;
        const quint16 port = server.listenAddresses().at(0).port();

        QSslSocket socket;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setCaCertificates(QSslCertificate::fromData(QByteArray::fromStdString(pki_.caCert)));
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        socket.setSslConfiguration(config);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, QStringLiteral("localhost"));
        QVERIFY2(socket.waitForEncrypted(20000), qPrintable(socket.errorString()));
        // (The server opens once the client's Finished arrives: Qt sends it from its event loop.)
        QTRY_COMPARE_WITH_TIMEOUT(echo.opened.load(), 1, 10000);

        Rng rng(seedFor("tls.qsslsocket"));
        for (const std::size_t size :
            {std::size_t(1), std::size_t(100), std::size_t(16383), std::size_t(16384), std::size_t(16385),
                std::size_t(65536), std::size_t(65537), std::size_t(200000), std::size_t(1) << 20}) {
            const std::vector<std::byte> data = randomBytes(rng, size);
            QCOMPARE(socket.write(reinterpret_cast<const char*>(data.data()), static_cast<qint64>(size)),
                static_cast<qint64>(size));
            QByteArray got;
            const auto deadline = deadlineIn(30s);
            while (static_cast<std::size_t>(got.size()) < size && Clock::now() < deadline) {
                if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(1000)
                    && socket.state() != QAbstractSocket::ConnectedState)
                    break;
                got += socket.readAll();
            }
            QVERIFY2(static_cast<std::size_t>(got.size()) == size,
                qPrintable(QStringLiteral("size %1: received %2 bytes; %3")
                               .arg(size)
                               .arg(got.size())
                               .arg(socket.errorString())));
            const std::string mismatch = firstMismatch(data, std::as_bytes(std::span(got.constData(), got.size())));
            QVERIFY2(mismatch.empty(), mismatch.c_str());
        }
        socket.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(echo.closed.load(), 1, 10000);
        QCOMPARE(echo.writeErrors.load(), 0);
        server.stop();
    }

    // (b) qgnet Client -> qgnet server, verified against the test CA, by name (SNI + host check)
    // and by IP address; ALPN negotiated; then a mismatching name and an unknown CA.
    void clientVerifiesServer()
    {
        auto log = std::make_shared<CaptureLogger>();
        EchoHandler echo;
        qgnet::Engine server;
        std::string err;
        qgnet::Options options = serverOptions(log);
        options.tls = serverContext(pki_, {.alpn = {"qgnet-test/2", "qgnet-test/1"}});
        QGNET_VERIFY_ERR(startEngine(server, echo, "tcp://127.0.0.1:0", options, err), err);
        const std::string port = std::to_string(server.listenAddresses().at(0).port());

        ClientSink sink;
        auto clientLog = std::make_shared<CaptureLogger>();
        qgnet::Client client = qgnet::Client::start(sink,
            {.numEventLoop = 2, .logger = clientLog, .tls = clientContext(pki_, {.alpn = {"qgnet-test/1"}})});

        std::error_code ec;
        // By name: "localhost" is sent as SNI and must match the certificate's DNS entry.
        const qgnet::ConnHandle byName = client.dialAndWait("tcp://localhost:" + port, 10s, ec);
        QVERIFY2(!ec, describe(ec).c_str());
        QCOMPARE(sink.version(byName.id()), std::string("TLSv1.3"));
        QCOMPARE(sink.protocol(byName.id()), std::string("qgnet-test/1"));
        for (const std::size_t size : {std::size_t(1), std::size_t(70000), std::size_t(1) << 20}) {
            const std::string failure = echoThrough(byName, sink, size, seedFor("tls.byName", size));
            QVERIFY2(failure.empty(), failure.c_str());
        }
        // By address: checked against the certificate's IP entry.
        const qgnet::ConnHandle byIp = client.dialAndWait("tcp://127.0.0.1:" + port, 10s, ec);
        QVERIFY2(!ec, describe(ec).c_str());
        const std::string failure = echoThrough(byIp, sink, 5000, seedFor("tls.byIp"));
        QVERIFY2(failure.empty(), failure.c_str());
        QCOMPARE(sink.opened.load(), 2);
        QGNET_WAIT_COMPARE(echo.opened.load(), 2, 10000);

        // A fixed server name that the certificate does not carry.
        ClientSink wrongSink;
        auto wrongLog = std::make_shared<CaptureLogger>();
        qgnet::Client wrong = qgnet::Client::start(wrongSink,
            {.logger = wrongLog, .tls = clientContext(pki_, {.serverName = "not-localhost.example"})});
        const qgnet::ConnHandle refused = wrong.dialAndWait("tcp://127.0.0.1:" + port, 10s, ec);
        QVERIFY(refused.isEmpty());
        QVERIFY2(ec == qgnet::Errc::TlsVerifyFailed, describe(ec).c_str());
        QVERIFY2(wrongLog->contains("hostname mismatch"), wrongLog->all().c_str());
        QCOMPARE(wrongSink.opened.load(), 0);
        QCOMPARE(wrongSink.closed.load(), 0);

        // A CA that did not sign the server's certificate.
        ClientSink strangerSink;
        auto strangerLog = std::make_shared<CaptureLogger>();
        qgnet::Client stranger = qgnet::Client::start(strangerSink,
            {.logger = strangerLog, .tls = clientContext(pki_, {.caPem = pki_.strangerCaCert})});
        QVERIFY(stranger.dialAndWait("tcp://localhost:" + port, 10s, ec).isEmpty());
        QVERIFY2(ec == qgnet::Errc::TlsVerifyFailed, describe(ec).c_str());
        QVERIFY2(strangerLog->contains("certificate verification failed"), strangerLog->all().c_str());

        // No protocol in common: the server refuses (RFC 7301's no_application_protocol alert).
        ClientSink alpnSink;
        auto alpnLog = std::make_shared<CaptureLogger>();
        qgnet::Client alpn = qgnet::Client::start(alpnSink,
            {.logger = alpnLog, .tls = clientContext(pki_, {.alpn = {"qgnet-test/9"}})});
        QVERIFY(alpn.dialAndWait("tcp://localhost:" + port, 10s, ec).isEmpty());
        QVERIFY2(ec == qgnet::Errc::TlsHandshakeFailed, describe(ec).c_str());
        QVERIFY2(alpnLog->contains("no application protocol"), alpnLog->all().c_str());
        QGNET_WAIT_VERIFY(log->contains("no application protocol"), 10000);

        // The server never showed the refused handshakes to its handler; it logged them.
        QGNET_WAIT_VERIFY(log->count("did not complete") >= 3, 10000);
        QCOMPARE(echo.opened.load(), 2);
        // The first connection still echoes.
        const std::string after = echoThrough(byName, sink, 3000, seedFor("tls.after"));
        QVERIFY2(after.empty(), after.c_str());

        wrong.stop();
        stranger.stop();
        alpn.stop();
        client.stop();
        QGNET_WAIT_COMPARE(echo.closed.load(), 2, 10000);
        server.stop();
        QCOMPARE(echo.writeErrors.load(), 0);
    }

    // (c) Plaintext on the TLS port: each such connection is closed without onOpen and logged with
    // OpenSSL's reason; a TLS connection of the same loop keeps echoing before, between and after.
    void plaintextOnTlsPortClosesOnlyThatConnection()
    {
        auto log = std::make_shared<CaptureLogger>();
        EchoHandler echo;
        TestServer testServer;
        QVERIFY2(testServer.start(echo, "tcp", serverOptions(log, 1)), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;
        const std::uint16_t port = server.listenAddresses().at(0).port();

        ClientSink sink;
        qgnet::Client client = qgnet::Client::start(sink, {.tls = clientContext(pki_)});
        std::error_code ec;
        const qgnet::ConnHandle good = client.dialAndWait("tcp://localhost:" + std::to_string(port), 10s, ec);
        QVERIFY2(!ec, describe(ec).c_str());
        std::string failure = echoThrough(good, sink, 10000, seedFor("tls.garbage", 0));
        QVERIFY2(failure.empty(), failure.c_str());

        Rng rng(seedFor("tls.garbage.bytes"));
        const std::vector<std::byte> noise = randomBytes(rng, 4096);
        const std::string http = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
        const std::vector<std::string> inputs = {http, toStd(noise)};
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            Fd plain = connectTcp("127.0.0.1", port, deadlineIn(10s), err);
            QVERIFY2(plain, err.c_str());
            QVERIFY2(sendAll(plain.get(), inputs[i], deadlineIn(10s), err), err.c_str());
            std::vector<std::byte> answer; // at most an alert record
            const ReadEnd end = drainUntilEnd(plain.get(), answer, deadlineIn(20s), err);
            QVERIFY2(end == ReadEnd::Eof || end == ReadEnd::Reset, (std::string(toString(end)) + " " + err).c_str());
            QVERIFY2(answer.size() < 64, ("answered " + std::to_string(answer.size()) + " bytes").c_str());
            failure = echoThrough(good, sink, 20000, seedFor("tls.garbage", i + 1));
            QVERIFY2(failure.empty(), failure.c_str());
        }
        QGNET_WAIT_COMPARE(log->count("did not complete: TLS handshake failed"), 2, 10000);
        QVERIFY2(log->contains("http request"), log->all().c_str()); // OpenSSL recognises the HTTP request
        QCOMPARE(echo.opened.load(), 1);
        QCOMPARE(echo.closed.load(), 0);
        client.stop();
        server.stop();
    }

    // (d) Many concurrent TLS connections, each echoing a few blocks byte-exact.
    void manyConnections()
    {
        auto log = std::make_shared<CaptureLogger>();
        EchoHandler echo;
        TestServer testServer;
        QVERIFY2(testServer.start(echo, "tcp", serverOptions(log, 2)), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;
        const std::string url = "tcp://localhost:" + std::to_string(server.listenAddresses().at(0).port());

        ClientSink sink;
        qgnet::Client client = qgnet::Client::start(sink, {.numEventLoop = 2, .tls = clientContext(pki_)});
        const std::size_t n = scaled(200, 20);
        std::mutex mu;
        std::vector<qgnet::ConnHandle> handles;
        std::vector<std::string> dialErrors;
        for (std::size_t i = 0; i < n; ++i) {
            const std::error_code queued = client.dial(url, 30s, [&](qgnet::Conn* c, std::error_code ec) {
                std::lock_guard lock(mu);
                if (c && !ec)
                    handles.push_back(c->handle());
                else
                    dialErrors.push_back(describe(ec));
            });
            QVERIFY2(!queued, describe(queued).c_str());
        }
        QGNET_WAIT_VERIFY(([&] {
            std::lock_guard lock(mu);
            return handles.size() + dialErrors.size() == n;
        }()),
            60000);
        QVERIFY2(dialErrors.empty(), joinLines(dialErrors).c_str());

        std::vector<std::vector<std::byte>> expected(n);
        for (int round = 0; round < 3; ++round) {
            for (std::size_t i = 0; i < n; ++i) {
                Rng rng(seedFor("tls.many", i * 3 + static_cast<std::size_t>(round)));
                const std::vector<std::byte> block = randomBytes(rng, logUniformSize(rng, 1, 64 * 1024));
                expected[i].insert(expected[i].end(), block.begin(), block.end());
                const std::error_code ec = handles[i].asyncWrite(qgnet::Bytes(block.data(), block.size()));
                QVERIFY2(!ec, describe(ec).c_str());
            }
        }
        QGNET_WAIT_VERIFY(([&] {
            for (std::size_t i = 0; i < n; ++i)
                if (sink.receivedSize(handles[i].id()) < expected[i].size())
                    return false;
            return true;
        }()),
            120000);
        for (std::size_t i = 0; i < n; ++i) {
            const std::string mismatch = firstMismatch(expected[i], sink.received(handles[i].id()));
            QVERIFY2(mismatch.empty(), ("connection " + std::to_string(i) + ": " + mismatch).c_str());
        }
        QCOMPARE(echo.opened.load(), static_cast<int>(n));
        client.stop();
        QGNET_WAIT_COMPARE(echo.closed.load(), static_cast<int>(n), 30000);
        server.stop();
        QCOMPARE(echo.writeErrors.load(), 0);
    }

    // (e) Action::Close right after a 4 MiB write, with a small socket send buffer so that most of it
    // is still queued: all of it arrives, then the stream ends with close_notify (not a bare EOF).
    void gracefulCloseSendsEverythingThenCloseNotify()
    {
        Rng rng(seedFor("tls.graceful"));
        const std::vector<std::byte> data = randomBytes(rng, 4u << 20);
        auto log = std::make_shared<CaptureLogger>();
        BulkThenClose handler(data);
        qgnet::Options options = serverOptions(log, 1);
        options.socketSendBuffer = 16 * 1024;
        TestServer testServer;
        QVERIFY2(testServer.start(handler, "tcp", options), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;

        BlockingTlsClient client;
        QVERIFY2(client.connect(server.listenAddresses().at(0).port(), pki_.caCert, err), err.c_str());
        std::vector<std::byte> got;
        const int end = client.readToEnd(got, err);
        QVERIFY2(end == SSL_ERROR_ZERO_RETURN, err.c_str());
        QCOMPARE(got.size(), data.size());
        const std::string mismatch = firstMismatch(data, got);
        QVERIFY2(mismatch.empty(), mismatch.c_str());
        QGNET_WAIT_COMPARE(handler.closed.load(), 1, 10000);
        QVERIFY2(handler.closeReasonMismatches(qgnet::Errc::ClosedByHandler).empty(),
            handler.closeReasonMismatches(qgnet::Errc::ClosedByHandler).c_str());
        QCOMPARE(handler.writeErrors.load(), 0);
        server.stop();
    }

    // The peer half-closes with close_notify after sending 1 MiB: the server echoes all of it (its
    // output drains), then answers with its own close_notify; onClose says PeerClosed.
    void peerCloseNotifyDrainsThenAnswers()
    {
        Rng rng(seedFor("tls.halfclose"));
        const std::vector<std::byte> data = randomBytes(rng, 1u << 20);
        auto log = std::make_shared<CaptureLogger>();
        EchoHandler echo;
        TestServer testServer;
        QVERIFY2(testServer.start(echo, "tcp", serverOptions(log, 1)), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;

        BlockingTlsClient client;
        QVERIFY2(client.connect(server.listenAddresses().at(0).port(), pki_.caCert, err), err.c_str());
        QVERIFY2(client.writeAll(data, err), err.c_str());
        client.sendCloseNotify();
        std::vector<std::byte> got;
        const int end = client.readToEnd(got, err);
        QVERIFY2(end == SSL_ERROR_ZERO_RETURN, err.c_str());
        const std::string mismatch = firstMismatch(data, got);
        QVERIFY2(mismatch.empty(), mismatch.c_str());
        QGNET_WAIT_COMPARE(echo.closed.load(), 1, 10000);
        QVERIFY2(echo.closeReasonMismatches(qgnet::Errc::PeerClosed).empty(),
            echo.closeReasonMismatches(qgnet::Errc::PeerClosed).c_str());
        server.stop();
    }

    // pauseRead/resumeRead in every onTraffic of a bulk echo: what the TLS session holds while
    // paused (ciphertext, decrypted bytes) is delivered after each resume, nothing lost or reordered.
    void pauseAndResumeLoseNothing()
    {
        auto log = std::make_shared<CaptureLogger>();
        PausingEcho echo;
        TestServer testServer;
        QVERIFY2(testServer.start(echo, "tcp", serverOptions(log, 1)), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;
        ClientSink sink;
        qgnet::Client client = qgnet::Client::start(sink, {.tls = clientContext(pki_)});
        std::error_code ec;
        const qgnet::ConnHandle handle = client.dialAndWait("tcp://localhost:"
                + std::to_string(server.listenAddresses().at(0).port()),
            10s, ec);
        QVERIFY2(!ec, describe(ec).c_str());
        for (const std::size_t size : {std::size_t(100), std::size_t(3) << 20}) {
            const std::string failure = echoThrough(handle, sink, size, seedFor("tls.pause", size));
            QVERIFY2(failure.empty(), failure.c_str());
        }
        QVERIFY(echo.trafficCalls.load() > 1);
        QCOMPARE(echo.resumeFailures.load(), 0);
        client.stop();
        server.stop();
    }

    // TLS on every stream transport and topology: tcp (reuseport) and unix (through the acceptor),
    // level- and edge-triggered, with the name checked from TlsClientOptions::serverName (a unix://
    // URL has no host).
    void transportsAndModes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const bool edge : {false, true}) {
            for (const bool unixSocket : {false, true}) {
                auto log = std::make_shared<CaptureLogger>();
                EchoHandler echo;
                qgnet::Options options = serverOptions(log, 2);
                options.edgeTriggeredIO = edge;
                options.reusePort = !unixSocket;
                const std::string listen = unixSocket
                    ? "unix://" + dir.filePath(QStringLiteral("tls-%1.sock").arg(edge)).toStdString()
                    : std::string("tcp://127.0.0.1:0");
                TestServer testServer;
                QVERIFY2(testServer.start(echo, listen, options), testServer.error());
                qgnet::Engine& server = testServer.engine();
                std::string err;
                ClientSink sink;
                qgnet::Client client = qgnet::Client::start(sink,
                    {.tls = clientContext(pki_, {.serverName = "localhost"})});
                std::error_code ec;
                const qgnet::ConnHandle handle = client.dialAndWait(server.listenUrls().at(0), 10s, ec);
                QVERIFY2(!ec, (server.listenUrls().at(0) + ": " + describe(ec) + "\n" + log->all()).c_str());
                for (const std::size_t size : {std::size_t(7), std::size_t(1) << 20}) {
                    const std::string failure = echoThrough(handle, sink, size, seedFor("tls.modes", size + edge));
                    QVERIFY2(failure.empty(), (listen + (edge ? " ET: " : " LT: ") + failure).c_str());
                }
                client.stop();
                QGNET_WAIT_COMPARE(echo.closed.load(), 1, 10000);
                QVERIFY2(echo.closeReasonMismatches(qgnet::Errc::PeerClosed).empty(),
                    echo.closeReasonMismatches(qgnet::Errc::PeerClosed).c_str());
                server.stop();
            }
        }
    }

    // (f) Validation: clear errors at the call, never a half-started engine.
    void validation()
    {
        EchoHandler handler;
        // TLS with a UDP listener: no DTLS.
        try {
            qgnet::Engine e = qgnet::Engine::start(handler,
                std::vector<std::string>{"tcp://127.0.0.1:0", "udp://127.0.0.1:0"}, {.tls = serverContext(pki_)});
            QFAIL("a UDP listener with TLS was accepted");
        } catch (const qgnet::Error& e) {
            QCOMPARE(e.code(), std::error_code(qgnet::Errc::InvalidOption));
            QVERIFY2(std::string(e.what()).find("udp://127.0.0.1:0") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find("DTLS") != std::string::npos, e.what());
        }
        // The wrong side's context.
        try {
            qgnet::Engine e = qgnet::Engine::start(handler, "tcp://127.0.0.1:0", {.tls = clientContext(pki_)});
            QFAIL("a client context was accepted by a server");
        } catch (const qgnet::Error& e) {
            QCOMPARE(e.code(), std::error_code(qgnet::Errc::InvalidOption));
        }
        try {
            qgnet::Client c = qgnet::Client::start(handler, {.tls = serverContext(pki_)});
            QFAIL("a server context was accepted by a client");
        } catch (const qgnet::Error& e) {
            QCOMPARE(e.code(), std::error_code(qgnet::Errc::InvalidOption));
        }
        // A TLS client cannot dial UDP.
        {
            qgnet::Client c = qgnet::Client::start(handler, {.tls = clientContext(pki_)});
            std::error_code ec;
            QVERIFY(c.dialAndWait("udp://127.0.0.1:9", 5s, ec).isEmpty());
            QVERIFY2(ec == qgnet::Errc::UnsupportedProtocol, describe(ec).c_str());
        }

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString cert = dir.filePath("cert.pem"), key = dir.filePath("key.pem"), other = dir.filePath("other.pem"),
                      junk = dir.filePath("junk.pem");
        QVERIFY(writeFile(cert, pki_.serverCert) && writeFile(key, pki_.serverKey) && writeFile(other, pki_.otherKey)
            && writeFile(junk, "not a PEM file\n"));
        // Files that load: a context, and an engine that serves with it.
        {
            auto ctx = std::make_shared<const qgnet::TlsContext>(
                qgnet::TlsContext::server(cert.toStdString(), key.toStdString()));
            QVERIFY(ctx->isServer());
        }
        const auto expectError = [](const std::function<void()>& make, const std::vector<std::string>& needles) {
            try {
                make();
            } catch (const qgnet::Error& e) {
                if (e.code() != qgnet::Errc::TlsError)
                    return std::string("code ") + describe(e.code()) + ": " + e.what();
                for (const auto& needle : needles)
                    if (std::string(e.what()).find(needle) == std::string::npos)
                        return std::string("'") + needle + "' missing from: " + e.what();
                return std::string();
            }
            return std::string("no exception");
        };
        const std::string missing = dir.filePath("missing.pem").toStdString();
        std::string r = expectError([&] { (void)qgnet::TlsContext::server(missing, key.toStdString()); },
            {"cannot load the certificate chain", missing, "No such file"});
        QVERIFY2(r.empty(), r.c_str());
        r = expectError([&] { (void)qgnet::TlsContext::server(junk.toStdString(), key.toStdString()); },
            {"cannot load the certificate chain", "no start line"});
        QVERIFY2(r.empty(), r.c_str());
        r = expectError([&] { (void)qgnet::TlsContext::server(cert.toStdString(), missing); },
            {"cannot load the private key", missing});
        QVERIFY2(r.empty(), r.c_str());
        r = expectError([&] { (void)qgnet::TlsContext::server(cert.toStdString(), other.toStdString()); },
            {"does not match"});
        QVERIFY2(r.empty(), r.c_str());
        r = expectError([&] { (void)qgnet::TlsContext::serverFromPem("junk", pki_.serverKey); }, {"certificate PEM"});
        QVERIFY2(r.empty(), r.c_str());
        r = expectError([&] { (void)qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.otherKey); },
            {"does not match"});
        QVERIFY2(r.empty(), r.c_str());
        r = expectError([&] { (void)qgnet::TlsContext::client({.caFile = missing}); },
            {"cannot load the CA file", missing});
        QVERIFY2(r.empty(), r.c_str());
        r = expectError([&] { (void)qgnet::TlsContext::client({.caPem = "junk"}); }, {"caPem"});
        QVERIFY2(r.empty(), r.c_str());
    }

    // A peer that connects and never speaks is cut off at the handshake timeout, without onOpen.
    // A TLS stream that ends without close_notify is cut short: after a whole record (the peer shuts
    // down its socket) or in the middle of one (half a record header and body, then EOF). onClose must
    // say TlsTruncated; PeerClosed would claim a clean end.
    void truncatedStreamIsNotPeerClosed_data()
    {
        QTest::addColumn<bool>("midRecord");
        QTest::newRow("after-record") << false;
        QTest::newRow("mid-record") << true;
    }
    void truncatedStreamIsNotPeerClosed()
    {
        QFETCH(bool, midRecord);
        auto log = std::make_shared<CaptureLogger>();
        EchoHandler echo;
        TestServer testServer;
        QVERIFY2(testServer.start(echo, "tcp", serverOptions(log, 1)), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;
        BlockingTlsClient client;
        QVERIFY2(client.connect(server.listenAddresses().at(0).port(), pki_.caCert, err), err.c_str());
        Rng rng(seedFor("tls.truncated", midRecord));
        const std::vector<std::byte> data = randomBytes(rng, 1000);
        QVERIFY2(client.writeAll(data, err), err.c_str());
        std::vector<std::byte> got;
        QVERIFY2(client.readExact(got, data.size(), err), err.c_str());
        QCOMPARE(qba(got), qba(data));
        if (midRecord) {
            // An application-data record header announcing 512 bytes, and only 100 of them.
            std::vector<std::byte> part(5 + 100, std::byte{0x5a});
            part[0] = std::byte{0x17};
            part[1] = std::byte{0x03};
            part[2] = std::byte{0x03};
            part[3] = std::byte{0x02};
            part[4] = std::byte{0x00};
            QVERIFY2(sendAll(client.fd(), part, deadlineIn(10s), err), err.c_str());
        }
        QCOMPARE(::shutdown(client.fd(), SHUT_WR), 0); // EOF without close_notify
        QGNET_WAIT_COMPARE(echo.closed.load(), 1, 10000);
        QVERIFY2(echo.closeReasonMismatches(qgnet::Errc::TlsTruncated).empty(),
            echo.closeReasonMismatches(qgnet::Errc::TlsTruncated).c_str());
        server.stop();
    }

    // ConnHandle::wake runs onTraffic over what is buffered, on a TLS connection as on a plain one,
    // and is not counted as a read (LoopStats::reads, bytesIn).
    void wakeReachesOnTraffic_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("plain") << false;
        QTest::newRow("tls") << true;
    }
    void wakeReachesOnTraffic()
    {
        QFETCH(bool, tls);
        auto log = std::make_shared<CaptureLogger>();
        WakeCounter handler;
        qgnet::Options options = serverOptions(log, 1);
        if (!tls)
            options.tls.reset();
        TestServer testServer;
        QVERIFY2(testServer.start(handler, "tcp", options), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;
        ClientSink sink;
        qgnet::Client client = qgnet::Client::start(sink, {.tls = tls ? clientContext(pki_) : nullptr});
        std::error_code ec;
        const qgnet::ConnHandle handle = client.dialAndWait("tcp://localhost:"
                + std::to_string(server.listenAddresses().at(0).port()),
            10s, ec);
        QVERIFY2(!ec, describe(ec).c_str());
        const std::string failure = echoThrough(handle, sink, 100, seedFor("tls.wake", tls));
        QVERIFY2(failure.empty(), failure.c_str());
        QGNET_WAIT_VERIFY(!handler.handle().isEmpty(), 10000);
        const qgnet::LoopStats before = server.snapshot().loops.at(0);
        handler.waking = true;
        constexpr int kWakes = 3;
        std::atomic<int> callbacks{0};
        for (int i = 0; i < kWakes; ++i)
            QVERIFY(
                !handler.handle().wake([&callbacks](qgnet::Conn*, std::error_code e) { callbacks += e ? 100 : 1; }));
        QGNET_WAIT_COMPARE(callbacks.load(), kWakes, 10000);
        QCOMPARE(handler.wakes.load(), kWakes);
        const qgnet::LoopStats after = server.snapshot().loops.at(0);
        QCOMPARE(after.reads, before.reads);
        QCOMPARE(after.bytesIn, before.bytesIn);
        client.stop();
        server.stop();
    }

    void handshakeTimeout()
    {
        auto log = std::make_shared<CaptureLogger>();
        EchoHandler echo;
        qgnet::Options options = serverOptions(log, 1);
        options.tls = serverContext(pki_, {.handshakeTimeout = 200ms});
        TestServer testServer;
        QVERIFY2(testServer.start(echo, "tcp", options), testServer.error());
        qgnet::Engine& server = testServer.engine();
        std::string err;
        Fd silent = connectTcp("127.0.0.1", server.listenAddresses().at(0).port(), deadlineIn(10s), err);
        QVERIFY2(silent, err.c_str());
        QCOMPARE(waitForEnd(silent.get(), deadlineIn(20s), err), ReadEnd::Eof);
        QVERIFY2(log->contains("did not complete: TLS handshake timed out"), log->all().c_str());
        QCOMPARE(echo.opened.load(), 0);
        QCOMPARE(echo.closed.load(), 0);
        server.stop();
    }
};

QGNET_TEST_MAIN(TstTls)
#include "tst_tls.moc"
