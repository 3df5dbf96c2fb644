// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QGnet
import QGnetInspectorQuick

// DemoEngine is the inspector's in-process engine: an echo Server on loopback, and a Client that
// keeps a varying number of connections open and sends on them, so every view has something to
// show. The number of connections swings between minConnections and maxConnections over
// `period` milliseconds; connections are dialled and closed a few per tick.
Item {
    id: root
    property alias server: server
    property int loops: 4
    property int minConnections: 6
    property int maxConnections: 40
    property int period: 30000
    /// stalledPeers are connections that send and then stop reading, so the buffer view has
    /// output piling up in the server (see StalledPeers).
    property int stalledPeers: 3
    property bool running: server.running
    readonly property string url: server.boundUrls.length > 0 ? server.boundUrls[0] : ""

    property var open: []          // QtConnection values of the client's open connections
    property int pendingDials: 0
    property real phase: 0

    function start() {
        if (!server.start())
            return false
        client.start()
        ticker.start()
        return true
    }
    function stop() {
        ticker.stop()
        client.stop()
        open = []
        pendingDials = 0
        server.stop()
    }

    Server {
        id: server
        listenAddresses: ["tcp://127.0.0.1:0"]
        loops: root.loops
        balancing: Server.LeastConnections
        deliverData: true
        onDataReceived: (connection, data) => connection.write(data)
    }
    Client {
        id: client
        loops: 1
        onConnected: (request, connection) => {
            root.pendingDials = Math.max(0, root.pendingDials - 1)
            root.open = root.open.concat([connection])
        }
        onDialFailed: (request, error) => root.pendingDials = Math.max(0, root.pendingDials - 1)
        onDisconnected: (id, reason) => root.open = root.open.filter(c => c.id !== id)
    }
    StalledPeers {
        count: root.running ? root.stalledPeers : 0
        url: root.url
    }
    Timer {
        id: ticker
        interval: 100
        repeat: true
        onTriggered: {
            root.phase += 2 * Math.PI * interval / root.period
            const span = root.maxConnections - root.minConnections
            const target = Math.round(root.minConnections + span * (0.5 - 0.5 * Math.cos(root.phase)))
            const have = root.open.length + root.pendingDials
            for (let i = have; i < Math.min(target, have + 4); ++i) {
                ++root.pendingDials
                client.dial(root.url, 2000)
            }
            if (have > target && root.open.length > 0) {
                const victim = root.open[Math.floor(Math.random() * root.open.length)]
                victim.close()
            }
            for (const c of root.open) {
                if (Math.random() < 0.7)
                    c.write(Bytes.repeated("qgnet ", 16 + Math.floor(Math.random() * 2700)))
            }
        }
    }
}
