// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// TlsDetails shows the TLS session of one connection (ConnectionTlsDetails): protocol version,
// cipher, ALPN, SNI, and the peer certificate's subject and expiry. The connection table's
// selection drives it.
Card {
    id: root
    /// feed is where the snapshots come from; connectionId the connection shown (0: none).
    property StatsFeed feed
    property var connectionId: 0
    readonly property ConnectionTlsDetails details: ConnectionTlsDetails {
        feed: root.feed
        connectionId: root.connectionId
    }

    title: qsTr("TLS")
    subtitle: details.tls ? details.version : ""
    implicitHeight: 176

    Text {
        objectName: "tlsNote"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        visible: !root.details.tls
        wrapMode: Text.WordWrap
        font: Theme.font
        color: Theme.muted
        text: !root.details.found
            ? (Number(root.connectionId) === 0 ? qsTr("Select a connection to see its TLS session.")
                                               : qsTr("The selected connection is gone."))
            : qsTr("The selected connection is not encrypted (no TLS).")
    }
    GridLayout {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        visible: root.details.tls
        columns: 2
        columnSpacing: Theme.spacing * 2
        rowSpacing: 4
        component Name: Text { font: Theme.font; color: Theme.muted }
        component Value: Text {
            Layout.fillWidth: true
            font: Theme.font
            color: Theme.text
            elide: Text.ElideRight
        }
        Name { text: qsTr("Protocol") }
        Value { objectName: "tlsVersion"; text: root.details.version || "—" }
        Name { text: qsTr("Cipher") }
        Value { objectName: "tlsCipher"; text: root.details.cipher || "—" }
        Name { text: qsTr("ALPN") }
        Value { objectName: "tlsAlpn"; text: root.details.alpn || "—" }
        Name { text: qsTr("SNI") }
        Value { objectName: "tlsServerName"; text: root.details.serverName || "—" }
        Name { text: qsTr("Peer certificate") }
        Value { objectName: "tlsPeerSubject"; text: root.details.peerSubject || "—" }
        Name { text: qsTr("Expires") }
        Value { objectName: "tlsPeerExpiry"; text: root.details.peerExpiryText || "—" }
    }
}
