// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QGnet

// StallLog lists the stall detector's log (StallModel): loop iterations longer than the engine's
// stallThreshold, with the callback that ran longest in each and its connection, newest last. Rows
// over the threshold are red, the deeper the longer.
Card {
    id: root
    /// stallModel is the StallModel to show.
    property StallModel stallModel
    property alias filterText: filter.text
    readonly property alias rows: table.rows
    property alias table: table

    title: qsTr("Stalls")
    subtitle: {
        if (!stallModel)
            return ""
        const shown = stallModel.thresholdMs > 0
            ? qsTr("%n iteration(s) over %1 ms", "", stallModel.rowCount).arg(stallModel.thresholdMs)
            : qsTr("%n iteration(s) over the threshold", "", stallModel.rowCount)
        return stallModel.dropped > 0 ? qsTr("%1, %2 dropped by the engine").arg(shown).arg(stallModel.dropped) : shown
    }
    headerExtra: FilterField { id: filter; implicitHeight: 26; font: Theme.smallFont }

    DataTable {
        id: table
        anchors.fill: parent
        model: root.stallModel
        filterText: filter.text
        follow: true
        // factor = iteration / threshold: light red just over it, deeper up to four times.
        rowColor: m => m.factor > 1 ? Qt.tint("#ffcdd2", Qt.rgba(0.85, 0.2, 0.2, Math.min(1, (m.factor - 1) / 3) * 0.45))
                                    : undefined
        columnWidths: ({ [StallModel.Sequence]: 60, [StallModel.Loop]: 50, [StallModel.Factor]: 96,
                         [StallModel.Connection]: 96 })
    }
}
