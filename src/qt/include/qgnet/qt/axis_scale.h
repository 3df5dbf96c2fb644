// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QList>
#include <QString>

namespace qgnet {

/// AxisUnit says how a chart's values read: bytes (binary units, KiB = 1024 B), a plain count
/// (k, M, G, T = powers of 1000) or a percentage.
enum class AxisUnit { Count, Bytes, Percent };

/// AxisTick is one labelled value on an axis.
struct AxisTick {
    double value = 0;
    QString label;
};

/// AxisScale is a chart's value axis: its range, linear or logarithmic, its ticks with their
/// labels, and where a value falls on it. Both inspectors (the Widgets RateChart and the QML one,
/// through the QGnet module's ChartMath) draw from it, so their axes agree.
///
/// Linear axes start at 0 and step by 1, 2 or 5 times a power of ten *in the display unit* (for
/// bytes the unit is the binary one the top falls in: 0, 1, 2, 3, 4, 5 MiB, never 4.77 MiB), with at
/// most kMaxIntervals intervals and as many decimals as the step needs, so no two labels read
/// alike. The top is at least 1 (counts), 1 KiB (bytes) or 10 % (percent): an idle engine draws a
/// flat line near the bottom, not its noise across the whole height.
/// Logarithmic axes tick at the decades (1, 10, 100, 1 k… for counts and percent; 1 B, 10 B, 100 B,
/// 1 KiB, 10 KiB… for bytes), span at most six of them below the top, and put values at or below
/// their bottom (zero included) on the bottom line.
/// Labels are not translated (units are symbols); numbers follow the default QLocale; 0 reads "0".
class QGNET_QT_EXPORT AxisScale {
public:
    /// kMaxIntervals: linear axes have at most this many steps.
    static constexpr int kMaxIntervals = 5;

    AxisScale() = default;
    /// AxisScale with a known range (bottom and top > bottom; for a logarithmic one bottom > 0), as
    /// a scale made by linear() or logarithmic() reports it; it has no ticks.
    AxisScale(double bottom, double top, bool logarithmic);

    /// linear is the 0-based axis for values up to maxValue.
    static AxisScale linear(double maxValue, AxisUnit unit);
    /// logarithmic is the decade axis for values up to maxValue.
    static AxisScale logarithmic(double maxValue, AxisUnit unit);

    double bottom() const { return bottom_; }
    double top() const { return top_; }
    bool isLogarithmic() const { return log_; }
    const QList<AxisTick>& ticks() const { return ticks_; }

    /// position is where value falls: 0 at the bottom, 1 at the top, clamped to [0, 1].
    double position(double value) const;

private:
    double bottom_ = 0;
    double top_ = 1;
    bool log_ = false;
    QList<AxisTick> ticks_;
};

} // namespace qgnet
