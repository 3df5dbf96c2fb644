// SPDX-License-Identifier: Apache-2.0
// Safe actions through the inspector endpoint and the feeds: refused ("actions-disabled") unless
// allowed, each action works when allowed (close a connection, pause and resume accepting, the
// balancing policy, the water marks), bad values are errors, and malformed or unknown action frames
// get an error answer while the peer that sent them and every other inspector stay connected.

#include <QCborMap>
#include <QCborValue>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <qgnet/engine.h>
#include <qgnet/qt/inspector_endpoint.h>
#include <qgnet/qt/qt_server.h>
#include <qgnet/qt/remote_stats_feed.h>
#include <qgnet/qt/stats_feed.h>

#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

const QString Token = QStringLiteral("s3cret-token-of-24-bytes");

QByteArray frame(const QCborMap& map)
{
    const QByteArray body = QCborValue(map).toCbor();
    QByteArray prefix(4, '\0');
    qToBigEndian<quint32>(static_cast<quint32>(body.size()), prefix.data());
    return prefix + body;
}

// RawInspector speaks the protocol by hand over a QLocalSocket, to send what a real feed never would.
struct RawInspector {
    QLocalSocket socket;
    QByteArray received;
    bool disconnected = false;
    explicit RawInspector(const QString& path)
    {
        QObject::connect(&socket, &QLocalSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QLocalSocket::disconnected, &socket, [this] { disconnected = true; });
        socket.connectToServer(path);
    }
    void send(const QCborMap& m) { socket.write(frame(m)); }
    // answers decodes every complete frame received so far.
    QList<QCborMap> answers() const
    {
        QList<QCborMap> out;
        qsizetype at = 0;
        while (received.size() - at >= 4) {
            const quint32 n = qFromBigEndian<quint32>(received.constData() + at);
            if (received.size() - at - 4 < static_cast<qsizetype>(n))
                break;
            out << QCborValue::fromCbor(received.mid(at + 4, n)).toMap();
            at += 4 + static_cast<qsizetype>(n);
        }
        return out;
    }
    // answerTo is the answer carrying id, or an empty map while there is none.
    QCborMap answerTo(qint64 id) const
    {
        for (const QCborMap& m : answers()) {
            if (m.value(QStringLiteral("id")).toInteger(-1) == id)
                return m;
        }
        return {};
    }
};

QCborMap action(qint64 id, const QString& name)
{
    QCborMap m;
    m.insert(QStringLiteral("type"), QStringLiteral("action"));
    m.insert(QStringLiteral("id"), id);
    m.insert(QStringLiteral("action"), name);
    return m;
}

// Result is one actionFinished, taken from a spy.
struct Result {
    int request = 0;
    bool ok = false;
    QString message;
};

Result resultOf(const QSignalSpy& spy, int request)
{
    for (const QList<QVariant>& args : spy) {
        if (args.at(0).toInt() == request)
            return Result{request, args.at(1).toBool(), args.at(2).toString()};
    }
    return Result{-1, false, QStringLiteral("no answer")};
}

} // namespace

