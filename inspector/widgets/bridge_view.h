// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace qgnet {
class BridgeHealthModel;
}

namespace qgnet::inspector {

/// BridgeView is the inspector's Bridge tab: whether the Qt thread keeps up with the engine's loops.
/// A headline (how far the Qt thread lags, what waits for it, what was dropped; red while anything
/// was dropped or the lag passes 100 ms) above a table of every measure of BridgeHealthModel.
class BridgeView : public QWidget {
    Q_OBJECT
public:
    explicit BridgeView(QWidget* parent = nullptr);

    /// setModel shows model (not owned).
    void setModel(BridgeHealthModel* model);
    QLabel* summaryLabel() const { return summary_; }
    QTableView* table() const { return table_; }

private:
    void refresh();
    BridgeHealthModel* model_ = nullptr;
    QLabel* summary_;
    QTableView* table_;
};

} // namespace qgnet::inspector
