// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls

// FilterField is the text box that filters a table (case-insensitive, any column).
TextField {
    placeholderText: qsTr("Filter…")
    selectByMouse: true
    implicitWidth: 200
    font: Theme.font
}
