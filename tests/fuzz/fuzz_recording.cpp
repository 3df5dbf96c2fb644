// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for opening a recording file (RecordingFeed::open's path, without the file):
// decodeRecording reads the bytes, and an accepted recording is replayed by a RecordingFeed to all
// four models, seeking to places the input chooses. The input is one control byte (the seek
// positions), then the file's bytes.
//
// Checked: nothing crashes, hangs or allocates hugely (libFuzzer's -timeout and -malloc_limit_mb,
// see scripts/fuzz.sh); a refused file comes with a reason; an accepted one encodes to bytes that
// decode to the same recording; after each seek the feed is where it was sent, every model passes
// QAbstractItemModelTester (fatal mode) and shows that snapshot's connections and loops, and every
// cell and the CSV/JSON exports can be produced.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QString>

#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/decision_model.h"
#include "qgnet/qt/event_model.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/recording_feed.h"
#include "qgnet/qt/recording_file.h"

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

// Models are the four models on one feed, each watched by a QAbstractItemModelTester.
struct Models {
    qgnet::RecordingFeed feed;
    qgnet::ConnectionModel connections;
    qgnet::LoopModel loops;
    qgnet::DecisionModel decisions;
    qgnet::EventModel events;
    QAbstractItemModelTester connectionsTester{&connections, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester loopsTester{&loops, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester decisionsTester{&decisions, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester eventsTester{&events, QAbstractItemModelTester::FailureReportingMode::Fatal};

    Models()
    {
        decisions.setCapacity(8);
        events.setCapacity(8);
        loops.setHistoryLength(4);
        for (qgnet::SnapshotModel* m :
            {static_cast<qgnet::SnapshotModel*>(&connections), static_cast<qgnet::SnapshotModel*>(&loops),
                static_cast<qgnet::SnapshotModel*>(&decisions), static_cast<qgnet::SnapshotModel*>(&events)})
            m->setFeed(&feed);
    }
};

void readEveryCell(const qgnet::SnapshotModel& model)
{
    for (int row = 0; row < model.rowCount(); ++row)
        for (int column = 0; column < model.columnCount(); ++column) {
            (void)model.data(model.index(row, column), Qt::DisplayRole);
            (void)model.data(model.index(row, column), qgnet::SnapshotModel::SortRole);
        }
    (void)model.toCsv();
    (void)model.toJson();
}

void seekAndCheck(Models& m, int position)
{
    m.feed.seek(position);
    const int expected = std::clamp(position, 0, m.feed.count() - 1);
    check(m.feed.position() == expected);
    const qgnet::EngineSnapshot& s = *m.feed.recording().snapshots[static_cast<std::size_t>(expected)].snapshot;
    check(m.connections.rowCount() == static_cast<int>(s.connections.size()));
    check(m.loops.rowCount() == static_cast<int>(s.loops.size()));
    check(m.feed.time() >= 0 && m.feed.time() <= m.feed.duration());
    for (const qgnet::SnapshotModel* model : {static_cast<const qgnet::SnapshotModel*>(&m.connections),
             static_cast<const qgnet::SnapshotModel*>(&m.loops), static_cast<const qgnet::SnapshotModel*>(&m.decisions),
             static_cast<const qgnet::SnapshotModel*>(&m.events)})
        readEveryCell(*model);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // The feed's timer wants an application object; the event loop never runs, so nothing
    // happens but what the input drives.
    static int argc = 1;
    static char name[] = "fuzz_recording";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    if (size == 0)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    QString error;
    std::optional<qgnet::Recording> recording = qgnet::decodeRecording(bytes, &error);
    if (!recording) {
        check(!error.isEmpty());
        return 0;
    }
    // Written again and read back, it is the same recording.
    const QByteArray again = qgnet::encodeRecording(*recording);
    const std::optional<qgnet::Recording> reread = qgnet::decodeRecording(again, &error);
    check(reread && reread->snapshots.size() == recording->snapshots.size());
    check(qgnet::encodeRecording(*reread) == again);
    if (recording->snapshots.empty())
        return 0;

    Models m;
    m.feed.setRecording(std::move(*recording));
    const int count = m.feed.count();
    check(m.feed.position() == count - 1);
    seekAndCheck(m, data[0] % count);            // back (a rewind) or where it is
    seekAndCheck(m, count - 1);                  // forward, snapshot by snapshot
    seekAndCheck(m, (data[0] >> 4) % count);     // back again
    seekAndCheck(m, m.feed.positionAt(data[0])); // by time
    seekAndCheck(m, -1);                         // clamped
    return 0;
}
