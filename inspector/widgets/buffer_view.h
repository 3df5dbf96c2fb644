// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

class QTableView;
class QSortFilterProxyModel;

namespace qgnet {
class ConnectionModel;
class LoopModel;
} // namespace qgnet

namespace qgnet::inspector {

class BarDelegate;

/// LoopBufferBars paints, per loop, the bytes its connections hold in inbound and outbound buffers.
class LoopBufferBars : public QWidget {
    Q_OBJECT
public:
    explicit LoopBufferBars(QWidget* parent = nullptr);
    void setModel(LoopModel* model);
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QPointer<LoopModel> model_;
};

/// BufferView is the buffer-occupancy view: the per-loop totals above, and below every connection's
/// inbound ring, outbound ring, spilled bytes and fill relative to its high-water mark as bars,
/// fullest first, so a peer that stopped reading stands out.
class BufferView : public QWidget {
    Q_OBJECT
public:
    explicit BufferView(QWidget* parent = nullptr);
    void setModels(LoopModel* loops, ConnectionModel* connections);
    QTableView* table() const { return table_; }

public Q_SLOTS:
    /// refresh rescales the bars after a snapshot.
    void refresh();

private:
    LoopBufferBars* bars_;
    QTableView* table_;
    QSortFilterProxyModel* proxy_;
    BarDelegate* bytesBar_;
    BarDelegate* fillBar_;
    bool sized_ = false;
};

} // namespace qgnet::inspector
