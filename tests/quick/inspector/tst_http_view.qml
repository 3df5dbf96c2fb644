// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector
import QGnetTest

// The QML inspector's HTTP tab (found by its title) over an HttpServer declared in QML: after real
// requests its rows carry each route's count and its title the WebSocket sessions.
TestCase {
    id: tc
    name: "HttpView"
    when: windowShown
    width: 1000
    height: 420

    HttpServer {
        id: http
        listen: "tcp://127.0.0.1:0"
        loops: 2
        routes: ["GET /items/{id}", "POST /items", "GET /report"]
        webSockets: ["/live"]
        onRequest: (request) => request.respond(200, "text/plain", "ok")
    }
    LocalStatsFeed { id: feed; interval: 50 }
    InspectorView { id: inspector; anchors.fill: parent; feed: feed }
    Component { id: peerComponent; RawPeer { } }

    // find is the first item under root (depth first) for which test holds.
    function find(root, test) {
        if (test(root)) return root
        const kids = root.children || []
        for (let i = 0; i < kids.length; ++i) {
            const found = find(kids[i], test)
            if (found) return found
        }
        return null
    }

    function test_routesAndSessions() {
        http.attachFeed(feed)
        const tab = find(inspector, item => item.text === "HTTP" && item.checkable !== undefined)
        verify(tab, "no tab titled HTTP")
        inspector.currentTab = tab.TabBar.index // found by its title, wherever other tabs put it
        const view = find(inspector, item => item.objectName === "httpView")
        verify(view)
        tryCompare(view, "rows", 3, 5000)
        const peer = createTemporaryObject(peerComponent, tc)
        peer.connectTo(http.url)
        tryVerify(() => peer.connected, 5000)
        peer.write("GET /items/7 HTTP/1.1\r\nHost: h\r\n\r\nGET /items/8 HTTP/1.1\r\nHost: h\r\n\r\n"
                   + "GET /report HTTP/1.1\r\nHost: h\r\n\r\n")
        tryVerify(() => peer.received.split("HTTP/1.1 200").length === 4, 5000, peer.received)
        const ws = createTemporaryObject(peerComponent, tc)
        ws.connectTo(http.url)
        tryVerify(() => ws.connected, 5000)
        ws.write("GET /live HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        tryCompare(view.model, "webSocketSessions", 1, 5000)
        tryCompare(view, "subtitle", "WebSocket sessions: 1", 5000)
        tryVerify(() => view.model.data(view.model.index(0, 3), HttpRouteModel.RequestsRole) === 2, 5000)
        compare(view.model.data(view.model.index(2, 3), HttpRouteModel.RequestsRole), 1)
        compare(view.model.data(view.model.index(1, 1), HttpRouteModel.PatternRole), "/items")
    }
}
