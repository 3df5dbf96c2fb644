// SPDX-License-Identifier: Apache-2.0
// ErrorModel and ListenerModel: buckets, rates and baselines from hand-built snapshots (with their
// own clock), the "errors" and "listeners" sections of the snapshot codec (round trip, an older peer
// without them, a lying peer over the limits), and both models fed by a live engine whose client
// resets a connection.

#include <QSignalSpy>
#include <QTest>

#include <poll.h>

#include <qgnet/conn.h>
#include <qgnet/qt/error_model.h>
#include <qgnet/qt/listener_model.h>
#include <qgnet/qt/qt_connection.h>
#include <qgnet/qt/qt_server.h>
#include <qgnet/qt/snapshot_codec.h>
#include <qgnet/qt/stats_feed.h>

#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

const auto kStart = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

/// snapshotAt is one engine's snapshot taken at `at` (its steady clock) with these error counts.
qgnet::SnapshotPtr snapshotAt(std::chrono::milliseconds at, std::vector<qgnet::ErrorCount> errors,
    std::chrono::system_clock::time_point started = kStart)
{
    auto s = std::make_shared<qgnet::EngineSnapshot>();
    s->started = started;
    s->taken = std::chrono::steady_clock::time_point(at);
    s->loops.resize(2);
    s->errors = std::move(errors);
    return s;
}

qgnet::ErrorCount err(qgnet::ErrorKind kind, int code, const char* name, std::uint64_t count)
{
    qgnet::ErrorCount e;
    e.kind = kind;
    e.code = code;
    e.name = name;
    e.count = count;
    return e;
}

QVariant cell(const qgnet::SnapshotModel& m, int row, int column, int role = qgnet::SnapshotModel::SortRole)
{
    return m.data(m.index(row, column), role);
}

qgnet::ListenerStats listener(const char* url, int loop, int depth, int backlog, std::uint64_t accepted)
{
    qgnet::ListenerStats l;
    l.url = url;
    l.loop = loop;
    l.queueDepth = depth;
    l.backlog = backlog;
    l.accepted = accepted;
    return l;
}

} // namespace

class TestQtErrorListenerModels : public QObject {
    Q_OBJECT

private slots:
    void errorModelBucketsCountsOverTime();
    void errorModelStartsAfreshForAnotherEngine();
    void listenerModelShowsQueuesAndRates();
    void codecCarriesErrorsAndListeners();
    void codecReadsAnOlderPeerAndRefusesALyingOne();
    void modelsFollowALiveEngine();
};

void TestQtErrorListenerModels::errorModelBucketsCountsOverTime()
{
    using qgnet::ErrorKind;
    qgnet::ErrorModel m;
    m.setHistoryLength(5);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
    // The baseline: 100 resets before the model looked are in the total, not in the history.
    m.applySnapshot(snapshotAt(0ms, {err(ErrorKind::Socket, ECONNRESET, "ECONNRESET", 100)}));
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(cell(m, 0, qgnet::ErrorModel::Total).toULongLong(), 100ull);
    QCOMPARE(m.history(0), QList<double>({0.0}));
    // Within the first second: 7 more, and a new kind (all of its 3 are new).
    m.applySnapshot(snapshotAt(400ms,
        {err(ErrorKind::Socket, ECONNRESET, "ECONNRESET", 107), err(ErrorKind::Accept, EMFILE, "EMFILE", 3)}));
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.history(0), QList<double>({7.0}));
    QCOMPARE(m.history(1), QList<double>({3.0}));
    QCOMPARE(m.rate(), 0.0); // no full bucket yet
    // The second second: the first bucket closes; its counts are the rates now.
    m.applySnapshot(snapshotAt(1100ms,
        {err(ErrorKind::Socket, ECONNRESET, "ECONNRESET", 110), err(ErrorKind::Accept, EMFILE, "EMFILE", 3)}));
    QCOMPARE(m.history(0), QList<double>({7.0, 3.0}));
    QCOMPARE(m.history(1), QList<double>({3.0, 0.0}));
    QCOMPARE(cell(m, 0, qgnet::ErrorModel::Rate).toDouble(), 7.0);
    QCOMPARE(cell(m, 1, qgnet::ErrorModel::Rate).toDouble(), 3.0);
    QCOMPARE(m.rate(), 10.0);
    QCOMPARE(m.total(), 113.0);
    QCOMPARE(m.peakBucket(), 7.0);
    QCOMPARE(cell(m, 0, qgnet::ErrorModel::Recent).toDouble(), 10.0);
    // Ten quiet seconds: the history (5 buckets) is all quiet, the rates are 0.
    m.applySnapshot(snapshotAt(11500ms,
        {err(ErrorKind::Socket, ECONNRESET, "ECONNRESET", 110), err(ErrorKind::Accept, EMFILE, "EMFILE", 3)}));
    QCOMPARE(m.history(0), QList<double>(5, 0.0));
    QCOMPARE(m.rate(), 0.0);
    QCOMPARE(m.peakBucket(), 0.0);
    QCOMPARE(cell(m, 0, qgnet::ErrorModel::Total).toULongLong(), 110ull);
    QCOMPARE(cell(m, 0, qgnet::ErrorModel::Name, Qt::DisplayRole).toString(), QStringLiteral("ECONNRESET"));
    QCOMPARE(cell(m, 1, qgnet::ErrorModel::Kind).toString(), QStringLiteral("accept"));
    QCOMPARE(resets.size(), 0); // ranged updates only
    QCOMPARE(inserted.size(), 2);
}

