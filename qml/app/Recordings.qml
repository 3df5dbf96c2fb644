// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Dialogs
import QGnet

// Recordings is the QML inspector's recording side: a StatsRecorder on the live feed (the last
// seconds, saved with promptSave), a RecordingFeed that replays a saved file (openFile, promptOpen),
// and their file dialogs. The window shows `player` when `opened` says a file was opened.
Item {
    id: root
    /// liveFeed is the feed recorded (null while a recording is replayed: nothing new to record).
    property StatsFeed liveFeed
    /// source describes the live feed in saved files.
    property string source
    /// paused pauses the replay (the window's Pause button).
    property bool paused
    readonly property StatsRecorder recorder: statsRecorder
    readonly property RecordingFeed player: recordingFeed
    /// opened: a file was opened; the window switches to `player` before the views are filled.
    signal opened()
    /// message reports an open or a save for the status line.
    signal message(string text, bool error)

    function openFile(url) {
        if (!recordingFeed.open(url))
            return false
        opened()
        recordingFeed.redeliver() // the views follow the player only now
        message(qsTr("Replaying %1 (%n snapshot(s))", "", recordingFeed.count).arg(recordingFeed.fileName), false)
        return true
    }
    function promptOpen() { openDialog.open() }
    function promptSave() { saveDialog.open() }

    StatsRecorder {
        id: statsRecorder
        feed: root.liveFeed
        source: root.source
    }
    RecordingFeed {
        id: recordingFeed
        paused: root.paused
        onErrorOccurred: message => root.message(message, true)
    }
    FileDialog {
        id: openDialog
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("qgnet recordings (*.qgnetrec)"), qsTr("All files (*)")]
        onAccepted: root.openFile(selectedFile)
    }
    FileDialog {
        id: saveDialog
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("qgnet recordings (*.qgnetrec)")]
        onAccepted: statsRecorder.save(selectedFile)
                    ? root.message(qsTr("Saved %n snapshot(s) to %1", "", statsRecorder.count).arg(selectedFile), false)
                    : root.message(statsRecorder.errorString, true)
    }
}
