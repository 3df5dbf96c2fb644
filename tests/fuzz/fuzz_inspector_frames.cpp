// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for what the inspector does with an endpoint's bytes (RemoteStatsFeed's path,
// without the socket): the FrameReader with the feed's limits splits them into frames, a "snapshot"
// answer is decoded by snapshotFromCbor, and an accepted snapshot goes through a StatsFeed (its log
// cursors) to all four models: connections, loops, decisions and events. The input is one control byte
// (it seeds splits.h's generated reads), then the byte stream of an endpoint, fed whole and in reads.
//
// Checked: nothing crashes, hangs or allocates hugely (libFuzzer's -timeout and -malloc_limit_mb,
// see scripts/fuzz.sh); a malformed frame fails the reader for good with a reason; a refused snapshot
// comes with a reason; every model passes QAbstractItemModelTester (signals agree with the rows, in
// fatal mode) and its own invariants after each accepted snapshot: one connection row per connection,
// ids strictly increasing and found by rowOf; one loop row per loop; the log models hold the newest
// min(capacity, delivered) entries and count no decision twice in their histogram; every cell and the
// CSV/JSON exports can be produced. Whole and split streams give the same outcome.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include <QAbstractItemModelTester>
#include <QCborMap>
#include <QCoreApplication>
#include <QString>

#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/decision_model.h"
#include "qgnet/qt/error_model.h"
#include "qgnet/qt/event_model.h"
#include "qgnet/qt/listener_model.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/snapshot_codec.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet/qt/timeline_model.h"
#include "remote/frame_reader.h"
#include "splits.h"

