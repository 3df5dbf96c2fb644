// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// LoopView shows every event loop as a tile: open connections, traffic rates with a sparkline,
// how busy the loop is, stalls, queued tasks and the bytes its connections hold in buffers.
Item {
    id: root
    /// loopModel is the LoopModel to show.
    property LoopModel loopModel
    /// tileWidth is the preferred width of one loop's tile.
    property int tileWidth: 250
    /// count is the number of loops shown.
    readonly property int count: tiles.count

    property int historyTick: 0
    Connections {
        target: root.loopModel
        function onHistoryChanged() { ++root.historyTick }
    }
    function key(column) { return root.loopModel ? root.loopModel.columnKey(column) : "" }

    implicitWidth: 4 * tileWidth
    implicitHeight: grid.implicitHeight

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true
        GridLayout {
            id: grid
            width: parent.width
            columns: Math.max(1, Math.floor((root.width + columnSpacing) / (root.tileWidth + columnSpacing)))
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing
            Repeater {
                id: tiles
                model: root.loopModel
                delegate: Rectangle {
                    id: tile
                    required property int index
                    required property var model
                    function v(column) { return tile.model[root.key(column)] }
                    readonly property color tint: Theme.loopColor(index)
                    readonly property real busy: Number(v(LoopModel.BusyPercent)) || 0

                    Layout.fillWidth: true
                    Layout.preferredWidth: root.tileWidth
                    implicitHeight: body.implicitHeight + 2 * Theme.spacing
                    color: Theme.surface
                    border.color: Theme.border
                    radius: Theme.radius
                    Rectangle { width: 4; radius: 2; anchors { left: parent.left; top: parent.top; bottom: parent.bottom; margins: 1 } color: tile.tint }

                    ColumnLayout {
                        id: body
                        anchors { fill: parent; margins: Theme.spacing; leftMargin: Theme.spacing + 6 }
                        spacing: 4
                        RowLayout {
                            Layout.fillWidth: true
                            Text { text: qsTr("Loop %1").arg(tile.v(LoopModel.Index)); font: Theme.titleFont; color: Theme.text }
                            Text {
                                Layout.fillWidth: true
                                horizontalAlignment: Text.AlignRight
                                text: qsTr("%1 · thread %2").arg(tile.v(LoopModel.Backend)).arg(tile.v(LoopModel.Thread))
                                font: Theme.smallFont; color: Theme.muted; elide: Text.ElideLeft
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 4
                            Text { text: Format.count(tile.v(LoopModel.Connections)); font.pixelSize: 26; font.weight: Font.DemiBold; color: Theme.text }
                            Text { text: qsTr("connections"); font: Theme.smallFont; color: Theme.muted; Layout.alignment: Qt.AlignBottom; bottomPadding: 5 }
                            Item { Layout.fillWidth: true }
                            ColumnLayout {
                                spacing: 0
                                Text { Layout.alignment: Qt.AlignRight; text: qsTr("in %1").arg(Format.byteRate(tile.v(LoopModel.BytesInRate))); font: Theme.smallFont; color: Theme.text }
                                Text { Layout.alignment: Qt.AlignRight; text: qsTr("out %1").arg(Format.byteRate(tile.v(LoopModel.BytesOutRate))); font: Theme.smallFont; color: Theme.text }
                            }
                        }
                        Sparkline {
                            Layout.fillWidth: true
                            Layout.preferredHeight: 36
                            color: tile.tint
                            values: { root.historyTick; return root.loopModel ? root.loopModel.history(tile.index, LoopModel.BytesInRate) : [] }
                        }
                        // Busy: the share of time the loop spent outside its wait.
                        RowLayout {
                            Layout.fillWidth: true
                            Text { text: qsTr("busy"); font: Theme.smallFont; color: Theme.muted; Layout.preferredWidth: 34 }
                            Rectangle {
                                Layout.fillWidth: true
                                height: 8
                                radius: 4
                                color: Theme.grid
                                Rectangle {
                                    width: parent.width * Math.min(1, tile.busy / 100)
                                    height: parent.height
                                    radius: 4
                                    color: tile.busy > 80 ? Theme.bad : (tile.busy > 50 ? Theme.warn : Theme.good)
                                }
                            }
                            Text { text: Format.percent(tile.busy); font: Theme.smallFont; color: Theme.text; Layout.preferredWidth: 48; horizontalAlignment: Text.AlignRight }
                        }
                        GridLayout {
                            Layout.fillWidth: true
                            columns: 4
                            columnSpacing: 6
                            rowSpacing: 0
                            Text { text: qsTr("accepts"); font: Theme.smallFont; color: Theme.muted }
                            Text { text: Format.rate(tile.v(LoopModel.AcceptRate)); font: Theme.smallFont; color: Theme.text; Layout.fillWidth: true }
                            Text { text: qsTr("stalls"); font: Theme.smallFont; color: Theme.muted }
                            Text {
                                objectName: "stallCount"
                                // Red while the count grows (LoopModel.stallsGrew), amber once it has stalled.
                                readonly property bool growing: root.historyTick >= 0 && !!root.loopModel && root.loopModel.stallsGrew(tile.index)
                                text: Format.count(tile.v(LoopModel.Stalls)); font.pixelSize: Theme.smallFont.pixelSize
                                font.bold: growing
                                color: growing ? Theme.bad : Number(tile.v(LoopModel.Stalls)) > 0 ? Theme.warn : Theme.text
                            }
                            Text { text: qsTr("reads"); font: Theme.smallFont; color: Theme.muted }
                            Text { text: Format.rate(tile.v(LoopModel.ReadRate)); font: Theme.smallFont; color: Theme.text; Layout.fillWidth: true }
                            Text { text: qsTr("tasks"); font: Theme.smallFont; color: Theme.muted }
                            Text { text: Format.count(tile.v(LoopModel.PendingTasks)); font: Theme.smallFont; color: Theme.text }
                            Text { text: qsTr("buffered"); font: Theme.smallFont; color: Theme.muted }
                            Text {
                                Layout.columnSpan: 3
                                text: qsTr("%1 in · %2 out").arg(Format.bytes(tile.v(LoopModel.BufferedIn))).arg(Format.bytes(tile.v(LoopModel.BufferedOut)))
                                font: Theme.smallFont; color: Theme.text
                            }
                        }
                    }
                }
            }
        }
    }
    Text {
        anchors.centerIn: parent
        visible: tiles.count === 0
        text: qsTr("No engine attached")
        font: Theme.font
        color: Theme.muted
    }
}
