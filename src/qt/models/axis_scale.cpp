// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/axis_scale.h"

#include <algorithm>
#include <cmath>

#include <QLocale>

namespace qgnet {

namespace {

/// DisplayUnit is the divisor a value is shown in and its symbol ("MiB", "k", "%").
struct DisplayUnit {
    double divisor = 1;
    QString symbol;
};

/// unitFor picks the display unit for values up to top: for bytes the binary unit top falls in
/// (top / unit in [1, 1024)); for counts a 1000-based prefix once top reaches 10000 (below that
/// "2000" reads better than "2 k"); for percent "%".
DisplayUnit unitFor(double top, AxisUnit unit)
{
    switch (unit) {
    case AxisUnit::Percent: return {1, QStringLiteral("%")};
    case AxisUnit::Bytes: {
        static const char* const names[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double divisor = 1;
        int i = 0;
        while (top / divisor >= 1024 && i + 1 < int(std::size(names))) {
            divisor *= 1024;
            ++i;
        }
        return {divisor, QString::fromLatin1(names[i])};
    }
    case AxisUnit::Count: break;
    }
    static const char* const prefixes[] = {"", "k", "M", "G", "T", "P"};
    if (top < 1e4)
        return {1, QString()};
    double divisor = 1;
    int i = 0;
    while (top / divisor >= 1000 && i + 1 < int(std::size(prefixes))) {
        divisor *= 1000;
        ++i;
    }
    return {divisor, QString::fromLatin1(prefixes[i])};
}

QString label(double value, const DisplayUnit& unit, int decimals)
{
    if (value == 0)
        return QStringLiteral("0");
    const QString number = QLocale().toString(value / unit.divisor, 'f', decimals);
    return unit.symbol.isEmpty() ? number : number + QLatin1Char(' ') + unit.symbol;
}

/// niceStep is the smallest 1, 2 or 5 times a power of ten that is at least raw (raw > 0).
double niceStep(double raw)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= raw * (1 - 1e-12))
            return m * magnitude;
    }
    return 10.0 * magnitude;
}

/// decimalsFor is how many decimals tell multiples of step apart (0.5 → 1, 0.25 → 2, 2 → 0).
int decimalsFor(double step)
{
    int decimals = 0;
    while (
        decimals < 9 && std::fabs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    return decimals;
}

double minimumTop(AxisUnit unit)
{
    switch (unit) {
    case AxisUnit::Bytes: return 1024;
    case AxisUnit::Percent: return 10;
    case AxisUnit::Count: break;
    }
    return 1;
}

} // namespace

AxisScale::AxisScale(double bottom, double top, bool logarithmic) : bottom_(bottom), top_(top), log_(logarithmic)
{
    if (log_ && !(bottom_ > 0))
        bottom_ = 1;
    if (!(top_ > bottom_))
        top_ = log_ ? bottom_ * 10 : bottom_ + 1;
}

AxisScale AxisScale::linear(double maxValue, AxisUnit unit)
{
    const double wanted = std::isfinite(maxValue) ? std::max(maxValue, minimumTop(unit)) : minimumTop(unit);
    const DisplayUnit display = unitFor(wanted, unit);
    const double inUnit = wanted / display.divisor;
    double step = niceStep(inUnit / kMaxIntervals);
    if (unit == AxisUnit::Bytes && display.divisor == 1)
        step = std::max(step, 1.0); // no fractions of a byte
    const int intervals = std::max(1, int(std::ceil(inUnit / step - 1e-9)));
    const int decimals = decimalsFor(step);
    AxisScale scale(0, intervals * step * display.divisor, false);
    for (int i = 0; i <= intervals; ++i) {
        // i * step, not a running sum: no drift, so the labels are exact.
        const double value = i * step * display.divisor;
        scale.ticks_.append({value, label(value, display, decimals)});
    }
    return scale;
}

AxisScale AxisScale::logarithmic(double maxValue, AxisUnit unit)
{
    // The candidate ticks, increasing: decades for counts and percent; decades within each binary
    // unit for bytes (1 B, 10 B, 100 B, 1 KiB, 10 KiB…), so every label is a round number of its unit.
    QList<double> candidates;
    if (unit == AxisUnit::Bytes) {
        for (double u = 1; u <= 0x1p60; u *= 1024) {
            for (double m : {1.0, 10.0, 100.0})
                candidates << m * u;
        }
    } else {
        for (int e = unit == AxisUnit::Percent ? -3 : -2; e <= 18; ++e)
            candidates << std::pow(10.0, e);
    }
    const double floor = unit == AxisUnit::Bytes ? 1 : (unit == AxisUnit::Percent ? 0.01 : 0.1);
    const double wanted = std::isfinite(maxValue) && maxValue > floor ? maxValue : floor * 10;
    // top: the first candidate at or above the largest value; bottom: at most six decades below.
    qsizetype hi = 0;
    while (hi + 1 < candidates.size() && candidates[hi] < wanted * (1 - 1e-12))
        ++hi;
    qsizetype lo = hi;
    while (lo > 0 && candidates[lo - 1] >= floor * (1 - 1e-12) && candidates[hi] / candidates[lo - 1] <= 1.01e6)
        --lo;
    if (lo == hi && lo > 0)
        --lo;
    AxisScale scale(candidates[lo], candidates[hi], true);
    // At most kMaxIntervals + 1 ticks: every n-th from the top down, so the top is always labelled.
    const qsizetype count = hi - lo + 1;
    const qsizetype every = (count + kMaxIntervals) / (kMaxIntervals + 1);
    QList<AxisTick> ticks;
    for (qsizetype i = hi; i >= lo; i -= every) {
        const double value = candidates[i];
        const DisplayUnit display = unit == AxisUnit::Count && value < 1e4 ? DisplayUnit{1, QString()}
                                                                           : unitFor(value, unit);
        const int decimals = decimalsFor(value / display.divisor);
        ticks.prepend({value, label(value, display, decimals)});
    }
    scale.ticks_ = ticks;
    return scale;
}

double AxisScale::position(double value) const
{
    double p = 0;
    if (log_) {
        p = value > bottom_ ? (std::log10(value) - std::log10(bottom_)) / (std::log10(top_) - std::log10(bottom_)) : 0;
    } else {
        p = (value - bottom_) / (top_ - bottom_);
    }
    return std::isfinite(p) ? std::clamp(p, 0.0, 1.0) : 0.0;
}

} // namespace qgnet
