// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnetTest

// A Server declared in QML, reached by plain sockets (RawPeer) and by the module's Client:
// start/stop, the connection signals with their connection values, data both ways, balancing
// across loops, and a start that fails.
TestCase {
    id: tc
    name: "Server"

    Component { id: peerComponent; RawPeer { } }
    Component {
        id: echoServerComponent
        Server {
            listenAddresses: ["tcp://127.0.0.1:0"]
            loops: 2
            deliverData: true
            onDataReceived: (connection, data) => connection.write(data)
        }
    }
    Component { id: spyComponent; SignalSpy { } }
    Component { id: clientComponent; Client { loops: 1 } }

    function portOf(url) { return Number(url.substring(url.lastIndexOf(":") + 1)) }
    function spy(target, signalName) { return createTemporaryObject(spyComponent, tc, { target: target, signalName: signalName }) }
    function startedServer(properties) {
        const server = createTemporaryObject(echoServerComponent, tc, properties || {})
        verify(server.start(), "start: " + server.errorString)
        return server
    }
    function peerTo(server) {
        const peer = createTemporaryObject(peerComponent, tc)
        peer.connectTo(server.boundUrls[0])
        tryVerify(() => peer.connected, 5000)
        return peer
    }

    function test_startAndStop() {
        const server = createTemporaryObject(echoServerComponent, tc, { loops: 3, balancing: Server.RoundRobin })
        const started = spy(server, "started")
        const stopped = spy(server, "stopped")
        compare(server.running, false)
        verify(server.start(), server.errorString)
        compare(server.running, true)
        compare(started.count, 1)
        compare(server.boundUrls.length, 1)
        verify(server.boundUrls[0].startsWith("tcp://127.0.0.1:"), server.boundUrls[0])
        verify(portOf(server.boundUrls[0]) > 0)
        compare(server.loops, 3)
        compare(server.balancing, Server.RoundRobin)
        server.stop()
        compare(server.running, false)
        tryCompare(stopped, "count", 1)
        // A stopped server starts again, on a fresh port of its own choosing.
        verify(server.start(), server.errorString)
        compare(server.running, true)
        server.stop()
    }

    function test_connectionSignalsAndData() {
        const server = startedServer()
        const opened = spy(server, "connectionOpened")
        const closed = spy(server, "connectionClosed")
        const received = spy(server, "dataReceived")

        const peer = peerTo(server)
        tryCompare(opened, "count", 1, 5000)
        const connection = opened.signalArguments[0][0]
        verify(connection.valid)
        verify(connection.id > 0)
        compare(connection.protocol, "tcp")
        verify(connection.loop >= 0 && connection.loop < 2, "loop " + connection.loop)
        compare(connection.peer, "127.0.0.1:" + peer.localPort)
        compare(connection.peerPort, peer.localPort)
        compare(connection.local, server.boundUrls[0].substring("tcp://".length))
        compare(server.connectionCount, 1)

        // Peer → server: dataReceived carries the bytes (in one or more chunks), then the echo.
        peer.write("hello, qgnet")
        tryVerify(() => received.count > 0, 5000)
        tryCompare(peer, "received", "hello, qgnet", 5000)
        let text = ""
        for (let i = 0; i < received.count; ++i) {
            compare(received.signalArguments[i][0].id, connection.id)
            text += Bytes.text(received.signalArguments[i][1])
        }
        compare(text, "hello, qgnet")

        // Server → peer from QML: write on the connection value.
        verify(connection.write(Bytes.fromText(" and more")))
        tryCompare(peer, "received", "hello, qgnet and more", 5000)

        // The peer leaves: connectionClosed names the same connection; writes after that fail.
        peer.close()
        tryCompare(closed, "count", 1, 5000)
        compare(closed.signalArguments[0][0], connection.id)
        tryCompare(server, "connectionCount", 0)
        // A write through the value after the close is harmless (the loop drops it).
        connection.write(Bytes.fromText("late"))
        verify(connection.valid)
        server.stop()
    }

    function test_serverClosesConnection() {
        const server = startedServer()
        const opened = spy(server, "connectionOpened")
        const closed = spy(server, "connectionClosed")
        const peer = peerTo(server)
        tryCompare(opened, "count", 1, 5000)
        verify(server.closeConnection(opened.signalArguments[0][0].id))
        tryCompare(closed, "count", 1, 5000)
        tryVerify(() => !peer.connected && peer.closedByPeer, 5000)
        compare(server.closeConnection(opened.signalArguments[0][0].id), false)
        server.stop()
    }

    function test_roundRobinAcrossLoops() {
        const server = startedServer({ loops: 4, balancing: Server.RoundRobin })
        const opened = spy(server, "connectionOpened")
        const peers = []
        for (let i = 0; i < 8; ++i)
            peers.push(peerTo(server))
        tryCompare(opened, "count", 8, 5000)
        const perLoop = [0, 0, 0, 0]
        for (let i = 0; i < 8; ++i)
            ++perLoop[opened.signalArguments[i][0].loop]
        compare(perLoop, [2, 2, 2, 2])
        compare(server.connectionCount, 8)
        for (const p of peers)
            p.close()
        tryCompare(server, "connectionCount", 0, 5000)
        server.stop()
    }

    function test_clientDialsServer() {
        const server = startedServer()
        const client = createTemporaryObject(clientComponent, tc)
        const connected = spy(client, "connected")
        const clientData = spy(client, "dataReceived")
        const disconnected = spy(client, "disconnected")
        const serverClosed = spy(server, "connectionClosed")

        const request = client.dial(server.boundUrls[0], 5000)
        tryCompare(connected, "count", 1, 5000)
        compare(connected.signalArguments[0][0], request)
        const connection = connected.signalArguments[0][1]
        compare(connection.protocol, "tcp")
        compare(connection.peer, server.boundUrls[0].substring("tcp://".length))
        tryCompare(server, "connectionCount", 1, 5000)

        verify(connection.write(Bytes.fromText("ping")))
        tryVerify(() => {
            let text = ""
            for (let i = 0; i < clientData.count; ++i) text += Bytes.text(clientData.signalArguments[i][1])
            return text === "ping"
        }, 5000)

        verify(connection.close())
        tryCompare(disconnected, "count", 1, 5000)
        compare(disconnected.signalArguments[0][0], connection.id)
        tryCompare(serverClosed, "count", 1, 5000)
        client.stop()
        server.stop()
    }

    function test_unixSocketAndClient() {
        // A server on a Unix-domain socket, reached by the module's Client over unix://.
        const path = testFiles.path("echo.sock")
        const server = startedServer({ listenAddresses: ["unix://" + path] })
        compare(server.boundUrls.length, 1)
        verify(server.boundUrls[0].indexOf(path) >= 0, server.boundUrls[0])
        const opened = spy(server, "connectionOpened")
        const client = createTemporaryObject(clientComponent, tc)
        const connected = spy(client, "connected")
        const clientData = spy(client, "dataReceived")
        client.dial(server.boundUrls[0], 5000)
        tryCompare(connected, "count", 1, 5000)
        tryCompare(opened, "count", 1, 5000)
        compare(opened.signalArguments[0][0].protocol, "unix")
        compare(connected.signalArguments[0][1].protocol, "unix")
        verify(connected.signalArguments[0][1].write(Bytes.fromText("over unix")))
        tryVerify(() => {
            let text = ""
            for (let i = 0; i < clientData.count; ++i) text += Bytes.text(clientData.signalArguments[i][1])
            return text === "over unix"
        }, 5000)
        client.stop()
        tryCompare(server, "connectionCount", 0, 5000)
        server.stop()
    }

    function test_dialFailure() {
        const server = startedServer()
        const port = portOf(server.boundUrls[0])
        server.stop() // the port is free again: nobody listens there now
        const client = createTemporaryObject(clientComponent, tc)
        const failed = spy(client, "dialFailed")
        const request = client.dial("tcp://127.0.0.1:" + port, 5000)
        tryCompare(failed, "count", 1, 5000)
        compare(failed.signalArguments[0][0], request)
        verify(failed.signalArguments[0][1].length > 0)
        client.stop()
    }

    function test_startFailsOnBusyPort() {
        const first = startedServer()
        const second = createTemporaryObject(echoServerComponent, tc, { listenAddresses: [first.boundUrls[0]] })
        const errors = spy(second, "errorOccurred")
        compare(second.start(), false)
        compare(second.running, false)
        compare(errors.count, 1)
        verify(second.errorString.length > 0)
        first.stop()
    }
}
