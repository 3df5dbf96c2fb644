// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QGnet

// DataTable shows a SnapshotModel as a table: a header that sorts on click (by the raw value,
// SnapshotModel's sort role), a case-insensitive text filter over every column, and columns that
// can be hidden (width 0) or sized. Rows keep up with the model's ranged inserts and removals.
Item {
    id: root
    /// model is the SnapshotModel to show.
    property SnapshotModel model
    /// filterText keeps the rows whose text contains it in any column.
    property string filterText
    /// filterExpression keeps the rows a filter expression matches (ConnectionModel only, see
    /// SortFilterProxyModel.expression); a refused one leaves the rows as they were.
    property string filterExpression
    /// expressionError is what is wrong with filterExpression ("Column N: …"), or empty.
    readonly property string expressionError: proxy.expressionError
    /// hiddenColumns are column numbers not to show.
    property var hiddenColumns: []
    /// columnWidths maps column number → width; other columns share the space left.
    property var columnWidths: ({})
    /// sortColumn / sortOrder: the column sorted on (-1: model order) and the direction.
    property int sortColumn: -1
    property int sortOrder: Qt.AscendingOrder
    /// rows is the number of rows shown after filtering.
    readonly property int rows: proxy.count
    /// follow keeps the view at the last row while rows arrive (logs).
    property bool follow: false
    property alias view: table
    property alias proxyModel: proxy
    /// rowColor, when set, is a function of a row's model (its roles by column key) that returns the
    /// row's background colour, or undefined for the default (the Stalls view paints stalls red).
    property var rowColor: null
    /// keyRole names the column key that identifies a row (e.g. "id"); clicking a row makes its value
    /// currentKey, and the row with that value is highlighted wherever sorting moves it.
    property string keyRole: ""
    property var currentKey: undefined

    implicitWidth: 600
    implicitHeight: 300

    SortFilterProxyModel {
        id: proxy
        sourceModel: root.model
        filterText: root.filterText
        expression: root.filterExpression
        sortColumn: root.sortColumn
        sortOrder: root.sortOrder
    }
    onHiddenColumnsChanged: table.forceLayout()
    onColumnWidthsChanged: table.forceLayout()

    function showLastRow() {
        // Rows all have Theme.rowHeight, so the end of the content is known without laying it out.
        table.contentY = Math.max(0, proxy.count * Theme.rowHeight - table.height)
    }

    function widthOf(column) {
        if (root.hiddenColumns.indexOf(column) >= 0)
            return 0
        const w = root.columnWidths[column]
        if (w !== undefined)
            return w
        let fixed = 0, flexible = 0
        const n = root.model ? root.model.columnCount() : 0
        for (let c = 0; c < n; ++c) {
            if (root.hiddenColumns.indexOf(c) >= 0) continue
            if (root.columnWidths[c] !== undefined) fixed += root.columnWidths[c]
            else ++flexible
        }
        return Math.max(70, (table.width - fixed) / Math.max(1, flexible))
    }

    HorizontalHeaderView {
        id: header
        syncView: table
        anchors { left: parent.left; right: parent.right; top: parent.top }
        clip: true
        delegate: Rectangle {
            required property int index
            required property var display
            implicitHeight: Theme.rowHeight
            implicitWidth: 80
            color: Theme.header
            Rectangle { width: 1; height: parent.height; anchors.right: parent.right; color: Theme.border }
            Text {
                anchors { fill: parent; leftMargin: 6; rightMargin: 14 }
                verticalAlignment: Text.AlignVCenter
                text: parent.display
                font.pixelSize: Theme.smallFont.pixelSize
                font.weight: Font.DemiBold
                color: Theme.text
                elide: Text.ElideRight
            }
            Text {
                anchors { right: parent.right; rightMargin: 4; verticalCenter: parent.verticalCenter }
                visible: root.sortColumn === parent.index
                text: root.sortOrder === Qt.AscendingOrder ? "▲" : "▼"
                font.pixelSize: 8
                color: Theme.muted
            }
            MouseArea {
                anchors.fill: parent
                onClicked: {
                    if (root.sortColumn === parent.index)
                        root.sortOrder = root.sortOrder === Qt.AscendingOrder ? Qt.DescendingOrder : Qt.AscendingOrder
                    else
                        root.sortColumn = parent.index
                }
            }
        }
    }

    TableView {
        id: table
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        clip: true
        model: proxy
        boundsBehavior: Flickable.StopAtBounds
        columnWidthProvider: column => root.widthOf(column)
        rowHeightProvider: () => Theme.rowHeight
        onWidthChanged: forceLayout()
        ScrollBar.vertical: ScrollBar { }
        ScrollBar.horizontal: ScrollBar { }

        delegate: Rectangle {
            id: cell
            required property int row
            required property var display
            required property var model
            readonly property var custom: root.rowColor ? root.rowColor(model) : undefined
            readonly property bool current: root.keyRole !== "" && root.currentKey !== undefined
                && model[root.keyRole] === root.currentKey
            implicitHeight: Theme.rowHeight
            color: current ? Theme.selection : custom !== undefined ? custom : row % 2 ? Theme.surfaceAlt : Theme.surface
            MouseArea {
                anchors.fill: parent
                enabled: root.keyRole !== ""
                onClicked: root.currentKey = cell.model[root.keyRole]
            }
            Text {
                anchors { fill: parent; leftMargin: 6; rightMargin: 8 }
                verticalAlignment: Text.AlignVCenter
                // Figures line up on the right, text on the left.
                horizontalAlignment: /^[-+]?[\d.,\s]+(%|[KMG]?i?B(\/s)?|\/s|bytes|[nµm]?s)?$/.test(text) ? Text.AlignRight : Text.AlignLeft
                text: parent.display === undefined ? "" : parent.display
                font: Theme.font
                color: Theme.text
                elide: Text.ElideRight
            }
        }
    }
    Connections {
        target: proxy
        enabled: root.follow
        // After the view has taken the new rows in.
        function onCountChanged() { Qt.callLater(root.showLastRow) }
    }
    Text {
        anchors.centerIn: table
        visible: proxy.count === 0
        text: root.filterText.length > 0 ? qsTr("No rows match the filter") : qsTr("No rows yet")
        color: Theme.muted
        font: Theme.font
    }
}
