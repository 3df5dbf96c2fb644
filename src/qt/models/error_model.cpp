// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/error_model.h"

#include <algorithm>

#include <QLocale>

namespace qgnet {

// Row is one kind of error: its last count, and its counts per bucket (the last one filling).
struct ErrorModel::Row {
    ErrorCount error;
    std::deque<double> buckets{0.0};
    double lastFull = 0; // the count of the last closed bucket, for the rate
};

ErrorModel::ErrorModel(QObject* parent) : SnapshotModel(parent) {}

ErrorModel::~ErrorModel() = default;

int ErrorModel::historyLength() const { return historyLength_; }

void ErrorModel::setHistoryLength(int buckets)
{
    buckets = std::max(buckets, 1);
    if (buckets == historyLength_)
        return;
    historyLength_ = buckets;
    trimHistory();
    updateSummary();
    emit historyLengthChanged();
    emit headerDataChanged(Qt::Horizontal, Recent, Recent);
    emit historyChanged();
}

int ErrorModel::bucketSeconds() const { return bucketSeconds_; }

void ErrorModel::setBucketSeconds(int seconds)
{
    seconds = std::max(seconds, 1);
    if (seconds == bucketSeconds_)
        return;
    bucketSeconds_ = seconds;
    emit bucketSecondsChanged();
    emit headerDataChanged(Qt::Horizontal, Recent, Recent);
}

QList<double> ErrorModel::history(int row) const
{
    QList<double> out;
    if (row < 0 || row >= rows())
        return out;
    const Row& r = rows_[static_cast<std::size_t>(row)];
    out.reserve(static_cast<qsizetype>(r.buckets.size()));
    for (double count : r.buckets)
        out.append(count);
    return out;
}

void ErrorModel::clear()
{
    if (!rows_.empty()) {
        beginRemoveRows({}, 0, static_cast<int>(rows_.size()) - 1);
        rows_.clear();
        endRemoveRows();
    }
    previous_.reset();
    total_ = rate_ = peak_ = unlisted_ = 0;
    emit historyChanged();
}

// Closes every bucket that ended before now (a quiet stretch closes several, as zeros) and opens
// the one now falls in.
void ErrorModel::closeBuckets(std::chrono::steady_clock::time_point now)
{
    const std::chrono::seconds width(bucketSeconds_);
    if (now - bucketStart_ < width)
        return;
    const auto ended = std::min<std::int64_t>((now - bucketStart_) / width, historyLength_ + 1);
    bucketStart_ += width * ((now - bucketStart_) / width);
    for (Row& row : rows_) {
        row.lastFull = ended == 1 ? row.buckets.back() : 0.0; // more than one: the last full one was quiet
        for (std::int64_t i = 0; i < ended; ++i)
            row.buckets.push_back(0.0);
    }
    trimHistory();
}

void ErrorModel::trimHistory()
{
    for (Row& row : rows_) {
        while (row.buckets.size() > static_cast<std::size_t>(historyLength_))
            row.buckets.pop_front();
    }
}

void ErrorModel::updateSummary()
{
    total_ = rate_ = peak_ = 0;
    for (const Row& row : rows_) {
        total_ += static_cast<double>(row.error.count);
        rate_ += row.lastFull / bucketSeconds_;
        for (double count : row.buckets)
            peak_ = std::max(peak_, count);
    }
}

void ErrorModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    const bool sameEngine = previous_ && previous_->started == snapshot->started;
    if (!sameEngine && !rows_.empty()) { // another engine: its counts start afresh
        beginRemoveRows({}, 0, static_cast<int>(rows_.size()) - 1);
        rows_.clear();
        endRemoveRows();
    }
    if (!sameEngine)
        bucketStart_ = snapshot->taken;
    else
        closeBuckets(snapshot->taken);

    std::vector<Row> fresh;
    for (const ErrorCount& e : snapshot->errors) {
        const auto isSame = [&](const Row& r) { return r.error.kind == e.kind && r.error.code == e.code; };
        const auto same = std::find_if(rows_.begin(), rows_.end(), isSame);
        const auto sameFresh = std::find_if(fresh.begin(), fresh.end(), isSame);
        Row* row = same != rows_.end() ? &*same : sameFresh != fresh.end() ? &*sameFresh : nullptr;
        if (!row) {
            row = &fresh.emplace_back();
            row->buckets.assign(rows_.empty() ? 1 : rows_.front().buckets.size(), 0.0);
        }
        // New since the previous snapshot: all of it (a kind first seen now counted from 0); the
        // first snapshot of an engine is only the baseline.
        const std::uint64_t before = row->error.count;
        if (sameEngine && e.count >= before)
            row->buckets.back() += static_cast<double>(e.count - before);
        row->error = e;
    }
    if (!rows_.empty())
        emit dataChanged(index(0, 0), index(static_cast<int>(rows_.size()) - 1, ColumnCount - 1));
    if (!fresh.empty()) {
        const auto first = static_cast<int>(rows_.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (Row& r : fresh)
            rows_.push_back(std::move(r));
        endInsertRows();
    }
    previous_ = snapshot;
    unlisted_ = static_cast<double>(snapshot->errorsUnlisted);
    updateSummary();
    emit historyChanged();
}

int ErrorModel::rows() const { return static_cast<int>(rows_.size()); }

QStringList ErrorModel::keys() const
{
    return {QStringLiteral("kind"), QStringLiteral("name"), QStringLiteral("code"), QStringLiteral("total"),
        QStringLiteral("rate"), QStringLiteral("recent"), QStringLiteral("history"), QStringLiteral("description")};
}

QString ErrorModel::title(int column) const
{
    switch (column) {
    case Kind: return tr("Kind");
    case Name: return tr("Error");
    case Code: return tr("Code");
    case Total: return tr("Total");
    case Rate: return tr("Per second");
    case Recent: return tr("Last %1 min").arg(std::max(1, historyLength_ * bucketSeconds_ / 60));
    case History: return tr("Over time");
    case Description: return tr("Description");
    default: return {};
    }
}

QVariant ErrorModel::value(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const Row& r = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Kind: {
        const std::string_view k = toString(r.error.kind);
        return QString::fromLatin1(k.data(), static_cast<qsizetype>(k.size()));
    }
    case Name: return QString::fromStdString(r.error.name);
    case Code: return r.error.code;
    case Total: return static_cast<qulonglong>(r.error.count);
    case Rate: return r.lastFull / bucketSeconds_;
    case Recent: {
        double sum = 0;
        for (double count : r.buckets)
            sum += count;
        return sum;
    }
    case History: return QVariant::fromValue(history(row));
    case Description: return QString::fromStdString(r.error.description);
    default: return {};
    }
}

QString ErrorModel::display(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const Row& r = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Kind:
        switch (r.error.kind) {
        case ErrorKind::Socket: return tr("Socket");
        case ErrorKind::Tls: return tr("TLS");
        case ErrorKind::TlsVerify: return tr("Certificate");
        case ErrorKind::Accept: return tr("Accept");
        }
        return {};
    case Rate: return QLocale().toString(value(row, column).toDouble(), 'f', 1);
    case Recent: return QLocale().toString(value(row, column).toDouble(), 'f', 0);
    case Total: return QLocale().toString(static_cast<qulonglong>(r.error.count));
    case History: return {}; // drawn by the views
    default: return value(row, column).toString();
    }
}

} // namespace qgnet