class TestQtInspectorActions : public QObject {
    Q_OBJECT
    LeakBaseline baseline_;

private Q_SLOTS:
    void init() { baseline_ = captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void refusedUnlessAllowed();
    void eachActionWorksWhenAllowed();
    void inProcessActionsCallTheEngine();
    void malformedActionsAnswerAndKeepPeers();
};

void TestQtInspectorActions::refusedUnlessAllowed()
{
    QTemporaryDir dir;
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    QVERIFY(server.start());
    qgnet::InspectorEndpoint endpoint; // actions off by default
    QVERIFY(!endpoint.actionsAllowed());
    endpoint.setServer(&server);
    QVERIFY(endpoint.listen(dir.filePath(QStringLiteral("e.sock")), Token));
    qgnet::RemoteStatsFeed remote;
    remote.attach(endpoint.address(), Token);
    QTRY_VERIFY(remote.isActive());
    QVERIFY(!remote.actionsAvailable());
    QSignalSpy finished(&remote, &qgnet::StatsFeed::actionFinished);
    QSignalSpy performed(&endpoint, &qgnet::InspectorEndpoint::actionPerformed);
    const int request = remote.pauseAccepting();
    QTRY_COMPARE(finished.count(), 1);
    const Result r = resultOf(finished, request);
    QVERIFY(!r.ok);
    QVERIFY2(r.message.startsWith(QStringLiteral("actions-disabled")), qPrintable(r.message));
    QVERIFY(!server.engine()->isAcceptingPaused());
    QCOMPARE(performed.count(), 0);
    QVERIFY(remote.isActive()); // refused, not disconnected

    // In process: a LocalStatsFeed refuses as well unless told otherwise.
    qgnet::LocalStatsFeed local;
    local.setServer(&server);
    QVERIFY(!local.actionsAvailable());
    QSignalSpy localFinished(&local, &qgnet::StatsFeed::actionFinished);
    const int localRequest = local.setBalancing(QStringLiteral("least-connections"));
    QCOMPARE(localFinished.count(), 0); // never before the call returned
    QTRY_COMPARE(localFinished.count(), 1);
    QVERIFY(resultOf(localFinished, localRequest).message.startsWith(QStringLiteral("actions-disabled")));
    QVERIFY(server.engine()->loadBalancing() == qgnet::LoadBalancing::RoundRobin);
    remote.detach();
    server.stop();
}

void TestQtInspectorActions::eachActionWorksWhenAllowed()
{
    QTemporaryDir dir;
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    QVERIFY(server.start());
    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    endpoint.setActionsAllowed(true);
    QVERIFY(endpoint.listen(QStringLiteral("tcp://127.0.0.1:0"), Token));
    qgnet::RemoteStatsFeed remote;
    remote.attach(endpoint.address(), Token);
    QTRY_VERIFY(remote.isActive());
    QVERIFY(remote.actionsAvailable());
    QSignalSpy finished(&remote, &qgnet::StatsFeed::actionFinished);
    QSignalSpy performed(&endpoint, &qgnet::InspectorEndpoint::actionPerformed);
    qgnet::Engine* engine = server.engine();
    const auto run = [&](int request) {
        [&] { QTRY_VERIFY(resultOf(finished, request).request == request); }();
        return resultOf(finished, request);
    };

    // Pause and resume accepting.
    QVERIFY2(run(remote.pauseAccepting()).ok, "pause");
    QVERIFY(engine->isAcceptingPaused());
    QVERIFY2(run(remote.resumeAccepting()).ok, "resume");
    QVERIFY(!engine->isAcceptingPaused());

    // The balancing policy; an unknown one is refused before it leaves (bad-action).
    QVERIFY2(run(remote.setBalancing(QStringLiteral("least-connections"))).ok, "policy");
    QVERIFY(engine->loadBalancing() == qgnet::LoadBalancing::LeastConnections);
    const Result badPolicy = run(remote.setBalancing(QStringLiteral("fastest")));
    QVERIFY(!badPolicy.ok);
    QVERIFY2(badPolicy.message.startsWith(QStringLiteral("bad-action")), qPrintable(badPolicy.message));

    // The water marks; low above high is the engine's InvalidOption ("invalid").
    QVERIFY2(run(remote.setWaterMarks(8192, 1024)).ok, "marks");
    const Result badMarks = run(remote.setWaterMarks(100, 200));
    QVERIFY(!badMarks.ok);
    QVERIFY2(badMarks.message.startsWith(QStringLiteral("invalid")), qPrintable(badMarks.message));

    // Close one connection: the client sees its end; an id that is not open is "no-connection".
    QSignalSpy opened(&server, &qgnet::QtServer::connectionOpened);
    std::string err;
    Fd client = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(client, err.c_str());
    QTRY_COMPARE(opened.count(), 1);
    const quint64 id = opened.at(0).at(0).value<qgnet::QtConnection>().id();
    QCOMPARE(engine->snapshot().connections.at(0).highWater, std::size_t(8192));
    QVERIFY2(run(remote.closeConnection(id)).ok, "close");
    QTRY_COMPARE(server.connectionCount(), 0);
    QCOMPARE(waitForEnd(client.get(), deadlineIn(10s), err), ReadEnd::Eof);
    const Result gone = run(remote.closeConnection(id));
    QVERIFY(!gone.ok);
    QVERIFY2(gone.message.startsWith(QStringLiteral("no-connection")), qPrintable(gone.message));

    // Each well-formed action was run and reported (and logged) once: pause, resume, the policy,
    // both water marks and both closes; the unknown policy never left the feed.
    QCOMPARE(performed.count(), 7);
    QVERIFY(remote.isActive());
    remote.detach();
    server.stop();
}

void TestQtInspectorActions::inProcessActionsCallTheEngine()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    QVERIFY(server.start());
    qgnet::LocalStatsFeed local;
    local.setServer(&server);
    local.setActionsAllowed(true);
    QVERIFY(local.actionsAvailable());
    QSignalSpy finished(&local, &qgnet::StatsFeed::actionFinished);
    const int request = local.pauseAccepting();
    QVERIFY(server.engine()->isAcceptingPaused()); // called directly, before the answer's signal
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(resultOf(finished, request).ok);
    const int resume = local.resumeAccepting();
    QTRY_COMPARE(finished.count(), 2);
    QVERIFY(resultOf(finished, resume).ok);
    QVERIFY(!server.engine()->isAcceptingPaused());
    server.stop();
    const int stopped = local.pauseAccepting();
    QTRY_COMPARE(finished.count(), 3);
    QVERIFY(resultOf(finished, stopped).message.startsWith(QStringLiteral("engine-stopped")));
}

