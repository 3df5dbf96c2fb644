// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Layouts

// Histogram draws one bar per bucket (here: per loop) with its count above and label below.
Item {
    id: root
    /// values are the bucket counts.
    property var values: []
    /// label(i) names bucket i.
    property var label: i => String(i)
    /// colorOf(i) colours bucket i.
    property var colorOf: i => Theme.loopColor(i)

    readonly property real scaleTop: Math.max(1, Math.max.apply(null, values.length ? values : [0]))
    implicitHeight: 140

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Repeater {
            model: root.values.length
            ColumnLayout {
                required property int index
                readonly property real value: Number(root.values[index]) || 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.maximumWidth: 90
                spacing: 2
                Item {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Rectangle {
                        anchors.bottom: parent.bottom
                        width: parent.width
                        height: Math.max(1, (parent.height - 16) * parent.parent.value / root.scaleTop)
                        radius: 3
                        color: root.colorOf(parent.parent.index)
                    }
                    Text {
                        anchors.horizontalCenter: parent.horizontalCenter
                        y: parent.height - Math.max(1, (parent.height - 16) * parent.parent.value / root.scaleTop) - 15
                        text: Format.count(parent.parent.value)
                        font: Theme.smallFont
                        color: Theme.text
                    }
                }
                Text {
                    Layout.alignment: Qt.AlignHCenter
                    text: root.label(parent.index)
                    font: Theme.smallFont
                    color: Theme.muted
                }
            }
        }
    }
}
