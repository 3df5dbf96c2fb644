// SPDX-License-Identifier: Apache-2.0
#include "chart_options.h"

#include <QCheckBox>
#include <QHBoxLayout>

#include "rate_chart.h"

namespace qgnet::inspector {

ChartOptions::ChartOptions(QWidget* parent)
    : QWidget(parent)
    , log_(new QCheckBox(tr("Logarithmic scale"), this))
    , average_(new QCheckBox(tr("Moving average (%n samples)", nullptr, kAverageWindow), this))
{
    log_->setObjectName(QStringLiteral("chartLogScale"));
    average_->setObjectName(QStringLiteral("chartMovingAverage"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(log_);
    row->addWidget(average_);
    row->addStretch(1);
    for (QCheckBox* box : {log_, average_}) {
        connect(box, &QCheckBox::toggled, this, [this] {
            for (RateChart* chart : std::as_const(charts_))
                apply(chart);
        });
    }
}

void ChartOptions::addChart(RateChart* chart)
{
    charts_ << chart;
    apply(chart);
}

void ChartOptions::apply(RateChart* chart) const
{
    chart->setLogScale(log_->isChecked());
    chart->setAverageWindow(average_->isChecked() ? kAverageWindow : 1);
}

} // namespace qgnet::inspector
