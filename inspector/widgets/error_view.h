// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace qgnet {
class ErrorModel;
class StatsFeed;
} // namespace qgnet

namespace qgnet::inspector {

class HeatStripDelegate;

/// ErrorView is the inspector's Errors tab: a line that sums the errors up (how many, how many per
/// second now), then one row per kind of error (socket errno, TLS reason or alert, certificate,
/// accept errno) with its total, its rate, its count over the last minutes and a heat strip of that
/// time, so that a storm of one kind shows at a glance. It owns its ErrorModel.
class ErrorView : public QWidget {
    Q_OBJECT
public:
    explicit ErrorView(QWidget* parent = nullptr);

    /// setFeed follows feed's snapshots (null detaches); the rows of an earlier feed are cleared.
    void setFeed(StatsFeed* feed);
    ErrorModel* model() const { return model_; }
    /// sorter is the table's model (sorted as shown), for export.
    QSortFilterProxyModel* sorter() const { return sorter_; }
    QTableView* table() const { return table_; }
    QLabel* summary() const { return summary_; }

private:
    void refresh();

    ErrorModel* model_;
    QSortFilterProxyModel* sorter_;
    QLabel* summary_;
    QTableView* table_;
    HeatStripDelegate* strip_;
    bool sized_ = false;
};

} // namespace qgnet::inspector
