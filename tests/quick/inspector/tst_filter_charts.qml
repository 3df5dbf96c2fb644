// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// The QML inspector's filter expressions and chart options over a live 3-loop engine with real
// connections: an expression typed into the Connections table's box filters its rows; a refused one
// frames the box in red, shows "Column N: …" and leaves the rows as they were. The overview's charts
// read round, never-repeating axis labels and switch to a logarithmic scale and a moving average.
// With QGNET_SCREENSHOT_DIR set, the views are saved there as PNGs.
// The root is a plain Item: a TestCase is invisible, and so would be the views inside it.
Item {
    id: root
    width: 1200
    height: 760

    Server {
        id: server
        listenAddresses: ["tcp://127.0.0.1:0"]
        loops: 3
        balancing: Server.LeastConnections
        deliverData: true
        onDataReceived: (connection, data) => connection.write(data)
    }
    LocalStatsFeed { id: feed; server: server; interval: 50 }
    InspectorView { id: whole; anchors.fill: parent; feed: feed }
    // samplesSoFar counts the snapshots the feed has delivered (the charts' history grows by one each).
    property int snapshots: 0
    function samplesSoFar() { return snapshots }
    Connections { target: feed; function onSnapshotReady() { ++root.snapshots } }

    Component { id: peerComponent; RawPeer { } }

    TestCase {
        id: tc
        name: "InspectorFilterCharts"
        when: windowShown

        function peerTo() {
            const peer = createTemporaryObject(peerComponent, tc)
            peer.connectTo(server.boundUrls[0])
            tryVerify(() => peer.connected, 5000)
            return peer
        }
        function column(model, key) {
            for (let c = 0; c < model.columnCount(); ++c)
                if (model.columnKey(c) === key) return c
            fail("no column " + key)
        }
        function shot(item, name) {
            const dir = testFiles.screenshotDir()
            if (dir) grabImage(item).save(dir + "/" + name)
        }
        function typeInto(field, text) {
            field.forceActiveFocus()
            field.selectAll()
            keyClick(Qt.Key_Delete)
            for (const ch of text) keyClick(ch)
        }

        function initTestCase() {
            verify(server.start(), server.errorString)
            tryVerify(() => feed.active, 5000)
        }
        function cleanupTestCase() {
            server.stop()
        }

        function test_expressionFiltersTheTable() {
            whole.currentTab = 1
            waitForRendering(whole)
            const peers = []
            for (let i = 0; i < 6; ++i) peers.push(peerTo())
            tryCompare(whole.connectionModel, "rowCount", 6, 5000)
            const tableCard = findConnectionTable()
            const field = tableCard.expressionField
            tryCompare(tableCard, "rows", 6, 5000)
            tryVerify(() => field.visible, 5000, "the Connections tab is shown")

            // Least connections over 3 loops: 2 on loop 1.
            tableCard.filterExpression = "loop == 1"
            tryCompare(tableCard, "rows", 2, 5000)
            compare(tableCard.expressionError, "")
            const loopColumn = column(whole.connectionModel, "loop")
            const proxy = tableCard.table.proxyModel
            for (let r = 0; r < proxy.count; ++r)
                compare(Number(proxy.data(proxy.index(r, loopColumn), Qt.UserRole)), 1)

            // A refused expression: red frame, the column in the message, the rows as they were.
            tableCard.filterExpression = "loop == 1 && bytesIn >"
            compare(tableCard.expressionError, "Column 23: expected a value after “>”")
            verify(findChild(field, "errorFrame").visible)
            verify(findChild(tableCard, "expressionError").visible)
            compare(tableCard.rows, 2)
            tableCard.filterExpression = "loop == 1 && bytesIn >= 0 && !client"
            compare(tableCard.expressionError, "")
            verify(!findChild(field, "errorFrame").visible)
            compare(tableCard.rows, 2)

            // Typed key by key into the box: one peer by its port.
            typeInto(field, "remote ~ \":" + peers[3].localPort + "\" && state == open")
            compare(field.text, "remote ~ \":" + peers[3].localPort + "\" && state == open")
            tryCompare(tableCard, "rows", 1, 5000)

            // Live values: after an echo, the peer's connection has bytesIn above 1K.
            peers[3].write("y".repeat(3000))
            tryVerify(() => peers[3].bytesReceived === 3000, 5000)
            tableCard.filterExpression = "bytesIn > 1K"
            tryCompare(tableCard, "rows", 1, 5000)
            tableCard.filterExpression = "bytesIn > 1K || paused || client"
            tryCompare(tableCard, "rows", 1, 5000)

            // The picture: loop 2, and an unfinished expression showing its error.
            tableCard.filterExpression = "loop == 2 && bytesIn >= 0 && !paused && stat"
            tryCompare(tableCard, "rows", 1, 5000) // the last valid one: bytesIn > 1K || …
            shot(whole, "qgnet-inspector-quick-filter.png")
            tableCard.filterExpression = ""
            tryCompare(tableCard, "rows", 6, 5000)
            for (const p of peers) p.close()
            tryCompare(whole.connectionModel, "rowCount", 0, 5000)
        }

        function findConnectionTable() {
            // The ConnectionTable is the card whose expressionField is the box named expressionFilter.
            let item = findChild(whole, "expressionFilter")
            while (item && item.expressionField === undefined) item = item.parent
            verify(item, "no ConnectionTable")
            return item
        }

        function charts() {
            const out = []
            const walk = item => {
                if (item.axisLabels !== undefined && item.logScale !== undefined) out.push(item)
                for (let i = 0; i < item.children.length; ++i) walk(item.children[i])
            }
            walk(whole)
            return out
        }
        function checkAxes(log) {
            for (const chart of charts()) {
                const labels = chart.axisLabels
                verify(labels.length >= 2, chart.title)
                compare(new Set(labels).size, labels.length, chart.title + ": " + labels)
                compare(chart.logScale, log)
                if (!log) {
                    compare(labels[0], "0")
                    for (const l of labels) verify(!/\.\d\d/.test(l), chart.title + ": " + l)
                }
            }
        }

        function test_chartOptions() {
            whole.currentTab = 0
            waitForRendering(whole)
            const peers = []
            for (let i = 0; i < 3; ++i) peers.push(peerTo())
            const all = charts()
            compare(all.length, 3)
            // Traffic in rounds, each echoed back and then a few samples apart in the history, so
            // the charts show a stretch of it.
            for (let round = 0; round < 8; ++round) {
                for (const p of peers) p.write("z".repeat(5000 * (round + 1)))
                const want = 5000 * (round + 1) * (round + 2) / 2
                tryVerify(() => peers.every(p => p.bytesReceived === want), 5000)
                const samples = root.samplesSoFar()
                tryVerify(() => root.samplesSoFar() >= samples + 6, 5000)
            }
            tryVerify(() => all[0].axisLabels[all[0].axisLabels.length - 1].endsWith("iB/s"), 5000)
            checkAxes(false)
            // Busy reads in percent, without repeats (it read "0 % 0 % 1 % 1 %").
            verify(all[2].axisLabels[all[2].axisLabels.length - 1].endsWith("%"))
            shot(whole, "qgnet-inspector-quick-charts.png")

            const options = findChild(whole, "chartOptions")
            verify(options)
            tryVerify(() => options.visible && options.logScaleBox.width > 0, 5000, "the chart options are laid out")
            mouseClick(options.logScaleBox)
            verify(options.logScale)
            checkAxes(true)
            mouseClick(options.movingAverageBox)
            for (const chart of all) compare(chart.averageWindow, 5)
            checkAxes(true)
            shot(whole, "qgnet-inspector-quick-charts-log.png")
            mouseClick(options.logScaleBox)
            mouseClick(options.movingAverageBox)
            for (const chart of all) {
                compare(chart.averageWindow, 1)
                compare(chart.logScale, false)
            }
            checkAxes(false)
            for (const p of peers) p.close()
            tryCompare(whole.connectionModel, "rowCount", 0, 5000)
        }
    }
}
