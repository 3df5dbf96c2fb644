// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <deque>
#include <vector>

#include <QList>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// ErrorModel has one row per kind of error the engine counted (EngineSnapshot::errors: a socket
/// errno, a TLS reason or alert, an accept errno), in the order they first appeared: its total, its
/// rate, and its counts over time in buckets of bucketSeconds (default 1 s), historyLength of them
/// (default 120: the last two minutes), so that a storm shows at a glance as a run of hot cells. The
/// first snapshot of an engine is the baseline: what was counted before the model looked is in the
/// totals, not in the history. Rates and buckets follow the snapshots' own clock (taken), so they
/// are exact whatever the feed's interval.
class QGNET_QT_EXPORT ErrorModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(int historyLength READ historyLength WRITE setHistoryLength NOTIFY historyLengthChanged)
    Q_PROPERTY(int bucketSeconds READ bucketSeconds WRITE setBucketSeconds NOTIFY bucketSecondsChanged)
    Q_PROPERTY(double total READ total NOTIFY historyChanged)
    Q_PROPERTY(double rate READ rate NOTIFY historyChanged)
    Q_PROPERTY(double peakBucket READ peakBucket NOTIFY historyChanged)
    Q_PROPERTY(double unlisted READ unlisted NOTIFY historyChanged)
public:
    enum Column { Kind, Name, Code, Total, Rate, Recent, History, Description, ColumnCount };
    Q_ENUM(Column)

    explicit ErrorModel(QObject* parent = nullptr);
    ~ErrorModel() override; // out of line: Row is complete only in error_model.cpp

    /// historyLength is how many buckets history() keeps (default 120, at least 1).
    int historyLength() const;
    void setHistoryLength(int buckets);
    /// bucketSeconds is the width of one history bucket in seconds (default 1, at least 1).
    int bucketSeconds() const;
    void setBucketSeconds(int seconds);
    /// The Recent column's title says the time the history spans ("Last 2 min").
    /// history is row's error counts per bucket, oldest first; the last one is still filling.
    Q_INVOKABLE QList<double> history(int row) const;

    /// total is every error counted so far; rate the errors per second over the last full bucket;
    /// peakBucket the largest count in any row's history (to scale the strips alike); unlisted the
    /// errors the engine could not count by kind (EngineSnapshot::errorsUnlisted).
    double total() const { return total_; }
    double rate() const { return rate_; }
    double peakBucket() const { return peak_; }
    double unlisted() const { return unlisted_; }

    void clear() override;

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

Q_SIGNALS:
    void historyLengthChanged();
    void bucketSecondsChanged();
    /// historyChanged follows every applied snapshot (strips repaint on it).
    void historyChanged();

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    struct Row;
    void closeBuckets(std::chrono::steady_clock::time_point now);
    void trimHistory();
    void updateSummary();

    std::vector<Row> rows_;
    SnapshotPtr previous_;
    std::chrono::steady_clock::time_point bucketStart_{};
    int historyLength_ = 120;
    int bucketSeconds_ = 1;
    double total_ = 0;
    double rate_ = 0;
    double peak_ = 0;
    double unlisted_ = 0;
};

} // namespace qgnet
