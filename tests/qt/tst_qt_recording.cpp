// SPDX-License-Identifier: Apache-2.0
// Recordings: a StatsRecorder keeps the last seconds of what a feed delivers, saves them, and a
// RecordingFeed replays the file with no engine; the replayed snapshots equal the recorded ones, the
// ring keeps its time and byte bounds, and a damaged file is an error, never a crash.

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <qgnet/qt/connection_model.h>
#include <qgnet/qt/decision_model.h>
#include <qgnet/qt/event_model.h>
#include <qgnet/qt/inspector_endpoint.h>
#include <qgnet/qt/loop_model.h>
#include <qgnet/qt/qt_server.h>
#include <qgnet/qt/recording_feed.h>
#include <qgnet/qt/recording_file.h>
#include <qgnet/qt/remote_stats_feed.h>
#include <qgnet/qt/snapshot_codec.h>
#include <qgnet/qt/stats_recorder.h>

#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

const QString Token = QStringLiteral("recording-token-of-24-b");

// rowsOf renders a model's rows with raw values, for comparing two models cell by cell.
QStringList rowsOf(const qgnet::SnapshotModel& model)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(); ++c)
            cells << model.data(model.index(r, c), qgnet::SnapshotModel::SortRole).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

qgnet::SocketAddress loopback(std::uint16_t port)
{
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return qgnet::SocketAddress(reinterpret_cast<const sockaddr*>(&sa), sizeof sa);
}

// syntheticSnapshot is snapshot number i of a made-up engine with 2 loops: i % 4 + 1 connections
// and one new event and decision each, taken i * stepMs after the first.
qgnet::SnapshotPtr syntheticSnapshot(int i, int stepMs = 100)
{
    qgnet::EngineSnapshot s;
    s.taken = std::chrono::steady_clock::time_point(std::chrono::milliseconds(1000000 + i * stepMs));
    s.wallTime = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000000LL + i * stepMs));
    s.started = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000000LL));
    s.listenUrls = {"tcp://127.0.0.1:9000"};
    for (int l = 0; l < 2; ++l) {
        qgnet::LoopStats loop;
        loop.index = l;
        loop.backend = "epoll";
        loop.bytesIn = static_cast<std::uint64_t>(1000 * i * (l + 1));
        loop.reads = static_cast<std::uint64_t>(10 * i);
        s.loops.push_back(loop);
    }
    for (int c = 0; c < i % 4 + 1; ++c) {
        qgnet::ConnectionStats conn;
        conn.id = static_cast<std::uint64_t>(c + 1);
        conn.loop = c % 2;
        conn.remote = loopback(static_cast<std::uint16_t>(40000 + c));
        conn.bytesIn = static_cast<std::uint64_t>(100 * i);
        s.connections.push_back(conn);
    }
    qgnet::EngineEvent e;
    e.sequence = static_cast<std::uint64_t>(i + 1);
    e.kind = i % 2 ? qgnet::EngineEvent::Kind::Closed : qgnet::EngineEvent::Kind::Opened;
    e.loop = i % 2;
    e.connectionId = static_cast<std::uint64_t>(i % 4 + 1);
    e.peer = loopback(40000);
    e.reason = i % 2 ? "peer closed" : "";
    s.events.push_back(e);
    qgnet::BalanceDecision d;
    d.sequence = static_cast<std::uint64_t>(i + 1);
    d.loads = {i % 3, 1};
    d.chosen = i % 2;
    s.decisions.push_back(d);
    return std::make_shared<const qgnet::EngineSnapshot>(std::move(s));
}

qgnet::Recording syntheticRecording(int snapshots)
{
    qgnet::Recording r;
    r.source = QStringLiteral("made up");
    r.savedAt = 1700000000000LL;
    r.windowMs = 60000;
    for (int i = 0; i < snapshots; ++i)
        r.snapshots.push_back({i * 100LL, syntheticSnapshot(i), static_cast<quint64>(i)});
    return r;
}

QByteArray cborOf(const qgnet::SnapshotPtr& s) { return QCborValue(qgnet::snapshotToCbor(*s)).toCbor(); }

