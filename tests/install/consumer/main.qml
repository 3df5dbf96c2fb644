// SPDX-License-Identifier: Apache-2.0
// qml-consumer's window: the installed QGnet.Inspector showing a QtServer that C++ made and passed in.
import QtQuick
import QGnet
import QGnet.Inspector

Window {
    id: root
    width: 1200
    height: 760
    visible: true
    title: "QGnet consumer: a C++ QtServer in InspectorView"
    required property Server server

    InspectorView {
        objectName: "inspector"
        anchors.fill: parent
        feed: LocalStatsFeed { server: root.server }
    }
}
