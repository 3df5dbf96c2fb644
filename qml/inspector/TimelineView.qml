// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// TimelineView follows one connection's timeline: opened, TLS handshake, traffic per 100 ms, water
// marks, pauses, timeouts and the close, oldest first. The connections to choose from are listed on
// the left (connectionModel); the engine records the timeline only while this view is visible and
// shows a connection (its TimelineModel watches through the feed and unwatches when hidden, when
// another connection is chosen, or when it goes).
RowLayout {
    id: root
    /// feed is where the snapshots come from (the TimelineModel watches through it).
    property StatsFeed feed
    /// connectionModel lists the connections to choose from.
    property ConnectionModel connectionModel
    /// connectionId is the connection shown (0: none); choosing in the list sets it.
    property alias connectionId: timeline.connectionId
    readonly property TimelineModel timelineModel: TimelineModel {
        id: timeline
        feed: root.feed
        active: root.visible
    }
    /// peer is the chosen connection's peer address, for the title.
    property string peer

    spacing: Theme.spacing

    Card {
        Layout.preferredWidth: 260
        Layout.fillHeight: true
        title: qsTr("Connections")
        subtitle: root.connectionModel ? qsTr("%n open", "", root.connectionModel.rowCount) : ""
        ListView {
            id: list
            objectName: "timelineConnections"
            anchors.fill: parent
            clip: true
            model: root.connectionModel
            ScrollBar.vertical: ScrollBar { }
            delegate: Rectangle {
                required property var model
                required property int index
                readonly property var connection: model.id
                readonly property string peer: model.peer
                width: ListView.view.width
                height: Theme.rowHeight
                color: Number(connection) === Number(root.connectionId) ? Theme.selection
                     : index % 2 ? Theme.surfaceAlt : Theme.surface
                Text {
                    anchors { fill: parent; leftMargin: 6; rightMargin: 6 }
                    verticalAlignment: Text.AlignVCenter
                    text: qsTr("#%1  %2").arg(parent.connection).arg(parent.peer)
                    font: Theme.font
                    color: Theme.text
                    elide: Text.ElideRight
                }
                TapHandler {
                    onTapped: {
                        root.peer = parent.peer
                        root.connectionId = parent.connection
                    }
                }
            }
            Text {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No connections")
                color: Theme.muted
                font: Theme.font
            }
        }
    }
    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true
        title: root.connectionId > 0 ? qsTr("Timeline of connection %1").arg(root.connectionId) : qsTr("Timeline")
        subtitle: {
            if (root.connectionId <= 0)
                return qsTr("Choose a connection: only the one shown is recorded")
            if (timeline.rowCount === 0)
                return qsTr("waiting for its timeline…")
            let s = (root.peer.length > 0 ? root.peer + " · " : "")
                + (timeline.closed ? qsTr("closed") : qsTr("open")) + " · "
                + qsTr("%1 in, %2 out since watching began").arg(Format.bytes(timeline.totalBytesIn)).arg(Format.bytes(timeline.totalBytesOut))
            if (timeline.dropped > 0)
                s += " · " + qsTr("%1 older entries dropped").arg(timeline.dropped)
            return s
        }
        DataTable {
            id: table
            objectName: "timelineTable"
            anchors.fill: parent
            model: timeline
            follow: true
            hiddenColumns: [TimelineModel.Sequence]
            columnWidths: ({ [TimelineModel.Time]: 110, [TimelineModel.Kind]: 190, [TimelineModel.Detail]: 260,
                             [TimelineModel.Reads]: 70, [TimelineModel.Writes]: 70, [TimelineModel.BytesIn]: 110 })
        }
    }
}