// sameSnapshots: both lists hold the same snapshots (every field the codec carries), times and counters.
bool sameSnapshots(const std::vector<qgnet::RecordedSnapshot>& a, const std::vector<qgnet::RecordedSnapshot>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].at != b[i].at || a[i].droppedDatagrams != b[i].droppedDatagrams
            || cborOf(a[i].snapshot) != cborOf(b[i].snapshot))
            return false;
    }
    return true;
}

// Models are the four inspector models on one feed.
struct Models {
    qgnet::LoopModel loops;
    qgnet::ConnectionModel connections;
    qgnet::DecisionModel decisions;
    qgnet::EventModel events;
    explicit Models(qgnet::StatsFeed* feed)
    {
        for (qgnet::SnapshotModel* m :
            std::initializer_list<qgnet::SnapshotModel*>{&loops, &connections, &decisions, &events})
            m->setFeed(feed);
    }
    QStringList rows() const
    {
        return rowsOf(loops) + rowsOf(connections) + rowsOf(decisions) + rowsOf(events)
            + QStringList{QString::number(loops.history(0, qgnet::LoopModel::BytesInRate).size())};
    }
};

// PushFeed delivers the snapshots a test gives it, as a live feed would.
class PushFeed : public qgnet::StatsFeed {
public:
    void push(qgnet::SnapshotPtr s) { deliver(std::move(s)); }

protected:
    void request(const qgnet::SnapshotRequest&) override { cancelRequest(); }
};

QByteArray preamble(quint32 version)
{
    QByteArray b("qgnetrec");
    b.resize(12);
    qToBigEndian<quint32>(version, b.data() + 8);
    return b;
}

QByteArray frame(const QCborMap& map)
{
    const QByteArray body = QCborValue(map).toCbor();
    QByteArray prefix(4, '\0');
    qToBigEndian<quint32>(static_cast<quint32>(body.size()), prefix.data());
    return prefix + body;
}

QCborMap header(qint64 snapshots)
{
    QCborMap h;
    h.insert(QStringLiteral("type"), QStringLiteral("qgnet-recording"));
    h.insert(QStringLiteral("version"), 1);
    h.insert(QStringLiteral("snapshots"), snapshots);
    return h;
}

QCborMap snapshotFrame(qint64 at, const QCborMap& snapshot)
{
    QCborMap f;
    f.insert(QStringLiteral("at"), at);
    f.insert(QStringLiteral("snapshot"), snapshot);
    return f;
}

} // namespace

class TestQtRecording : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }

    void liveEngineRecordedSavedAndReplayed();
    void windowBoundHonoured();
    void byteBoundHonoured();
    void truncatedAtEveryOffsetIsAnError();
    void damagedFilesAreErrors_data();
    void damagedFilesAreErrors();
    void playbackReachesTheEnd();
};

