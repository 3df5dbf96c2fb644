// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// InspectorView is a complete inspector for one engine: give it a StatsFeed (LocalStatsFeed for
// an engine in this process, RemoteStatsFeed for another process) and it shows the loops, rate
// charts, connections with their buffers, the balancer's decisions and the event log, in tabs.
// The models it feeds are exposed so that an application can export or test them.
Item {
    id: root
    /// feed is where the snapshots come from.
    property StatsFeed feed
    /// currentTab: 0 overview, 1 connections, 2 load balancing, 3 events, 4 timeline, 5 HTTP, then
    /// stalls, errors, listeners, bridge and actions (more may come: find a tab by its objectName).
    property alias currentTab: tabs.currentIndex
    readonly property LoopModel loopModel: LoopModel { feed: root.feed }
    readonly property ConnectionModel connectionModel: ConnectionModel { feed: root.feed }
    readonly property DecisionModel decisionModel: DecisionModel { feed: root.feed }
    readonly property EventModel eventModel: EventModel { feed: root.feed }
    readonly property StallModel stallModel: StallModel { feed: root.feed }
    readonly property ErrorModel errorModel: ErrorModel { feed: root.feed }
    readonly property ListenerModel listenerModel: ListenerModel { feed: root.feed }
    readonly property BridgeHealthModel bridgeModel: BridgeHealthModel { feed: root.feed }

    implicitWidth: 1200
    implicitHeight: 760

    // Another source: rows of the previous one must not linger (the models keep their rows when
    // detached), and the log models start again from the new source's first entries.
    onFeedChanged: {
        loopModel.clear()
        connectionModel.clear()
        decisionModel.clear()
        eventModel.clear()
        stallModel.clear()
        errorModel.clear()
        listenerModel.clear()
        bridgeModel.clear()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        SummaryBar {
            Layout.fillWidth: true
            loopModel: root.loopModel
            feed: root.feed
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            background: Rectangle {
                color: "transparent"
                Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
            }
            // Flat tabs with an accent underline, whatever the application's Controls style.
            component Tab: TabButton {
                id: tab
                implicitHeight: 34
                // An equal share of the bar, or the text's own width when that is wider: with many
                // tabs the bar then scrolls instead of drawing labels over each other.
                width: Math.max(implicitWidth, tabs.width / tabs.count)
                leftPadding: 12
                rightPadding: 12
                contentItem: Text {
                    text: tab.text
                    font.pixelSize: Theme.font.pixelSize
                    font.weight: tab.checked ? Font.DemiBold : Font.Normal
                    color: tab.checked ? Theme.accent : Theme.muted
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                background: Rectangle {
                    color: tab.hovered && !tab.checked ? Theme.header : "transparent"
                    Rectangle {
                        anchors.bottom: parent.bottom
                        width: parent.width
                        height: 3
                        color: tab.checked ? Theme.accent : "transparent"
                    }
                }
            }
            Tab { text: qsTr("Overview") }
            Tab { text: qsTr("Connections (%1)").arg(root.connectionModel.rowCount) }
            Tab { text: qsTr("Load balancing") }
            Tab { text: qsTr("Events") }
            Tab { objectName: "timelineTab"; text: qsTr("Timeline") }
            Tab { objectName: "httpTab"; text: qsTr("HTTP") }
            Tab { objectName: "stallsTab"; text: qsTr("Stalls") }
            Tab { objectName: "errorsTab"; text: qsTr("Errors") }
            Tab { objectName: "listenersTab"; text: qsTr("Listeners") }
            Tab { objectName: "bridgeTabButton"; text: qsTr("Bridge") }
            Tab { objectName: "actionsTabButton"; text: qsTr("Actions") }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            // Overview: the loops, then traffic and load over time.
            ColumnLayout {
                spacing: Theme.spacing
                LoopView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.min(implicitHeight, root.height * 0.5)
                    Layout.minimumHeight: 120
                    loopModel: root.loopModel
                }
                ChartOptions {
                    id: chartOptions
                    objectName: "chartOptions"
                    Layout.fillWidth: true
                }
                GridLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: 200
                    columns: 3
                    columnSpacing: Theme.spacing
                    RateChart {
                        Layout.fillWidth: true; Layout.fillHeight: true
                        title: qsTr("Received")
                        loopModel: root.loopModel
                        column: LoopModel.BytesInRate
                        format: v => Format.byteRate(v)
                        unit: ChartMath.Bytes
                        unitSuffix: "/s"
                        logScale: chartOptions.logScale
                        averageWindow: chartOptions.averageWindow
                        stacked: true
                    }
                    RateChart {
                        Layout.fillWidth: true; Layout.fillHeight: true
                        title: qsTr("Sent")
                        loopModel: root.loopModel
                        column: LoopModel.BytesOutRate
                        format: v => Format.byteRate(v)
                        unit: ChartMath.Bytes
                        unitSuffix: "/s"
                        logScale: chartOptions.logScale
                        averageWindow: chartOptions.averageWindow
                        stacked: true
                    }
                    RateChart {
                        Layout.fillWidth: true; Layout.fillHeight: true
                        title: qsTr("Busy")
                        loopModel: root.loopModel
                        column: LoopModel.BusyPercent
                        format: v => Format.percent(v)
                        unit: ChartMath.Percent
                        logScale: chartOptions.logScale
                        averageWindow: chartOptions.averageWindow
                    }
                }
            }
            // Connections: the table, and who holds buffer memory.
            ColumnLayout {
                spacing: Theme.spacing
                ConnectionTable {
                    id: connectionTable
                    objectName: "connectionTable"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 3
                    connectionModel: root.connectionModel
                }
                TlsDetails {
                    objectName: "tlsDetails"
                    Layout.fillWidth: true
                    feed: root.feed
                    connectionId: connectionTable.selectedId
                }
                BufferView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 2
                    connectionModel: root.connectionModel
                }
            }
            DecisionLog {
                decisionModel: root.decisionModel
            }
            EventLog {
                eventModel: root.eventModel
            }
            TimelineView {
                objectName: "timelineView"
                feed: root.feed
                connectionModel: root.connectionModel
            }
            HttpView {
                objectName: "httpView"
                feed: root.feed
            }
            StallLog {
                objectName: "stallLog"
                stallModel: root.stallModel
            }
            ErrorList {
                objectName: "errorList"
                errorModel: root.errorModel
            }
            ListenerTable {
                objectName: "listenerTable"
                listenerModel: root.listenerModel
            }
            BridgeView {
                objectName: "bridgeView"
                healthModel: root.bridgeModel
            }
            ActionsView {
                objectName: "actionsView"
                feed: root.feed
            }
        }
    }
}
