// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// Recordings in QML: a StatsRecorder records a live engine while peers connect, saves the file, a
// RecordingFeed opens it with no engine involved, and the RecordingBar's slider and play button
// move an InspectorView through the recorded time (no connections at the start, three at the end).
TestCase {
    id: tc
    name: "Recording"
    when: windowShown
    visible: true // a TestCase is invisible by default, and so would be the bar it clicks on
    width: 1200
    height: 900

    Server {
        id: server
        listenAddresses: ["tcp://127.0.0.1:0"]
        loops: 2
    }
    LocalStatsFeed { id: liveFeed; server: server; interval: 20 }
    StatsRecorder { id: recorder; feed: liveFeed; source: "quick test" }
    RecordingFeed { id: player; interval: 20 }

    RecordingBar {
        id: liveBar
        width: tc.width
        recorder: recorder
    }
    RecordingBar {
        id: bar
        y: 50
        width: tc.width
        player: player
        replaying: true
    }
    InspectorView { id: view; y: 100; width: 1200; height: 780; feed: player }

    Component { id: peerComponent; RawPeer { } }

    function initTestCase() {
        verify(server.start(), server.errorString)
        tryVerify(() => recorder.count >= 2, 5000)
    }
    function cleanupTestCase() {
        server.stop()
    }

    function test_recordSaveOpenAndScrub() {
        const peers = []
        for (let i = 0; i < 3; ++i) {
            const peer = createTemporaryObject(peerComponent, tc)
            peer.connectTo(server.boundUrls[0])
            peers.push(peer)
        }
        tryCompare(server, "connectionCount", 3, 5000)
        const seen = recorder.count
        tryVerify(() => recorder.count >= seen + 3, 5000)
        recorder.recording = false
        compare(findChild(liveBar, "recordingStatus").text.indexOf(recorder.count + " snapshot") >= 0, true,
                findChild(liveBar, "recordingStatus").text)
        const file = "file://" + testFiles.path("quick.qgnetrec")
        verify(recorder.save(file), recorder.errorString)

        verify(player.open(file), player.errorString)
        compare(player.count, recorder.count)
        compare(player.source, "quick test")
        compare(player.position, player.count - 1)
        tryCompare(view.connectionModel, "rowCount", 3, 5000)

        // The slider's left end: the first snapshot, before any peer connected.
        const slider = findChild(bar, "recordingSlider")
        verify(slider)
        compare(slider.to, player.count - 1)
        mouseClick(slider, slider.leftPadding + 1, slider.height / 2)
        compare(player.position, 0)
        compare(view.connectionModel.rowCount, 0)
        verify(findChild(bar, "recordingTime").text.indexOf("snapshot 1 of " + player.count) >= 0,
               findChild(bar, "recordingTime").text)
        // The right end: the last one, with the three.
        mouseClick(slider, slider.width - slider.rightPadding - 1, slider.height / 2)
        compare(player.position, player.count - 1)
        compare(view.connectionModel.rowCount, 3)

        // Play: from the end it starts over and runs to the end again on the recording's times.
        const play = findChild(bar, "recordingPlay")
        mouseClick(play)
        verify(player.playing)
        compare(view.connectionModel.rowCount, 0)
        tryCompare(player, "playing", false, 10000)
        compare(player.position, player.count - 1)
        compare(view.connectionModel.rowCount, 3)
        compare(slider.value, player.count - 1)
    }

    function test_damagedFileIsAnError() {
        const file = "file://" + testFiles.path("damaged.qgnetrec")
        verify(Export.save(file, "qgnetrec and then garbage"))
        const before = player.count
        verify(!player.open(file))
        verify(player.errorString.length > 0)
        compare(player.count, before)
    }
}