void TestQtInspectorActions::malformedActionsAnswerAndKeepPeers()
{
    QTemporaryDir dir;
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    QVERIFY(server.start());
    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    endpoint.setActionsAllowed(true);
    const QString path = dir.filePath(QStringLiteral("e.sock"));
    QVERIFY(endpoint.listen(path, Token));
    qgnet::RemoteStatsFeed good;
    good.setInterval(20);
    QSignalSpy snapshots(&good, &qgnet::StatsFeed::snapshotReady);
    good.attach(endpoint.address(), Token);
    QTRY_VERIFY(good.isActive());

    RawInspector raw(path);
    QCborMap hello;
    hello.insert(QStringLiteral("type"), QStringLiteral("hello"));
    hello.insert(QStringLiteral("version"), qgnet::InspectorEndpoint::ProtocolVersion);
    hello.insert(QStringLiteral("token"), Token);
    raw.send(hello);
    QTRY_VERIFY(!raw.answers().isEmpty());
    QCOMPARE(raw.answers().at(0).value(QStringLiteral("type")).toString(), QStringLiteral("welcome"));
    QCOMPARE(raw.answers().at(0).value(QStringLiteral("actions")).toBool(), true);

    QCborMap unknown = action(1, QStringLiteral("format-disk"));
    QCborMap noId = action(2, QStringLiteral("close-connection")); // and no connection id
    QCborMap textId = action(3, QStringLiteral("close-connection"));
    textId.insert(QStringLiteral("connection"), QStringLiteral("42"));
    QCborMap negative = action(4, QStringLiteral("set-water-marks"));
    negative.insert(QStringLiteral("high"), -1);
    negative.insert(QStringLiteral("low"), 0);
    QCborMap notText = action(5, QStringLiteral("x"));
    notText.insert(QStringLiteral("action"), 7);
    for (const QCborMap& m : {unknown, noId, textId, negative, notText})
        raw.send(m);
    for (qint64 id = 1; id <= 5; ++id) {
        QTRY_VERIFY(!raw.answerTo(id).isEmpty());
        const QCborMap answer = raw.answerTo(id);
        QCOMPARE(answer.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QCOMPARE(answer.value(QStringLiteral("code")).toString(), QStringLiteral("bad-action"));
    }
    QVERIFY(!server.engine()->isAcceptingPaused());

    // Both inspectors are still served: the raw one gets a snapshot, the good one keeps receiving.
    QCborMap request;
    request.insert(QStringLiteral("type"), QStringLiteral("snapshot"));
    request.insert(QStringLiteral("id"), 6);
    raw.send(request);
    QTRY_COMPARE(raw.answerTo(6).value(QStringLiteral("type")).toString(), QStringLiteral("snapshot"));
    const int before = snapshots.count();
    QTRY_VERIFY(snapshots.count() > before + 2);
    QVERIFY(!raw.disconnected);
    QVERIFY(good.isActive());
    QCOMPARE(endpoint.clientCount(), 2);
    good.detach();
    server.stop();
}

QGNET_TEST_MAIN(TestQtInspectorActions)
#include "tst_qt_inspector_actions.moc"