void TestQtErrorListenerModels::errorModelStartsAfreshForAnotherEngine()
{
    qgnet::ErrorModel m;
    m.applySnapshot(snapshotAt(0ms, {err(qgnet::ErrorKind::Socket, EPIPE, "EPIPE", 5)}));
    m.applySnapshot(snapshotAt(300ms, {err(qgnet::ErrorKind::Socket, EPIPE, "EPIPE", 9)}));
    QCOMPARE(m.history(0), QList<double>({4.0}));
    // Another engine (another start time): its counts are a new baseline, not a drop or a jump.
    m.applySnapshot(snapshotAt(500ms, {err(qgnet::ErrorKind::Tls, 1, "x", 2)}, kStart + 1h));
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(cell(m, 0, qgnet::ErrorModel::Kind).toString(), QStringLiteral("tls"));
    QCOMPARE(m.history(0), QList<double>({0.0}));
    m.clear();
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.total(), 0.0);
}

void TestQtErrorListenerModels::listenerModelShowsQueuesAndRates()
{
    qgnet::ListenerModel m;
    auto first = snapshotAt(0ms, {});
    auto firstMutable = std::const_pointer_cast<qgnet::EngineSnapshot>(first);
    firstMutable->listeners = {listener("tcp://127.0.0.1:8080", -1, 3, 128, 10),
        listener("unix:///tmp/x.sock", -1, -1, -1, 0)};
    m.applySnapshot(first);
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.waiting(), 3);
    QCOMPARE(cell(m, 0, qgnet::ListenerModel::QueueFill).toDouble(), 100.0 * 3 / 128);
    QCOMPARE(cell(m, 0, qgnet::ListenerModel::Loop, Qt::DisplayRole).toString(), QStringLiteral("acceptor"));
    QCOMPARE(cell(m, 1, qgnet::ListenerModel::QueueDepth, Qt::DisplayRole).toString(), QStringLiteral("n/a"));
    QCOMPARE(cell(m, 1, qgnet::ListenerModel::QueueDepth).toInt(), -1);

    auto second = std::make_shared<qgnet::EngineSnapshot>(*first);
    second->taken += 500ms;
    second->listeners[0].accepted = 60;
    second->listeners[0].queueDepth = 0;
    second->listeners[0].state = qgnet::ListenerState::BackingOff;
    second->listeners[0].backoffError = EMFILE;
    second->listeners[0].backoff = 40ms;
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    m.applySnapshot(second);
    QCOMPARE(inserted.size(), 0); // the same listeners: updated in place
    QCOMPARE(cell(m, 0, qgnet::ListenerModel::AcceptRate).toDouble(), 100.0);
    QCOMPARE(cell(m, 0, qgnet::ListenerModel::State).toString(), QStringLiteral("backing-off"));
    QCOMPARE(cell(m, 0, qgnet::ListenerModel::BackoffError).toString(), QStringLiteral("EMFILE"));
    QCOMPARE(cell(m, 0, qgnet::ListenerModel::Backoff).toLongLong(), 40ll);
    QCOMPARE(m.notAccepting(), 1);
    QCOMPARE(m.waiting(), 0);
}

