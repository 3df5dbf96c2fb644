// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// The Bridge tab of InspectorView, chosen by clicking its tab button: the bridge figures of a live
// server (connections opened and data echoed through the Qt thread) in the table and the headline.
// The view lives in a plain root Item: a TestCase item itself is never visible, so a tab inside it
// could not be clicked or grabbed.
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
    Rectangle { anchors.fill: parent; color: Theme.window } // what the application's window shows
    InspectorView { id: view; anchors.fill: parent; anchors.margins: Theme.spacing; feed: feed }
    Component { id: peerComponent; RawPeer { } }

    TestCase {
    id: tc
    name: "BridgeView"
    when: windowShown

    function valueOf(key) {
        const m = view.bridgeModel
        return Number(m.data(m.index(m.rowOf(key), BridgeHealthModel.Value), Qt.UserRole))
    }

    function test_bridgeTab() {
        verify(server.start(), server.errorString)
        const button = findChild(view, "bridgeTabButton")
        verify(button)
        mouseClick(button)
        const bridge = findChild(view, "bridgeView")
        verify(bridge)
        tryVerify(() => bridge.visible, 5000)

        const peers = []
        for (let i = 0; i < 3; ++i) {
            const peer = createTemporaryObject(peerComponent, tc)
            peer.connectTo(server.boundUrls[0])
            tryVerify(() => peer.connected, 5000)
            peer.write("x".repeat(1000))
            peers.push(peer)
        }
        tryVerify(() => peers.every(p => p.bytesReceived === 1000), 5000, "every echo back")
        tryCompare(bridge, "rows", 12, 5000)
        // 3 opens and at least 3 data items went through the bridge.
        tryVerify(() => valueOf("itemsDelivered") >= 6, 5000, "items delivered")
        verify(valueOf("batches") >= 1)
        verify(valueOf("maxDrainLatencyNs") > 0)
        const summary = findChild(bridge, "bridgeSummary")
        verify(summary)
        tryVerify(() => summary.text.indexOf("lags") >= 0, 5000, summary.text)

        const path = testFiles.screenshotPath("qgnet-inspector-quick-bridge.png")
        if (path.length > 0) {
            waitForRendering(view)
            let saved = false
            root.grabToImage(result => saved = result.saveToFile(path))
            tryVerify(() => saved, 5000, "screenshot saved")
        }
        for (const p of peers) p.close()
        server.stop()
    }
}
}
