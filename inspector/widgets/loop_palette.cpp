// SPDX-License-Identifier: Apache-2.0
#include "loop_palette.h"

#include <array>

namespace qgnet::inspector {

QColor loopColor(int index)
{
    // Tableau 10: distinct for the common forms of colour blindness and readable on white.
    static constexpr std::array<QRgb, 10> kPalette = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948,
        0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    if (index < 0)
        return QColor(0x70, 0x70, 0x70);
    const auto n = static_cast<int>(kPalette.size());
    QColor c = QColor::fromRgb(kPalette[static_cast<std::size_t>(index % n)]);
    return index < n ? c : c.darker(100 + 30 * (index / n));
}

} // namespace qgnet::inspector
