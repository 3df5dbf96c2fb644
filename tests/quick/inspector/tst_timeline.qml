// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// The Timeline tab of the QML inspector, driven as a user would: choose a connection in its list,
// see its timeline fill with the bytes the peer sent and end with its close; hiding the view ends
// the watch. With QGNET_SCREENSHOT_DIR set, the filled view (before the close) is saved as
// qgnet-inspector-quick-timeline.png there.
Item {
    id: root
    width: 1200
    height: 620

    Server {
        id: server
        listenAddresses: ["tcp://127.0.0.1:0"]
        loops: 2
        deliverData: true
        onDataReceived: (connection, data) => connection.write(data)
    }
    LocalStatsFeed { id: feed; server: server; interval: 50 }
    // A TestCase is never visible itself: the inspector is its sibling, in the test's window, on the
    // inspector app's background.
    Rectangle { anchors.fill: parent; color: Theme.window }
    InspectorView { id: inspector; anchors.fill: parent; feed: feed }

    TestCase {
        id: tc
        name: "Timeline"
        when: windowShown

        Component { id: peerComponent; RawPeer { } }
        SignalSpy { id: opened; target: server; signalName: "connectionOpened" }

        function initTestCase() {
            verify(server.start(), server.errorString)
            tryVerify(() => feed.active, 5000)
        }
        function cleanupTestCase() {
            server.stop()
        }

        function kinds(model) {
            const out = []
            for (let r = 0; r < model.rowCount; ++r)
                out.push(model.kindKey(r))
            return out
        }

        function test_chooseWatchAndLeave() {
            const peer = createTemporaryObject(peerComponent, tc)
            peer.connectTo(server.boundUrls[0])
            tryVerify(() => peer.connected, 5000)
            tryCompare(opened, "count", 1, 5000)
            const id = opened.signalArguments[0][0].id

            inspector.currentTab = 4
            const view = findChild(inspector, "timelineView")
            verify(view)
            tryCompare(view, "visible", true, 5000)
            const list = findChild(view, "timelineConnections")
            tryCompare(list, "count", 1, 5000)
            // Choose the connection as a user does: a click on its row.
            waitForRendering(list)
            mouseClick(list, 40, 10)
            compare(Number(view.connectionId), Number(id))
            const model = view.timelineModel
            tryVerify(() => model.watching, 5000)
            tryVerify(() => kinds(model).indexOf("watched") >= 0, 5000)

            // Bursts of echo, each waited for until the timeline counts it both ways. Each goes in a
            // 100 ms window of its own (wait until the newest row's window has passed), so the table
            // shows several traffic rows; what is checked does not depend on it.
            let sent = 0
            const timeColumn = 1
            for (let i = 0; i < 5; ++i) {
                const last = model.data(model.index(model.rowCount - 1, timeColumn), Qt.UserRole)
                tryVerify(() => Date.now() > last.getTime() + 150, 5000)
                peer.writeBytes(2000 + 1000 * i)
                sent += 2000 + 1000 * i
                tryVerify(() => model.totalBytesIn === sent && model.totalBytesOut === sent, 5000)
            }
            tryCompare(peer, "bytesReceived", sent, 5000)
            compare(kinds(model)[0], "opened")
            compare(kinds(model)[1], "watched")
            verify(kinds(model).indexOf("traffic") > 1)
            const table = findChild(view, "timelineTable")
            tryCompare(table, "rows", model.rowCount, 5000)

            waitForRendering(inspector)
            if (screenshotDir.length > 0) {
                let saved = false
                root.grabToImage(result => { saved = result.saveToFile(screenshotDir + "/qgnet-inspector-quick-timeline.png") })
                tryVerify(() => saved, 5000)
            }

            peer.close()
            tryVerify(() => model.closed, 5000)
            compare(kinds(model)[model.rowCount - 1], "closed")

            // Another tab: the view is hidden, the watch ends.
            inspector.currentTab = 1
            tryVerify(() => !model.watching, 5000)
        }
    }
}
