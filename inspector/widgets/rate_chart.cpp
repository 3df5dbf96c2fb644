// SPDX-License-Identifier: Apache-2.0
#include "rate_chart.h"

#include <algorithm>
#include <cmath>

#include <QPainter>
#include <QPainterPath>

#include "loop_palette.h"
#include "qgnet/qt/axis_scale.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/moving_average.h"

namespace qgnet::inspector {

RateChart::RateChart(QWidget* parent) : QWidget(parent) { setAttribute(Qt::WA_OpaquePaintEvent); }

void RateChart::setSource(LoopModel* model, int column, const QString& title, ValueKind kind)
{
    if (model_)
        disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    column_ = column;
    title_ = title;
    kind_ = kind;
    if (model_) {
        connect(model_, &LoopModel::historyChanged, this, qOverload<>(&QWidget::update));
        connect(model_, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
    }
    update();
}

void RateChart::setSampleInterval(int ms)
{
    intervalMs_ = std::max(1, ms);
    update();
}

void RateChart::setLogScale(bool on)
{
    log_ = on;
    update();
}

void RateChart::setAverageWindow(int samples)
{
    averageWindow_ = std::max(1, samples);
    update();
}

QSize RateChart::minimumSizeHint() const { return {260, 160}; }

QSize RateChart::sizeHint() const { return {480, 240}; }

void RateChart::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    p.setPen(pal.mid().color());
    p.drawRect(rect().adjusted(0, 0, -1, -1));

    const QFontMetrics fm = p.fontMetrics();
    const int lineH = fm.height();

    // Title, top left, bold.
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.text().color());
    p.drawText(QRect(8, 4, width() - 16, lineH + 2), Qt::AlignLeft | Qt::AlignVCenter, title_);
    p.setFont(font());

    const int loops = model_ ? model_->rowCount() : 0;
    const int samples = model_ ? model_->historyLength() : 0;
    std::vector<QList<double>> series;
    double top = 0;
    for (int r = 0; r < loops; ++r) {
        series.push_back(movingAverage(model_->history(r, column_), averageWindow_));
        for (double v : series.back())
            top = std::max(top, v);
    }
    const AxisUnit unit = kind_ == ValueKind::Bytes ? AxisUnit::Bytes
        : kind_ == ValueKind::Percent               ? AxisUnit::Percent
                                                    : AxisUnit::Count;
    const AxisScale axis = log_ ? AxisScale::logarithmic(top, unit) : AxisScale::linear(top, unit);
    axisLabels_.clear();
    for (const AxisTick& tick : axis.ticks())
        axisLabels_ << tick.label;

    // Legend: one swatch per loop, top right beside the title, or on a line of its own when the
    // chart is too narrow for both.
    int legendW = 0;
    for (int r = 0; r < loops; ++r)
        legendW += fm.horizontalAdvance(tr("Loop %1").arg(r)) + 24;
    QFont boldTitle = font();
    boldTitle.setBold(true);
    const int titleW = QFontMetrics(boldTitle).horizontalAdvance(title_);
    const bool legendBelowTitle = titleW + legendW + 24 > width();
    const int legendY = legendBelowTitle ? 4 + lineH + 2 : 4;
    int x = width() - 8;
    for (int r = loops - 1; r >= 0; --r) {
        const QString label = tr("Loop %1").arg(r);
        const int w = fm.horizontalAdvance(label);
        x -= w;
        p.setPen(pal.text().color());
        p.drawText(QRect(x, legendY, w, lineH + 2), Qt::AlignVCenter, label);
        x -= 14;
        p.fillRect(QRect(x, legendY + (lineH + 2) / 2 - 4, 10, 8), loopColor(r));
        x -= 10;
    }
    const int extraTop = legendBelowTitle ? lineH + 2 : 0;

    // Plot area: room for the value labels on the left, time labels below.
    int labelW = 0;
    for (const QString& label : std::as_const(axisLabels_))
        labelW = std::max(labelW, fm.horizontalAdvance(label));
    const QRect plot(labelW + 14, lineH * 2 + 4 + extraTop, width() - labelW - 14 - 16,
        height() - lineH * 3 - 14 - extraTop);
    if (plot.width() < 20 || plot.height() < 20)
        return;

    const auto yOf = [&](double v) { return plot.bottom() - axis.position(v) * plot.height(); };
    // Horizontal grid and value axis.
    for (const AxisTick& tick : axis.ticks()) {
        const int y = static_cast<int>(std::lround(yOf(tick.value)));
        p.setPen(QPen(pal.mid().color(), 0, y == plot.bottom() ? Qt::SolidLine : Qt::DotLine));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(pal.text().color());
        p.drawText(QRect(4, y - lineH / 2, labelW + 4, lineH), Qt::AlignRight | Qt::AlignVCenter, tick.label);
    }
    // Time axis: samples are intervalMs_ apart, the newest at the right edge.
    const double spanS = std::max(1, samples - 1) * intervalMs_ / 1000.0;
    const double tStep = niceStep(spanS, 6);
    for (double t = 0; t <= spanS + 1e-9; t += tStep) {
        const int xt = plot.right() - static_cast<int>(std::lround(t / spanS * plot.width()));
        p.setPen(QPen(pal.mid().color(), 0, Qt::DotLine));
        p.drawLine(xt, plot.top(), xt, plot.bottom());
        p.setPen(pal.text().color());
        const QString label = t == 0 ? tr("now") : tr("-%1 s").arg(t, 0, 'g', 3);
        const int w = fm.horizontalAdvance(label);
        p.drawText(QRect(xt - w / 2 - 2, plot.bottom() + 4, w + 4, lineH), Qt::AlignCenter, label);
    }
    p.setPen(pal.mid().color());
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());

    // One polyline per loop, right aligned (a short history starts part-way across).
    p.setClipRect(plot.adjusted(0, -2, 1, 1));
    for (int r = 0; r < loops; ++r) {
        const QList<double>& values = series[static_cast<std::size_t>(r)];
        if (values.isEmpty())
            continue;
        QPainterPath path;
        const qsizetype n = values.size();
        for (qsizetype i = 0; i < n; ++i) {
            const double age = static_cast<double>(n - 1 - i);
            const double xv = plot.right() - age / std::max(1, samples - 1) * plot.width();
            const QPointF pt(xv, yOf(values[i]));
            if (i == 0)
                path.moveTo(pt);
            else
                path.lineTo(pt);
        }
        p.setPen(QPen(loopColor(r), 1.8));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
}

} // namespace qgnet::inspector
