// SPDX-License-Identifier: Apache-2.0
#include "units.h"

#include <cmath>

#include <QLocale>

namespace qgnet::inspector {

QString formatValue(double value, ValueKind kind)
{
    const QLocale locale;
    switch (kind) {
    case ValueKind::Bytes:
        return locale.formattedDataSize(static_cast<qint64>(std::llround(value)), value < 1024 ? 0 : 1,
            QLocale::DataSizeIecFormat);
    case ValueKind::Percent: return locale.toString(value, 'f', value < 10 ? 1 : 0) + QStringLiteral(" %");
    case ValueKind::Count: break;
    }
    if (std::fabs(value) >= 1e6)
        return locale.toString(value / 1e6, 'f', 1) + QStringLiteral(" M");
    if (std::fabs(value) >= 1e4)
        return locale.toString(value / 1e3, 'f', 1) + QStringLiteral(" k");
    return locale.toString(value, 'f', std::fabs(value) < 10 && value != std::floor(value) ? 1 : 0);
}

double niceStep(double top, int ticks)
{
    if (!(top > 0) || ticks < 1)
        return 1.0;
    const double raw = top / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10.0 * magnitude;
}

} // namespace qgnet::inspector
