// SPDX-License-Identifier: Apache-2.0
import QtQuick

// HeatStrip draws counts over time as a strip of small cells, newest at the right: a faint track
// for every cell, then from pale to red as a count nears `peak` (square-root scale, so one error is
// visible next to thousands). ErrorList gives every kind of error one.
Item {
    id: root
    /// values are the counts, oldest first.
    property var values: []
    /// cells is how many the strip shows (the newest ones).
    property int cells: 120
    /// peak is the count drawn full red (at least 1).
    property real peak: 1
    property color color: Theme.bad

    readonly property real cellWidth: width / Math.max(1, cells)

    Repeater {
        model: root.cells
        Rectangle {
            required property int index
            // Cell i counts from the right: the newest value is the last of `values`.
            readonly property real count: {
                const v = root.values
                const at = v.length - 1 - index
                return at >= 0 ? Number(v[at]) : 0
            }
            // Whole pixels, so that the track's cells and gaps stay even.
            x: Math.round(root.width - (index + 1) * root.cellWidth)
            width: Math.max(1, Math.round(root.width - index * root.cellWidth) - x - 1)
            height: root.height
            color: count > 0 ? Qt.rgba(root.color.r, root.color.g, root.color.b,
                                       Math.min(1, Math.max(0.2, Math.sqrt(count / Math.max(1, root.peak)))))
                             : Qt.rgba(0, 0, 0, 0.05)
        }
    }
}