void TestQtErrorListenerModels::codecCarriesErrorsAndListeners()
{
    qgnet::EngineSnapshot s;
    s.loops.resize(2);
    s.errors = {err(qgnet::ErrorKind::Socket, ECONNRESET, "ECONNRESET", 12),
        err(qgnet::ErrorKind::TlsVerify, 20, "unable to get local issuer certificate", 1)};
    s.errors[0].description = "Connection reset by peer";
    s.errorsUnlisted = 4;
    s.listeners = {listener("tcp://127.0.0.1:8080", 1, 5, 64, 99)};
    s.listeners[0].reusePort = true;
    s.listeners[0].refused = 2;
    s.listeners[0].state = qgnet::ListenerState::AtLimit;
    s.listeners[0].backoff = 80ms;
    QString why;
    const auto back = qgnet::snapshotFromCbor(qgnet::snapshotToCbor(s), &why);
    QVERIFY2(back, qPrintable(why));
    QCOMPARE(back->errors.size(), std::size_t(2));
    QVERIFY(back->errors[1].kind == qgnet::ErrorKind::TlsVerify);
    QCOMPARE(back->errors[0].code, ECONNRESET);
    QCOMPARE(back->errors[0].name, std::string("ECONNRESET"));
    QCOMPARE(back->errors[0].description, std::string("Connection reset by peer"));
    QCOMPARE(back->errors[0].count, std::uint64_t(12));
    QCOMPARE(back->errorsUnlisted, std::uint64_t(4));
    QCOMPARE(back->listeners.size(), std::size_t(1));
    const qgnet::ListenerStats& l = back->listeners[0];
    QCOMPARE(l.url, std::string("tcp://127.0.0.1:8080"));
    QCOMPARE(l.loop, 1);
    QVERIFY(l.reusePort);
    QCOMPARE(l.queueDepth, 5);
    QCOMPARE(l.backlog, 64);
    QCOMPARE(l.accepted, std::uint64_t(99));
    QCOMPARE(l.refused, std::uint64_t(2));
    QVERIFY(l.state == qgnet::ListenerState::AtLimit);
    QCOMPARE(l.backoff.count(), 80);
}

void TestQtErrorListenerModels::codecReadsAnOlderPeerAndRefusesALyingOne()
{
    qgnet::EngineSnapshot s;
    s.loops.resize(1);
    s.errors = {err(qgnet::ErrorKind::Socket, EPIPE, "EPIPE", 1)};
    s.listeners = {listener("tcp://127.0.0.1:1", 0, 0, 8, 0)};
    QCborMap m = qgnet::snapshotToCbor(s);
    QString why;

    QCborMap older = m; // a peer from before these sections
    older.remove(QStringLiteral("errors"));
    older.remove(QStringLiteral("errorsUnlisted"));
    older.remove(QStringLiteral("listeners"));
    auto back = qgnet::snapshotFromCbor(older, &why);
    QVERIFY2(back, qPrintable(why));
    QVERIFY(back->errors.empty());
    QVERIFY(back->listeners.empty());
    QCOMPARE(back->errorsUnlisted, std::uint64_t(0));

    QCborMap newer = m; // a kind this build does not know is skipped, the rest read
    QCborArray errors = newer.value(QStringLiteral("errors")).toArray();
    QCborMap unknown = errors.at(0).toMap();
    unknown.insert(QStringLiteral("kind"), QStringLiteral("quic"));
    errors.append(unknown);
    newer.insert(QStringLiteral("errors"), errors);
    back = qgnet::snapshotFromCbor(newer, &why);
    QVERIFY2(back, qPrintable(why));
    QCOMPARE(back->errors.size(), std::size_t(1));

    const auto refused = [&](QCborMap lying, const char* what) {
        QString reason;
        const bool ok = !qgnet::snapshotFromCbor(lying, &reason) && !reason.isEmpty();
        if (!ok)
            qWarning("%s was read", what);
        return ok;
    };
    QCborArray many;
    for (qsizetype i = 0; i <= qgnet::MaxSnapshotErrors; ++i)
        many.append(errors.at(0));
    QCborMap tooMany = m;
    tooMany.insert(QStringLiteral("errors"), many);
    QVERIFY(refused(tooMany, "errors over the limit"));

    QCborMap twice = m; // the models key rows by kind and code
    twice.insert(QStringLiteral("errors"), QCborArray{errors.at(0), errors.at(0)});
    QVERIFY(refused(twice, "the same error twice"));

    QCborMap badCode = m;
    QCborMap entry = errors.at(0).toMap();
    entry.insert(QStringLiteral("code"), qint64(1) << 40);
    badCode.insert(QStringLiteral("errors"), QCborArray{entry});
    QVERIFY(refused(badCode, "a code beyond 32 bits"));

    QCborMap longName = m;
    entry = errors.at(0).toMap();
    entry.insert(QStringLiteral("name"), QString(qgnet::MaxSnapshotText + 1, QLatin1Char('x')));
    longName.insert(QStringLiteral("errors"), QCborArray{entry});
    QVERIFY(refused(longName, "a name over the text limit"));

    for (qint64 loop : {qint64(1), qint64(-2), qint64(1) << 33}) {
        QCborMap badLoop = m;
        QCborMap l = m.value(QStringLiteral("listeners")).toArray().at(0).toMap();
        l.insert(QStringLiteral("loop"), loop);
        badLoop.insert(QStringLiteral("listeners"), QCborArray{l});
        QVERIFY(refused(badLoop, "a listener on a loop that does not exist"));
    }
    QCborMap badDepth = m;
    QCborMap l = m.value(QStringLiteral("listeners")).toArray().at(0).toMap();
    l.insert(QStringLiteral("queueDepth"), 1e30);
    badDepth.insert(QStringLiteral("listeners"), QCborArray{l});
    back = qgnet::snapshotFromCbor(badDepth, &why); // a double out of range reads as the default, -1
    QVERIFY2(back, qPrintable(why));
    QCOMPARE(back->listeners[0].queueDepth, -1);
    QCborMap notArray = m;
    notArray.insert(QStringLiteral("listeners"), 7);
    QVERIFY(refused(notArray, "listeners that are not an array"));
}

