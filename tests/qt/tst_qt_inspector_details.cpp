// SPDX-License-Identifier: Apache-2.0
// The inspector's TLS details and stall log on the Qt side: ConnectionTlsDetails, the ConnectionModel's
// TLS column, StallModel and LoopModel::stallsGrew, fed by a live TLS QtServer (real sockets, a
// QSslSocket client that sets SNI and ALPN) in this process and through an InspectorEndpoint and
// RemoteStatsFeed; and the wire form of both (snapshot_codec), including a frame of an older peer
// that has neither.
#include <QCborArray>
#include <QSet>
#include <QSignalSpy>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstring>

#include <qgnet/conn.h>
#include <qgnet/qt/connection_model.h>
#include <qgnet/qt/connection_tls_details.h>
#include <qgnet/qt/inspector_endpoint.h>
#include <qgnet/qt/loop_model.h>
#include <qgnet/qt/qt_server.h>
#include <qgnet/qt/remote_stats_feed.h>
#include <qgnet/qt/snapshot_codec.h>
#include <qgnet/qt/stall_model.h>
#include <qgnet/qt/stats_feed.h>
#include <qgnet/tls.h>

#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

const QString Token = QStringLiteral("inspector-details-token");

// A hand-built snapshot: one TLS connection and two stalls on two loops.
qgnet::EngineSnapshot sampleSnapshot()
{
    qgnet::EngineSnapshot s;
    s.loops.resize(2);
    s.loops[1].index = 1;
    qgnet::ConnectionStats c;
    c.id = 7;
    c.loop = 1;
    c.tls = qgnet::ConnectionTls{.version = "TLSv1.3",
        .cipher = "TLS_AES_128_GCM_SHA256",
        .alpn = "h2",
        .serverName = "example.org",
        .peerSubject = "CN=example.org,O=Example",
        .peerNotAfter = std::chrono::system_clock::time_point(std::chrono::seconds(1900000000))};
    s.connections.push_back(c);
    qgnet::ConnectionStats plain;
    plain.id = 8;
    s.connections.push_back(plain);
    s.stalls.push_back(qgnet::LoopStall{.sequence = 1,
        .time = std::chrono::system_clock::time_point(std::chrono::seconds(1800000000)),
        .loop = 1,
        .iteration = 42ms,
        .callback = qgnet::StallCallback::OnTraffic,
        .callbackTime = 40ms,
        .connectionId = 7});
    s.stalls.push_back(qgnet::LoopStall{.sequence = 2,
        .time = {},
        .loop = 0,
        .iteration = 30ms,
        .callback = qgnet::StallCallback::TlsHandshake,
        .callbackTime = 0ms,
        .connectionId = 9});
    s.stallsDropped = 3;
    s.stallThreshold = 25ms;
    return s;
}

// busyWait keeps the loop thread on the CPU (a stall is work, not sleep).
void busyWait(std::chrono::milliseconds howLong)
{
    const auto until = std::chrono::steady_clock::now() + howLong;
    while (std::chrono::steady_clock::now() < until) {}
}

int stallRowFor(const qgnet::StallModel& model, quint64 id)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const auto at = [&](int column) { return model.data(model.index(r, column), qgnet::SnapshotModel::SortRole); };
        if (at(qgnet::StallModel::Callback).toString() == QLatin1String("onTraffic")
            && at(qgnet::StallModel::Connection).toULongLong() == id)
            return r;
    }
    return -1;
}

} // namespace

class TestQtInspectorDetails : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;
    TestPki pki_;

private Q_SLOTS:
    void initTestCase() { pki_ = makeTestPki(); }
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }

    void codecCarriesTlsAndStalls();
    void olderPeerFrameDecodesEmpty();
    void codecRefusesBadStalls();
    void liveTlsServerLocalAndRemote();
};

void TestQtInspectorDetails::codecCarriesTlsAndStalls()
{
    const qgnet::EngineSnapshot in = sampleSnapshot();
    QString error;
    const auto out = qgnet::snapshotFromCbor(qgnet::snapshotToCbor(in), &error);
    QVERIFY2(out, qPrintable(error));
    QCOMPARE(out->connections.size(), std::size_t(2));
    QVERIFY(out->connections[0].tls.has_value());
    const qgnet::ConnectionTls& t = *out->connections[0].tls;
    QCOMPARE(t.version, std::string("TLSv1.3"));
    QCOMPARE(t.cipher, std::string("TLS_AES_128_GCM_SHA256"));
    QCOMPARE(t.alpn, std::string("h2"));
    QCOMPARE(t.serverName, std::string("example.org"));
    QCOMPARE(t.peerSubject, std::string("CN=example.org,O=Example"));
    QVERIFY(t.peerNotAfter == in.connections[0].tls->peerNotAfter);
    QVERIFY(!out->connections[1].tls.has_value());
    QCOMPARE(out->stalls.size(), std::size_t(2));
    for (std::size_t i = 0; i < 2; ++i) {
        const qgnet::LoopStall& a = in.stalls[i];
        const qgnet::LoopStall& b = out->stalls[i];
        QCOMPARE(b.sequence, a.sequence);
        QVERIFY(b.time == a.time);
        QCOMPARE(b.loop, a.loop);
        QVERIFY(b.iteration == a.iteration);
        QVERIFY(b.callback == a.callback);
        QVERIFY(b.callbackTime == a.callbackTime);
        QCOMPARE(b.connectionId, a.connectionId);
    }
    QCOMPARE(out->stallsDropped, std::uint64_t(3));
    QVERIFY(out->stallThreshold == std::chrono::nanoseconds(25ms));
}

