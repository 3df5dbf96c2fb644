// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// The inspector components embedded in a window against a live engine: rows follow the load
// (connections appear and disappear, counts match the engine), the filter narrows the table, the
// balancer's histogram counts every connection, charts receive traffic and the buffer view sees
// output pile up for a peer that stopped reading.
TestCase {
    id: tc
    name: "InspectorLive"
    when: windowShown
    width: 1200
    height: 900

    Server {
        id: server
        listenAddresses: ["tcp://127.0.0.1:0"]
        loops: 3
        balancing: Server.LeastConnections
        deliverData: true
        onDataReceived: (connection, data) => connection.write(data)
    }
    LocalStatsFeed { id: feed; server: server; interval: 50 }
    LoopModel { id: loopModel; feed: feed }
    ConnectionModel { id: connectionModel; feed: feed }
    DecisionModel { id: decisionModel; feed: feed }
    EventModel { id: eventModel; feed: feed }

    Column {
        width: tc.width
        SummaryBar { id: summary; width: parent.width; loopModel: loopModel }
        LoopView { id: loopView; width: parent.width; height: 200; loopModel: loopModel }
        RateChart { id: chart; width: parent.width; height: 150; loopModel: loopModel; column: LoopModel.BytesInRate; title: "in" }
        ConnectionTable { id: table; width: parent.width; height: 220; connectionModel: connectionModel }
        BufferView { id: buffers; width: parent.width; height: 150; connectionModel: connectionModel }
        DecisionLog { id: decisions; width: parent.width; height: 150; decisionModel: decisionModel }
        EventLog { id: events; width: parent.width; height: 150; eventModel: eventModel }
    }
    InspectorView { id: whole; width: 1200; height: 800; y: 900; feed: feed }

    Component { id: peerComponent; RawPeer { } }
    SignalSpy { id: opened; target: server; signalName: "connectionOpened" }

    function peerTo() {
        const peer = createTemporaryObject(peerComponent, tc)
        peer.connectTo(server.boundUrls[0])
        tryVerify(() => peer.connected, 5000)
        return peer
    }
    // idOf is the id of the server-side connection of peer (matched by port: the opened signals
    // of different loops may arrive in any order).
    function idOf(spy, peer) {
        for (let i = 0; i < spy.count; ++i)
            if (spy.signalArguments[i][0].peerPort === peer.localPort) return spy.signalArguments[i][0].id
        fail("no connection for peer port " + peer.localPort)
    }
    function column(model, key) {
        for (let c = 0; c < model.columnCount(); ++c)
            if (model.columnKey(c) === key) return c
        fail("no column " + key)
    }
    function loopConnectionSum() {
        const c = column(loopModel, "connections")
        let sum = 0
        for (let r = 0; r < loopModel.rowCount; ++r)
            sum += Number(loopModel.data(loopModel.index(r, c), Qt.UserRole))
        return sum
    }
    // Every connection the event log saw open, it also saw close: the log has caught up with the
    // engine (a close from an earlier test reaches the log with a later snapshot).
    function eventsBalanced() {
        const k = column(eventModel, "kind")
        let open = 0
        for (let r = 0; r < eventModel.rowCount; ++r) {
            const kind = eventModel.data(eventModel.index(r, k), Qt.UserRole)
            if (kind === "opened") ++open
            else if (kind === "closed") --open
        }
        return open === 0
    }
    function rowsMatchEngine(expected) {
        return server.connectionCount === expected && connectionModel.rowCount === expected
            && table.rows === expected && whole.connectionModel.rowCount === expected
            && loopConnectionSum() === expected
    }

    function initTestCase() {
        verify(server.start(), server.errorString)
        tryVerify(() => feed.active, 5000)
    }
    function cleanupTestCase() {
        server.stop()
    }

    // The summary's memory figure: this engine has no memory budget, so it says so.
    function test_memoryFigureWithoutBudget() {
        tryCompare(loopModel, "rowCount", 3, 5000)
        const figure = findChild(summary, "memoryFigure")
        verify(figure)
        compare(loopModel.memoryBudget, 0)
        compare(figure.label, "buffered (no memory budget)")
        verify(figure.value.endsWith("B"), figure.value)
    }

    function test_rowsFollowTheLoad() {
        tryCompare(loopView, "count", 3, 5000)
        compare(loopModel.rowCount, 3)
        verify(rowsMatchEngine(0))

        // Connections arrive in two waves; every view counts them as the engine does.
        opened.clear()
        tryVerify(eventsBalanced, 5000, "the event log has every earlier close")
        const decisionsBefore = decisionModel.rowCount
        const histogramBefore = decisionModel.histogram
        const eventsBefore = eventModel.rowCount
        const peers = []
        for (let i = 0; i < 4; ++i) peers.push(peerTo())
        tryVerify(() => rowsMatchEngine(4), 5000, "4 connections in every view")
        for (let i = 0; i < 5; ++i) peers.push(peerTo())
        tryVerify(() => rowsMatchEngine(9), 5000, "9 connections in every view")
        compare(opened.count, 9)
        const ids = peers.map(p => idOf(opened, p))

        // Least connections over 3 loops: 3 each, in the tiles' model and the decision histogram.
        const c = column(loopModel, "connections")
        for (let r = 0; r < 3; ++r)
            compare(Number(loopModel.data(loopModel.index(r, c), Qt.UserRole)), 3)
        tryCompare(decisions, "rows", decisionsBefore + 9, 5000)
        tryVerify(() => decisionModel.histogram.length === 3
                  && decisionModel.histogram.every((n, i) => n - (histogramBefore[i] || 0) === 3), 5000,
                  "3 more decisions for each loop")

        // The filter narrows the table to one peer, by its port; clearing it brings all back.
        table.filterText = ":" + peers[4].localPort
        tryCompare(table, "rows", 1, 5000)
        table.filterText = ""
        tryCompare(table, "rows", 9, 5000)

        // Traffic reaches the rate chart: some loop received bytes per second > 0.
        for (const p of peers) p.write("x".repeat(4096))
        tryVerify(() => peers.every(p => p.bytesReceived === 4096), 5000, "every echo back")
        tryVerify(() => chart.series.some(h => h.some(v => v > 0)), 5000, "a receive rate above zero")

        // Six leave: their rows go; the event log holds 9 opened and 6 closed.
        for (let i = 0; i < 6; ++i) peers[i].close()
        tryVerify(() => rowsMatchEngine(3), 5000, "3 connections in every view")
        for (let i = 0; i < 6; ++i)
            compare(connectionModel.rowOf(ids[i]), -1)
        for (let i = 6; i < 9; ++i)
            verify(connectionModel.rowOf(ids[i]) >= 0)
        tryCompare(events, "rows", eventsBefore + 15, 5000)

        // The rest leave: every view is empty again.
        for (let i = 6; i < 9; ++i) peers[i].close()
        tryVerify(() => rowsMatchEngine(0), 5000, "no connections in any view")
    }

    function test_bufferViewSeesBackedUpOutput() {
        opened.clear()
        const peer = createTemporaryObject(peerComponent, tc, { stalled: true })
        peer.connectTo(server.boundUrls[0])
        tryCompare(opened, "count", 1, 5000)
        const id = opened.signalArguments[0][0].id
        // 16 MiB echoed to a peer that does not read: more than loopback's socket buffers hold,
        // so the rest must wait in the server's outbound ring and spill list.
        peer.writeBytes(16 << 20)
        const ring = column(connectionModel, "outboundRing")
        const spilled = column(connectionModel, "outboundSpilled")
        tryVerify(() => {
            const row = connectionModel.rowOf(id)
            if (row < 0) return false
            const held = Number(connectionModel.data(connectionModel.index(row, ring), Qt.UserRole))
                + Number(connectionModel.data(connectionModel.index(row, spilled), Qt.UserRole))
            return held > 0
        }, 10000, "output held for the stalled peer")
        tryCompare(buffers.list, "count", 1, 5000)
        peer.abort()
        tryVerify(() => rowsMatchEngine(0), 10000)
    }
}
