// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/timeline_model.h"

#include <QDateTime>
#include <QLocale>

namespace qgnet {

namespace {

QDateTime toDateTime(std::chrono::system_clock::time_point t)
{
    return QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

bool sameEntry(const TimelineEntry& a, const TimelineEntry& b)
{
    return a.sequence == b.sequence && a.kind == b.kind && a.reads == b.reads && a.writes == b.writes
        && a.bytesIn == b.bytesIn && a.bytesOut == b.bytesOut && a.detail == b.detail && a.cause == b.cause;
}

} // namespace

TimelineModel::TimelineModel(QObject* parent) : SnapshotModel(parent)
{
    connect(this, &SnapshotModel::feedChanged, this, &TimelineModel::updateWatch);
}

TimelineModel::~TimelineModel()
{
    if (watchedFeed_)
        watchedFeed_->unwatchConnection(watchedId_);
}

void TimelineModel::setConnectionId(quint64 id)
{
    if (id == connectionId_)
        return;
    connectionId_ = id;
    clear();
    updateWatch();
    emit connectionIdChanged();
}

void TimelineModel::setActive(bool active)
{
    if (active == active_)
        return;
    active_ = active;
    updateWatch();
    emit activeChanged();
}

// One watch at a time, on the feed and id shown now: the old one goes first.
void TimelineModel::updateWatch()
{
    StatsFeed* want = active_ && connectionId_ != 0 ? feed() : nullptr;
    if (want == watchedFeed_ && watchedId_ == (want ? connectionId_ : 0))
        return;
    const bool was = isWatching();
    if (watchedFeed_)
        watchedFeed_->unwatchConnection(watchedId_);
    watchedFeed_ = want;
    watchedId_ = want ? connectionId_ : 0;
    if (want)
        want->watchConnection(watchedId_);
    if (was != isWatching())
        emit watchingChanged();
}

qint64 TimelineModel::totalBytesIn() const
{
    qint64 total = 0;
    for (const TimelineEntry& e : rows_)
        total += static_cast<qint64>(e.bytesIn);
    return total;
}

qint64 TimelineModel::totalBytesOut() const
{
    qint64 total = 0;
    for (const TimelineEntry& e : rows_)
        total += static_cast<qint64>(e.bytesOut);
    return total;
}

QString TimelineModel::kindKey(int row) const
{
    if (row < 0 || row >= rows())
        return {};
    return QString::fromLatin1(toString(rows_[static_cast<std::size_t>(row)].kind));
}

void TimelineModel::clear()
{
    trimFront(rows_, 0);
    closed_ = false;
    loop_ = -1;
    dropped_ = 0;
    emit timelineChanged();
}

// A snapshot carries the whole timeline (at most kTimelineCapacity entries, numbered without gaps):
// rows the engine let go leave from the front, the newest Traffic row (its window may still be
// counting) changes in place, and new entries are appended; never a reset.
void TimelineModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot || connectionId_ == 0)
        return;
    const auto it = std::find_if(snapshot->timelines.begin(), snapshot->timelines.end(),
        [this](const ConnectionTimeline& t) { return t.id == connectionId_; });
    if (it == snapshot->timelines.end())
        return; // not watched yet (the watch travels to the loop), or not watched any more
    const std::vector<TimelineEntry>& incoming = it->entries;
    if (!incoming.empty() && !rows_.empty()
        && (rows_.back().sequence < incoming.front().sequence || rows_.front().sequence > incoming.front().sequence))
        trimFront(rows_, 0); // no overlap: another watch of the same id, start again
    if (!incoming.empty()) {
        const std::uint64_t first = incoming.front().sequence;
        std::size_t gone = 0;
        while (gone < rows_.size() && rows_[gone].sequence < first)
            ++gone;
        trimFront(rows_, rows_.size() - gone);
        // rows_ now starts at incoming's first entry: the overlap is rows_.size() entries.
        const std::size_t overlap = std::min(rows_.size(), incoming.size());
        int firstChanged = -1, lastChanged = -1;
        for (std::size_t i = 0; i < overlap; ++i) {
            if (!sameEntry(rows_[i], incoming[i])) {
                rows_[i] = incoming[i];
                firstChanged = firstChanged < 0 ? static_cast<int>(i) : firstChanged;
                lastChanged = static_cast<int>(i);
            }
        }
        if (firstChanged >= 0)
            emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
        if (incoming.size() > overlap) {
            const auto start = static_cast<int>(rows_.size());
            beginInsertRows({}, start, start + static_cast<int>(incoming.size() - overlap) - 1);
            rows_.insert(rows_.end(), incoming.begin() + static_cast<std::ptrdiff_t>(overlap), incoming.end());
            endInsertRows();
        }
    }
    closed_ = it->closed;
    loop_ = it->loop;
    dropped_ = static_cast<qint64>(it->dropped);
    emit timelineChanged();
}

