// SPDX-License-Identifier: Apache-2.0
#include "remote/timeline_codec.h"

#include <algorithm>
#include <limits>
#include <optional>

#include <QCoreApplication>

#include "qgnet/qt/snapshot_codec.h"
#include "remote/cbor_integer.h"

namespace qgnet::qtdetail {

namespace {

using Kind = TimelineEntry::Kind;
using Cause = TimelineEntry::Cause;

constexpr Kind kKinds[] = {Kind::Watched, Kind::Opened, Kind::TlsHandshakeDone, Kind::Traffic, Kind::HighWater,
    Kind::LowWater, Kind::ReadPaused, Kind::ReadResumed, Kind::Timeout, Kind::Closed};

QString kindKey(Kind kind) { return QString::fromLatin1(toString(kind)); }

std::optional<Kind> kindFromKey(const QString& key)
{
    for (Kind k : kKinds)
        if (key == kindKey(k))
            return k;
    return std::nullopt;
}

Cause causeFromKey(const QString& key)
{
    if (key == QLatin1String("user"))
        return Cause::User;
    if (key == QLatin1String("memory-budget"))
        return Cause::MemoryBudget;
    return Cause::None;
}

qint64 wallNs(std::chrono::system_clock::time_point t)
{
    return static_cast<qint64>(std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count());
}

std::uint64_t toU(const QCborValue& v) { return static_cast<std::uint64_t>(std::max<qint64>(cborInteger(v), 0)); }

QCborMap entryToCbor(const TimelineEntry& e)
{
    QCborMap m;
    m.insert(QStringLiteral("sequence"), static_cast<qint64>(e.sequence));
    m.insert(QStringLiteral("time"), wallNs(e.time));
    m.insert(QStringLiteral("kind"), kindKey(e.kind));
    if (e.cause != Cause::None)
        m.insert(QStringLiteral("cause"), QString::fromLatin1(toString(e.cause)));
    if (e.kind == Kind::Traffic) {
        m.insert(QStringLiteral("reads"), static_cast<qint64>(e.reads));
        m.insert(QStringLiteral("writes"), static_cast<qint64>(e.writes));
        m.insert(QStringLiteral("bytesIn"), static_cast<qint64>(e.bytesIn));
        m.insert(QStringLiteral("bytesOut"), static_cast<qint64>(e.bytesOut));
    }
    if (!e.detail.empty())
        m.insert(QStringLiteral("detail"), QString::fromStdString(e.detail));
    return m;
}

} // namespace

QCborArray timelinesToCbor(const std::vector<ConnectionTimeline>& timelines)
{
    QCborArray out;
    for (const ConnectionTimeline& t : timelines) {
        QCborMap m;
        m.insert(QStringLiteral("id"), static_cast<qint64>(t.id));
        m.insert(QStringLiteral("loop"), t.loop);
        m.insert(QStringLiteral("closed"), t.closed);
        m.insert(QStringLiteral("dropped"), static_cast<qint64>(t.dropped));
        QCborArray entries;
        for (const TimelineEntry& e : t.entries)
            entries.append(entryToCbor(e));
        m.insert(QStringLiteral("entries"), entries);
        out.append(m);
    }
    return out;
}

QString checkTimelines(const QCborMap& snapshot)
{
    const QCborValue v = snapshot.value(QStringLiteral("timelines"));
    if (v.isUndefined())
        return {};
    if (!v.isArray() || v.toArray().size() > static_cast<qsizetype>(kMaxWatchedConnections))
        return QCoreApplication::translate("qgnet", "snapshot field 'timelines' is not an array of at most %1")
            .arg(kMaxWatchedConnections);
    for (const QCborValue& t : v.toArray()) {
        const QCborMap m = t.toMap();
        const qint64 loop = cborInteger(m.value(QStringLiteral("loop")));
        if (loop < 0 || loop > std::numeric_limits<int>::max())
            return QCoreApplication::translate("qgnet", "a timeline's loop is out of range");
        const QCborValue entries = m.value(QStringLiteral("entries"));
        if (!entries.isUndefined()
            && (!entries.isArray() || entries.toArray().size() > static_cast<qsizetype>(kTimelineCapacity)))
            return QCoreApplication::translate("qgnet", "a timeline's entries are not an array of at most %1")
                .arg(kTimelineCapacity);
        for (const QCborValue& e : entries.toArray()) {
            const QCborMap em = e.toMap();
            for (const char* key : {"kind", "cause", "detail"}) {
                if (em.value(QLatin1String(key)).toString().size() > MaxSnapshotText)
                    return QCoreApplication::translate("qgnet", "a timeline entry's text is longer than %1")
                        .arg(MaxSnapshotText);
            }
            for (const char* key : {"reads", "writes"}) {
                const qint64 n = cborInteger(em.value(QLatin1String(key)));
                if (n < 0 || n > std::numeric_limits<std::uint32_t>::max())
                    return QCoreApplication::translate("qgnet", "a timeline entry's count is out of range");
            }
        }
    }
    return {};
}

std::vector<ConnectionTimeline> timelinesFromCbor(const QCborValue& value)
{
    std::vector<ConnectionTimeline> out;
    for (const QCborValue& t : value.toArray()) {
        const QCborMap m = t.toMap();
        ConnectionTimeline& timeline = out.emplace_back();
        timeline.id = toU(m.value(QStringLiteral("id")));
        timeline.loop = static_cast<int>(cborInteger(m.value(QStringLiteral("loop"))));
        timeline.closed = m.value(QStringLiteral("closed")).toBool();
        timeline.dropped = toU(m.value(QStringLiteral("dropped")));
        for (const QCborValue& e : m.value(QStringLiteral("entries")).toArray()) {
            const QCborMap em = e.toMap();
            const auto kind = kindFromKey(em.value(QStringLiteral("kind")).toString());
            if (!kind)
                continue;
            TimelineEntry& entry = timeline.entries.emplace_back();
            entry.sequence = toU(em.value(QStringLiteral("sequence")));
            entry.time = std::chrono::system_clock::time_point(
                std::chrono::duration_cast<std::chrono::system_clock::duration>(
                    std::chrono::nanoseconds(cborInteger(em.value(QStringLiteral("time"))))));
            entry.kind = *kind;
            entry.cause = causeFromKey(em.value(QStringLiteral("cause")).toString());
            entry.reads = static_cast<std::uint32_t>(toU(em.value(QStringLiteral("reads"))));
            entry.writes = static_cast<std::uint32_t>(toU(em.value(QStringLiteral("writes"))));
            entry.bytesIn = toU(em.value(QStringLiteral("bytesIn")));
            entry.bytesOut = toU(em.value(QStringLiteral("bytesOut")));
            entry.detail = em.value(QStringLiteral("detail")).toString().toStdString();
        }
    }
    return out;
}

} // namespace qgnet::qtdetail
