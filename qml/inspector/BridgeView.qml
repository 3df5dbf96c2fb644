// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Layouts
import QGnet

// BridgeView is the Bridge tab: whether the Qt thread keeps up with the engine's loops. A headline
// (lag, what waits, what was dropped; red while anything was dropped or the lag passes 100 ms) over
// the table of every measure of a BridgeHealthModel.
Card {
    id: root
    /// healthModel is the BridgeHealthModel to show.
    property BridgeHealthModel healthModel
    readonly property alias rows: table.rows
    /// warning is true while the headline is red.
    readonly property bool warning: !!healthModel && (healthModel.droppedDatagrams > 0 || healthModel.lagNs > 100000000)

    title: qsTr("Qt bridge")
    subtitle: qsTr("from the engine's loops to the Qt thread")

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Text {
            objectName: "bridgeSummary"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font: Theme.font
            color: root.warning ? Theme.bad : Theme.text
            text: root.healthModel && root.healthModel.rowCount > 0 ? root.healthModel.summary
                : qsTr("No bridge figures yet: they come with the first snapshot of a Qt server.")
        }
        DataTable {
            id: table
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: root.healthModel
            columnWidths: ({ [BridgeHealthModel.Measure]: 280, [BridgeHealthModel.Value]: 160 })
        }
    }
}
