// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace qgnet {
class StatsFeed;
class TimelineModel;
} // namespace qgnet

namespace qgnet::inspector {

/// TimelineView is the Timeline tab: the timeline of the connection selected in the Connections tab
/// (opened, TLS handshake, traffic per 100 ms, water marks, pauses, timeouts, close), oldest first,
/// under a line that names the connection and sums its traffic. The engine records the timeline only
/// while this view is visible and shows a connection (TimelineModel::active follows visibility).
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    /// setFeed follows feed (not owned; null detaches).
    void setFeed(StatsFeed* feed);
    /// setConnection shows connection id (0: none), described by `peer` in the header line.
    void setConnection(quint64 id, const QString& peer);
    quint64 connectionId() const;
    TimelineModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    /// summary is the line above the table.
    QLabel* summary() const { return summary_; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void updateSummary();
    TimelineModel* model_;
    QLabel* summary_;
    QTableView* table_;
    QString peer_;
};

} // namespace qgnet::inspector
