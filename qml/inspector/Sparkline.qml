// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Shapes

// Sparkline draws a series of values as a small filled line (Qt Quick Shapes), scaled to its own
// maximum or to `maximum` when that is set.
Item {
    id: root
    /// values are the samples, oldest first.
    property var values: []
    /// maximum fixes the top of the scale (0: the largest value shown).
    property real maximum: 0
    property color color: Theme.accent

    readonly property real scaleTop: maximum > 0 ? maximum : Math.max(1e-9, Math.max.apply(null, values.length ? values : [0]))

    function points(closed) {
        const n = values.length
        const pts = []
        if (n === 0) return pts
        const dx = n > 1 ? width / (n - 1) : 0
        for (let i = 0; i < n; ++i)
            pts.push(Qt.point(i * dx, height - Math.min(1, Math.max(0, values[i] / scaleTop)) * (height - 1)))
        if (closed) {
            pts.push(Qt.point((n - 1) * dx, height))
            pts.push(Qt.point(0, height))
        }
        return pts
    }

    Shape {
        anchors.fill: parent
        visible: root.values.length > 1
        ShapePath {
            strokeWidth: -1
            fillColor: Qt.rgba(root.color.r, root.color.g, root.color.b, 0.15)
            PathPolyline { path: root.points(true) }
        }
        ShapePath {
            strokeColor: root.color
            strokeWidth: 1.5
            fillColor: "transparent"
            PathPolyline { path: root.points(false) }
        }
    }
}
