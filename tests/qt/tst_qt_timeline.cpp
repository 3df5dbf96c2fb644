// SPDX-License-Identifier: Apache-2.0
// TimelineModel: ranged updates from hand-built timelines (the newest Traffic row changes in place,
// dropped entries leave from the front, never a reset), and a live connection watched through a
// LocalStatsFeed and through an InspectorEndpoint + RemoteStatsFeed: the rows arrive with exactly the
// bytes the client sent, and the watch ends (the engine drops the timeline) when the view lets go.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <qgnet/engine.h>
#include <qgnet/qt/inspector_endpoint.h>
#include <qgnet/qt/qt_server.h>
#include <qgnet/qt/remote_stats_feed.h>
#include <qgnet/qt/snapshot_codec.h>

#include <QCborArray>
#include <qgnet/qt/stats_feed.h>
#include <qgnet/qt/timeline_model.h>

#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;
using namespace std::chrono_literals;
using Kind = qgnet::TimelineEntry::Kind;

namespace {

const QString Token = QStringLiteral("timeline-token-of-24-bytes");

qgnet::TimelineEntry entry(std::uint64_t sequence, Kind kind, std::uint64_t in = 0)
{
    qgnet::TimelineEntry e;
    e.sequence = sequence;
    e.kind = kind;
    e.bytesIn = in;
    e.reads = in > 0 ? 1 : 0;
    return e;
}

qgnet::SnapshotPtr snapshotWith(std::uint64_t id, std::vector<qgnet::TimelineEntry> entries, bool closed = false,
    std::uint64_t dropped = 0)
{
    auto s = std::make_shared<qgnet::EngineSnapshot>();
    qgnet::ConnectionTimeline& t = s->timelines.emplace_back();
    t.id = id;
    t.loop = 1;
    t.closed = closed;
    t.dropped = dropped;
    t.entries = std::move(entries);
    return s;
}

QStringList kindsOf(const qgnet::TimelineModel& model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.kindKey(r);
    return out;
}

bool timelineKept(qgnet::Engine& engine, std::uint64_t id)
{
    qgnet::SnapshotRequest request;
    request.timelines = {id};
    return !engine.snapshot(request).timelines.empty();
}

std::uint64_t onlyConnection(qgnet::QtServer& server)
{
    const auto s = server.engine()->snapshot();
    return s.connections.size() == 1 ? s.connections.front().id : 0;
}

} // namespace

class TestQtTimeline : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void rowsMergeInPlace();
    void codecRoundTripAndBounds();
    void watchesThroughFeeds_data();
    void watchesThroughFeeds();
};

void TestQtTimeline::rowsMergeInPlace()
{
    qgnet::TimelineModel model;
    model.setConnectionId(7);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    model.applySnapshot(snapshotWith(8, {entry(1, Kind::Opened)})); // another connection's
    QCOMPARE(model.rowCount(), 0);
    model.applySnapshot(
        snapshotWith(7, {entry(1, Kind::Opened), entry(2, Kind::Watched), entry(3, Kind::Traffic, 10)}));
    QCOMPARE(kindsOf(model), (QStringList{"opened", "watched", "traffic"}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.loop(), 1);
    // The open window counted more; a close follows.
    model.applySnapshot(snapshotWith(7,
        {entry(1, Kind::Opened), entry(2, Kind::Watched), entry(3, Kind::Traffic, 25), entry(4, Kind::Closed)}, true));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.front().at(0).value<QModelIndex>().row(), 2);
    QCOMPARE(changed.front().at(1).value<QModelIndex>().row(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.totalBytesIn(), 25);
    QVERIFY(model.isClosed());
    QCOMPARE(model.data(model.index(2, qgnet::TimelineModel::BytesIn), qgnet::SnapshotModel::SortRole).toULongLong(),
        25ULL);
    QCOMPARE(model.data(model.index(3, qgnet::TimelineModel::Detail)).toString(),
        qgnet::TimelineModel::tr("no reason given"));
    // The engine let the two oldest go.
    model.applySnapshot(snapshotWith(7, {entry(3, Kind::Traffic, 25), entry(4, Kind::Closed)}, true, 2));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.front().at(1).toInt(), 0);
    QCOMPARE(removed.front().at(2).toInt(), 1);
    QCOMPARE(kindsOf(model), (QStringList{"traffic", "closed"}));
    QCOMPARE(model.dropped(), 2);
    QCOMPARE(resets.size(), 0);
    // Another connection: the rows go.
    model.setConnectionId(9);
    QCOMPARE(model.rowCount(), 0);
}

