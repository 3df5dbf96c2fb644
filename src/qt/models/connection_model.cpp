// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/connection_model.h"

#include <algorithm>

#include <QLocale>

#include "stats_text.h"

namespace qgnet {

ConnectionModel::ConnectionModel(QObject* parent) : SnapshotModel(parent) {}

int ConnectionModel::rowOf(quint64 id) const
{
    const auto it = std::lower_bound(rows_.begin(), rows_.end(), id,
        [](const ConnectionStats& c, quint64 key) { return c.id < key; });
    return it != rows_.end() && it->id == id ? static_cast<int>(it - rows_.begin()) : -1;
}

const ConnectionStats* ConnectionModel::connectionAt(int row) const
{
    return row >= 0 && row < rows() ? &rows_[static_cast<std::size_t>(row)] : nullptr;
}

void ConnectionModel::clear()
{
    if (rows_.empty())
        return;
    beginRemoveRows({}, 0, static_cast<int>(rows_.size()) - 1);
    rows_.clear();
    endRemoveRows();
}

void ConnectionModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    // Rows stay sorted by id, like the snapshot, so both lists merge in one pass each way.
    // Ids must be unique as well: a repeated id made the merge below stop advancing (an endless loop
    // on the GUI thread). snapshotFromCbor refuses such snapshots; the model keeps the first of each.
    std::vector<ConnectionStats> incoming = snapshot->connections;
    const auto byId = [](const ConnectionStats& a, const ConnectionStats& b) { return a.id < b.id; };
    if (!std::is_sorted(incoming.begin(), incoming.end(), byId))
        std::stable_sort(incoming.begin(), incoming.end(), byId);
    incoming.erase(std::unique(incoming.begin(), incoming.end(),
                       [](const ConnectionStats& a, const ConnectionStats& b) { return a.id == b.id; }),
        incoming.end());
    const auto present = [&incoming](std::uint64_t id) {
        return std::binary_search(incoming.begin(), incoming.end(), id, [](const auto& a, const auto& b) {
            if constexpr (std::is_same_v<std::decay_t<decltype(a)>, ConnectionStats>)
                return a.id < b;
            else
                return a < b.id;
        });
    };

    // 1. Remove the rows that closed, in contiguous ranges, from the end so indexes stay valid.
    for (int end = static_cast<int>(rows_.size()) - 1; end >= 0;) {
        if (present(rows_[static_cast<std::size_t>(end)].id)) {
            --end;
            continue;
        }
        int first = end;
        while (first > 0 && !present(rows_[static_cast<std::size_t>(first - 1)].id))
            --first;
        beginRemoveRows({}, first, end);
        rows_.erase(rows_.begin() + first, rows_.begin() + end + 1);
        endRemoveRows();
        end = first - 1;
    }

    // 2. Update the survivors and insert the newcomers in ranges, walking both sorted lists.
    const int survivors = static_cast<int>(rows_.size());
    std::size_t row = 0;
    std::size_t in = 0;
    while (in < incoming.size()) {
        if (row < rows_.size() && rows_[row].id == incoming[in].id) {
            rows_[row++] = incoming[in++];
            continue;
        }
        // incoming[in] is new: it goes before rows_[row] (or at the end); take the whole run. Every
        // row left after step 1 is in incoming, so the run is never empty; the check keeps it so.
        std::size_t runEnd = in;
        while (runEnd < incoming.size() && (row >= rows_.size() || incoming[runEnd].id < rows_[row].id))
            ++runEnd;
        if (runEnd == in) {
            ++row; // rows_[row] sorts before incoming[in] (it cannot, see above): step over it
            continue;
        }
        const int first = static_cast<int>(row);
        const int count = static_cast<int>(runEnd - in);
        beginInsertRows({}, first, first + count - 1);
        rows_.insert(rows_.begin() + first, incoming.begin() + static_cast<std::ptrdiff_t>(in),
            incoming.begin() + static_cast<std::ptrdiff_t>(runEnd));
        endInsertRows();
        row += static_cast<std::size_t>(count);
        in = runEnd;
    }
    now_ = snapshot->wallTime;
    // Every surviving row's values may have moved on (ages, counters): one ranged change.
    if (survivors > 0 && !rows_.empty())
        emit dataChanged(index(0, 0), index(static_cast<int>(rows_.size()) - 1, ColumnCount - 1));
}

int ConnectionModel::rows() const { return static_cast<int>(rows_.size()); }

QStringList ConnectionModel::keys() const
{
    return {QStringLiteral("id"), QStringLiteral("loop"), QStringLiteral("protocol"), QStringLiteral("peer"),
        QStringLiteral("local"), QStringLiteral("state"), QStringLiteral("age"), QStringLiteral("bytesIn"),
        QStringLiteral("bytesOut"), QStringLiteral("inbound"), QStringLiteral("outboundRing"),
        QStringLiteral("outboundSpilled"), QStringLiteral("outboundFill"), QStringLiteral("highWaterHits"),
        QStringLiteral("tls")};
}

QString ConnectionModel::title(int column) const
{
    switch (column) {
    case Id: return tr("Id");
    case Loop: return tr("Loop");
    case Protocol: return tr("Protocol");
    case Peer: return tr("Peer");
    case Local: return tr("Local");
    case State: return tr("State");
    case Age: return tr("Age (s)");
    case BytesIn: return tr("Bytes in");
    case BytesOut: return tr("Bytes out");
    case Inbound: return tr("Inbound");
    case OutboundRing: return tr("Out (ring)");
    case OutboundSpilled: return tr("Out (spilled)");
    case OutboundFill: return tr("Out fill %");
    case HighWaterHits: return tr("High-water hits");
    case Tls: return tr("TLS");
    default: return {};
    }
}

QVariant ConnectionModel::value(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const ConnectionStats& c = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Id: return static_cast<qulonglong>(c.id);
    case Loop: return c.loop;
    case Protocol: return qtdetail::protocolKey(c.network);
    case Peer: return qtdetail::addressText(c.remote);
    case Local: return qtdetail::addressText(c.local);
    case State: return qtdetail::stateKey(c.state);
    case Age: return std::max(0.0, std::chrono::duration<double>(now_ - c.opened).count());
    case BytesIn: return static_cast<qulonglong>(c.bytesIn);
    case BytesOut: return static_cast<qulonglong>(c.bytesOut);
    case Inbound: return static_cast<qulonglong>(c.inboundBuffered);
    case OutboundRing: return static_cast<qulonglong>(c.outboundRing);
    case OutboundSpilled: return static_cast<qulonglong>(c.outboundSpilled);
    case OutboundFill:
        // Unsent output relative to the high-water mark, in percent (100: the connection is unwritable).
        return c.highWater
            ? 100.0 * static_cast<double>(c.outboundRing + c.outboundSpilled) / static_cast<double>(c.highWater)
            : 0.0;
    case HighWaterHits: return static_cast<qulonglong>(c.highWaterHits);
    case Tls: return c.tls ? QString::fromStdString(c.tls->version) : QString();
    default: return {};
    }
}

QString ConnectionModel::display(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    switch (column) {
    case State: return qtdetail::stateDisplay(rows_[static_cast<std::size_t>(row)].state);
    case Age: return QLocale().toString(value(row, column).toDouble(), 'f', 1);
    case OutboundFill: return QLocale().toString(value(row, column).toDouble(), 'f', 0);
    default: return value(row, column).toString();
    }
}

} // namespace qgnet
