// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include "units.h"

namespace qgnet {
class LoopModel;
}

namespace qgnet::inspector {

/// RateChart draws one LoopModel column (a rate, busy %) over time, one line per loop in the loop's
/// colour, with a titled frame, a value axis with round ticks (qgnet::AxisScale, linear or
/// logarithmic, the same axis as the QML inspector's), a time axis in seconds before now and a
/// legend; optionally each line is a moving average. Drawn with QPainter (Qt Charts is GPL-only); it
/// repaints on LoopModel::historyChanged.
class RateChart : public QWidget {
    Q_OBJECT
public:
    explicit RateChart(QWidget* parent = nullptr);

    /// setSource chooses the model and column to draw, the title and how values read.
    void setSource(LoopModel* model, int column, const QString& title, ValueKind kind);
    /// setSampleInterval is the time between two samples (the feed interval), for the time axis.
    void setSampleInterval(int ms);
    QString title() const { return title_; }
    /// setLogScale switches the value axis between linear (from 0) and logarithmic (decades).
    void setLogScale(bool on);
    bool logScale() const { return log_; }
    /// setAverageWindow draws each loop's line as the moving average of that many samples
    /// (qgnet::movingAverage); 1 or less draws the samples as they are.
    void setAverageWindow(int samples);
    int averageWindow() const { return averageWindow_; }
    /// axisLabels are the value axis's labels as last drawn, bottom to top (for tests).
    QStringList axisLabels() const { return axisLabels_; }

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
    bool log_ = false;
    int averageWindow_ = 1;
    QStringList axisLabels_;
};

} // namespace qgnet::inspector
