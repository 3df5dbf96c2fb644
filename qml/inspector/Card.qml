// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Layouts

// Card is a titled panel: the frame every inspector view sits in. Children go into its body.
Rectangle {
    id: card
    property string title
    property string subtitle
    default property alias content: body.data
    property alias headerExtra: extra.data

    color: Theme.surface
    border.color: Theme.border
    radius: Theme.radius
    implicitWidth: 320
    implicitHeight: 200

    RowLayout {
        id: head
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.spacing }
        visible: card.title.length > 0
        spacing: Theme.spacing
        Text {
            text: card.title
            font: Theme.titleFont
            color: Theme.text
            elide: Text.ElideRight
        }
        Text {
            text: card.subtitle
            font: Theme.smallFont
            color: Theme.muted
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Item { id: extra; implicitWidth: childrenRect.width; implicitHeight: childrenRect.height }
    }
    Item {
        id: body
        anchors {
            left: parent.left; right: parent.right; bottom: parent.bottom
            top: head.visible ? head.bottom : parent.top
            margins: Theme.spacing
        }
    }
}
