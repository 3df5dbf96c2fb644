// SPDX-License-Identifier: Apache-2.0
#include "chart_math.h"

#include <QVariantList>

#include "qgnet/qt/axis_scale.h"
#include "qgnet/qt/moving_average.h"

namespace qgnet::qml {

namespace {

AxisUnit toAxisUnit(int unit)
{
    switch (unit) {
    case ChartMath::Bytes: return AxisUnit::Bytes;
    case ChartMath::Percent: return AxisUnit::Percent;
    default: return AxisUnit::Count;
    }
}

} // namespace

ChartMath::ChartMath(QObject* parent) : QObject(parent) {}

QVariantMap ChartMath::axis(double maxValue, int unit, bool logarithmic) const
{
    const AxisScale scale = logarithmic ? AxisScale::logarithmic(maxValue, toAxisUnit(unit))
                                        : AxisScale::linear(maxValue, toAxisUnit(unit));
    QVariantList ticks;
    for (const AxisTick& t : scale.ticks()) {
        ticks.append(QVariantMap{{QStringLiteral("value"), t.value}, {QStringLiteral("label"), t.label},
            {QStringLiteral("position"), scale.position(t.value)}});
    }
    return {{QStringLiteral("bottom"), scale.bottom()}, {QStringLiteral("top"), scale.top()},
        {QStringLiteral("logarithmic"), scale.isLogarithmic()}, {QStringLiteral("ticks"), ticks}};
}

QList<double> ChartMath::positions(const QVariantMap& axis, const QList<double>& values) const
{
    const AxisScale scale(axis.value(QStringLiteral("bottom")).toDouble(), axis.value(QStringLiteral("top")).toDouble(),
        axis.value(QStringLiteral("logarithmic")).toBool());
    QList<double> out;
    out.reserve(values.size());
    for (double v : values)
        out.append(scale.position(v));
    return out;
}

QList<double> ChartMath::movingAverage(const QList<double>& values, int window) const
{
    return qgnet::movingAverage(values, window);
}

} // namespace qgnet::qml
