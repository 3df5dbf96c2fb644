// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Layouts
import QGnet

// RateChart plots one LoopModel column (a rate, the busy percentage…) over the model's history,
// one line per loop in the loop's colour, drawn on a Canvas. It repaints on historyChanged.
Card {
    id: root
    /// loopModel supplies the series (LoopModel.history(loop, column)).
    property LoopModel loopModel
    /// column is the LoopModel column plotted, e.g. LoopModel.BytesInRate.
    property int column: LoopModel.BytesInRate
    /// format turns an axis value into text.
    property var format: v => Format.count(v)
    /// stacked draws the loops on top of each other (their sum is the top line).
    property bool stacked: false

    property var series: []   // [loop] → [values]
    property real scaleTop: 1
    property real latestTotal: 0

    subtitle: format(latestTotal)
    implicitWidth: 360
    implicitHeight: 200

    function refresh() {
        const s = []
        const n = loopModel ? loopModel.rowCount : 0
        let maxValue = 0, total = 0
        for (let l = 0; l < n; ++l) {
            const h = loopModel.history(l, column)
            s.push(h)
            if (h.length) total += h[h.length - 1]
        }
        if (stacked) {
            const len = s.length ? Math.max.apply(null, s.map(h => h.length)) : 0
            for (let i = 0; i < len; ++i) {
                let sum = 0
                for (let l = 0; l < s.length; ++l) sum += s[l][i] || 0
                maxValue = Math.max(maxValue, sum)
            }
        } else {
            for (let l = 0; l < s.length; ++l)
                for (let i = 0; i < s[l].length; ++i) maxValue = Math.max(maxValue, s[l][i])
        }
        series = s
        latestTotal = total
        scaleTop = niceCeiling(maxValue)
        canvas.requestPaint()
    }
    // niceCeiling rounds the scale up to 1, 2 or 5 times a power of ten, so grid lines read well.
    function niceCeiling(v) {
        if (v <= 0) return 1
        const p = Math.pow(10, Math.floor(Math.log10(v)))
        for (const m of [1, 2, 5, 10])
            if (v <= m * p) return m * p
        return 10 * p
    }

    Connections {
        target: root.loopModel
        function onHistoryChanged() { root.refresh() }
    }
    Component.onCompleted: refresh()

    ColumnLayout {
        anchors.fill: parent
        spacing: 4
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Canvas {
                id: canvas
                anchors.fill: parent
                readonly property int axisWidth: 64
                onWidthChanged: requestPaint()
                onHeightChanged: requestPaint()
                onPaint: {
                    const ctx = getContext("2d")
                    ctx.reset()
                    const pad = 8 // room for the top axis label
                    const w = width - axisWidth, h = height - pad - 2
                    if (w <= 0 || h <= 0) return
                    ctx.font = Theme.smallFont.pixelSize + "px sans-serif"
                    ctx.textBaseline = "middle"
                    // Grid: four bands with their values on the left.
                    for (let g = 0; g <= 4; ++g) {
                        const y = pad + h - g * h / 4
                        ctx.strokeStyle = Theme.grid
                        ctx.lineWidth = 1
                        ctx.beginPath(); ctx.moveTo(axisWidth, Math.round(y) + 0.5); ctx.lineTo(width, Math.round(y) + 0.5); ctx.stroke()
                        ctx.fillStyle = Theme.muted
                        ctx.textAlign = "right"
                        ctx.fillText(root.format(root.scaleTop * g / 4), axisWidth - 6, y)
                    }
                    const s = root.series
                    const base = []
                    for (let l = 0; l < s.length; ++l) {
                        const h0 = s[l]
                        if (h0.length < 2) continue
                        const capacity = root.loopModel ? Math.max(2, root.loopModel.historyLength) : h0.length
                        const dx = w / (capacity - 1)
                        const x0 = axisWidth + w - (h0.length - 1) * dx
                        const yOf = v => pad + h - Math.min(1, v / root.scaleTop) * h
                        const below = base.slice()
                        const tops = []
                        for (let i = 0; i < h0.length; ++i) {
                            const v = h0[i] + (root.stacked ? (below[i] || 0) : 0)
                            tops.push(v)
                            if (root.stacked) base[i] = v
                        }
                        const colour = Theme.loopColor(l)
                        if (root.stacked) {
                            // Stacked: fill this loop's band, between the loops below and its own line.
                            ctx.beginPath()
                            for (let i = 0; i < tops.length; ++i) ctx.lineTo(x0 + i * dx, yOf(tops[i]))
                            for (let i = tops.length - 1; i >= 0; --i) ctx.lineTo(x0 + i * dx, yOf(below[i] || 0))
                            ctx.closePath()
                            ctx.globalAlpha = 0.2
                            ctx.fillStyle = colour
                            ctx.fill()
                            ctx.globalAlpha = 1
                        }
                        ctx.strokeStyle = colour
                        ctx.lineWidth = 1.6
                        ctx.beginPath()
                        for (let i = 0; i < tops.length; ++i) {
                            if (i === 0) ctx.moveTo(x0, yOf(tops[0])); else ctx.lineTo(x0 + i * dx, yOf(tops[i]))
                        }
                        ctx.stroke()
                    }
                }
            }
        }
        // Legend: one chip per loop.
        Flow {
            Layout.fillWidth: true
            spacing: 10
            Repeater {
                model: root.series.length
                Row {
                    required property int index
                    spacing: 4
                    Rectangle { width: 10; height: 10; radius: 2; color: Theme.loopColor(parent.index); anchors.verticalCenter: parent.verticalCenter }
                    Text { text: qsTr("loop %1").arg(parent.index); font: Theme.smallFont; color: Theme.muted }
                }
            }
        }
    }
}
