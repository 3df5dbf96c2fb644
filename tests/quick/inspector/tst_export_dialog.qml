// SPDX-License-Identifier: Apache-2.0
// The QML inspector's Export dialog (qml/app/Main.qml) is Qt Quick Dialogs' FileDialog. Without a
// platform dialog (offscreen, and Linux desktops without one) Qt 6.4 uses its own QML FileDialog,
// which imports Qt.labs.folderlistmodel, a module only its own Debian package installs
// (qml6-module-qt-labs-folderlistmodel, in scripts/deps.sh and qml6-module-qgnet's Depends). Without
// it the dialog never shows: "Failed to load non-native FileDialog implementation".
import QtQuick
import QtQuick.Dialogs
import QtQuick.Window
import QtTest

Item {
    id: root
    width: 640
    height: 480

    FileDialog {
        id: saveDialog
        fileMode: FileDialog.SaveFile
        nameFilters: ["CSV files (*.csv)"]
    }

    TestCase {
        name: "ExportDialog"
        when: windowShown

        function test_saveDialogOpensAndCloses() {
            // In Main.qml the dialog is a child of the ApplicationWindow; here the test's window is
            // given to it, as it was made before the item was put in one.
            saveDialog.parentWindow = root.Window.window
            saveDialog.currentFile = saveDialog.currentFolder + "/qgnet-loops.csv"
            saveDialog.open()
            tryCompare(saveDialog, "visible", true)
            saveDialog.reject()
            tryCompare(saveDialog, "visible", false)
        }
    }
}
