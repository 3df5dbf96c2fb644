// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls

// FilterField is the text box that filters a table (case-insensitive, any column), or takes a
// filter expression. With errorText set it wears a red frame and shows the error as its tooltip.
TextField {
    id: field
    /// errorText says what is wrong with the text ("Column 9: …"); empty when it is fine.
    property string errorText
    /// helpText is the tooltip while there is no error.
    property string helpText

    placeholderText: qsTr("Filter…")
    selectByMouse: true
    implicitWidth: 200
    font: Theme.font

    ToolTip.text: errorText || helpText
    ToolTip.visible: ToolTip.text !== "" && (hovered || (errorText !== "" && activeFocus))
    ToolTip.delay: errorText ? 0 : 600

    Rectangle {
        objectName: "errorFrame"
        anchors.fill: parent
        color: "transparent"
        radius: 2
        border.width: 2
        border.color: Theme.bad
        visible: field.errorText !== ""
    }
}
