// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace qgnet::inspector {

/// ValueKind says how a number is shown: bytes ("1.5 KiB"), a plain count, or a percentage.
enum class ValueKind { Bytes, Count, Percent };

/// formatValue shows value as kind, short enough for an axis label ("12.5 KiB", "3.2 k", "45 %").
QString formatValue(double value, ValueKind kind);

/// niceStep is the axis step (1, 2 or 5 times a power of ten) that divides [0, top] into at most
/// `ticks` intervals (the charts' time axis; their value axis is qgnet::AxisScale).
double niceStep(double top, int ticks);

} // namespace qgnet::inspector