// An engine behind an endpoint, a RemoteStatsFeed over TCP, a recorder on that feed: connections
// come and go while it records; the saved file, replayed by a RecordingFeed, delivers exactly the
// recorded snapshots, and models on the replay show what the live models showed, also after a seek
// back to the middle.
void TestQtRecording::liveEngineRecordedSavedAndReplayed()
{
    QTemporaryDir dir;
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    QVERIFY(server.start());
    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    QVERIFY2(endpoint.listen(QStringLiteral("tcp://127.0.0.1:0"), Token), qPrintable(endpoint.errorString()));

    qgnet::RemoteStatsFeed remote;
    remote.setInterval(20);
    Models live(&remote);
    qgnet::StatsRecorder recorder;
    recorder.setFeed(&remote);
    recorder.setSource(QStringLiteral("Process at %1").arg(endpoint.address()));
    remote.attach(endpoint.address(), Token);
    QTRY_VERIFY(remote.isActive());

    // Traffic to record: 6 connections, then 4 of them closed, each step seen by the recorder.
    std::vector<Fd> fds;
    std::string err;
    for (int i = 0; i < 6; ++i) {
        fds.push_back(connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err));
        QVERIFY2(fds.back(), err.c_str());
    }
    QTRY_COMPARE(live.connections.rowCount(), 6);
    fds.resize(2);
    QTRY_COMPARE(live.connections.rowCount(), 2);
    QTRY_COMPARE(live.events.rowCount(), 10); // 6 opened, 4 closed
    const int seen = recorder.count();
    QTRY_VERIFY(recorder.count() >= seen + 3); // a few quiet snapshots at the end
    remote.detach(); // nothing more arrives: the recorder and the live models hold the same history
    QVERIFY(recorder.count() >= 5);

    const QString path = dir.filePath(QStringLiteral("live.qgnetrec"));
    QVERIFY2(recorder.save(path), qPrintable(recorder.errorString()));
    const std::deque<qgnet::RecordedSnapshot> ring = recorder.snapshots();
    const std::vector<qgnet::RecordedSnapshot> recorded(ring.begin(), ring.end());

    qgnet::RecordingFeed replay;
    Models replayed(&replay);
    QSignalSpy delivered(&replay, &qgnet::StatsFeed::snapshotReady);
    QVERIFY2(replay.open(path), qPrintable(replay.errorString()));
    QCOMPARE(replay.count(), static_cast<int>(recorded.size()));
    QCOMPARE(replay.source(), recorder.source());
    QCOMPARE(replay.position(), replay.count() - 1);
    QVERIFY(sameSnapshots(replay.recording().snapshots, recorded));
    // Opening delivered every snapshot, in order, as recorded: the replay's models equal the live ones.
    QCOMPARE(delivered.size(), replay.count());
    for (qsizetype i = 0; i < delivered.size(); ++i)
        QCOMPARE(cborOf(delivered.at(i).at(0).value<qgnet::SnapshotPtr>()),
            cborOf(recorded[static_cast<std::size_t>(i)].snapshot));
    QCOMPARE(replayed.rows(), live.rows());
    QCOMPARE(replayed.connections.rowCount(), 2);
    QCOMPARE(replayed.events.rowCount(), 10);
    QCOMPARE(replayed.decisions.rowCount(), 6);

    // Back to the middle: the models show what models fed only the first half show.
    const int middle = replay.count() / 2;
    delivered.clear();
    replay.seek(middle);
    QCOMPARE(replay.position(), middle);
    QCOMPARE(delivered.size(), middle + 1);
    PushFeed reference;
    Models expected(&reference);
    for (int i = 0; i <= middle; ++i)
        reference.push(recorded[static_cast<std::size_t>(i)].snapshot);
    QCOMPARE(replayed.rows(), expected.rows());
    QCOMPARE(replay.time(), static_cast<double>(recorded[static_cast<std::size_t>(middle)].at));
    // And forward again by one: only that snapshot is delivered.
    delivered.clear();
    replay.seek(middle + 1);
    QCOMPARE(delivered.size(), 1);
    reference.push(recorded[static_cast<std::size_t>(middle + 1)].snapshot);
    QCOMPARE(replayed.rows(), expected.rows());

    fds.clear();
    server.stop();
}

// The ring keeps `window` seconds of the source's time, however many snapshots that is.
void TestQtRecording::windowBoundHonoured()
{
    qgnet::StatsRecorder recorder;
    recorder.setWindow(5);
    for (int i = 0; i < 1000; ++i) // 100 s at 10 Hz
        recorder.append(syntheticSnapshot(i), 0);
    QCOMPARE(recorder.count(), 51); // 0..5000 ms inclusive
    QCOMPARE(recorder.duration(), 5000.0);
    const std::deque<qgnet::RecordedSnapshot> ring = recorder.snapshots();
    QCOMPARE(ring.front().at, 0);
    QCOMPARE(ring.back().at, 5000);
    QCOMPARE(cborOf(ring.back().snapshot), cborOf(syntheticSnapshot(999)));
    QCOMPARE(cborOf(ring.front().snapshot), cborOf(syntheticSnapshot(949)));
    // A smaller window trims at once; a recorder that is not recording keeps what it has.
    recorder.setWindow(1);
    QCOMPARE(recorder.count(), 11);
    recorder.setRecording(false);
    recorder.append(syntheticSnapshot(1000), 0);
    QCOMPARE(recorder.count(), 11);
    QCOMPARE(recorder.toRecording().windowMs, 1000);
}

