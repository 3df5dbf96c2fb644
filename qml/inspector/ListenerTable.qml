// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QGnet

// ListenerTable lists an engine's listening sockets: address, network, owning loop, reuseport, the
// kernel's accept queue (connections waiting, backlog, how full), accepted and refused connections,
// and whether the listener accepts, backs off after an accept error or waits at the connection
// limit. The title line says how many connections wait and turns red while a listener does not accept.
Card {
    id: root
    /// listenerModel is the ListenerModel to show.
    property ListenerModel listenerModel
    readonly property alias rows: table.rows
    readonly property alias table: table

    title: qsTr("Listeners")
    subtitle: listenerModel
        ? qsTr("%1 waiting to be accepted").arg(listenerModel.waiting)
            + (listenerModel.notAccepting > 0 ? qsTr(", %1 not accepting now").arg(listenerModel.notAccepting) : "")
        : ""

    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 3
        radius: 1
        visible: root.listenerModel && root.listenerModel.notAccepting > 0
        color: Theme.bad
    }
    DataTable {
        id: table
        anchors.fill: parent
        anchors.topMargin: 6
        model: root.listenerModel
        sortColumn: ListenerModel.Address
        columnWidths: ({ [ListenerModel.Address]: 190, [ListenerModel.Network]: 75, [ListenerModel.Loop]: 75,
                         [ListenerModel.ReusePort]: 90, [ListenerModel.QueueDepth]: 72, [ListenerModel.Backlog]: 72,
                         [ListenerModel.QueueFill]: 78, [ListenerModel.Accepted]: 85, [ListenerModel.AcceptRate]: 85,
                         [ListenerModel.Refused]: 75, [ListenerModel.State]: 140, [ListenerModel.BackoffError]: 100 })
    }
}