int TimelineModel::rows() const { return static_cast<int>(rows_.size()); }

QStringList TimelineModel::keys() const
{
    return {QStringLiteral("sequence"), QStringLiteral("time"), QStringLiteral("kind"), QStringLiteral("detail"),
        QStringLiteral("reads"), QStringLiteral("writes"), QStringLiteral("bytesIn"), QStringLiteral("bytesOut")};
}

QString TimelineModel::title(int column) const
{
    switch (column) {
    case Sequence: return tr("#");
    case Time: return tr("Time");
    case Kind: return tr("What");
    case Detail: return tr("Detail");
    case Reads: return tr("Reads");
    case Writes: return tr("Writes");
    case BytesIn: return tr("Bytes in");
    case BytesOut: return tr("Bytes out");
    default: return {};
    }
}

QVariant TimelineModel::value(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const TimelineEntry& e = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Sequence: return static_cast<qulonglong>(e.sequence);
    case Time: return toDateTime(e.time);
    case Kind: return QString::fromLatin1(toString(e.kind));
    case Detail:
        return e.cause != TimelineEntry::Cause::None ? QString::fromLatin1(toString(e.cause))
                                                     : QString::fromStdString(e.detail);
    case Reads: return static_cast<qulonglong>(e.reads);
    case Writes: return static_cast<qulonglong>(e.writes);
    case BytesIn: return static_cast<qulonglong>(e.bytesIn);
    case BytesOut: return static_cast<qulonglong>(e.bytesOut);
    default: return {};
    }
}

QString TimelineModel::display(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const TimelineEntry& e = rows_[static_cast<std::size_t>(row)];
    const bool traffic = e.kind == TimelineEntry::Kind::Traffic;
    switch (column) {
    case Time: return toDateTime(e.time).toString(QStringLiteral("HH:mm:ss.zzz"));
    case Kind:
        switch (e.kind) {
        case TimelineEntry::Kind::Watched: return tr("Watching began");
        case TimelineEntry::Kind::Opened: return tr("Opened");
        case TimelineEntry::Kind::TlsHandshakeDone: return tr("TLS handshake done");
        case TimelineEntry::Kind::Traffic: return tr("Traffic (100 ms)");
        case TimelineEntry::Kind::HighWater: return tr("High-water mark reached");
        case TimelineEntry::Kind::LowWater: return tr("Low-water mark reached");
        case TimelineEntry::Kind::ReadPaused: return tr("Reading paused");
        case TimelineEntry::Kind::ReadResumed: return tr("Reading resumed");
        case TimelineEntry::Kind::Timeout: return tr("Timeout");
        case TimelineEntry::Kind::Closed: return tr("Closed");
        }
        return {};
    case Detail:
        switch (e.cause) {
        case TimelineEntry::Cause::User: return tr("by the application");
        case TimelineEntry::Cause::MemoryBudget: return tr("by the memory budget");
        case TimelineEntry::Cause::None: break;
        }
        if (e.kind == TimelineEntry::Kind::Closed && e.detail.empty())
            return tr("no reason given");
        return QString::fromStdString(e.detail);
    case Reads:
    case Writes:
    case BytesIn:
    case BytesOut: return traffic ? QLocale().toString(value(row, column).toULongLong()) : QString();
    default: return value(row, column).toString();
    }
}

} // namespace qgnet
