// SPDX-License-Identifier: Apache-2.0
// ConnectionStats::tls (qgnet/stats.h): what a snapshot tells about a TLS connection, over real
// sockets, on the backend QGNET_BACKEND names (core.tls_details and core.tls_details.io_uring). A
// qgnet Client dials a qgnet TLS server by name with ALPN; both engines' snapshots show TLSv1.3, a
// cipher, the ALPN protocol and the SNI name as the client set them. The client's side shows the
// server's certificate (subject and notAfter, compared with the certificate itself). The server's
// side shows no peer certificate: qgnet has no client certificates (TlsContext: "What is not
// supported"), so that is asserted as the documented state. A plain connection has no TLS part.
#include <QTest>

#include <ctime>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "engine_test_case.h"
#include "qgnet/client.h"
#include "qgnet/stats.h"
#include "qgnet/tls.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

// notAfterOf reads a PEM certificate's expiry, independently of the engine's code.
std::chrono::system_clock::time_point notAfterOf(const std::string& pem)
{
    std::unique_ptr<BIO, pki_detail::BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    pki_detail::Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    std::tm tm{};
    if (!cert || ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &tm) != 1)
        return {};
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

const qgnet::ConnectionStats* onlyConnection(const qgnet::EngineSnapshot& s)
{
    return s.connections.size() == 1 ? &s.connections.front() : nullptr;
}

} // namespace

class TestTlsDetails : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { pki_ = makeTestPki(); }
    void bothSidesShowTheSession();
    void plainConnectionHasNoTls();

private:
    TestPki pki_;
};

void TestTlsDetails::bothSidesShowTheSession()
{
    EchoHandler echo;
    qgnet::Options options;
    options.numEventLoop = 2;
    options.tls = std::make_shared<const qgnet::TlsContext>(
        qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey, {.alpn = {"qgnet-test/2", "qgnet-test/1"}}));
    TestServer server;
    QVERIFY2(server.start(echo, "tcp", options), server.error());
    const std::string port = std::to_string(server.engine().listenAddresses().at(0).port());

    RecordingHandler sink;
    qgnet::Client client = qgnet::Client::start(sink,
        {.numEventLoop = 1,
            .tls = std::make_shared<const qgnet::TlsContext>(
                qgnet::TlsContext::client({.caPem = pki_.caCert, .alpn = {"qgnet-test/1"}}))});
    std::error_code ec;
    const qgnet::ConnHandle handle = client.dialAndWait("tcp://localhost:" + port, 10s, ec);
    QVERIFY2(!ec, ec.message().c_str());
    QGNET_WAIT_COMPARE(echo.opened.load(), 1, 10000);

    const auto serverSide = server.engine().snapshot();
    const qgnet::ConnectionStats* s = onlyConnection(serverSide);
    QVERIFY(s);
    QVERIFY(s->tls.has_value());
    QCOMPARE(s->tls->version, std::string("TLSv1.3"));
    QVERIFY(!s->tls->cipher.empty());
    QCOMPARE(s->tls->alpn, std::string("qgnet-test/1"));
    QCOMPARE(s->tls->serverName, std::string("localhost")); // the SNI the client sent
    QVERIFY(s->tls->peerSubject.empty());                   // no client certificates in qgnet
    QVERIFY(s->tls->peerNotAfter == std::chrono::system_clock::time_point{});

    const auto clientSide = client.engine().snapshot();
    const qgnet::ConnectionStats* c = onlyConnection(clientSide);
    QVERIFY(c);
    QCOMPARE(c->id, handle.id());
    QVERIFY(c->client);
    QVERIFY(c->tls.has_value());
    QCOMPARE(c->tls->version, std::string("TLSv1.3"));
    QCOMPARE(c->tls->cipher, s->tls->cipher); // one session, two ends
    QCOMPARE(c->tls->alpn, std::string("qgnet-test/1"));
    QCOMPARE(c->tls->serverName, std::string("localhost")); // the SNI it asked for
    QCOMPARE(c->tls->peerSubject, std::string("CN=localhost"));
    const auto expected = notAfterOf(pki_.serverCert);
    QVERIFY(expected != std::chrono::system_clock::time_point{});
    QVERIFY(c->tls->peerNotAfter == expected);

    client.stop();
    QGNET_WAIT_COMPARE(echo.closed.load(), 1, 10000);
    server.engine().stop();
}

void TestTlsDetails::plainConnectionHasNoTls()
{
    EchoHandler echo;
    TestServer server;
    QVERIFY2(server.start(echo, "tcp", {}), server.error());
    std::string err;
    Fd c = connectTo(server.engine().listenAddresses().at(0), deadlineIn(10s), err);
    QVERIFY2(c, err.c_str());
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "plain", deadlineIn(10s), err), err);
    const auto s = server.engine().snapshot();
    const qgnet::ConnectionStats* conn = onlyConnection(s);
    QVERIFY(conn);
    QVERIFY(!conn->tls.has_value());
    c.reset();
    server.engine().stop();
}

QGNET_TEST_MAIN(TestTlsDetails)
#include "tst_tls_details.moc"
