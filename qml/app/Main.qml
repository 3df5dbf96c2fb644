// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import QGnet
import QGnet.Inspector

// The QML inspector: an in-process demo engine, or an engine in another process reached through
// its InspectorEndpoint (address + token); pause, per-table filters, and export of the snapshot
// (JSON) or any table (CSV/JSON). Everything it shows comes from the QGnet models.
ApplicationWindow {
    id: window
    /// attachAddress / token: attach to this endpoint at start instead of running the demo.
    property string attachAddress
    property string token
    /// serveAddress: also serve the demo engine's statistics there (with token).
    property string serveAddress
    property int demoLoops: 4
    property int demoConnections: 40
    property int initialTab: 0
    /// recordingFile: replay this recording at start (--open).
    property string recordingFile

    readonly property bool demoMode: modeBox.currentIndex === 0
    readonly property bool replayMode: modeBox.currentIndex === 2
    readonly property StatsFeed feed: replayMode ? recordings.player : (demoMode ? localFeed : remoteFeed)

    width: 1280
    height: 820
    visible: true
    color: Theme.window
    title: replayMode ? qsTr("qgnet inspector — recording %1").arg(recordings.player.fileName)
         : demoMode ? qsTr("qgnet inspector — demo engine %1").arg(demo.url)
                    : qsTr("qgnet inspector — %1").arg(remoteFeed.address)

    DemoEngine {
        id: demo
        loops: window.demoLoops
        maxConnections: window.demoConnections
        minConnections: Math.min(6, window.demoConnections)
    }
    LocalStatsFeed {
        id: localFeed
        server: demo.server
        paused: pauseButton.checked
    }
    RemoteStatsFeed {
        id: remoteFeed
        paused: pauseButton.checked
        onErrorOccurred: message => status.show(qsTr("Remote: %1").arg(message), true)
        onActiveChanged: if (active) status.show(qsTr("Attached to %1").arg(address), false)
    }
    // Recordings (Recordings.qml, RecordingBar.qml): the live source's last seconds, and a saved file replayed.
    Recordings {
        id: recordings
        liveFeed: window.replayMode ? null : (window.demoMode ? localFeed : remoteFeed)
        source: window.demoMode ? qsTr("Demo engine on %1").arg(demo.url) : qsTr("Process at %1").arg(remoteFeed.address)
        paused: pauseButton.checked
        onOpened: {
            demo.stop()
            remoteFeed.detach()
            modeBox.currentIndex = 2
        }
        onMessage: (text, error) => status.show(text, error)
    }

    InspectorEndpoint {
        id: endpoint
        server: demo.server
        // At the descriptor limit the endpoint stops accepting and retries: say so, and when it is over.
        onAcceptErrorChanged: acceptError.length > 0
            ? status.show(qsTr("The statistics endpoint cannot accept inspectors: %1 (retrying)").arg(acceptError), true)
            : status.show(qsTr("The statistics endpoint accepts inspectors again"), false)
    }

    function attach() {
        demo.stop()
        remoteFeed.attach(addressField.text, tokenField.text)
        status.show(qsTr("Attaching to %1…").arg(addressField.text), false)
    }
    function runDemo() {
        remoteFeed.detach()
        if (!demo.running && !demo.start())
            status.show(qsTr("The demo engine did not start: %1").arg(demo.server.errorString), true)
        else
            status.show(qsTr("Demo engine listening on %1").arg(demo.url), false)
    }
    Component.onCompleted: {
        inspector.currentTab = initialTab
        if (recordingFile.length > 0) {
            recordings.openFile(recordingFile)
        } else if (attachAddress.length > 0) {
            modeBox.currentIndex = 1
            addressField.text = attachAddress
            tokenField.text = token
            attach()
        } else {
            runDemo()
            if (serveAddress.length > 0) {
                if (endpoint.listen(serveAddress, token))
                    status.show(qsTr("Demo engine listening on %1; statistics served on %2").arg(demo.url).arg(endpoint.address), false)
                else
                    status.show(qsTr("Cannot serve statistics: %1").arg(endpoint.errorString()), true)
            }
        }
    }

    header: ToolBar {
        background: Rectangle { color: Theme.surface; Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border } }
        RowLayout {
            anchors { fill: parent; leftMargin: 10; rightMargin: 10 }
            spacing: 8
            Label { text: "qgnet"; font.pixelSize: 17; font.weight: Font.Bold; color: Theme.accent }
            Label { text: qsTr("inspector"); font.pixelSize: 17; color: Theme.text }
            ToolSeparator { }
            ComboBox {
                id: modeBox
                model: [qsTr("Demo engine"), qsTr("Attach"), qsTr("Recording")]
                implicitWidth: 150
                onActivated: index => index === 0 ? window.runDemo() : (index === 1 ? remoteFeed.detach() : demo.stop())
            }
            TextField {
                id: addressField
                visible: !window.demoMode && !window.replayMode
                placeholderText: qsTr("unix:/path or tcp://127.0.0.1:port")
                Layout.preferredWidth: 260
                selectByMouse: true
            }
            TextField {
                id: tokenField
                visible: !window.demoMode && !window.replayMode
                placeholderText: qsTr("token")
                echoMode: TextInput.Password
                Layout.preferredWidth: 140
                onAccepted: window.attach()
            }
            Button {
                visible: !window.demoMode && !window.replayMode
                text: remoteFeed.active ? qsTr("Reattach") : qsTr("Attach")
                enabled: addressField.text.length > 0 && tokenField.text.length > 0
                onClicked: window.attach()
            }
            Item { Layout.fillWidth: true }
            Rectangle {
                width: 10; height: 10; radius: 5
                color: window.feed.paused ? Theme.warn : (window.feed.active ? Theme.good : Theme.bad)
            }
            Label {
                text: window.feed.paused ? qsTr("paused")
                    : window.replayMode ? qsTr("replay") : (window.feed.active ? qsTr("live") : qsTr("no source"))
                color: Theme.muted
            }
            Button {
                id: pauseButton
                checkable: true
                text: checked ? qsTr("Resume") : qsTr("Pause")
            }
            Button {
                text: qsTr("Export…")
                onClicked: exportMenu.popup()
                Menu {
                    id: exportMenu
                    MenuItem { text: qsTr("Snapshot as JSON…"); onTriggered: window.exportTo("snapshot", "json") }
                    MenuSeparator { }
                    MenuItem { text: qsTr("Loops as CSV…"); onTriggered: window.exportTo("loops", "csv") }
                    MenuItem { text: qsTr("Connections as CSV…"); onTriggered: window.exportTo("connections", "csv") }
                    MenuItem { text: qsTr("Decisions as CSV…"); onTriggered: window.exportTo("decisions", "csv") }
                    MenuItem { text: qsTr("Events as CSV…"); onTriggered: window.exportTo("events", "csv") }
                }
            }
        }
    }

    RecordingBar {
        id: recordingBar
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 10 }
        recorder: recordings.recorder
        player: recordings.player
        replaying: window.replayMode
        onSaveRequested: recordings.promptSave()
        onOpenRequested: recordings.promptOpen()
    }
    InspectorView {
        id: inspector
        anchors { left: parent.left; right: parent.right; top: recordingBar.bottom; bottom: parent.bottom; margins: 10 }
        feed: window.feed
    }

    footer: Rectangle {
        id: status
        implicitHeight: 26
        color: Theme.surface
        property string message
        property bool error: false
        function show(text, isError) { message = text; error = isError }
        Rectangle { width: parent.width; height: 1; color: Theme.border }
        Label {
            anchors { fill: parent; leftMargin: 10 }
            verticalAlignment: Text.AlignVCenter
            text: status.message
            color: status.error ? Theme.bad : Theme.muted
            elide: Text.ElideRight
        }
    }

    // Export: what, in which format, to the file the dialog gives.
    property string exportWhat
    property string exportFormat
    function exportTo(what, format) {
        exportWhat = what
        exportFormat = format
        saveDialog.currentFile = saveDialog.currentFolder + "/qgnet-" + what + "." + format
        saveDialog.nameFilters = format === "csv" ? [qsTr("CSV files (*.csv)")] : [qsTr("JSON files (*.json)")]
        saveDialog.open()
    }
    function exportData(what, format) {
        if (what === "snapshot") return Export.snapshotJson(window.feed)
        const model = { loops: inspector.loopModel, connections: inspector.connectionModel,
                        decisions: inspector.decisionModel, events: inspector.eventModel }[what]
        return format === "csv" ? model.toCsv() : model.toJson()
    }
    FileDialog {
        id: saveDialog
        fileMode: FileDialog.SaveFile
        onAccepted: {
            if (Export.save(selectedFile, window.exportData(window.exportWhat, window.exportFormat)))
                status.show(qsTr("Saved %1").arg(selectedFile), false)
            else
                status.show(Export.errorString, true)
        }
    }
}
