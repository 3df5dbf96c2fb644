// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// The TLS details and the stall log in the QML inspector, against a live TLS engine (TlsStallServer:
// one loop, stallThreshold 10 ms, a handler that busy-waits 60 ms on "stall"; a QSslSocket client
// with SNI "localhost" and ALPN "qgnet-test/1"). Selecting the connection in the table fills the TLS
// pane; a stall appears red in the Stalls tab naming onTraffic and the connection, and the loop
// tile's stall count turns red. Tabs are found by their title or objectName, never by index. With
// QGNET_SCREENSHOT_DIR set, the two views are saved there as PNG.
TestCase {
    id: tc
    name: "InspectorTlsStalls"
    when: windowShown
    visible: true // TestCase is hidden by default; the tabs are clicked
    width: 1200
    height: 800

    TlsStallServer { id: fixture }
    LocalStatsFeed { id: feed; server: fixture.server; interval: 50 }
    InspectorView { id: inspector; width: 1200; height: 800; feed: feed }

    // findItem walks the visual tree for the first item that satisfies test.
    function findItem(item, test) {
        if (test(item))
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = findItem(item.children[i], test)
            if (found)
                return found
        }
        return null
    }
    function openTab(test, what) {
        const tab = findItem(inspector, i => i.checkable !== undefined && i.text !== undefined && test(i))
        verify(tab, "no tab " + what)
        mouseClick(tab)
        tryVerify(() => tab.checked, 2000, what + " is shown")
    }
    function column(model, key) {
        for (let c = 0; c < model.columnCount(); ++c)
            if (model.columnKey(c) === key) return c
        fail("no column " + key)
    }
    function save(name) {
        const dir = testFiles.screenshotDir()
        if (dir.length > 0)
            grabImage(inspector).save(dir + "/" + name) // (returns nothing in Qt 6.4)
    }

    function initTestCase() {
        verify(fixture.start())
        tryVerify(() => feed.active, 5000)
        fixture.connectClient()
        tryVerify(() => fixture.encrypted, 20000, "the TLS client is connected")
        fixture.send("hello")
        tryCompare(fixture, "received", "hello", 20000)
    }
    function cleanupTestCase() {
        fixture.stop()
    }

    function test_1_tlsDetailsOfTheSelectedConnection() {
        tryCompare(inspector.connectionModel, "rowCount", 1, 5000)
        const model = inspector.connectionModel
        compare(model.data(model.index(0, column(model, "tls")), Qt.DisplayRole), "TLSv1.3")
        const id = Number(model.data(model.index(0, column(model, "id")), Qt.UserRole))
        openTab(t => t.text.startsWith("Connections"), "Connections")
        const pane = findChild(inspector, "tlsDetails")
        verify(pane)
        verify(!pane.details.found)
        verify(findChild(pane, "tlsNote").visible)
        // A click on the row selects it (the table may sort it anywhere: there is one row).
        const table = findChild(inspector, "connectionTable").table
        tryVerify(() => table.view.itemAtCell(Qt.point(0, 0)) !== null, 5000, "the row is laid out")
        mouseClick(table.view.itemAtCell(Qt.point(0, 0)))
        compare(Number(pane.connectionId), id)
        tryVerify(() => pane.details.tls, 5000, "the pane shows TLS")
        compare(findChild(pane, "tlsVersion").text, "TLSv1.3")
        compare(findChild(pane, "tlsCipher").text, fixture.cipher)
        compare(findChild(pane, "tlsAlpn").text, "qgnet-test/1")
        compare(findChild(pane, "tlsServerName").text, "localhost")
        compare(findChild(pane, "tlsPeerSubject").text, "—") // no client certificate
        verify(findChild(pane, "tlsPeerExpiry").text.length > 0)
        verify(!findChild(pane, "tlsNote").visible)
        wait(200) // one more frame of rows for the picture
        save("qgnet-inspector-quick-tls.png")
    }

    function test_2_stallShowsRed() {
        const model = inspector.connectionModel
        const id = Number(model.data(model.index(0, column(model, "id")), Qt.UserRole))
        fixture.send("stall")
        tryCompare(fixture, "received", "hellostall", 20000)
        const stalls = inspector.stallModel
        const cb = column(stalls, "callback"), conn = column(stalls, "connection")
        let row = -1
        tryVerify(() => {
            for (let r = 0; r < stalls.rowCount; ++r)
                if (stalls.data(stalls.index(r, cb), Qt.UserRole) === "onTraffic"
                        && Number(stalls.data(stalls.index(r, conn), Qt.UserRole)) === id) {
                    row = r
                    return true
                }
            return false
        }, 5000, "a stall naming onTraffic and the connection")
        compare(stalls.thresholdMs, 10)
        verify(stalls.isOverThreshold(row))
        // The loop tile's count is red while it grows.
        const count = findChild(inspector, "stallCount")
        verify(count)
        tryVerify(() => count.growing, 5000, "the stall count shows red")
        compare(String(count.color), String(Theme.bad))

        openTab(t => t.objectName === "stallsTab", "Stalls")
        const log = findChild(inspector, "stallLog")
        verify(log)
        tryVerify(() => log.rows >= 1, 5000)
        // Every row is over the threshold: the table paints it (not the default background).
        tryVerify(() => log.table.view.itemAtCell(Qt.point(0, 0)) !== null, 5000, "a stall row is laid out")
        const cell = log.table.view.itemAtCell(Qt.point(0, 0))
        verify(cell.custom !== undefined, "the stall row has the red background")
        compare(String(cell.color), String(cell.custom))
        save("qgnet-inspector-quick-stalls.png")
    }
}
