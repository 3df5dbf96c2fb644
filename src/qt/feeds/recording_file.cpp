// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/recording_file.h"

#include <algorithm>

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QUrl>
#include <QtEndian>

#include "qgnet/qt/snapshot_codec.h"
#include "remote/cbor_integer.h"
#include "remote/frame_reader.h"

namespace qgnet {

namespace {

using qtdetail::cborInteger;

// The first 8 bytes of every recording; a file that does not start with them is something else.
constexpr char Magic[] = {'q', 'g', 'n', 'e', 't', 'r', 'e', 'c'};
constexpr qsizetype MagicSize = sizeof Magic;
constexpr qsizetype PreambleSize = MagicSize + 4; // the magic and the version
const QString HeaderType = QStringLiteral("qgnet-recording");

// localPath accepts both a path and a file: URL (what QML's FileDialog gives).
QString localPath(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

// entriesOf is how many decoded structs a snapshot map asks for (connections and log entries);
// the arrays' sizes are known before anything is decoded.
qsizetype entriesOf(const QCborMap& snapshot)
{
    qsizetype n = 0;
    for (const char* key : {"connections", "decisions", "events"})
        n += snapshot.value(QLatin1String(key)).toArray().size();
    return n;
}

} // namespace

QByteArray encodeRecording(const Recording& recording)
{
    QByteArray out(Magic, MagicSize);
    out.resize(PreambleSize);
    qToBigEndian<quint32>(RecordingFileVersion, out.data() + MagicSize);
    QCborMap header;
    header.insert(QStringLiteral("type"), HeaderType);
    header.insert(QStringLiteral("version"), static_cast<qint64>(RecordingFileVersion));
    header.insert(QStringLiteral("snapshots"), static_cast<qint64>(recording.snapshots.size()));
    header.insert(QStringLiteral("source"), recording.source);
    header.insert(QStringLiteral("savedAt"), recording.savedAt);
    header.insert(QStringLiteral("windowMs"), recording.windowMs);
    out += qtdetail::encodeFrame(header);
    for (const RecordedSnapshot& r : recording.snapshots) {
        QCborMap frame;
        frame.insert(QStringLiteral("at"), r.at);
        frame.insert(QStringLiteral("droppedDatagrams"), static_cast<qint64>(r.droppedDatagrams));
        frame.insert(QStringLiteral("snapshot"), r.snapshot ? snapshotToCbor(*r.snapshot) : QCborMap());
        out += qtdetail::encodeFrame(frame);
    }
    return out;
}

std::optional<Recording> decodeRecording(const QByteArray& bytes, QString* error)
{
    const auto failWith = [error](const QString& why) -> std::optional<Recording> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (bytes.size() > MaxRecordingFileBytes)
        return failWith(QCoreApplication::translate("qgnet", "the file has %1 bytes; a recording has at most %2")
                            .arg(bytes.size())
                            .arg(MaxRecordingFileBytes));
    if (bytes.size() < PreambleSize || !bytes.startsWith(QByteArrayView(Magic, MagicSize)))
        return failWith(bytes.size() < PreambleSize && QByteArrayView(Magic, MagicSize).startsWith(bytes)
                ? QCoreApplication::translate("qgnet", "the file is truncated before its version")
                : QCoreApplication::translate("qgnet", "not a qgnet recording"));
    const quint32 version = qFromBigEndian<quint32>(bytes.constData() + MagicSize);
    if (version == 0 || version > RecordingFileVersion)
        return failWith(
            QCoreApplication::translate("qgnet", "recording format %1 is not supported (this build reads 1 to %2)")
                .arg(version)
                .arg(RecordingFileVersion));

    qtdetail::FrameReader reader(qtdetail::MaxAnswerFrame, qtdetail::MaxAnswerItems);
    reader.append(bytes.mid(PreambleSize));
    // nextFrame: the next frame, or why there is none (a malformed frame, or the end of the file).
    const auto nextFrame = [&reader](const QString& what, QString* why) -> std::optional<QCborMap> {
        std::optional<QCborMap> frame = reader.next();
        if (!frame)
            *why = reader.failed() ? QStringLiteral("%1: %2").arg(what, reader.error())
                                   : QCoreApplication::translate("qgnet", "the file is truncated in %1").arg(what);
        return frame;
    };
    QString why;
    const std::optional<QCborMap> header = nextFrame(QCoreApplication::translate("qgnet", "the header"), &why);
    if (!header)
        return failWith(why);
    if (header->value(QStringLiteral("type")).toString() != HeaderType)
        return failWith(QCoreApplication::translate("qgnet", "not a qgnet recording (the header's type is not '%1')")
                            .arg(HeaderType));
    const QCborValue count = header->value(QStringLiteral("snapshots"));
    if (!count.isInteger() || count.toInteger() < 0 || count.toInteger() > MaxRecordingSnapshots)
        return failWith(QCoreApplication::translate("qgnet", "the header's snapshot count is not a number from 0 to %1")
                            .arg(MaxRecordingSnapshots));
    const QString source = header->value(QStringLiteral("source")).toString();
    if (source.size() > MaxSnapshotText)
        return failWith(
            QCoreApplication::translate("qgnet", "the header's source is longer than %1").arg(MaxSnapshotText));

    Recording recording;
    recording.source = source;
    recording.savedAt = cborInteger(header->value(QStringLiteral("savedAt")));
    recording.windowMs = std::max<qint64>(0, cborInteger(header->value(QStringLiteral("windowMs"))));
    const qsizetype expected = static_cast<qsizetype>(count.toInteger());
    qsizetype entries = 0;
    qint64 lastAt = 0;
    for (qsizetype i = 0; i < expected; ++i) {
        const QString what = QCoreApplication::translate("qgnet", "snapshot %1 of %2").arg(i + 1).arg(expected);
        const std::optional<QCborMap> frame = nextFrame(what, &why);
        if (!frame)
            return failWith(why);
        const QCborValue at = frame->value(QStringLiteral("at"));
        const QCborValue dropped = frame->value(QStringLiteral("droppedDatagrams"));
        const QCborValue snapshotValue = frame->value(QStringLiteral("snapshot"));
        if (!at.isInteger() || at.toInteger() < lastAt)
            return failWith(
                QCoreApplication::translate("qgnet", "%1: its time is missing or earlier than the one before")
                    .arg(what));
        if (!dropped.isUndefined() && (!dropped.isInteger() || dropped.toInteger() < 0))
            return failWith(QCoreApplication::translate("qgnet", "%1: droppedDatagrams is not a count").arg(what));
        if (!snapshotValue.isMap())
            return failWith(QCoreApplication::translate("qgnet", "%1: no snapshot").arg(what));
        const QCborMap snapshotMap = snapshotValue.toMap();
        entries += entriesOf(snapshotMap);
        if (entries > MaxRecordingEntries)
            return failWith(
                QCoreApplication::translate("qgnet", "%1: the recording holds more than %2 connections and log entries")
                    .arg(what)
                    .arg(MaxRecordingEntries));
        QString snapshotError;
        std::optional<EngineSnapshot> snapshot = snapshotFromCbor(snapshotMap, &snapshotError);
        if (!snapshot)
            return failWith(QStringLiteral("%1: %2").arg(what, snapshotError));
        lastAt = at.toInteger();
        recording.snapshots.push_back({lastAt, std::make_shared<const EngineSnapshot>(std::move(*snapshot)),
            static_cast<quint64>(std::max<qint64>(0, cborInteger(dropped)))});
    }
    if (reader.buffered() > 0)
        return failWith(QCoreApplication::translate("qgnet", "the file goes on after its last snapshot"));
    return recording;
}

std::optional<Recording> readRecordingFile(const QString& path, QString* error)
{
    QFile file(localPath(path));
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error
                = QCoreApplication::translate("qgnet", "Cannot open %1: %2").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    if (file.size() > MaxRecordingFileBytes) {
        if (error)
            *error = QCoreApplication::translate("qgnet", "%1 has %2 bytes; a recording has at most %3")
                         .arg(file.fileName())
                         .arg(file.size())
                         .arg(MaxRecordingFileBytes);
        return std::nullopt;
    }
    QString why;
    std::optional<Recording> recording = decodeRecording(file.readAll(), &why);
    if (!recording && error)
        *error = QCoreApplication::translate("qgnet", "%1 is not a readable recording: %2").arg(file.fileName(), why);
    return recording;
}

bool writeRecordingFile(const QString& path, const Recording& recording, QString* error)
{
    QSaveFile file(localPath(path));
    const QByteArray bytes = encodeRecording(recording);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error
                = QCoreApplication::translate("qgnet", "Cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

} // namespace qgnet
