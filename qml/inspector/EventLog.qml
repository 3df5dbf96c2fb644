// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QGnet

// EventLog lists connection events (opened, closed with the reason, engine errors), newest last,
// filtered by the text box in its title bar.
Card {
    id: root
    /// eventModel is the EventModel to show.
    property EventModel eventModel
    property alias filterText: filter.text
    readonly property alias rows: table.rows

    title: qsTr("Events")
    subtitle: eventModel ? (eventModel.dropped > 0
        ? qsTr("%1 shown, %2 dropped by the engine").arg(eventModel.rowCount).arg(eventModel.dropped)
        : qsTr("%1 shown").arg(eventModel.rowCount)) : ""
    headerExtra: FilterField { id: filter; implicitHeight: 26; font: Theme.smallFont }

    DataTable {
        id: table
        anchors.fill: parent
        model: root.eventModel
        filterText: filter.text
        follow: true
        columnWidths: ({ [EventModel.Sequence]: 60, [EventModel.Kind]: 70, [EventModel.Loop]: 50, [EventModel.Connection]: 90 })
    }
}