// The ring holds at most maxBytes of snapshots; the newest always stays, even alone over the bound.
void TestQtRecording::byteBoundHonoured()
{
    qgnet::StatsRecorder recorder;
    const qint64 one = qgnet::StatsRecorder::sizeOf(*syntheticSnapshot(3)); // the largest: 4 connections
    recorder.setMaxBytes(one * 10);
    for (int i = 0; i < 200; ++i) {
        recorder.append(syntheticSnapshot(i), 0);
        QVERIFY(recorder.bytes() <= recorder.maxBytes());
    }
    QVERIFY(recorder.count() >= 10);
    QVERIFY(recorder.count() < 20);
    QCOMPARE(cborOf(recorder.snapshots().back().snapshot), cborOf(syntheticSnapshot(199)));
    recorder.setMaxBytes(1);
    QCOMPARE(recorder.count(), 1);
    QCOMPARE(cborOf(recorder.snapshots().back().snapshot), cborOf(syntheticSnapshot(199)));
    recorder.clear();
    QCOMPARE(recorder.count(), 0);
    QCOMPARE(recorder.bytes(), 0);
}

// Every prefix of a file is refused with a reason (a prefix never passes for a shorter recording:
// the header counts the snapshots); the whole file decodes to what was encoded. Through open(),
// a damaged file is an error and the recording shown stays.
void TestQtRecording::truncatedAtEveryOffsetIsAnError()
{
    const qgnet::Recording original = syntheticRecording(3);
    const QByteArray bytes = qgnet::encodeRecording(original);
    QVERIFY(bytes.size() > 1000);
    for (qsizetype n = 0; n < bytes.size(); ++n) {
        QString error;
        const std::optional<qgnet::Recording> r = qgnet::decodeRecording(bytes.left(n), &error);
        QVERIFY2(!r, qPrintable(QStringLiteral("a prefix of %1 bytes decoded").arg(n)));
        QVERIFY2(!error.isEmpty(), qPrintable(QStringLiteral("no reason for a prefix of %1 bytes").arg(n)));
        if (n >= 12)
            QVERIFY2(error.contains(QLatin1String("truncated")), qPrintable(error));
    }
    QString error;
    const std::optional<qgnet::Recording> whole = qgnet::decodeRecording(bytes, &error);
    QVERIFY2(whole, qPrintable(error));
    QCOMPARE(whole->source, original.source);
    QCOMPARE(whole->savedAt, original.savedAt);
    QCOMPARE(whole->windowMs, original.windowMs);
    QVERIFY(sameSnapshots(whole->snapshots, original.snapshots));

    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.qgnetrec"));
    QVERIFY(qgnet::writeRecordingFile(good, original));
    qgnet::RecordingFeed feed;
    QVERIFY(feed.open(QUrl::fromLocalFile(good).toString())); // a file: URL, as QML gives
    QCOMPARE(feed.count(), 3);
    QSignalSpy errors(&feed, &qgnet::StatsFeed::errorOccurred);
    const QString cut = dir.filePath(QStringLiteral("cut.qgnetrec"));
    QFile file(cut);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes.left(bytes.size() - 7));
    file.close();
    QVERIFY(!feed.open(cut));
    QVERIFY2(feed.errorString().contains(QLatin1String("truncated")), qPrintable(feed.errorString()));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(feed.count(), 3); // the recording shown before stays
    QVERIFY(!feed.open(dir.filePath(QStringLiteral("missing"))));
    QVERIFY(feed.errorString().contains(QLatin1String("Cannot open")));
}

