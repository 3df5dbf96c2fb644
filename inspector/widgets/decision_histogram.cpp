// SPDX-License-Identifier: Apache-2.0
#include "decision_histogram.h"

#include <algorithm>

#include <QPainter>

#include "loop_palette.h"
#include "qgnet/qt/decision_model.h"

namespace qgnet::inspector {

DecisionHistogram::DecisionHistogram(QWidget* parent) : QWidget(parent) {}

void DecisionHistogram::setModel(DecisionModel* model)
{
    if (model_)
        disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_)
        connect(model_, &DecisionModel::histogramChanged, this, qOverload<>(&QWidget::update));
    update();
}

QSize DecisionHistogram::minimumSizeHint() const { return {240, 140}; }

void DecisionHistogram::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    p.setPen(pal.mid().color());
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    const QFontMetrics fm = p.fontMetrics();
    const int lineH = fm.height();

    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.text().color());
    p.drawText(QRect(8, 4, width() - 16, lineH + 2), Qt::AlignLeft | Qt::AlignVCenter, tr("Connections per loop"));
    p.setFont(font());

    const QList<qint64> counts = model_ ? model_->histogram() : QList<qint64>();
    const qint64 dropped = model_ ? model_->dropped() : 0;
    qint64 total = 0;
    qint64 top = 1;
    for (qint64 c : counts) {
        total += c;
        top = std::max(top, c);
    }
    const QString footer = tr("%n decision(s)", nullptr, static_cast<int>(total)) + QStringLiteral("   ")
        + tr("dropped: %1").arg(dropped);
    p.setPen(dropped > 0 ? QColor(0xe1, 0x57, 0x59) : pal.text().color());
    p.drawText(QRect(8, height() - lineH - 6, width() - 16, lineH + 2), Qt::AlignLeft | Qt::AlignVCenter, footer);

    if (counts.isEmpty()) {
        p.setPen(pal.placeholderText().color());
        p.drawText(rect(), Qt::AlignCenter,
            tr("No balancing decisions yet (reuse-port engines let the kernel choose)"));
        return;
    }
    // Horizontal bars, one row per loop: label | bar | count (share).
    const int labelW = fm.horizontalAdvance(tr("Loop %1").arg(counts.size() - 1)) + 12;
    const int valueW = fm.horizontalAdvance(QStringLiteral("000000 (100.0 %)")) + 8;
    const QRect area(8, lineH + 12, width() - 16, height() - 2 * lineH - 24);
    const int rowH = std::clamp(area.height() / static_cast<int>(counts.size()), 8, lineH + 10);
    for (qsizetype i = 0; i < counts.size(); ++i) {
        const int y = area.top() + static_cast<int>(i) * rowH;
        p.setPen(pal.text().color());
        p.drawText(QRect(area.left(), y, labelW, rowH), Qt::AlignVCenter, tr("Loop %1").arg(i));
        const int barMax = area.width() - labelW - valueW;
        const int w = static_cast<int>(
            static_cast<double>(barMax) * static_cast<double>(counts[i]) / static_cast<double>(top));
        p.fillRect(QRect(area.left() + labelW, y + 3, std::max(w, counts[i] > 0 ? 2 : 0), rowH - 6),
            loopColor(static_cast<int>(i)));
        const double share = total > 0 ? 100.0 * static_cast<double>(counts[i]) / static_cast<double>(total) : 0.0;
        p.drawText(QRect(area.left() + labelW + w + 6, y, valueW, rowH), Qt::AlignVCenter,
            QStringLiteral("%1 (%2 %)").arg(counts[i]).arg(share, 0, 'f', 1));
    }
}

} // namespace qgnet::inspector
