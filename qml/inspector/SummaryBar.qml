// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Layouts
import QGnet

// SummaryBar sums the loops up in one line of figures: loops, open connections, accepts and
// traffic per second, buffered bytes, the buffer memory held against the engine's memory budget,
// and stalls.
Rectangle {
    id: root
    /// loopModel is the LoopModel summed.
    property LoopModel loopModel
    /// feed is the source, for the datagrams its Qt bridge dropped (StatsFeed.droppedDatagrams).
    property StatsFeed feed

    /// averageSamples is how many history samples the rates are averaged over (10 = 1 s at 10 Hz).
    property int averageSamples: 10
    property var totals: ({})
    function refresh() {
        const cols = [LoopModel.Connections, LoopModel.AcceptRate, LoopModel.BytesInRate, LoopModel.BytesOutRate,
                      LoopModel.BufferedIn, LoopModel.BufferedOut, LoopModel.Stalls, LoopModel.PendingTasks]
        const t = {}
        for (const c of cols) t[c] = 0
        const n = loopModel ? loopModel.rowCount : 0
        // Rates are averaged over the last second of history: one 100 ms sample alone jumps about.
        const averaged = [LoopModel.AcceptRate, LoopModel.BytesInRate, LoopModel.BytesOutRate]
        for (let r = 0; r < n; ++r) {
            for (const c of cols) {
                if (averaged.indexOf(c) >= 0) {
                    const h = loopModel.history(r, c).slice(-averageSamples)
                    t[c] += h.length ? h.reduce((a, b) => a + b, 0) / h.length : 0
                } else {
                    t[c] += Number(loopModel.data(loopModel.index(r, c), Qt.UserRole)) || 0
                }
            }
        }
        t.loops = n
        totals = t
    }
    Connections {
        target: root.loopModel
        function onHistoryChanged() { root.refresh() }
        function onRowCountChanged() { root.refresh() }
    }
    Component.onCompleted: refresh()

    color: Theme.surface
    border.color: Theme.border
    radius: Theme.radius
    implicitHeight: 56

    component Figure: ColumnLayout {
        property string label
        property string value
        property color valueColor: Theme.text
        spacing: 0
        Layout.fillWidth: true
        Text { text: parent.value; font.pixelSize: 18; font.weight: Font.DemiBold; color: parent.valueColor }
        Text { text: parent.label; font: Theme.smallFont; color: Theme.muted }
    }

    RowLayout {
        anchors { fill: parent; leftMargin: 14; rightMargin: 14 }
        spacing: 18
        Figure { label: qsTr("loops"); value: Format.count(root.totals.loops || 0) }
        Figure { label: qsTr("open connections"); value: Format.count(root.totals[LoopModel.Connections] || 0) }
        Figure { label: qsTr("accepts"); value: Format.rate(root.totals[LoopModel.AcceptRate] || 0) }
        Figure { label: qsTr("received"); value: Format.byteRate(root.totals[LoopModel.BytesInRate] || 0) }
        Figure { label: qsTr("sent"); value: Format.byteRate(root.totals[LoopModel.BytesOutRate] || 0) }
        Figure {
            label: qsTr("buffered in / out")
            value: Format.bytes(root.totals[LoopModel.BufferedIn] || 0) + " / " + Format.bytes(root.totals[LoopModel.BufferedOut] || 0)
        }
        Figure {
            // Options::memoryBudget: what the engine's buffers hold, of how much.
            readonly property real budget: root.loopModel ? root.loopModel.memoryBudget : 0
            readonly property real held: root.loopModel ? root.loopModel.bufferedBytes : 0
            objectName: "memoryFigure"
            label: budget > 0 ? qsTr("buffered of the memory budget (%1 paused)").arg(root.loopModel.budgetPaused)
                              : qsTr("buffered (no memory budget)")
            value: budget > 0 ? Format.bytes(held) + " / " + Format.bytes(budget) : Format.bytes(held)
            valueColor: budget > 0 && held > budget ? Theme.warn : Theme.text
        }
        Figure {
            label: qsTr("stalls")
            value: Format.count(root.totals[LoopModel.Stalls] || 0)
            valueColor: (root.totals[LoopModel.Stalls] || 0) > 0 ? Theme.warn : Theme.text
        }
        Figure {
            objectName: "droppedDatagrams"
            label: qsTr("datagrams dropped")
            value: Format.count(root.feed ? root.feed.droppedDatagrams : 0)
            valueColor: root.feed && root.feed.droppedDatagrams > 0 ? Theme.warn : Theme.text
        }
    }
}
