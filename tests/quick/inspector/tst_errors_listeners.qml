// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// The Errors and Listeners tabs of the QML inspector against a live engine: peers that leave the
// server's greeting unread and abort reset their connections (ECONNRESET on the server), in two
// rounds; the Errors tab lists the kind with its total, rate and a strip with both rounds, and the
// Listeners tab shows the listening socket with its backlog and accepted connections. Tabs are found
// by objectName. With QGNET_SCREENSHOT_DIR set, both are saved there as PNG files.
TestCase {
    id: tc
    name: "ErrorsListeners"
    when: windowShown
    visible: true // TestCase is invisible by default; the tabs are checked as shown, and grabbed
    width: 1100
    height: 420

    Server {
        id: server
        listenAddresses: ["tcp://127.0.0.1:0"]
        loops: 2
        onConnectionOpened: connection => connection.write(Bytes.fromText("hello"))
    }
    LocalStatsFeed { id: feed; server: server; interval: 50 }
    InspectorView { id: whole; anchors.fill: parent; feed: feed }

    Component { id: peerComponent; RawPeer { stalled: true } }

    function tabNamed(name) {
        const tab = findChild(whole, name)
        verify(tab, "no tab " + name)
        return tab
    }
    // showTab selects the tab with this objectName, wherever other tabs put it.
    function showTab(name) {
        whole.currentTab = tabNamed(name).TabBar.index
        tryVerify(() => tabNamed(name).checked, 5000, name + " selected")
    }
    // resetOne: a stalled peer leaves the greeting unread and aborts: a reset.
    function resetOne() {
        const peer = createTemporaryObject(peerComponent, tc)
        peer.connectTo(server.boundUrls[0])
        tryVerify(() => peer.waiting, 5000, "the greeting arrives")
        peer.abort()
    }
    function saveShot(name) {
        const dir = testFiles.screenshotDir()
        if (dir.length === 0)
            return
        const image = grabImage(whole)
        image.save(dir + "/" + name)
    }

    function initTestCase() {
        verify(server.start(), server.errorString)
        tryVerify(() => whole.listenerModel.rowCount === 1, 5000, "the first snapshot")
    }
    function cleanupTestCase() {
        server.stop()
    }

    function test_errorsTab() {
        const errors = whole.errorModel
        for (let i = 0; i < 3; ++i) resetOne()
        tryVerify(() => errors.total === 3, 10000, "3 resets counted")
        const buckets = errors.history(0).length
        tryVerify(() => errors.history(0).length >= buckets + 3, 10000, "a few buckets later")
        for (let i = 0; i < 2; ++i) resetOne()
        tryVerify(() => errors.total === 5, 10000, "5 resets counted")

        showTab("errorsTab")
        const list = findChild(whole, "errorList")
        verify(list)
        tryVerify(() => list.visible && list.rows === 1, 5000)
        compare(errors.data(errors.index(0, ErrorModel.Name), Qt.UserRole), "ECONNRESET")
        compare(errors.data(errors.index(0, ErrorModel.Kind), Qt.UserRole), "socket")
        compare(Number(errors.data(errors.index(0, ErrorModel.Total), Qt.UserRole)), 5)
        compare(list.subtitle.indexOf("5 in all"), 0, list.subtitle)
        // Both rounds are in the strip, as separate hot cells.
        const hot = errors.history(0).filter(v => v > 0)
        verify(hot.length >= 2, JSON.stringify(errors.history(0)))
        compare(hot.reduce((a, b) => a + b, 0), 5)
        waitForRendering(whole)
        saveShot("qgnet-inspector-quick-errors.png")
    }

    function test_listenersTab() {
        const listeners = whole.listenerModel
        showTab("listenersTab")
        const table = findChild(whole, "listenerTable")
        verify(table)
        tryVerify(() => table.visible && table.rows === 1, 5000)
        compare(listeners.data(listeners.index(0, ListenerModel.Address), Qt.UserRole), server.boundUrls[0])
        compare(listeners.data(listeners.index(0, ListenerModel.State), Qt.UserRole), "accepting")
        verify(listeners.data(listeners.index(0, ListenerModel.Backlog), Qt.UserRole) > 0)
        compare(listeners.data(listeners.index(0, ListenerModel.QueueDepth), Qt.UserRole), 0)
        tryVerify(() => Number(listeners.data(listeners.index(0, ListenerModel.Accepted), Qt.UserRole)) >= 5, 5000)
        compare(table.subtitle.indexOf("0 waiting"), 0, table.subtitle)
        waitForRendering(whole)
        saveShot("qgnet-inspector-quick-listeners.png")
    }
}
