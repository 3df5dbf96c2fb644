// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

#include "units.h"

namespace qgnet {
class LoopModel;
}

namespace qgnet::inspector {

/// RateChart draws one LoopModel column (a rate, busy %) over time, one line per loop in the loop's
/// colour, with a titled frame, a value axis with round ticks, a time axis in seconds before now and
/// a legend. Drawn with QPainter (Qt Charts is GPL-only); it repaints on LoopModel::historyChanged.
class RateChart : public QWidget {
    Q_OBJECT
public:
    explicit RateChart(QWidget* parent = nullptr);

    /// setSource chooses the model and column to draw, the title and how values read.
    void setSource(LoopModel* model, int column, const QString& title, ValueKind kind);
    /// setSampleInterval is the time between two samples (the feed interval), for the time axis.
    void setSampleInterval(int ms);
    QString title() const { return title_; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QPointer<LoopModel> model_;
    int column_ = 0;
    QString title_;
    ValueKind kind_ = ValueKind::Count;
    int intervalMs_ = 100;
};

} // namespace qgnet::inspector
