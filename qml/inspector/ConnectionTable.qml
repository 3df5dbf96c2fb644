// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QGnet

// ConnectionTable lists the open connections (ConnectionModel): loop, protocol, endpoints, state,
// age, bytes and buffers, sortable by any column and filtered by the text box in its title bar and by
// a filter expression (`loop == 2 && bytesIn > 1M`) beside it.
Card {
    id: root
    /// connectionModel is the ConnectionModel to show.
    property ConnectionModel connectionModel
    /// filterText filters the rows (bound to the title bar's text box).
    property alias filterText: filter.text
    /// filterExpression filters the rows by an expression (bound to the expression box).
    property alias filterExpression: expression.text
    /// expressionError is what is wrong with the expression ("Column N: …"), empty when it parses.
    readonly property string expressionError: table.expressionError
    property alias expressionField: expression
    /// rows is the number of rows shown after filtering.
    readonly property alias rows: table.rows
    property alias table: table
    /// selectedId is the id of the connection clicked last (0: none); TlsDetails follows it.
    readonly property var selectedId: table.currentKey === undefined ? 0 : table.currentKey

    title: qsTr("Connections")
    subtitle: connectionModel ? qsTr("%n open", "", connectionModel.rowCount) : ""
    headerExtra: Row {
        spacing: Theme.spacing
        FilterField {
            id: expression
            objectName: "expressionFilter"
            implicitHeight: 26
            implicitWidth: 320
            font: Theme.smallFont
            placeholderText: qsTr("Expression, e.g. loop == 2 && bytesIn > 1M && !paused")
            errorText: table.expressionError
            helpText: table.proxyModel.expressionHelp()
        }
        FilterField { id: filter; implicitHeight: 26; font: Theme.smallFont }
    }

    // What is wrong with the expression, above the rows it left as they were.
    Text {
        id: errorLine
        objectName: "expressionError"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        visible: text !== ""
        text: root.expressionError
        color: Theme.bad
        font: Theme.smallFont
        elide: Text.ElideRight
    }
    DataTable {
        id: table
        anchors {
            left: parent.left; right: parent.right; bottom: parent.bottom
            top: errorLine.visible ? errorLine.bottom : parent.top
            topMargin: errorLine.visible ? 4 : 0
        }
        model: root.connectionModel
        filterText: filter.text
        keyRole: "id"
        filterExpression: expression.text
        columnWidths: ({ [ConnectionModel.Id]: 50, [ConnectionModel.Loop]: 50, [ConnectionModel.Protocol]: 72,
                         [ConnectionModel.Peer]: 150, [ConnectionModel.Local]: 150, [ConnectionModel.State]: 72,
                         [ConnectionModel.Age]: 70, [ConnectionModel.HighWaterHits]: 96,
                         [ConnectionModel.Tls]: 70 })
    }
}
