// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnetTest

// An HttpServer declared in QML: a request over a real socket reaches onRequest and is answered
// from QML (also the one pipelined behind it, in order), XMLHttpRequest gets its answer, and a
// WebSocket upgrade opens a session.
TestCase {
    id: tc
    name: "HttpServer"

    Component { id: peerComponent; RawPeer { } }
    Component { id: spyComponent; SignalSpy { } }
    Component {
        id: serverComponent
        HttpServer {
            listen: "tcp://127.0.0.1:0"
            routes: ["GET /hello/{name}", "POST /echo"]
            webSockets: ["/ws"]
            onRequest: (request) => {
                if (request.method === "POST")
                    request.respond(201, "text/plain", "echo: " + request.body)
                else
                    request.respond(200, "text/plain", "hello " + request.param("name") + " " + request.query)
            }
        }
    }

    function spy(target, signalName) { return createTemporaryObject(spyComponent, tc, { target: target, signalName: signalName }) }

    function test_requestsOverARawSocket() {
        const server = createTemporaryObject(serverComponent, tc)
        verify(server.running)
        verify(server.url.startsWith("tcp://127.0.0.1:"), server.url + " " + server.errorString)
        const requests = spy(server, "request")
        const peer = createTemporaryObject(peerComponent, tc)
        peer.connectTo(server.url)
        tryVerify(() => peer.connected, 5000)
        peer.write("GET /hello/qml?x=1 HTTP/1.1\r\nHost: h\r\n\r\n"
                   + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody")
        tryCompare(requests, "count", 2, 5000)
        tryVerify(() => peer.received.indexOf("echo: body") >= 0, 5000, peer.received)
        const first = peer.received.indexOf("hello qml x=1")
        verify(first > 0, peer.received)
        verify(peer.received.indexOf("HTTP/1.1 201 Created") > first, peer.received)
        compare(requests.signalArguments[0][0].route, "/hello/{name}")
        compare(requests.signalArguments[0][0].path, "/hello/qml")
    }

    function test_xmlHttpRequest() {
        const server = createTemporaryObject(serverComponent, tc)
        const xhr = new XMLHttpRequest()
        let done = false
        xhr.onreadystatechange = () => { if (xhr.readyState === XMLHttpRequest.DONE) done = true }
        xhr.open("GET", server.url.replace("tcp://", "http://") + "/hello/xhr")
        xhr.send()
        tryVerify(() => done, 5000)
        compare(xhr.status, 200)
        compare(xhr.responseText, "hello xhr ")
    }

    function test_webSocketSession() {
        const server = createTemporaryObject(serverComponent, tc)
        const opened = spy(server, "webSocketOpened")
        const peer = createTemporaryObject(peerComponent, tc)
        peer.connectTo(server.url)
        tryVerify(() => peer.connected, 5000)
        peer.write("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        tryCompare(opened, "count", 1, 5000)
        verify(peer.received.startsWith("HTTP/1.1 101 Switching Protocols"), peer.received)
        compare(opened.signalArguments[0][0].path, "/ws")
        tryCompare(server, "webSocketSessions", 1, 5000)
        // A text frame from the server reaches the peer (unmasked, as the protocol wants).
        verify(opened.signalArguments[0][0].sendText("hi"))
        tryVerify(() => peer.received.endsWith("hi"), 5000)
        peer.close()
        tryCompare(server, "webSocketSessions", 0, 5000)
    }
}
