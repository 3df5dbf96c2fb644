// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QGnet

// ActionsView is the Actions tab: the safe actions a source may allow (close a connection, pause or
// resume accepting, the balancing policy, the output water marks). Each opens a confirmation dialog
// (objectName "confirmAction"); only its Yes sends the action, and the answer shows in the result
// line. While the feed's source does not allow actions the controls are disabled.
Card {
    id: root
    /// feed is the StatsFeed whose source runs the actions.
    property StatsFeed feed
    /// connectionId is the connection the Close button closes (text, digits only).
    property alias connectionId: idField.text
    /// result is the last action's outcome in words.
    readonly property alias result: resultText.text
    readonly property bool available: !!feed && feed.actionsAvailable
    property var pendingSend: null
    property int pendingRequest: 0

    title: qsTr("Actions")
    subtitle: available ? qsTr("change the engine at once, after a confirmation")
                        : qsTr("off: the engine's side must allow them (qgnet-demo --allow-actions)")

    function ask(question, send) {
        if (!available)
            return
        confirm.text = question
        pendingSend = send
        confirm.open()
    }

    Connections {
        target: root.feed
        function onActionFinished(request, ok, message) {
            if (request !== root.pendingRequest)
                return
            root.pendingRequest = 0
            resultText.text = ok ? qsTr("Done.") : qsTr("Refused: %1").arg(message)
            resultText.color = ok ? Theme.text : Theme.bad
        }
    }

    Dialog {
        id: confirm
        objectName: "confirmAction"
        property alias text: question.text
        title: qsTr("Confirm action")
        modal: true
        anchors.centerIn: Overlay.overlay
        standardButtons: Dialog.Yes | Dialog.Cancel
        width: 480 // fixed: a wrapping label sized by the dialog would feed back into its implicit width
        Label { id: question; wrapMode: Text.Wrap; width: confirm.availableWidth }
        onAccepted: {
            resultText.text = qsTr("Sent…")
            resultText.color = Theme.text
            root.pendingRequest = root.pendingSend()
        }
        onRejected: {
            resultText.text = qsTr("Cancelled.")
            resultText.color = Theme.text
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        enabled: root.available
        RowLayout {
            Label { text: qsTr("Connection") ; Layout.preferredWidth: 150 }
            TextField {
                id: idField
                objectName: "connectionIdField"
                Layout.fillWidth: true
                placeholderText: qsTr("Connection id")
                validator: RegularExpressionValidator { regularExpression: /\d{1,20}/ }
            }
            Button {
                objectName: "closeConnectionButton"
                text: qsTr("Close connection…")
                enabled: idField.text.length > 0
                onClicked: root.ask(qsTr("Close connection %1 now? Its peer sees the connection end.").arg(idField.text),
                                    () => root.feed.closeConnection(idField.text))
            }
        }
        RowLayout {
            Label { text: qsTr("Listeners"); Layout.preferredWidth: 150 }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "pauseAcceptingButton"
                text: qsTr("Pause accepting…")
                onClicked: root.ask(qsTr("Pause accepting on every listener? New clients wait until accepting resumes."),
                                    () => root.feed.pauseAccepting())
            }
            Button {
                objectName: "resumeAcceptingButton"
                text: qsTr("Resume accepting…")
                onClicked: root.ask(qsTr("Resume accepting on every listener?"), () => root.feed.resumeAccepting())
            }
        }
        RowLayout {
            Label { text: qsTr("Load balancing"); Layout.preferredWidth: 150 }
            ComboBox {
                id: policy
                objectName: "policyBox"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { text: qsTr("Round robin"), value: "round-robin" },
                    { text: qsTr("Least connections"), value: "least-connections" },
                    { text: qsTr("Source address hash"), value: "source-addr-hash" }
                ]
            }
            Button {
                objectName: "applyPolicyButton"
                text: qsTr("Apply policy…")
                onClicked: root.ask(qsTr("Change the load balancing policy to %1? It applies to new connections.").arg(policy.currentText),
                                    () => root.feed.setBalancing(policy.currentValue))
            }
        }
        RowLayout {
            Label { text: qsTr("Output water marks"); Layout.preferredWidth: 150 }
            Label { text: qsTr("High (KiB)") }
            SpinBox { id: high; objectName: "highWaterBox"; from: 1; to: 65536; value: 64; editable: true }
            Label { text: qsTr("Low (KiB)") }
            SpinBox { id: low; objectName: "lowWaterBox"; from: 1; to: 65536; value: 32; editable: true }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "applyWaterMarksButton"
                text: qsTr("Apply water marks…")
                onClicked: root.ask(qsTr("Set the output water marks to %1 KiB (high) and %2 KiB (low) for every connection?").arg(high.value).arg(low.value),
                                    () => root.feed.setWaterMarks(high.value * 1024, low.value * 1024))
            }
        }
        Text {
            id: resultText
            objectName: "actionResult"
            Layout.fillWidth: true
            font: Theme.font
            color: Theme.text
            wrapMode: Text.Wrap
        }
        Item { Layout.fillHeight: true }
    }
}