namespace {

// Small log capacities, so that short inputs reach the trimming of the log models.
constexpr int kLogCapacity = 8;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

// FuzzFeed is a StatsFeed whose answers come from the fuzz input: push is what RemoteStatsFeed does
// with a decoded snapshot (deliver: the log cursors, latest, snapshotReady to the models).
class FuzzFeed : public qgnet::StatsFeed {
public:
    void push(qgnet::SnapshotPtr snapshot) { deliver(std::move(snapshot)); }

protected:
    void request(const qgnet::SnapshotRequest&) override {}
};

// Models are the four models on one feed, each watched by a QAbstractItemModelTester.
struct Models {
    FuzzFeed feed;
    qgnet::ConnectionModel connections;
    qgnet::LoopModel loops;
    qgnet::DecisionModel decisions;
    qgnet::EventModel events;
    qgnet::TimelineModel timeline; // follows the first timeline a snapshot carries
    QAbstractItemModelTester connectionsTester{&connections, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester loopsTester{&loops, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester decisionsTester{&decisions, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester eventsTester{&events, QAbstractItemModelTester::FailureReportingMode::Fatal};
    qgnet::ErrorModel errors;
    qgnet::ListenerModel listeners;
    QAbstractItemModelTester errorsTester{&errors, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester listenersTester{&listeners, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester timelineTester{&timeline, QAbstractItemModelTester::FailureReportingMode::Fatal};
    std::uint64_t decisionsDelivered = 0;
    std::uint64_t eventsDelivered = 0;

    Models()
    {
        decisions.setCapacity(kLogCapacity);
        events.setCapacity(kLogCapacity);
        loops.setHistoryLength(4);
        errors.setHistoryLength(4);
        errors.setFeed(&feed);
        listeners.setFeed(&feed);
        for (qgnet::SnapshotModel* m :
            {static_cast<qgnet::SnapshotModel*>(&connections), static_cast<qgnet::SnapshotModel*>(&loops),
                static_cast<qgnet::SnapshotModel*>(&decisions), static_cast<qgnet::SnapshotModel*>(&events)})
            m->setFeed(&feed);
        timeline.setFeed(&feed);
        QObject::connect(&feed, &qgnet::StatsFeed::snapshotReady, [this](const qgnet::SnapshotPtr& s) {
            decisionsDelivered += s->decisions.size();
            eventsDelivered += s->events.size();
            if (timeline.connectionId() == 0 && !s->timelines.empty() && s->timelines.front().id != 0)
                timeline.setConnectionId(s->timelines.front().id); // applied from the next snapshot on
        });
    }
};

// readEveryCell asks each model for every cell in every role, and for its exports.
void readEveryCell(const qgnet::SnapshotModel& model)
{
    const QHash<int, QByteArray> roles = model.roleNames();
    for (int row = 0; row < model.rowCount(); ++row)
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            (void)model.data(index, Qt::DisplayRole);
            (void)model.data(index, qgnet::SnapshotModel::SortRole);
            for (auto it = roles.begin(); it != roles.end(); ++it)
                (void)model.data(index, it.key());
        }
    (void)model.toCsv();
    (void)model.toJson();
}

void checkInvariants(Models& m, const qgnet::EngineSnapshot& snapshot)
{
    // Connections: one row each, sorted by id, unique, found where they are.
    check(m.connections.rowCount() == static_cast<int>(snapshot.connections.size()));
    quint64 previous = 0;
    for (int row = 0; row < m.connections.rowCount(); ++row) {
        const quint64 id = m.connections
                               .data(m.connections.index(row, qgnet::ConnectionModel::Id),
                                   qgnet::SnapshotModel::SortRole)
                               .toULongLong();
        check(row == 0 || id > previous);
        check(m.connections.rowOf(id) == row);
        previous = id;
    }
    check(m.loops.rowCount() == static_cast<int>(snapshot.loops.size()));
    // Logs: the newest of what the feed delivered, at most the capacity; the histogram counts each
    // delivered decision at most once.
    check(static_cast<std::uint64_t>(m.decisions.rowCount())
        == std::min<std::uint64_t>(kLogCapacity, m.decisionsDelivered));
    check(static_cast<std::uint64_t>(m.events.rowCount()) == std::min<std::uint64_t>(kLogCapacity, m.eventsDelivered));
    qint64 counted = 0;
    for (const qint64 n : m.decisions.histogram()) {
        check(n >= 0);
        counted += n;
    }
    check(static_cast<std::uint64_t>(counted) <= m.decisionsDelivered);
    check(m.decisions.histogram().size() <= qgnet::MaxSnapshotLoops);
    for (const qgnet::SnapshotModel* model :
        {static_cast<const qgnet::SnapshotModel*>(&m.connections), static_cast<const qgnet::SnapshotModel*>(&m.loops),
            static_cast<const qgnet::SnapshotModel*>(&m.decisions), static_cast<const qgnet::SnapshotModel*>(&m.events),
            static_cast<const qgnet::SnapshotModel*>(&m.timeline)})
        readEveryCell(*model);
    // Errors: one row per kind and code seen from this engine (never fewer than the snapshot has),
    // each history within its length; listeners: one row each.
    check(m.errors.rowCount() >= static_cast<int>(snapshot.errors.size()));
    for (int row = 0; row < m.errors.rowCount(); ++row)
        check(m.errors.history(row).size() <= m.errors.historyLength());
    check(m.listeners.rowCount() == static_cast<int>(snapshot.listeners.size()));
    readEveryCell(m.errors);
    readEveryCell(m.listeners);
    // A timeline holds at most what one snapshot may carry (kTimelineCapacity entries).
    check(m.timeline.rowCount() <= static_cast<int>(qgnet::kTimelineCapacity));
}

// run feeds stream to a fresh reader, feed and models; the result says what happened, frame by frame.
std::string run(const QByteArray& stream, const qgnet_fuzz::NextRead& nextRead)
{
    std::string outcome;
    std::unique_ptr<Models> m; // made at the first accepted snapshot: most inputs never get there
    qgnet::qtdetail::FrameReader reader(qgnet::qtdetail::MaxAnswerFrame, qgnet::qtdetail::MaxAnswerItems);
    qsizetype have = 0;
    while (have < stream.size() && !reader.failed()) {
        const qsizetype from = have;
        have = std::min<qsizetype>(stream.size(),
            have + static_cast<qsizetype>(std::max<std::size_t>(1, nextRead(have))));
        reader.append(stream.mid(from, have - from));
        while (std::optional<QCborMap> frame = reader.next()) {
            const QCborMap& message = *frame;
            if (message.value(QStringLiteral("type")).toString() != QLatin1String("snapshot")) {
                outcome += 'o'; // welcome, error, unknown: not this target's subject
                continue;
            }
            QString error;
            std::optional<qgnet::EngineSnapshot> snapshot
                = qgnet::snapshotFromCbor(message.value(QStringLiteral("snapshot")).toMap(), &error);
            if (!snapshot) {
                check(!error.isEmpty());
                outcome += 'r';
                continue;
            }
            const auto shared = std::make_shared<const qgnet::EngineSnapshot>(std::move(*snapshot));
            if (!m)
                m = std::make_unique<Models>();
            m->feed.push(shared);
            check(m->feed.latest() != nullptr);
            checkInvariants(*m, *shared);
            outcome += 's';
        }
    }
    if (reader.failed()) {
        check(!reader.error().isEmpty());
        check(!reader.next()); // failed for good
        outcome += 'F';
    }
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // The models and the feed's timer want an application object; the event loop never runs, so
    // nothing happens but what the input drives.
    static int argc = 1;
    static char name[] = "fuzz_inspector_frames";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    if (size == 0)
        return 0;
    const QByteArray stream(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    const std::string whole = run(stream, [&](std::size_t) { return static_cast<std::size_t>(stream.size()); });
    check(run(stream, qgnet_fuzz::generatedReads(data[0])) == whole);
    return 0;
}