// A live engine: a client that leaves the server's greeting unread and closes resets the
// connection; the ErrorModel fed by a LocalStatsFeed shows one ECONNRESET in its history, and the
// ListenerModel the listener with the accepted connection.
void TestQtErrorListenerModels::modelsFollowALiveEngine()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    QObject::connect(&server, &qgnet::QtServer::connectionOpened, &server,
        [&server](const qgnet::QtConnection& c) { server.write(c.id(), QByteArrayLiteral("hello")); });
    QVERIFY(server.start());
    qgnet::LocalStatsFeed feed;
    feed.setInterval(20);
    qgnet::ErrorModel errors;
    qgnet::ListenerModel listeners;
    errors.setFeed(&feed);
    listeners.setFeed(&feed);
    QSignalSpy snapshots(&feed, &qgnet::StatsFeed::snapshotReady);
    feed.setServer(&server);
    QTRY_VERIFY(snapshots.size() >= 1); // the baseline, before the reset
    std::string err;
    {
        Fd c = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
        QVERIFY2(c, err.c_str());
        pollfd p{c.get(), POLLIN, 0};
        // The greeting is written from this thread's event loop; once it is there, unread, close() resets.
        QTRY_VERIFY_WITH_TIMEOUT(::poll(&p, 1, 0) == 1, 10000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(errors.rowCount(), 1, 10000);
    QCOMPARE(cell(errors, 0, qgnet::ErrorModel::Name).toString(), QStringLiteral("ECONNRESET"));
    QCOMPARE(cell(errors, 0, qgnet::ErrorModel::Total).toULongLong(), 1ull);
    double inHistory = 0;
    for (double v : errors.history(0))
        inHistory += v;
    QCOMPARE(inHistory, 1.0);
    QCOMPARE(listeners.rowCount(), 1);
    QCOMPARE(cell(listeners, 0, qgnet::ListenerModel::Address).toString(), server.boundUrls().value(0));
    QCOMPARE(cell(listeners, 0, qgnet::ListenerModel::Accepted).toULongLong(), 1ull);
    QVERIFY(cell(listeners, 0, qgnet::ListenerModel::Backlog).toInt() > 0);
    QCOMPARE(cell(listeners, 0, qgnet::ListenerModel::QueueDepth).toInt(), 0);
    server.stop();
}

QGNET_TEST_MAIN(TestQtErrorListenerModels)
#include "tst_qt_error_listener_models.moc"