// A peer from before these keys: no "tls", no "stalls", no threshold. Everything reads as empty.
void TestQtInspectorDetails::olderPeerFrameDecodesEmpty()
{
    QCborMap m = qgnet::snapshotToCbor(sampleSnapshot());
    for (const char* key : {"stalls", "stallsDropped", "stallThresholdNs"})
        m.remove(QLatin1String(key));
    QCborArray connections = m.value(QStringLiteral("connections")).toArray();
    for (qsizetype i = 0; i < connections.size(); ++i) {
        QCborMap c = connections.at(i).toMap();
        c.remove(QStringLiteral("tls"));
        connections[i] = c;
    }
    m.insert(QStringLiteral("connections"), connections);
    QString error;
    const auto out = qgnet::snapshotFromCbor(m, &error);
    QVERIFY2(out, qPrintable(error));
    QVERIFY(out->stalls.empty());
    QCOMPARE(out->stallsDropped, std::uint64_t(0));
    QVERIFY(out->stallThreshold == std::chrono::nanoseconds(0));
    for (const auto& c : out->connections)
        QVERIFY(!c.tls.has_value());
    // The StallModel shows no threshold for such a peer, and so paints nothing red.
    qgnet::StallModel model;
    model.applySnapshot(std::make_shared<const qgnet::EngineSnapshot>(*out));
    QCOMPARE(model.thresholdMs(), 0.0);
}

void TestQtInspectorDetails::codecRefusesBadStalls()
{
    QString error;
    qgnet::EngineSnapshot s = sampleSnapshot();
    s.stalls[0].loop = 5; // two loops
    QVERIFY(!qgnet::snapshotFromCbor(qgnet::snapshotToCbor(s), &error));
    QVERIFY2(error.contains(QLatin1String("stall")), qPrintable(error));

    QCborMap m = qgnet::snapshotToCbor(sampleSnapshot());
    QCborArray stalls = m.value(QStringLiteral("stalls")).toArray();
    QCborMap first = stalls.at(0).toMap();
    first.insert(QStringLiteral("callback"), QString(qgnet::MaxSnapshotText + 1, QLatin1Char('x')));
    stalls[0] = first;
    m.insert(QStringLiteral("stalls"), stalls);
    QVERIFY(!qgnet::snapshotFromCbor(m, &error));

    m = qgnet::snapshotToCbor(sampleSnapshot());
    QCborArray connections = m.value(QStringLiteral("connections")).toArray();
    QCborMap c = connections.at(0).toMap();
    QCborMap tls = c.value(QStringLiteral("tls")).toMap();
    tls.insert(QStringLiteral("peerSubject"), QString(qgnet::MaxSnapshotText + 1, QLatin1Char('x')));
    c.insert(QStringLiteral("tls"), tls);
    connections[0] = c;
    m.insert(QStringLiteral("connections"), connections);
    QVERIFY(!qgnet::snapshotFromCbor(m, &error));
    QVERIFY2(error.contains(QLatin1String("TLS")), qPrintable(error));
}

