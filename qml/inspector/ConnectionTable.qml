// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QGnet

// ConnectionTable lists the open connections (ConnectionModel): loop, protocol, endpoints, state,
// age, bytes and buffers, sortable by any column and filtered by the text box in its title bar.
Card {
    id: root
    /// connectionModel is the ConnectionModel to show.
    property ConnectionModel connectionModel
    /// filterText filters the rows (bound to the title bar's text box).
    property alias filterText: filter.text
    /// rows is the number of rows shown after filtering.
    readonly property alias rows: table.rows
    property alias table: table
    /// selectedId is the id of the connection clicked last (0: none); TlsDetails follows it.
    readonly property var selectedId: table.currentKey === undefined ? 0 : table.currentKey

    title: qsTr("Connections")
    subtitle: connectionModel ? qsTr("%n open", "", connectionModel.rowCount) : ""
    headerExtra: FilterField { id: filter; implicitHeight: 26; font: Theme.smallFont }

    DataTable {
        id: table
        anchors.fill: parent
        model: root.connectionModel
        filterText: filter.text
        keyRole: "id"
        columnWidths: ({ [ConnectionModel.Id]: 50, [ConnectionModel.Loop]: 50, [ConnectionModel.Protocol]: 72,
                         [ConnectionModel.Peer]: 150, [ConnectionModel.Local]: 150, [ConnectionModel.State]: 72,
                         [ConnectionModel.Age]: 70, [ConnectionModel.HighWaterHits]: 96,
                         [ConnectionModel.Tls]: 70 })
    }
}
