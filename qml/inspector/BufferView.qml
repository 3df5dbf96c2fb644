// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// BufferView shows how full each connection's buffers are: one bar per connection, split into
// unread input, the outbound ring and output spilled past it, scaled to the largest, with the
// outbound fill relative to the high-water mark. Connections holding the most come first.
Card {
    id: root
    /// connectionModel is the ConnectionModel to show.
    property ConnectionModel connectionModel
    /// limit is the number of connections listed (the fullest first).
    property int limit: 50
    /// list is the ListView of bars (one delegate per connection).
    property alias list: list

    title: qsTr("Buffer occupancy")
    subtitle: qsTr("fullest first")

    function key(column) { return connectionModel ? connectionModel.columnKey(column) : "" }

    SortFilterProxyModel {
        id: byFill
        sourceModel: root.connectionModel
        sortColumn: ConnectionModel.OutboundFill
        sortOrder: Qt.DescendingOrder
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6
        Row {
            spacing: 12
            Repeater {
                model: [[qsTr("input"), Theme.inbound], [qsTr("outbound ring"), Theme.outboundRing], [qsTr("spilled"), Theme.outboundSpilled]]
                Row {
                    required property var modelData
                    spacing: 4
                    Rectangle { width: 10; height: 10; radius: 2; color: parent.modelData[1]; anchors.verticalCenter: parent.verticalCenter }
                    Text { text: parent.modelData[0]; font: Theme.smallFont; color: Theme.muted }
                }
            }
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: byFill
            spacing: 2
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { }
            property real largest: 1
            delegate: Item {
                id: bar
                required property int index
                required property var model
                function v(column) { return Number(bar.model[root.key(column)]) || 0 }
                readonly property real inbound: v(ConnectionModel.Inbound)
                readonly property real ring: v(ConnectionModel.OutboundRing)
                readonly property real spilled: v(ConnectionModel.OutboundSpilled)
                readonly property real total: inbound + ring + spilled
                visible: index < root.limit
                width: list.width
                height: visible ? 20 : 0
                onTotalChanged: if (total > list.largest) list.largest = total
                RowLayout {
                    anchors.fill: parent
                    spacing: 6
                    Text {
                        Layout.preferredWidth: 150
                        text: "#" + bar.model[root.key(ConnectionModel.Id)] + " " + bar.model[root.key(ConnectionModel.Peer)]
                        font: Theme.smallFont; color: Theme.text; elide: Text.ElideRight
                    }
                    Item {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Rectangle { anchors.fill: parent; anchors.margins: 3; color: Theme.grid; radius: 2 }
                        Row {
                            anchors { left: parent.left; verticalCenter: parent.verticalCenter; leftMargin: 3 }
                            readonly property real scale: (parent.width - 6) / Math.max(1, list.largest)
                            Rectangle { width: bar.inbound * parent.scale; height: 14; color: Theme.inbound }
                            Rectangle { width: bar.ring * parent.scale; height: 14; color: Theme.outboundRing }
                            Rectangle { width: bar.spilled * parent.scale; height: 14; color: Theme.outboundSpilled }
                        }
                    }
                    Text {
                        Layout.preferredWidth: 200
                        horizontalAlignment: Text.AlignRight
                        elide: Text.ElideLeft
                        text: qsTr("%1 · %2 of HWM").arg(Format.bytes(bar.total)).arg(Format.percent(bar.v(ConnectionModel.OutboundFill)))
                        font: Theme.smallFont; color: Theme.muted
                    }
                }
            }
        }
    }
    Text {
        anchors.centerIn: parent
        visible: list.count === 0
        text: qsTr("No connections")
        font: Theme.font
        color: Theme.muted
    }
}
