// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QList>

namespace qgnet {

/// movingAverage smooths a chart series: each point becomes the mean of itself and the window - 1
/// points before it (a trailing average, so the newest point still moves at once and nothing is
/// drawn from the future); the first points average over what there is. A window of 1 or less
/// returns the series as it is. Both inspectors' "Moving average" toggles use it.
QGNET_QT_EXPORT QList<double> movingAverage(const QList<double>& values, int window);

} // namespace qgnet
