// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace qgnet::qml {

/// ChartMath gives QML charts the Widgets inspector's axis and smoothing (qgnet::AxisScale,
/// qgnet::movingAverage), so both inspectors draw the same round ticks. A QML singleton:
/// `const axis = ChartMath.axis(maxValue, ChartMath.Bytes, logScale)`, then
/// `ChartMath.positions(axis, values)` for where each value falls (0 bottom, 1 top).
class ChartMath : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    /// Unit mirrors qgnet::AxisUnit.
    enum Unit { Count, Bytes, Percent };
    Q_ENUM(Unit)

    explicit ChartMath(QObject* parent = nullptr);

    /// axis is the scale for values up to maxValue: {bottom, top, logarithmic, ticks: [{value, label,
    /// position}]}, linear from 0 or logarithmic.
    Q_INVOKABLE QVariantMap axis(double maxValue, int unit, bool logarithmic) const;
    /// positions maps values onto an axis made by axis(): 0 at its bottom, 1 at its top, clamped.
    Q_INVOKABLE QList<double> positions(const QVariantMap& axis, const QList<double>& values) const;
    /// movingAverage is qgnet::movingAverage: each point the mean of itself and window - 1 before it.
    Q_INVOKABLE QList<double> movingAverage(const QList<double>& values, int window) const;
};

} // namespace qgnet::qml
