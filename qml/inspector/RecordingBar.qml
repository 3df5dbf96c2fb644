// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// RecordingBar is the inspector's recording strip. With a live source it says how much the
// StatsRecorder holds (the last `window` seconds, set here) and offers to save it; with a recording
// open (`player`, a RecordingFeed) it plays it: play/pause, a slider over every snapshot and the
// time, so every view shows the recorded engine at that moment.
Rectangle {
    id: root
    /// recorder records the live source (null: none).
    property StatsRecorder recorder
    /// player is the RecordingFeed shown when `replaying`.
    property RecordingFeed player
    property bool replaying: false
    /// saveRequested / openRequested: the application asks for a file (FileDialog) and saves/opens.
    signal saveRequested()
    signal openRequested()

    function seconds(ms) { return qsTr("%1 s").arg((ms / 1000).toFixed(1)) }

    color: Theme.surface
    border.color: Theme.border
    radius: Theme.radius
    implicitHeight: 40

    RowLayout {
        anchors { fill: parent; leftMargin: 10; rightMargin: 10 }
        spacing: Theme.spacing
        visible: !root.replaying
        Label { text: qsTr("Recording the last"); color: Theme.muted }
        SpinBox {
            objectName: "recordingWindow"
            from: 1; to: 3600
            value: root.recorder ? root.recorder.window : 60
            editable: true
            onValueModified: if (root.recorder) root.recorder.window = value
        }
        Label {
            objectName: "recordingStatus"
            Layout.fillWidth: true
            color: Theme.muted
            text: root.recorder
                  ? qsTr("s: %n snapshot(s) held, %1 over %2", "", root.recorder.count)
                        .arg(Format.bytes(root.recorder.bytes)).arg(root.seconds(root.recorder.duration))
                  : ""
        }
        Button {
            objectName: "saveRecordingButton"
            text: qsTr("Save recording…")
            enabled: root.recorder && root.recorder.count > 0
            onClicked: root.saveRequested()
        }
        Button {
            text: qsTr("Open recording…")
            onClicked: root.openRequested()
        }
    }
    RowLayout {
        anchors { fill: parent; leftMargin: 10; rightMargin: 10 }
        spacing: Theme.spacing
        visible: root.replaying
        Button {
            objectName: "recordingPlay"
            text: root.player && root.player.playing ? qsTr("Pause") : qsTr("Play")
            enabled: root.player && root.player.count > 0
            onClicked: root.player.playing = !root.player.playing
        }
        Slider {
            id: slider
            objectName: "recordingSlider"
            Layout.fillWidth: true
            from: 0
            to: root.player ? Math.max(0, root.player.count - 1) : 0
            stepSize: 1
            snapMode: Slider.SnapAlways
            enabled: root.player && root.player.count > 0
            value: root.player ? Math.max(0, root.player.position) : 0
            onMoved: root.player.seek(Math.round(value))
        }
        Label {
            objectName: "recordingTime"
            color: Theme.muted
            text: root.player
                  ? qsTr("%1 of %2, snapshot %3 of %4").arg(root.seconds(root.player.time))
                        .arg(root.seconds(root.player.duration)).arg(root.player.position + 1).arg(root.player.count)
                  : ""
        }
        Button {
            text: qsTr("Open recording…")
            onClicked: root.openRequested()
        }
    }
}