// The "timelines" key: what the engine sends comes back equal; a map without it (an older peer)
// decodes to none; more timelines or entries than the protocol allows are refused before decoding.
void TestQtTimeline::codecRoundTripAndBounds()
{
    qgnet::EngineSnapshot s;
    s.loops.resize(2);
    qgnet::ConnectionTimeline& t = s.timelines.emplace_back();
    t.id = 42;
    t.loop = 1;
    t.closed = true;
    t.dropped = 3;
    t.entries = {entry(4, Kind::Opened), entry(5, Kind::Traffic, 1000), entry(6, Kind::ReadPaused),
        entry(7, Kind::Closed)};
    t.entries[1].writes = 2;
    t.entries[1].bytesOut = 77;
    t.entries[2].cause = qgnet::TimelineEntry::Cause::MemoryBudget;
    t.entries[3].detail = "idle timeout";
    t.entries[3].time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123));
    QCborMap map = qgnet::snapshotToCbor(s);
    QString error;
    auto back = qgnet::snapshotFromCbor(map, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->timelines.size(), std::size_t{1});
    const auto& b = back->timelines.front();
    QCOMPARE(b.id, 42u);
    QCOMPARE(b.loop, 1);
    QVERIFY(b.closed);
    QCOMPARE(b.dropped, 3u);
    QCOMPARE(b.entries.size(), std::size_t{4});
    for (std::size_t i = 0; i < 4; ++i) {
        QCOMPARE(b.entries[i].sequence, t.entries[i].sequence);
        QVERIFY(b.entries[i].kind == t.entries[i].kind);
        QVERIFY(b.entries[i].cause == t.entries[i].cause);
        QCOMPARE(b.entries[i].bytesIn, t.entries[i].bytesIn);
        QCOMPARE(b.entries[i].bytesOut, t.entries[i].bytesOut);
        QCOMPARE(b.entries[i].reads, t.entries[i].reads);
        QCOMPARE(b.entries[i].writes, t.entries[i].writes);
        QCOMPARE(b.entries[i].detail, t.entries[i].detail);
        QVERIFY(b.entries[i].time == t.entries[i].time);
    }
    // An older peer's snapshot: no key, no timelines. A newer peer's unknown kind: skipped.
    QCborMap old = map;
    old.remove(QStringLiteral("timelines"));
    QVERIFY(qgnet::snapshotFromCbor(old)->timelines.empty());
    QCborArray timelines = map.value(QStringLiteral("timelines")).toArray();
    QCborMap first = timelines.at(0).toMap();
    QCborArray entries = first.value(QStringLiteral("entries")).toArray();
    QCborMap future = entries.at(0).toMap();
    future.insert(QStringLiteral("kind"), QStringLiteral("from-the-future"));
    entries.append(future);
    first.insert(QStringLiteral("entries"), entries);
    timelines[0] = first;
    map.insert(QStringLiteral("timelines"), timelines);
    QCOMPARE(qgnet::snapshotFromCbor(map)->timelines.front().entries.size(), std::size_t{4});

    // Bounds: 17 timelines, 257 entries, a count beyond 32 bits.
    QCborMap tooMany = map;
    QCborArray many;
    for (std::size_t i = 0; i <= qgnet::kMaxWatchedConnections; ++i)
        many.append(first);
    tooMany.insert(QStringLiteral("timelines"), many);
    QVERIFY(!qgnet::snapshotFromCbor(tooMany, &error));
    QVERIFY2(error.contains(QStringLiteral("timelines")), qPrintable(error));
    QCborMap tooLong = map;
    QCborArray longEntries;
    for (std::size_t i = 0; i <= qgnet::kTimelineCapacity; ++i)
        longEntries.append(entries.at(0));
    QCborMap longTimeline = first;
    longTimeline.insert(QStringLiteral("entries"), longEntries);
    tooLong.insert(QStringLiteral("timelines"), QCborArray{longTimeline});
    QVERIFY(!qgnet::snapshotFromCbor(tooLong, &error));
    QCborMap huge = entries.at(1).toMap();
    huge.insert(QStringLiteral("reads"), qint64(1) << 40);
    QCborMap hugeTimeline = first;
    hugeTimeline.insert(QStringLiteral("entries"), QCborArray{huge});
    QCborMap hugeMap = map;
    hugeMap.insert(QStringLiteral("timelines"), QCborArray{hugeTimeline});
    QVERIFY(!qgnet::snapshotFromCbor(hugeMap, &error));
}

