// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace qgnet {
class ListenerModel;
class StatsFeed;
} // namespace qgnet

namespace qgnet::inspector {

/// ListenerView is the inspector's Listeners tab: a summary line (connections waiting to be accepted,
/// listeners not accepting), then one row per listening socket: address, network, owning loop,
/// reuseport, the kernel's accept queue (waiting, backlog, and how full as a bar), accepted and
/// refused connections, and whether it accepts, backs off after an accept error or waits at the
/// connection limit (those rows in the warning colour). It owns its ListenerModel.
class ListenerView : public QWidget {
    Q_OBJECT
public:
    explicit ListenerView(QWidget* parent = nullptr);

    /// setFeed follows feed's snapshots (null detaches); the rows of an earlier feed are cleared.
    void setFeed(StatsFeed* feed);
    ListenerModel* model() const { return model_; }
    /// sorter is the table's model (sorted as shown), for export.
    QSortFilterProxyModel* sorter() const { return sorter_; }
    QTableView* table() const { return table_; }
    QLabel* summary() const { return summary_; }

private:
    void refresh();

    ListenerModel* model_;
    QSortFilterProxyModel* sorter_;
    QLabel* summary_;
    QTableView* table_;
    bool sized_ = false;
};

} // namespace qgnet::inspector
