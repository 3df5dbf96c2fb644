// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace qgnet {
class StallModel;
class StatsFeed;
} // namespace qgnet

namespace qgnet::inspector {

/// StallView is the inspector's "Stalls" tab: the stall detector's log (StallModel), newest first,
/// each row red (the deeper the longer past Options::stallThreshold), naming the callback that ran
/// longest in the stalled iteration and its connection; above it, a line with the threshold and what
/// the engine's bounded logs lost.
class StallView : public QWidget {
    Q_OBJECT
public:
    explicit StallView(QWidget* parent = nullptr);
    /// setFeed follows feed (not owned; null detaches and clears the rows).
    void setFeed(StatsFeed* feed);
    StallModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QLabel* summary() const { return summary_; }

private:
    void updateSummary();

    StallModel* model_;
    QSortFilterProxyModel* sorter_;
    QTableView* table_;
    QLabel* summary_;
    bool sized_ = false;
};

} // namespace qgnet::inspector
