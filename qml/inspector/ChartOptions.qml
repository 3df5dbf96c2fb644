// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// ChartOptions is the row of toggles above the charts: a logarithmic value axis and a moving
// average (of averageSamples samples); the charts bind their logScale and averageWindow to it.
RowLayout {
    id: root
    /// averageSamples: samples per moving-average point (the Widgets inspector uses 5 too).
    property int averageSamples: 5
    property alias logScale: logBox.checked
    property alias movingAverage: averageBox.checked
    /// averageWindow is what a RateChart's averageWindow takes: averageSamples, or 1 when off.
    readonly property int averageWindow: averageBox.checked ? averageSamples : 1
    property alias logScaleBox: logBox
    property alias movingAverageBox: averageBox

    spacing: Theme.spacing
    CheckBox {
        id: logBox
        objectName: "chartLogScale"
        text: qsTr("Logarithmic scale")
        font: Theme.smallFont
    }
    CheckBox {
        id: averageBox
        objectName: "chartMovingAverage"
        text: qsTr("Moving average (%n samples)", "", root.averageSamples)
        font: Theme.smallFont
    }
    Item { Layout.fillWidth: true }
}