void TestQtTimeline::watchesThroughFeeds_data()
{
    QTest::addColumn<bool>("remote");
    QTest::newRow("local") << false;
    QTest::newRow("remote") << true;
}

// A live connection: the model watches it through the feed while it shows it, the rows carry exactly
// the bytes sent, and the engine drops the timeline once the model lets go (inactive, or the remote
// inspector left).
void TestQtTimeline::watchesThroughFeeds()
{
    QFETCH(bool, remote);
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    QVERIFY(server.start());
    std::string err;
    Fd client = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(client, err.c_str());
    QTRY_COMPARE(server.connectionCount(), 1);
    const std::uint64_t id = onlyConnection(server);
    QVERIFY(id != 0);

    QTemporaryDir dir;
    qgnet::InspectorEndpoint endpoint;
    std::unique_ptr<qgnet::StatsFeed> feed;
    if (remote) {
        endpoint.setServer(&server);
        QVERIFY2(endpoint.listen(dir.filePath(QStringLiteral("inspector.sock")), Token),
            qPrintable(endpoint.errorString()));
        auto r = std::make_unique<qgnet::RemoteStatsFeed>();
        r->attach(endpoint.address(), Token);
        feed = std::move(r);
    } else {
        auto l = std::make_unique<qgnet::LocalStatsFeed>();
        l->setServer(&server);
        feed = std::move(l);
    }
    feed->setInterval(20);
    QSignalSpy errors(feed.get(), &qgnet::StatsFeed::errorOccurred);
    QTRY_VERIFY(feed->isActive());

    auto model = std::make_unique<qgnet::TimelineModel>();
    model->setFeed(feed.get());
    QVERIFY(!model->isWatching());
    model->setConnectionId(id);
    QVERIFY(model->isWatching());
    QCOMPARE(feed->watchedConnections(), std::vector<std::uint64_t>{id});
    QTRY_VERIFY(kindsOf(*model).contains(QStringLiteral("watched")));
    QVERIFY(timelineKept(*server.engine(), id));

    const std::string payload(3000, 'x');
    QGNET_VERIFY_ERR(sendAll(client.get(), payload, deadlineIn(10s), err), err);
    QTRY_COMPARE(model->totalBytesIn(), qint64(payload.size()));
    QCOMPARE(kindsOf(*model).mid(0, 2), (QStringList{"opened", "watched"}));
    QVERIFY(kindsOf(*model).contains(QStringLiteral("traffic")));
    QCOMPARE(model->loop(), server.engine()->snapshot().connections.front().loop);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.front().front().toString()));

    client = Fd();
    QTRY_VERIFY(model->isClosed());
    QCOMPARE(kindsOf(*model).back(), QStringLiteral("closed"));

    if (remote) {
        // The inspector leaves: the endpoint unwatches what it watched.
        feed.reset();
        QTRY_COMPARE(endpoint.clientCount(), 0);
    } else {
        model->setActive(false); // the view was hidden
        QVERIFY(!model->isWatching());
        QVERIFY(feed->watchedConnections().empty());
    }
    QTRY_VERIFY(!timelineKept(*server.engine(), id));
    model.reset();
    feed.reset();
    server.stop();
}

QGNET_TEST_MAIN(TestQtTimeline)
#include "tst_qt_timeline.moc"
