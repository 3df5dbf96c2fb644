// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnetTest

// The statistics side of the module in QML: a LocalStatsFeed on a Server feeds the four models,
// whose rows follow the connections; an InspectorEndpoint serves the same engine to a
// RemoteStatsFeed, which refuses a wrong token.
TestCase {
    id: tc
    name: "Feeds"

    Component { id: peerComponent; RawPeer { } }
    Component { id: spyComponent; SignalSpy { } }
    Component {
        id: rigComponent
        Item {
            property alias server: server
            property alias feed: feed
            property alias loops: loops
            property alias connections: connections
            property alias decisions: decisions
            property alias events: events
            Server {
                id: server
                listenAddresses: ["tcp://127.0.0.1:0"]
                loops: 3
                balancing: Server.LeastConnections
            }
            LocalStatsFeed { id: feed; server: server; interval: 50 }
            LoopModel { id: loops; feed: feed }
            ConnectionModel { id: connections; feed: feed }
            DecisionModel { id: decisions; feed: feed }
            EventModel { id: events; feed: feed }
        }
    }
    Component {
        id: remoteComponent
        Item {
            property alias endpoint: endpoint
            property alias feed: feed
            property alias connections: connections
            property alias loops: loops
            property alias server: server
            Server { id: server; listenAddresses: ["tcp://127.0.0.1:0"]; loops: 2 }
            InspectorEndpoint { id: endpoint; server: server }
            RemoteStatsFeed { id: feed; interval: 50 }
            ConnectionModel { id: connections; feed: feed }
            LoopModel { id: loops; feed: feed }
        }
    }

    function peerTo(server) {
        const peer = createTemporaryObject(peerComponent, tc)
        peer.connectTo(server.boundUrls[0])
        tryVerify(() => peer.connected, 5000)
        return peer
    }
    // idOf is the id of the server-side connection of peer (the opened signals of different
    // loops may arrive in any order, so match by port).
    function idOf(spy, peer) {
        for (let i = 0; i < spy.count; ++i)
            if (spy.signalArguments[i][0].peerPort === peer.localPort) return spy.signalArguments[i][0].id
        fail("no connection for peer port " + peer.localPort)
    }
    function columnOf(model, key) {
        for (let c = 0; c < model.columnCount(); ++c)
            if (model.columnKey(c) === key) return c
        return -1
    }

    function test_localModelsFollowConnections() {
        const rig = createTemporaryObject(rigComponent, tc)
        const opened = createTemporaryObject(spyComponent, tc, { target: rig.server, signalName: "connectionOpened" })
        verify(rig.server.start(), rig.server.errorString)
        tryVerify(() => rig.feed.active, 5000)
        tryCompare(rig.loops, "rowCount", 3, 5000)
        compare(rig.connections.rowCount, 0)

        const peers = []
        for (let i = 0; i < 5; ++i)
            peers.push(peerTo(rig.server))
        tryCompare(opened, "count", 5, 5000)
        tryCompare(rig.connections, "rowCount", 5, 5000)
        // Each opened connection has its row, found by id.
        for (let i = 0; i < 5; ++i)
            verify(rig.connections.rowOf(opened.signalArguments[i][0].id) >= 0)
        // Least connections over 3 loops: 5 decisions, loads 2/2/1 in the histogram.
        tryCompare(rig.decisions, "rowCount", 5, 5000)
        const histogram = rig.decisions.histogram
        compare(histogram.length, 3)
        compare(histogram.reduce((a, b) => a + b, 0), 5)
        compare(histogram.slice().sort(), [1, 2, 2])
        // The loops' connection counts add up to the server's.
        const connectionsColumn = columnOf(rig.loops, "connections")
        verify(connectionsColumn >= 0, "LoopModel has a 'connections' column")
        tryVerify(() => {
            let sum = 0
            for (let r = 0; r < rig.loops.rowCount; ++r)
                sum += Number(rig.loops.data(rig.loops.index(r, connectionsColumn), Qt.UserRole))
            return sum === 5
        }, 5000)

        // Two leave: their rows go, the others stay; the event log has 5 opened + 2 closed.
        const ids = peers.map(p => idOf(opened, p))
        const gone = [ids[0], ids[3]]
        peers[0].close()
        peers[3].close()
        tryCompare(rig.connections, "rowCount", 3, 5000)
        compare(rig.connections.rowOf(gone[0]), -1)
        compare(rig.connections.rowOf(gone[1]), -1)
        for (const i of [1, 2, 4])
            verify(rig.connections.rowOf(ids[i]) >= 0)
        tryCompare(rig.events, "rowCount", 7, 5000)

        // Export: CSV has a header of column keys and one line per row.
        const csv = Bytes.text(rig.connections.toCsv()).trim().split("\n")
        compare(csv.length, 4)
        verify(csv[0].indexOf("peer") >= 0, csv[0])
        const json = Bytes.text(Export.snapshotJson(rig.feed))
        verify(JSON.parse(json) !== null, json.substring(0, 80))
        // Export.save writes the bytes to a file (path or file: URL); a bad place is an error.
        const file = testFiles.path("connections.csv")
        verify(Export.save(file, rig.connections.toCsv()), Export.errorString)
        compare(testFiles.readText(file), Bytes.text(rig.connections.toCsv()))
        verify(Export.save("file://" + testFiles.path("snapshot.json"), Export.snapshotJson(rig.feed)), Export.errorString)
        verify(testFiles.readText(testFiles.path("snapshot.json")).length > 0)
        compare(Export.save(testFiles.path("no/such/dir/x.csv"), rig.connections.toCsv()), false)
        verify(Export.errorString.length > 0)

        // While paused, refresh() still fetches on demand (the inspector's manual update).
        rig.feed.paused = true
        peers[1].close()
        tryCompare(rig.server, "connectionCount", 2, 5000)
        rig.feed.refresh()
        tryCompare(rig.connections, "rowCount", 2, 5000)
        rig.feed.paused = false
        peers[2].close()
        tryCompare(rig.connections, "rowCount", 1, 5000)
        rig.server.stop()
    }

    function test_remoteFeedThroughEndpoint() {
        const rig = createTemporaryObject(remoteComponent, tc)
        verify(rig.server.start(), rig.server.errorString)
        verify(rig.endpoint.listen("tcp://127.0.0.1:0", "s3cret-token-of-24-bytes"), rig.endpoint.errorString())
        verify(rig.endpoint.listening)
        const peers = [peerTo(rig.server), peerTo(rig.server)]
        tryCompare(rig.server, "connectionCount", 2, 5000)

        rig.feed.attach(rig.endpoint.address, "s3cret-token-of-24-bytes")
        tryVerify(() => rig.feed.active, 5000)
        tryCompare(rig.loops, "rowCount", 2, 5000)
        tryCompare(rig.connections, "rowCount", 2, 5000)
        peers[0].close()
        tryCompare(rig.connections, "rowCount", 1, 5000)
        rig.feed.detach()
        rig.server.stop()
    }

    function test_remoteFeedRefusesWrongToken() {
        const rig = createTemporaryObject(remoteComponent, tc)
        verify(rig.server.start(), rig.server.errorString)
        verify(rig.endpoint.listen("tcp://127.0.0.1:0", "the-right-token-16+"), rig.endpoint.errorString())
        const errors = createTemporaryObject(spyComponent, tc, { target: rig.feed, signalName: "errorOccurred" })
        const refused = createTemporaryObject(spyComponent, tc, { target: rig.endpoint, signalName: "clientRefused" })
        rig.feed.attach(rig.endpoint.address, "the-wrong-token-16+")
        tryVerify(() => errors.count > 0, 5000)
        tryCompare(refused, "count", 1, 5000)
        compare(rig.feed.active, false)
        compare(rig.connections.rowCount, 0)
        rig.server.stop()
    }
}
