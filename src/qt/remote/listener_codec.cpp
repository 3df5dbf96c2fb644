// SPDX-License-Identifier: Apache-2.0
// The snapshot's "listeners" section (docs/inspector-protocol.md).
#include <limits>

#include <QCborArray>
#include <QCoreApplication>

#include "qgnet/qt/snapshot_codec.h"
#include "remote/cbor_integer.h"
#include "remote/snapshot_sections.h"
#include "stats_text.h"

namespace qgnet::qtdetail {

namespace {

constexpr ListenerState kStates[] = {ListenerState::Accepting, ListenerState::BackingOff, ListenerState::AtLimit,
    ListenerState::Paused};

QString keyOf(ListenerState state)
{
    const std::string_view k = toString(state);
    return QString::fromLatin1(k.data(), static_cast<qsizetype>(k.size()));
}

ListenerState listenerStateFromKey(const QString& key)
{
    for (ListenerState state : kStates)
        if (key == keyOf(state))
            return state;
    return ListenerState::Accepting; // a state a newer engine has
}

bool fitsInt(qint64 v) { return v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max(); }

qint64 u(std::uint64_t v) { return static_cast<qint64>(v); }

std::uint64_t toU(const QCborValue& v) { return static_cast<std::uint64_t>(std::max<qint64>(cborInteger(v), 0)); }

} // namespace

void listenersToCbor(const EngineSnapshot& s, QCborMap& m)
{
    QCborArray listeners;
    for (const ListenerStats& l : s.listeners) {
        QCborMap entry;
        entry.insert(QStringLiteral("url"), QString::fromStdString(l.url));
        entry.insert(QStringLiteral("network"), networkKey(l.network));
        entry.insert(QStringLiteral("loop"), l.loop);
        entry.insert(QStringLiteral("reusePort"), l.reusePort);
        entry.insert(QStringLiteral("queueDepth"), l.queueDepth);
        entry.insert(QStringLiteral("backlog"), l.backlog);
        entry.insert(QStringLiteral("accepted"), u(l.accepted));
        entry.insert(QStringLiteral("refused"), u(l.refused));
        entry.insert(QStringLiteral("state"), keyOf(l.state));
        entry.insert(QStringLiteral("backoffError"), l.backoffError);
        entry.insert(QStringLiteral("backoffMs"), static_cast<qint64>(l.backoff.count()));
        listeners.append(entry);
    }
    m.insert(QStringLiteral("listeners"), listeners);
}

QString listenersFromCbor(const QCborMap& m, EngineSnapshot& s)
{
    const QCborValue listeners = m.value(QStringLiteral("listeners"));
    if (listeners.isUndefined())
        return {}; // an older peer
    if (!listeners.isArray())
        return QCoreApplication::translate("qgnet", "snapshot field '%1' is not an array")
            .arg(QStringLiteral("listeners"));
    const QCborArray array = listeners.toArray();
    if (array.size() > MaxSnapshotListeners)
        return QCoreApplication::translate("qgnet", "snapshot field '%1' has %2 entries (at most %3)")
            .arg(QStringLiteral("listeners"))
            .arg(array.size())
            .arg(MaxSnapshotListeners);
    const auto loops = static_cast<qint64>(s.loops.size());
    for (const QCborValue& v : array) {
        const QCborMap entry = v.toMap();
        const QString url = entry.value(QStringLiteral("url")).toString();
        if (url.size() > MaxSnapshotText)
            return QCoreApplication::translate("qgnet", "a listen URL is longer than %1").arg(MaxSnapshotText);
        const qint64 loop = cborInteger(entry.value(QStringLiteral("loop")), -1);
        if (loop < -1 || loop >= loops)
            return QCoreApplication::translate("qgnet", "a listener is on loop %1, which does not exist").arg(loop);
        const qint64 depth = cborInteger(entry.value(QStringLiteral("queueDepth")), -1);
        const qint64 backlog = cborInteger(entry.value(QStringLiteral("backlog")), -1);
        const qint64 backoffError = cborInteger(entry.value(QStringLiteral("backoffError")));
        if (!fitsInt(depth) || !fitsInt(backlog) || !fitsInt(backoffError))
            return QCoreApplication::translate("qgnet", "a listener's queue or error is out of range");
        ListenerStats& l = s.listeners.emplace_back();
        l.url = url.toStdString();
        l.network = networkFromKey(entry.value(QStringLiteral("network")).toString()).value_or(Network::Tcp);
        l.loop = static_cast<int>(loop);
        l.reusePort = entry.value(QStringLiteral("reusePort")).toBool();
        l.queueDepth = static_cast<int>(std::max<qint64>(depth, -1));
        l.backlog = static_cast<int>(std::max<qint64>(backlog, -1));
        l.accepted = toU(entry.value(QStringLiteral("accepted")));
        l.refused = toU(entry.value(QStringLiteral("refused")));
        l.state = listenerStateFromKey(entry.value(QStringLiteral("state")).toString());
        l.backoffError = static_cast<int>(backoffError);
        l.backoff = std::chrono::milliseconds(
            std::max<qint64>(cborInteger(entry.value(QStringLiteral("backoffMs"))), 0));
    }
    return {};
}

} // namespace qgnet::qtdetail