// A TLS QtServer whose handler busy-waits on "stall"; a QSslSocket client with SNI and ALPN. The
// same rows reach models on a LocalStatsFeed and on a RemoteStatsFeed through the endpoint.
void TestQtInspectorDetails::liveTlsServerLocalAndRemote()
{
    if (!QSslSocket::supportsSsl())
        QFAIL("Qt has no TLS backend (qt6 openssl plugin missing)");
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    qgnet::Options options = server.options();
    options.stallThreshold = 10ms;
    options.tls = std::make_shared<const qgnet::TlsContext>(
        qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey, {.alpn = {"qgnet-test/1"}}));
    server.setOptions(options);
    server.setTrafficHandler([](qgnet::Conn& c) {
        const qgnet::Bytes b = c.next();
        if (b.size() >= 5 && std::memcmp(b.data(), "stall", 5) == 0)
            busyWait(60ms);
        c.write(b);
        return qgnet::Action::None;
    });
    QVERIFY(server.start());

    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    QVERIFY2(endpoint.listen(QStringLiteral("tcp://127.0.0.1:0"), Token), qPrintable(endpoint.errorString()));
    qgnet::LocalStatsFeed local;
    qgnet::RemoteStatsFeed remote;
    qgnet::ConnectionModel connections;
    qgnet::LoopModel loops;
    qgnet::StallModel localStalls, remoteStalls;
    qgnet::ConnectionTlsDetails localTls, remoteTls;
    connections.setFeed(&local);
    loops.setFeed(&local);
    localStalls.setFeed(&local);
    remoteStalls.setFeed(&remote);
    localTls.setFeed(&local);
    remoteTls.setFeed(&remote);
    bool sawStallsGrow = false;
    connect(&local, &qgnet::StatsFeed::snapshotReady, this, [&] {
        for (int l = 0; l < loops.rowCount(); ++l)
            sawStallsGrow = sawStallsGrow || loops.stallsGrew(l);
    });
    local.setInterval(20);
    remote.setInterval(20);
    local.setServer(&server);
    remote.attach(endpoint.address(), Token);
    QTRY_VERIFY(remote.isActive());

    QSslSocket socket;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromData(QByteArray::fromStdString(pki_.caCert)));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setAllowedNextProtocols({QByteArrayLiteral("qgnet-test/1")});
    socket.setSslConfiguration(config);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.boundUrls().value(0).section(':', -1).toUShort(),
        QStringLiteral("localhost"));
    QVERIFY2(socket.waitForEncrypted(20000), qPrintable(socket.errorString()));
    QByteArray echoed; // what the echo brought back so far (readAll consumes)
    socket.write("hello");
    QTRY_VERIFY_WITH_TIMEOUT((echoed += socket.readAll()) == "hello", 20000);

    // The connection row carries the version; the details find it by id.
    QTRY_COMPARE_WITH_TIMEOUT(connections.rowCount(), 1, 20000);
    const quint64 id = connections
                           .data(connections.index(0, qgnet::ConnectionModel::Id), qgnet::SnapshotModel::SortRole)
                           .toULongLong();
    QCOMPARE(connections.data(connections.index(0, qgnet::ConnectionModel::Tls)).toString(), QStringLiteral("TLSv1.3"));
    for (qgnet::ConnectionTlsDetails* details : {&localTls, &remoteTls}) {
        details->setConnectionId(id);
        QTRY_VERIFY_WITH_TIMEOUT(details->found(), 20000);
        QVERIFY(details->isTls());
        QCOMPARE(details->version(), QStringLiteral("TLSv1.3"));
        QCOMPARE(details->cipher(), socket.sessionCipher().name()); // what the client negotiated
        QCOMPARE(details->alpn(), QStringLiteral("qgnet-test/1"));
        QCOMPARE(details->serverName(), QStringLiteral("localhost"));
        QVERIFY(details->peerSubject().isEmpty()); // qgnet servers ask for no client certificate
        QVERIFY(!details->peerNotAfter().isValid());
        QVERIFY(!details->peerExpiryText().isEmpty());
    }
    QCOMPARE(socket.sslConfiguration().nextNegotiatedProtocol(), QByteArray("qgnet-test/1"));

    // A stall: both stall models get the row once; the loop's count shows as growing.
    socket.write("stall");
    QTRY_VERIFY_WITH_TIMEOUT((echoed += socket.readAll()) == "hellostall", 20000);
    QTRY_VERIFY_WITH_TIMEOUT(stallRowFor(localStalls, id) >= 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(stallRowFor(remoteStalls, id) >= 0, 20000);
    for (qgnet::StallModel* model : {&localStalls, &remoteStalls}) {
        QCOMPARE(model->thresholdMs(), 10.0);
        const int row = stallRowFor(*model, id);
        QVERIFY(model->isOverThreshold(row));
        QVERIFY(
            model->data(model->index(row, qgnet::StallModel::Factor), qgnet::SnapshotModel::SortRole).toDouble() > 1.0);
        QCOMPARE(model->data(model->index(row, qgnet::StallModel::Callback)).toString(), QStringLiteral("onTraffic"));
    }
    QTRY_VERIFY_WITH_TIMEOUT(sawStallsGrow, 20000);
    // Incremental: more snapshots repeat no row (a busy machine may add stalls of its own).
    for (int i = 0; i < 5; ++i) {
        QSignalSpy next(&remote, &qgnet::StatsFeed::snapshotReady);
        QVERIFY(next.wait(20000));
    }
    QSet<qulonglong> sequences;
    for (int r = 0; r < remoteStalls.rowCount(); ++r)
        sequences.insert(
            remoteStalls.data(remoteStalls.index(r, qgnet::StallModel::Sequence), qgnet::SnapshotModel::SortRole)
                .toULongLong());
    QCOMPARE(sequences.size(), remoteStalls.rowCount());

    // Closed: the details say the connection is gone.
    socket.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(!localTls.found(), 20000);
    remote.detach();
    server.stop();
}

QGNET_TEST_MAIN(TestQtInspectorDetails)
#include "tst_qt_inspector_details.moc"
