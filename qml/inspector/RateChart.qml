// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Layouts
import QGnet

// RateChart plots one LoopModel column (a rate, the busy percentage…) over the model's history,
// one line per loop in the loop's colour, drawn on a Canvas. It repaints on historyChanged. The
// value axis is ChartMath's (the Widgets inspector's AxisScale): round ticks, linear or logarithmic;
// the lines can be moving averages.
Card {
    id: root
    /// loopModel supplies the series (LoopModel.history(loop, column)).
    property LoopModel loopModel
    /// column is the LoopModel column plotted, e.g. LoopModel.BytesInRate.
    property int column: LoopModel.BytesInRate
    /// format turns the latest total (the subtitle) into text.
    property var format: v => Format.count(v)
    /// stacked draws the loops on top of each other (their sum is the top line).
    property bool stacked: false
    /// unit says how the axis reads and steps: ChartMath.Count, ChartMath.Bytes or ChartMath.Percent.
    property int unit: ChartMath.Count
    /// unitSuffix follows each axis label ("/s" for rates).
    property string unitSuffix: ""
    /// logScale makes the value axis logarithmic (decades).
    property bool logScale: false
    /// averageWindow draws each line as the moving average of that many samples (1: as sampled).
    property int averageWindow: 1

    property var series: []   // [loop] → [values]
    property var axis: ChartMath.axis(0, unit, logScale)
    /// axisLabels are the value axis's labels, bottom to top (what the grid shows).
    readonly property var axisLabels: axis.ticks.map(t => t.label === "0" ? t.label : t.label + unitSuffix)
    property real latestTotal: 0

    subtitle: format(latestTotal)
    implicitWidth: 360
    implicitHeight: 200

    function refresh() {
        const s = []
        const n = loopModel ? loopModel.rowCount : 0
        let maxValue = 0, total = 0
        for (let l = 0; l < n; ++l) {
            const raw = loopModel.history(l, column)
            if (raw.length) total += raw[raw.length - 1]
            s.push(averageWindow > 1 ? ChartMath.movingAverage(raw, averageWindow) : raw)
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
        axis = ChartMath.axis(maxValue, unit, logScale)
        canvas.requestPaint()
    }
    onLogScaleChanged: refresh()
    onAverageWindowChanged: refresh()

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
                    // Grid: one line per tick of the axis, its label on the left.
                    const ticks = root.axis.ticks
                    for (let g = 0; g < ticks.length; ++g) {
                        const y = pad + h - ticks[g].position * h
                        ctx.strokeStyle = Theme.grid
                        ctx.lineWidth = 1
                        ctx.beginPath(); ctx.moveTo(axisWidth, Math.round(y) + 0.5); ctx.lineTo(width, Math.round(y) + 0.5); ctx.stroke()
                        ctx.fillStyle = Theme.muted
                        ctx.textAlign = "right"
                        ctx.fillText(root.axisLabels[g], axisWidth - 6, y)
                    }
                    const s = root.series
                    const base = []
                    for (let l = 0; l < s.length; ++l) {
                        const h0 = s[l]
                        if (h0.length < 2) continue
                        const capacity = root.loopModel ? Math.max(2, root.loopModel.historyLength) : h0.length
                        const dx = w / (capacity - 1)
                        const x0 = axisWidth + w - (h0.length - 1) * dx
                        const below = base.slice()
                        const tops = []
                        for (let i = 0; i < h0.length; ++i) {
                            const v = h0[i] + (root.stacked ? (below[i] || 0) : 0)
                            tops.push(v)
                            if (root.stacked) base[i] = v
                        }
                        // Positions on the axis (linear or logarithmic) come from ChartMath, as the ticks.
                        const topY = ChartMath.positions(root.axis, tops).map(p => pad + h - p * h)
                        const belowY = ChartMath.positions(root.axis, tops.map((_, i) => below[i] || 0)).map(p => pad + h - p * h)
                        const colour = Theme.loopColor(l)
                        if (root.stacked) {
                            // Stacked: fill this loop's band, between the loops below and its own line.
                            ctx.beginPath()
                            for (let i = 0; i < tops.length; ++i) ctx.lineTo(x0 + i * dx, topY[i])
                            for (let i = tops.length - 1; i >= 0; --i) ctx.lineTo(x0 + i * dx, belowY[i])
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
                            if (i === 0) ctx.moveTo(x0, topY[0]); else ctx.lineTo(x0 + i * dx, topY[i])
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
