// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// ErrorList shows the errors an engine counted, one row per kind (socket errno, TLS reason or
// alert, certificate, accept errno), the largest total first: its total, its rate now, its count
// over the model's history, and a heat strip of that time (newest at the right), so that a storm
// of one kind shows at a glance. The title line sums them up and turns red while errors arrive.
Card {
    id: root
    /// errorModel is the ErrorModel to show.
    property ErrorModel errorModel
    /// rows is the number of kinds shown.
    readonly property alias rows: list.count
    readonly property alias view: list

    title: qsTr("Errors")
    subtitle: !errorModel || errorModel.rowCount === 0 ? qsTr("none counted")
        : qsTr("%1 in all, %2 now").arg(Format.count(errorModel.total)).arg(Format.rate(errorModel.rate))
            + (errorModel.unlisted > 0 ? qsTr(", %1 not counted by kind").arg(Format.count(errorModel.unlisted)) : "")

    readonly property int minutes: errorModel ? Math.max(1, Math.round(errorModel.historyLength * errorModel.bucketSeconds / 60)) : 2
    readonly property var widths: [90, 220, 80, 80, 90]

    SortFilterProxyModel {
        id: sorted
        sourceModel: root.errorModel
        sortColumn: ErrorModel.Total
        sortOrder: Qt.DescendingOrder
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: Theme.rowHeight
            color: Theme.header
            RowLayout {
                anchors { fill: parent; leftMargin: 6; rightMargin: 6 }
                spacing: 6
                Repeater {
                    model: [qsTr("Kind"), qsTr("Error"), qsTr("Total"), qsTr("Per second"), qsTr("Last %1 min").arg(root.minutes)]
                    Text {
                        required property string modelData
                        required property int index
                        Layout.preferredWidth: root.widths[index]
                        text: modelData
                        font.pixelSize: Theme.smallFont.pixelSize
                        font.weight: Font.DemiBold
                        color: Theme.text
                        horizontalAlignment: index >= 2 ? Text.AlignRight : Text.AlignLeft
                    }
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Over the last %1 min").arg(root.minutes)
                    font.pixelSize: Theme.smallFont.pixelSize
                    font.weight: Font.DemiBold
                    color: Theme.text
                }
            }
        }
        ListView {
            id: list
            objectName: "errorRows"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: sorted
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { }
            delegate: Rectangle {
                id: rowItem
                required property int index
                required property string kind
                required property string name
                required property var total
                required property var rate
                required property var recent
                required property var history
                required property string description
                width: ListView.view.width
                height: Theme.rowHeight
                color: index % 2 ? Theme.surfaceAlt : Theme.surface
                ToolTip.visible: hover.hovered && description.length > 0
                ToolTip.text: description
                HoverHandler { id: hover }
                RowLayout {
                    anchors { fill: parent; leftMargin: 6; rightMargin: 6 }
                    spacing: 6
                    Text {
                        Layout.preferredWidth: root.widths[0]
                        text: ({ socket: qsTr("Socket"), tls: qsTr("TLS"), "tls-verify": qsTr("Certificate"), accept: qsTr("Accept") })[rowItem.kind] || rowItem.kind
                        font: Theme.font
                        color: Theme.muted
                    }
                    Text {
                        Layout.preferredWidth: root.widths[1]
                        text: rowItem.name
                        font: Theme.font
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    Text {
                        Layout.preferredWidth: root.widths[2]
                        horizontalAlignment: Text.AlignRight
                        text: Format.count(rowItem.total)
                        font: Theme.font
                        color: Theme.text
                    }
                    Text {
                        Layout.preferredWidth: root.widths[3]
                        horizontalAlignment: Text.AlignRight
                        text: Number(rowItem.rate).toFixed(1)
                        font.pixelSize: Theme.font.pixelSize
                        font.weight: rowItem.rate > 0 ? Font.DemiBold : Font.Normal
                        color: rowItem.rate > 0 ? Theme.bad : Theme.text
                    }
                    Text {
                        Layout.preferredWidth: root.widths[4]
                        horizontalAlignment: Text.AlignRight
                        text: Format.count(rowItem.recent)
                        font: Theme.font
                        color: Theme.text
                    }
                    HeatStrip {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.topMargin: 5
                        Layout.bottomMargin: 5
                        values: rowItem.history
                        cells: root.errorModel ? root.errorModel.historyLength : 120
                        peak: root.errorModel ? root.errorModel.peakBucket : 1
                    }
                }
            }
        }
    }
    Text {
        anchors.centerIn: parent
        visible: list.count === 0
        text: qsTr("No errors counted")
        color: Theme.muted
        font: Theme.font
    }
}
