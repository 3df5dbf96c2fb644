// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QCheckBox;

namespace qgnet::inspector {

class RateChart;

/// ChartOptions is the row of toggles above the Charts tab: a logarithmic value axis and a moving
/// average of kAverageWindow samples. It applies them to every chart it is given (the Charts tab's
/// and the Loops tab's), now and whenever they change.
class ChartOptions : public QWidget {
    Q_OBJECT
public:
    /// kAverageWindow: samples per moving-average point (half a second at the default 100 ms feed).
    static constexpr int kAverageWindow = 5;

    explicit ChartOptions(QWidget* parent = nullptr);

    /// addChart puts chart under these options.
    void addChart(RateChart* chart);
    QCheckBox* logScaleBox() const { return log_; }
    QCheckBox* averageBox() const { return average_; }

private:
    void apply(RateChart* chart) const;

    QCheckBox* log_;
    QCheckBox* average_;
    QList<RateChart*> charts_;
};

} // namespace qgnet::inspector
