// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <deque>

#include <QObject>
#include <QPointer>
#include <QString>

#include "qgnet/qt/recording_file.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet {

/// StatsRecorder keeps the last `window` seconds of what a StatsFeed delivers (default 60 s), in a
/// ring bounded by time and by bytes (maxBytes, default 64 MiB, counted as the decoded snapshots'
/// size in memory): the oldest snapshots leave first, the newest always stays. save() writes the
/// ring as a recording file (recording_file.h) that RecordingFeed replays without any engine.
/// Snapshots are shared with the models, not copied; times come from the snapshots themselves
/// (EngineSnapshot::taken), so the window is the engine's time, whatever the Qt thread was doing.
/// Lives in and works on the thread that owns it.
class QGNET_QT_EXPORT StatsRecorder : public QObject {
    Q_OBJECT
    Q_PROPERTY(qgnet::StatsFeed* feed READ feed WRITE setFeed NOTIFY feedChanged)
    Q_PROPERTY(bool recording READ isRecording WRITE setRecording NOTIFY recordingChanged)
    Q_PROPERTY(int window READ window WRITE setWindow NOTIFY windowChanged)
    Q_PROPERTY(qint64 maxBytes READ maxBytes WRITE setMaxBytes NOTIFY maxBytesChanged)
    Q_PROPERTY(int count READ count NOTIFY contentChanged)
    Q_PROPERTY(qint64 bytes READ bytes NOTIFY contentChanged)
    Q_PROPERTY(double duration READ duration NOTIFY contentChanged)
    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
public:
    explicit StatsRecorder(QObject* parent = nullptr);
    ~StatsRecorder() override;

    /// feed is the StatsFeed recorded (null: none). Another feed is another source: the ring is
    /// emptied, so two sources never mix in one recording.
    StatsFeed* feed() const;
    void setFeed(StatsFeed* feed);
    /// recording: snapshots are kept (default true); turning it off keeps what the ring holds.
    bool isRecording() const { return recording_; }
    void setRecording(bool on);
    /// window is how many seconds of snapshots the ring keeps (at least 1).
    int window() const { return window_; }
    void setWindow(int seconds);
    /// maxBytes bounds the decoded snapshots the ring holds (at least 1; the newest always stays).
    qint64 maxBytes() const { return maxBytes_; }
    void setMaxBytes(qint64 bytes);
    /// source describes the source in the saved file ("Process at tcp://…"); shown when replayed.
    QString source() const { return source_; }
    void setSource(const QString& source);

    /// count / bytes / duration: the snapshots held, their estimated size, and the time from the
    /// first to the last in milliseconds.
    int count() const { return static_cast<int>(ring_.size()); }
    qint64 bytes() const { return bytes_; }
    double duration() const;
    /// snapshots is the ring, oldest first (times relative to the first).
    std::deque<RecordedSnapshot> snapshots() const;
    /// recording is the ring as save() writes it.
    Recording toRecording() const;
    /// errorString says why the last save() failed.
    QString errorString() const { return error_; }

    /// append records one snapshot with the feed's droppedDatagrams count at that moment (what the
    /// feed connection does for each snapshotReady); then trims the ring to its bounds.
    void append(const SnapshotPtr& snapshot, quint64 droppedDatagrams = 0);
    /// sizeOf estimates the memory a decoded snapshot takes (what maxBytes counts).
    static qint64 sizeOf(const EngineSnapshot& snapshot);

public Q_SLOTS:
    /// save writes the ring to path (a path or a file: URL); false with errorString set on failure.
    bool save(const QString& path);
    /// clear empties the ring.
    void clear();

Q_SIGNALS:
    void feedChanged();
    void recordingChanged();
    void windowChanged();
    void maxBytesChanged();
    void sourceChanged();
    void errorStringChanged();
    /// contentChanged follows every change of the ring (count, bytes, duration).
    void contentChanged();

private:
    struct Entry {
        RecordedSnapshot recorded; // `at`: nanoseconds on the source's clock, made relative on output
        qint64 bytes = 0;
    };
    void trim();
    QPointer<StatsFeed> feed_;
    QMetaObject::Connection connection_;
    std::deque<Entry> ring_;
    qint64 bytes_ = 0;
    qint64 maxBytes_ = 64LL * 1024 * 1024;
    int window_ = 60;
    bool recording_ = true;
    QString source_;
    QString error_;
};

} // namespace qgnet
