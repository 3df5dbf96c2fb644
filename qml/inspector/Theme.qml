// SPDX-License-Identifier: Apache-2.0
pragma Singleton
import QtQuick

// Theme holds the colours, sizes and fonts that every inspector component draws with, so an
// application can restyle them in one place (Theme.accent = "#…").
QtObject {
    property color window: "#eef1f5"
    property color surface: "#ffffff"
    property color surfaceAlt: "#f7f9fb"
    property color header: "#e4e8ee"
    property color border: "#d5dbe3"
    property color grid: "#e9edf2"
    property color text: "#1d2530"
    property color muted: "#66707d"
    property color accent: "#2563c9"
    property color good: "#1f9d55"
    property color warn: "#d98b06"
    property color bad: "#c8372d"
    property color selection: "#dbe7fb"

    // Loop colours: one per loop index, repeating after eight.
    readonly property var loopColors: ["#2563c9", "#e07b1a", "#1f9d55", "#c8372d", "#7b4fc9", "#0e9aa7", "#c2418f", "#7a8a1e"]
    function loopColor(index) { return loopColors[((index % loopColors.length) + loopColors.length) % loopColors.length] }

    // Buffer parts in the buffer-occupancy view.
    property color inbound: "#0e9aa7"
    property color outboundRing: "#2563c9"
    property color outboundSpilled: "#c8372d"

    property int spacing: 8
    property int radius: 6
    property int rowHeight: 26
    property font font: Qt.font({ pixelSize: 13 })
    property font smallFont: Qt.font({ pixelSize: 11 })
    property font titleFont: Qt.font({ pixelSize: 14, weight: Font.DemiBold })
    property font monoFont: Qt.font({ family: "monospace", pixelSize: 12 })
}
