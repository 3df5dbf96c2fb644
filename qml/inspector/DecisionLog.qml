// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// DecisionLog shows the load balancer at work: how many connections each loop was given (a
// histogram over every decision seen) and the latest decisions with the loads they were based on.
Card {
    id: root
    /// decisionModel is the DecisionModel to show.
    property DecisionModel decisionModel
    property alias filterText: filter.text
    readonly property alias rows: table.rows

    title: qsTr("Load balancing")
    subtitle: decisionModel ? (decisionModel.dropped > 0
        ? qsTr("%1 decisions shown, %2 dropped by the engine").arg(decisionModel.rowCount).arg(decisionModel.dropped)
        : qsTr("%1 decisions").arg(decisionModel.rowCount)) : ""
    headerExtra: FilterField { id: filter; implicitHeight: 26; font: Theme.smallFont }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        ColumnLayout {
            Layout.preferredWidth: Math.max(180, parent.width * 0.3)
            Layout.fillHeight: true
            Text { text: qsTr("Connections given to each loop"); font: Theme.smallFont; color: Theme.muted }
            Histogram {
                Layout.fillWidth: true
                Layout.fillHeight: true
                values: root.decisionModel ? root.decisionModel.histogram : []
                label: i => qsTr("loop %1").arg(i)
            }
        }
        DataTable {
            id: table
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: root.decisionModel
            filterText: filter.text
            follow: true
            columnWidths: ({ [DecisionModel.Sequence]: 60, [DecisionModel.Chosen]: 104 })
        }
    }
}
