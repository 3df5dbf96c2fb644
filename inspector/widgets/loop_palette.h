// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>

namespace qgnet::inspector {

/// loopColor is loop `index`'s colour in every view (tables, charts, histograms), so a loop keeps
/// its colour across views and sessions. Ten well separated hues, then they repeat darker.
QColor loopColor(int index);

} // namespace qgnet::inspector
