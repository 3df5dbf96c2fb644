// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>

#include "qgnet/qt/stats_feed.h"

namespace qgnet {

/// RecordedSnapshot is one snapshot of a recording as a feed delivered it: `at` is its place on the
/// recording's time line in milliseconds (0 for the first kept snapshot, never decreasing), and
/// droppedDatagrams the feed's bridge counter at that moment (StatsFeed::droppedDatagrams).
struct RecordedSnapshot {
    qint64 at = 0;
    SnapshotPtr snapshot;
    quint64 droppedDatagrams = 0;
};

/// Recording is what a recording file holds (docs/inspector-protocol.md, "Recording files"): where
/// the snapshots came from (a description for people), when the file was written (milliseconds since
/// the Unix epoch), the recorder's window, and the snapshots in the order the feed delivered them.
struct Recording {
    QString source;
    qint64 savedAt = 0;
    qint64 windowMs = 0;
    std::vector<RecordedSnapshot> snapshots;
};

/// RecordingFileVersion is the version this build writes and the newest it reads.
inline constexpr quint32 RecordingFileVersion = 1;
/// Limits on a recording file that decodeRecording accepts, checked before the snapshots are
/// decoded: a file is untrusted input, so a lying one costs an error message, not memory. Each
/// snapshot is also held to snapshotFromCbor's limits and to the inspector protocol's frame limits.
inline constexpr qsizetype MaxRecordingFileBytes = qsizetype(1) << 30;
inline constexpr qsizetype MaxRecordingSnapshots = 100000;
/// MaxRecordingEntries bounds the connections and log entries of all snapshots together (each
/// becomes a struct of 100-200 bytes once decoded).
inline constexpr qsizetype MaxRecordingEntries = 8 * 1000 * 1000;

/// encodeRecording is the file form of recording: the magic "qgnetrec", the version as a 32-bit
/// big-endian integer, a header frame, then one frame per snapshot (each frame a 32-bit big-endian
/// length and a CBOR map, as in the inspector protocol; snapshots in snapshotToCbor's form).
QGNET_QT_EXPORT QByteArray encodeRecording(const Recording& recording);

/// decodeRecording reads a file's bytes back. It returns nullopt with error set, never crashing,
/// for bytes that are not a recording, one of a newer version, a truncated one (fewer snapshots than
/// its header announces, or a frame cut short), one over the limits above, or one with a snapshot
/// that snapshotFromCbor refuses or times that go backwards.
QGNET_QT_EXPORT std::optional<Recording> decodeRecording(const QByteArray& bytes, QString* error = nullptr);

/// readRecordingFile reads and decodes the file at path (also a file: URL); errors as above, or why
/// the file cannot be read.
QGNET_QT_EXPORT std::optional<Recording> readRecordingFile(const QString& path, QString* error = nullptr);

/// writeRecordingFile writes recording to path (also a file: URL) atomically: a failure leaves any
/// file already there as it was. False with error set when it cannot be written.
QGNET_QT_EXPORT bool writeRecordingFile(const QString& path, const Recording& recording, QString* error = nullptr);

} // namespace qgnet
