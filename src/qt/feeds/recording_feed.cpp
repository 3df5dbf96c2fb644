// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/recording_feed.h"

#include <algorithm>

namespace qgnet {

RecordingFeed::RecordingFeed(QObject* parent) : StatsFeed(parent)
{
    // Pausing the feed (the inspectors' Pause) stops the replay; the requests stop with it.
    connect(this, &StatsFeed::pausedChanged, this, [this] {
        if (isPaused())
            setPlaying(false);
    });
}

RecordingFeed::~RecordingFeed() = default;

bool RecordingFeed::open(const QString& path)
{
    QString error;
    std::optional<Recording> recording = readRecordingFile(path, &error);
    if (!recording) {
        setError(error);
        fail(error);
        return false;
    }
    setRecording(std::move(*recording), path);
    return true;
}

void RecordingFeed::setRecording(Recording recording, const QString& fileName)
{
    setPlaying(false);
    recording_ = std::move(recording);
    fileName_ = fileName;
    setError({});
    position_ = -1;
    target_ = -1;
    resetSource();
    setActive(false);
    emit loaded();
    emit positionChanged();
    seek(count() - 1);
}

double RecordingFeed::duration() const
{
    return recording_.snapshots.empty() ? 0.0 : static_cast<double>(recording_.snapshots.back().at);
}

double RecordingFeed::time() const
{
    return position_ < 0 ? 0.0 : static_cast<double>(recording_.snapshots[static_cast<std::size_t>(position_)].at);
}

int RecordingFeed::positionAt(double ms) const
{
    const auto& s = recording_.snapshots;
    const auto after = std::upper_bound(s.begin(), s.end(), ms,
        [](double t, const RecordedSnapshot& r) { return t < static_cast<double>(r.at); });
    return std::max(0, static_cast<int>(after - s.begin()) - 1);
}

void RecordingFeed::seek(int index)
{
    if (recording_.snapshots.empty())
        return;
    target_ = std::clamp(index, 0, count() - 1);
    refresh(); // answered at once, also while the feed is paused
}

void RecordingFeed::redeliver()
{
    if (position_ < 0)
        return;
    const int at = position_;
    position_ = -1; // the next request starts from the first snapshot
    seek(at);
}

void RecordingFeed::seekTime(double ms) { seek(positionAt(ms)); }

void RecordingFeed::setPlaying(bool on)
{
    on = on && !recording_.snapshots.empty();
    if (on == playing_)
        return;
    if (on) {
        if (position_ >= count() - 1)
            seek(0);
        setPaused(false);
        playFrom_ = static_cast<qint64>(time());
        playClock_.start();
    }
    playing_ = on;
    emit playingChanged();
}

void RecordingFeed::request(const SnapshotRequest&)
{
    if (target_ < 0 && playing_) {
        target_ = positionAt(static_cast<double>(playFrom_ + playClock_.elapsed()));
        if (target_ >= count() - 1)
            setPlaying(false); // the last snapshot is delivered below
    }
    if (target_ < 0 || target_ == position_) {
        target_ = -1;
        cancelRequest();
        return;
    }
    const int target = target_;
    target_ = -1;
    int from = position_ + 1;
    if (target < position_ || position_ < 0) {
        resetSource(); // the views start over and are brought to `target` from the first snapshot
        from = 0;
    }
    for (int i = from; i <= target; ++i) {
        const RecordedSnapshot& r = recording_.snapshots[static_cast<std::size_t>(i)];
        setDroppedDatagrams(r.droppedDatagrams);
        deliver(r.snapshot);
    }
    position_ = target;
    emit positionChanged();
}

void RecordingFeed::setError(const QString& error)
{
    if (error == error_)
        return;
    error_ = error;
    emit errorStringChanged();
}

} // namespace qgnet
