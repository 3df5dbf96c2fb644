// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// The Actions tab of InspectorView, chosen by clicking its tab button: disabled until the feed allows
// actions; then each button opens the confirmation dialog, Cancel changes nothing, Yes changes the
// server's engine (pause and resume accepting, the policy, the water marks, closing a connection).
Item {
    id: root
    width: 1100
    height: 640

    Server {
        id: server
        listenAddresses: ["tcp://127.0.0.1:0"]
        loops: 2
        deliverData: true
        onDataReceived: (connection, data) => connection.write(data)
    }
    LocalStatsFeed { id: feed; server: server; interval: 50 }
    Rectangle { anchors.fill: parent; color: Theme.window }
    InspectorView { id: view; anchors.fill: parent; anchors.margins: Theme.spacing; feed: feed }
    Component { id: peerComponent; RawPeer { } }
    SignalSpy { id: opened; target: server; signalName: "connectionOpened" }
    SignalSpy { id: closed; target: server; signalName: "connectionClosed" }
    SignalSpy { id: finished; target: feed; signalName: "actionFinished" }

    TestCase {
        id: tc
        name: "ActionsView"
        when: windowShown

        function answer(actions, yes) {
            const dialog = findChild(actions, "confirmAction")
            verify(dialog)
            tryVerify(() => dialog.opened, 5000, "the confirmation is open")
            if (yes) dialog.accept()
            else dialog.reject()
            tryVerify(() => !dialog.visible, 5000)
        }

        function test_actions() {
            verify(server.start(), server.errorString)
            mouseClick(findChild(view, "actionsTabButton"))
            const actions = findChild(view, "actionsView")
            verify(actions)
            tryVerify(() => actions.visible, 5000)
            const pause = findChild(actions, "pauseAcceptingButton")
            verify(pause)
            verify(!actions.available)

            feed.actionsAllowed = true
            tryVerify(() => actions.available, 5000)
            // Cancel: the server keeps accepting.
            mouseClick(pause)
            answer(actions, false)
            compare(actions.result, "Cancelled.")
            compare(finished.count, 0)
            // Yes: paused; the screenshot shows the confirmation before it is answered.
            mouseClick(pause)
            const path = testFiles.screenshotPath("qgnet-inspector-quick-actions.png")
            if (path.length > 0) {
                const dialog = findChild(actions, "confirmAction")
                tryVerify(() => dialog.opened, 5000)
                waitForRendering(root)
                let saved = false
                root.Window.window.contentItem.grabToImage(result => saved = result.saveToFile(path))
                tryVerify(() => saved, 5000, "screenshot saved")
            }
            answer(actions, true)
            tryCompare(finished, "count", 1, 5000)
            verify(finished.signalArguments[0][1], finished.signalArguments[0][2])
            compare(actions.result, "Done.")
            mouseClick(findChild(actions, "resumeAcceptingButton"))
            answer(actions, true)
            tryCompare(finished, "count", 2, 5000)
            verify(finished.signalArguments[1][1])

            // The policy and the water marks go through the same confirmation.
            const policy = findChild(actions, "policyBox")
            policy.currentIndex = 1
            mouseClick(findChild(actions, "applyPolicyButton"))
            answer(actions, true)
            tryCompare(finished, "count", 3, 5000)
            verify(finished.signalArguments[2][1], finished.signalArguments[2][2])
            findChild(actions, "highWaterBox").value = 16
            findChild(actions, "lowWaterBox").value = 4
            mouseClick(findChild(actions, "applyWaterMarksButton"))
            answer(actions, true)
            tryCompare(finished, "count", 4, 5000)
            verify(finished.signalArguments[3][1], finished.signalArguments[3][2])

            // Close a connection by its id: cancelled first, then for real.
            const peer = createTemporaryObject(peerComponent, tc)
            peer.connectTo(server.boundUrls[0])
            tryVerify(() => peer.connected, 5000)
            tryCompare(opened, "count", 1, 5000)
            actions.connectionId = String(opened.signalArguments[0][0].id)
            mouseClick(findChild(actions, "closeConnectionButton"))
            answer(actions, false)
            compare(closed.count, 0)
            mouseClick(findChild(actions, "closeConnectionButton"))
            answer(actions, true)
            tryCompare(closed, "count", 1, 5000)
            tryCompare(finished, "count", 5, 5000)
            verify(finished.signalArguments[4][1], finished.signalArguments[4][2])
            server.stop()
        }
    }
}
