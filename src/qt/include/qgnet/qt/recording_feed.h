// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QElapsedTimer>
#include <QString>

#include "qgnet/qt/recording_file.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet {

/// RecordingFeed replays a recording (a file StatsRecorder saved) as a StatsFeed, without any
/// engine: every model and view that follows a feed shows the recorded state. `position` is the
/// snapshot shown (an index); seeking forward delivers the snapshots in between, as the live feed
/// did, and seeking back starts the views over (StatsFeed::sourceReset) and delivers the snapshots
/// from the first, so the logs, histograms and chart histories are the ones the inspector showed at
/// that moment. `playing` moves the position along the recording's own times; pausing the feed
/// stops it. An opened recording shows its last snapshot. Lives in and signals on its thread.
class QGNET_QT_EXPORT RecordingFeed : public StatsFeed {
    Q_OBJECT
    Q_PROPERTY(QString fileName READ fileName NOTIFY loaded)
    Q_PROPERTY(QString source READ source NOTIFY loaded)
    Q_PROPERTY(int count READ count NOTIFY loaded)
    Q_PROPERTY(double duration READ duration NOTIFY loaded)
    Q_PROPERTY(int position READ position WRITE seek NOTIFY positionChanged)
    Q_PROPERTY(double time READ time NOTIFY positionChanged)
    Q_PROPERTY(bool playing READ isPlaying WRITE setPlaying NOTIFY playingChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
public:
    explicit RecordingFeed(QObject* parent = nullptr);
    ~RecordingFeed() override;

    /// open reads the recording at path (a path or a file: URL) and shows its last snapshot. False
    /// with errorString set (and errorOccurred) when the file cannot be read or is not a valid
    /// recording; the recording shown before stays.
    Q_INVOKABLE bool open(const QString& path);
    /// setRecording replays recording (already in memory), as open() does.
    void setRecording(Recording recording, const QString& fileName = {});
    const Recording& recording() const { return recording_; }

    QString fileName() const { return fileName_; }
    QString source() const { return recording_.source; }
    int count() const { return static_cast<int>(recording_.snapshots.size()); }
    /// duration is the time from the first to the last snapshot, in milliseconds.
    double duration() const;
    /// position is the index of the snapshot shown (-1 when there is none).
    int position() const { return position_; }
    /// time is the shown snapshot's time from the first, in milliseconds.
    double time() const;
    bool isPlaying() const { return playing_; }
    QString errorString() const { return error_; }
    /// positionAt is the last snapshot at or before `ms` from the first (0 for earlier times).
    Q_INVOKABLE int positionAt(double ms) const;

public Q_SLOTS:
    /// seek shows snapshot `index` (clamped to the recording).
    void seek(int index);
    /// seekTime shows the snapshot at or before `ms` from the first.
    void seekTime(double ms);
    /// setPlaying starts or stops the replay; started at the last snapshot, it starts over.
    void setPlaying(bool on);
    void play() { setPlaying(true); }
    /// redeliver brings views attached after the recording was opened to the position: they start
    /// over (sourceReset) and get the snapshots from the first again.
    void redeliver();
    void pause() { setPlaying(false); }

Q_SIGNALS:
    /// loaded follows a new recording (fileName, source, count, duration).
    void loaded();
    void positionChanged();
    void playingChanged();
    void errorStringChanged();

protected:
    void request(const SnapshotRequest& request) override;

private:
    void setError(const QString& error);
    Recording recording_;
    QString fileName_;
    QString error_;
    int position_ = -1;
    int target_ = -1; // the position the next request moves to (-1: none asked for)
    bool playing_ = false;
    QElapsedTimer playClock_; // since the replay started at playFrom_
    qint64 playFrom_ = 0;     // the recording time (ms) the replay started at
};

} // namespace qgnet
