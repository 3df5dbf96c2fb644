// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/moving_average.h"

#include <algorithm>

namespace qgnet {

QList<double> movingAverage(const QList<double>& values, int window)
{
    if (window <= 1)
        return values;
    QList<double> out;
    out.reserve(values.size());
    // A running sum over the window; recomputed from the window itself at each step would cost
    // window times more, and the series are short enough that the sum's rounding does not show.
    double sum = 0;
    for (qsizetype i = 0; i < values.size(); ++i) {
        sum += values[i];
        if (i >= window)
            sum -= values[i - window];
        out.append(sum / static_cast<double>(std::min<qsizetype>(i + 1, window)));
    }
    return out;
}

} // namespace qgnet
