// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/stats_recorder.h"

#include <algorithm>
#include <chrono>

#include <QDateTime>

namespace qgnet {

namespace {

qint64 takenNs(const EngineSnapshot& s)
{
    return static_cast<qint64>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(s.taken.time_since_epoch()).count());
}

} // namespace

StatsRecorder::StatsRecorder(QObject* parent) : QObject(parent) {}

StatsRecorder::~StatsRecorder() = default;

StatsFeed* StatsRecorder::feed() const { return feed_; }

void StatsRecorder::setFeed(StatsFeed* feed)
{
    if (feed == feed_)
        return;
    disconnect(connection_);
    feed_ = feed;
    clear();
    if (feed) {
        connection_ = connect(feed, &StatsFeed::snapshotReady, this, [this](const SnapshotPtr& snapshot) {
            if (feed_)
                append(snapshot, feed_->droppedDatagrams());
        });
    }
    emit feedChanged();
}

void StatsRecorder::setRecording(bool on)
{
    if (on == recording_)
        return;
    recording_ = on;
    emit recordingChanged();
}

void StatsRecorder::setWindow(int seconds)
{
    seconds = std::max(seconds, 1);
    if (seconds == window_)
        return;
    window_ = seconds;
    emit windowChanged();
    trim();
}

void StatsRecorder::setMaxBytes(qint64 bytes)
{
    bytes = std::max<qint64>(bytes, 1);
    if (bytes == maxBytes_)
        return;
    maxBytes_ = bytes;
    emit maxBytesChanged();
    trim();
}

void StatsRecorder::setSource(const QString& source)
{
    if (source == source_)
        return;
    source_ = source;
    emit sourceChanged();
}

double StatsRecorder::duration() const
{
    return ring_.empty() ? 0.0 : static_cast<double>(ring_.back().recorded.at - ring_.front().recorded.at) / 1e6;
}

qint64 StatsRecorder::sizeOf(const EngineSnapshot& s)
{
    auto size = static_cast<qint64>(sizeof(EngineSnapshot));
    for (const std::string& url : s.listenUrls)
        size += static_cast<qint64>(sizeof url + url.size());
    for (const LoopStats& l : s.loops)
        size += static_cast<qint64>(sizeof l + l.backend.size());
    size += static_cast<qint64>(s.connections.size() * sizeof(ConnectionStats));
    for (const BalanceDecision& d : s.decisions)
        size += static_cast<qint64>(sizeof d + d.loads.size() * sizeof(int));
    for (const EngineEvent& e : s.events)
        size += static_cast<qint64>(sizeof e + e.reason.size());
    return size;
}

void StatsRecorder::append(const SnapshotPtr& snapshot, quint64 droppedDatagrams)
{
    if (!recording_ || !snapshot)
        return;
    // The time line never goes back: a snapshot stamped before the one ahead of it (another
    // engine's clock) takes that one's time.
    const qint64 at = ring_.empty() ? takenNs(*snapshot) : std::max(ring_.back().recorded.at, takenNs(*snapshot));
    const qint64 size = sizeOf(*snapshot);
    ring_.push_back({{at, snapshot, droppedDatagrams}, size});
    bytes_ += size;
    trim();
    emit contentChanged();
}

void StatsRecorder::trim()
{
    bool changed = false;
    const qint64 windowNs = static_cast<qint64>(window_) * 1000 * 1000 * 1000;
    while (
        ring_.size() > 1 && (bytes_ > maxBytes_ || ring_.back().recorded.at - ring_.front().recorded.at > windowNs)) {
        bytes_ -= ring_.front().bytes;
        ring_.pop_front();
        changed = true;
    }
    if (changed)
        emit contentChanged();
}

std::deque<RecordedSnapshot> StatsRecorder::snapshots() const
{
    std::deque<RecordedSnapshot> out;
    for (const Entry& e : ring_) {
        RecordedSnapshot r = e.recorded;
        r.at = (r.at - ring_.front().recorded.at) / (1000 * 1000);
        out.push_back(std::move(r));
    }
    return out;
}

Recording StatsRecorder::toRecording() const
{
    Recording recording;
    recording.source = source_;
    recording.savedAt = QDateTime::currentMSecsSinceEpoch();
    recording.windowMs = static_cast<qint64>(window_) * 1000;
    const std::deque<RecordedSnapshot> all = snapshots();
    recording.snapshots.assign(all.begin(), all.end());
    return recording;
}

bool StatsRecorder::save(const QString& path)
{
    QString error;
    const bool ok = writeRecordingFile(path, toRecording(), &error);
    if (error != error_) {
        error_ = error;
        emit errorStringChanged();
    }
    return ok;
}

void StatsRecorder::clear()
{
    if (ring_.empty())
        return;
    ring_.clear();
    bytes_ = 0;
    emit contentChanged();
}

} // namespace qgnet
