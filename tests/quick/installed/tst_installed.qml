// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import QGnet
import QGnet.Inspector

// Run by quick.installed with qmltestrunner against the installed modules only (QML2_IMPORT_PATH
// pointing into a DESTDIR install): both modules import, a Server runs, a model fills, and the
// inspector components instantiate.
TestCase {
    id: tc
    name: "Installed"
    when: windowShown
    width: 800
    height: 600

    Server { id: server; listenAddresses: ["tcp://127.0.0.1:0"]; loops: 2 }
    LocalStatsFeed { id: feed; server: server; interval: 50 }
    InspectorView { id: view; anchors.fill: parent; feed: feed }

    function test_modulesWork() {
        verify(server.start(), server.errorString)
        tryCompare(view.loopModel, "rowCount", 2, 5000)
        compare(Bytes.text(Bytes.fromText("ok")), "ok")
        server.stop()
    }
}
