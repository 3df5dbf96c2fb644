// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QGnet

// HttpView shows the source's HTTP server (a QtHttpServer): one row per route with its method,
// pattern, where it runs and its requests so far, and the WebSocket sessions open now in the title.
// It reads the feed's HTTP counters, so it works for a remote source as well.
Card {
    id: root
    /// feed is where the counters come from.
    property StatsFeed feed
    readonly property HttpRouteModel model: HttpRouteModel { feed: root.feed }
    readonly property int rows: list.count

    objectName: "httpView"
    title: qsTr("HTTP routes")
    subtitle: model.available ? qsTr("WebSocket sessions: %1").arg(model.webSocketSessions)
                              : qsTr("This source reports no HTTP server.")

    // Column widths: method, runs on and requests are narrow; the route takes the rest.
    readonly property var widths: [80, Math.max(160, list.width - 80 - 140 - 120), 140, 120]

    Row {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.rowHeight
        Repeater {
            model: [qsTr("Method"), qsTr("Route"), qsTr("Runs on"), qsTr("Requests")]
            Rectangle {
                required property int index
                required property string modelData
                width: root.widths[index]
                height: Theme.rowHeight
                color: Theme.header
                Text {
                    anchors { fill: parent; leftMargin: 6; rightMargin: 6 }
                    text: parent.modelData
                    font: Theme.font
                    color: Theme.text
                    verticalAlignment: Text.AlignVCenter
                    horizontalAlignment: parent.index === 3 ? Text.AlignRight : Text.AlignLeft
                }
            }
        }
    }
    ListView {
        id: list
        objectName: "httpRouteList"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        clip: true
        model: root.model
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        delegate: Rectangle {
            id: routeRow
            required property int index
            required property string method
            required property string pattern
            required property string runsOn
            required property double requests
            width: ListView.view.width
            height: Theme.rowHeight
            color: routeRow.index % 2 ? Theme.surfaceAlt : Theme.surface
            Row {
                anchors.fill: parent
                Repeater {
                    model: [routeRow.method, routeRow.pattern, routeRow.runsOn, Format.count(routeRow.requests)]
                    Text {
                        required property int index
                        required property string modelData
                        width: root.widths[index]
                        height: Theme.rowHeight
                        leftPadding: 6
                        rightPadding: 6
                        text: modelData
                        font: index === 1 ? Theme.monoFont : Theme.font
                        color: Theme.text
                        elide: Text.ElideRight
                        verticalAlignment: Text.AlignVCenter
                        horizontalAlignment: index === 3 ? Text.AlignRight : Text.AlignLeft
                    }
                }
            }
        }
    }
}