void TestQtRecording::damagedFilesAreErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    const QCborMap good = qgnet::snapshotToCbor(*syntheticSnapshot(1));
    QCborMap lying = good;
    QCborArray connections = lying.value(QStringLiteral("connections")).toArray();
    QCborMap c = connections.at(0).toMap();
    c.insert(QStringLiteral("loop"), 7);
    connections[0] = c;
    lying.insert(QStringLiteral("connections"), connections);

    QTest::newRow("empty") << QByteArray() << QStringLiteral("truncated");
    QTest::newRow("text") << QByteArray("hello, world, not a recording") << QStringLiteral("not a qgnet recording");
    QTest::newRow("newer version") << preamble(2) + frame(header(0)) << QStringLiteral("format 2 is not supported");
    QTest::newRow("version 0") << preamble(0) + frame(header(0)) << QStringLiteral("format 0 is not supported");
    QCborMap other = header(0);
    other.insert(QStringLiteral("type"), QStringLiteral("something-else"));
    QTest::newRow("wrong type") << preamble(1) + frame(other) << QStringLiteral("not a qgnet recording");
    QTest::newRow("huge count") << preamble(1) + frame(header(1LL << 40)) << QStringLiteral("snapshot count");
    QTest::newRow("negative count") << preamble(1) + frame(header(-1)) << QStringLiteral("snapshot count");
    QTest::newRow("count lies") << preamble(1) + frame(header(3)) + frame(snapshotFrame(0, good))
                                << QStringLiteral("truncated in snapshot 2 of 3");
    QByteArray hugeFrame = preamble(1) + frame(header(1));
    hugeFrame += QByteArray::fromHex("7fffffff");
    QTest::newRow("huge frame") << hugeFrame << QStringLiteral("out of range");
    QTest::newRow("not cbor") << preamble(1) + QByteArray::fromHex("00000003ffffff")
                              << QStringLiteral("not valid CBOR");
    QTest::newRow("time goes back") << preamble(1) + frame(header(2)) + frame(snapshotFrame(5, good))
            + frame(snapshotFrame(4, good))
                                    << QStringLiteral("earlier than the one before");
    QTest::newRow("time as text") << preamble(1) + frame(header(1))
            + frame(QCborMap{{QStringLiteral("at"), QStringLiteral("x")}, {QStringLiteral("snapshot"), good}})
                                  << QStringLiteral("its time is missing");
    QTest::newRow("no snapshot") << preamble(1) + frame(header(1)) + frame(QCborMap{{QStringLiteral("at"), 0}})
                                 << QStringLiteral("no snapshot");
    QTest::newRow("lying snapshot") << preamble(1) + frame(header(1)) + frame(snapshotFrame(0, lying))
                                    << QStringLiteral("does not exist");
    QCborMap negativeDrops = snapshotFrame(0, good);
    negativeDrops.insert(QStringLiteral("droppedDatagrams"), -5);
    QTest::newRow("negative drops") << preamble(1) + frame(header(1)) + frame(negativeDrops)
                                    << QStringLiteral("droppedDatagrams is not a count");
    QTest::newRow("trailing bytes") << preamble(1) + frame(header(1)) + frame(snapshotFrame(0, good)) + QByteArray("x")
                                    << QStringLiteral("goes on after its last snapshot");
}

void TestQtRecording::damagedFilesAreErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!qgnet::decodeRecording(bytes, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

// play() moves through the recording on its own times and stops at the last snapshot; pausing the
// feed stops the replay.
void TestQtRecording::playbackReachesTheEnd()
{
    qgnet::RecordingFeed feed;
    feed.setInterval(10);
    qgnet::Recording r = syntheticRecording(8);
    for (std::size_t i = 0; i < r.snapshots.size(); ++i)
        r.snapshots[i].at = static_cast<qint64>(i) * 20; // 140 ms in all
    feed.setRecording(std::move(r));
    Models models(&feed);
    QCOMPARE(feed.position(), 7);
    QSignalSpy positions(&feed, &qgnet::RecordingFeed::positionChanged);
    feed.play(); // at the end: starts over
    QVERIFY(feed.isPlaying());
    QCOMPARE(feed.position(), 0);
    QCOMPARE(models.events.rowCount(), 1);
    QTRY_COMPARE(feed.position(), 7);
    QTRY_VERIFY(!feed.isPlaying());
    QCOMPARE(models.events.rowCount(), 8);
    QCOMPARE(feed.droppedDatagrams(), quint64(7));
    QVERIFY(positions.size() >= 2);

    feed.seekTime(65); // the snapshot at 60 ms
    QCOMPARE(feed.position(), 3);
    QCOMPARE(models.events.rowCount(), 4);
    feed.play();
    feed.setPaused(true);
    QVERIFY(!feed.isPlaying());
    feed.seek(1); // a seek answers while paused
    QCOMPARE(models.events.rowCount(), 2);
}

QGNET_TEST_MAIN(TestQtRecording)
#include "tst_qt_recording.moc"
