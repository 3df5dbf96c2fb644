// SPDX-License-Identifier: Apache-2.0
// Qt Quick Test runner for the QML tests: the QGnet modules come from the build tree's import
// directory, as an application would load them; RawPeer (a plain QTcpSocket) is registered as
// QGnetTest.RawPeer for the tests to talk to the servers they declare.

#include <QQmlEngine>
#include <QQuickWindow>
#include <QtQuickTest/quicktest.h>

#include "raw_peer.h"

class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        // Offscreen there is no GPU: draw in software (also what qgnet-inspector-quick does).
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        qmlRegisterType<RawPeer>("QGnetTest", 1, 0, "RawPeer");
    }
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral(QGNET_QML_BUILD_DIR)); }
};

QUICK_TEST_MAIN_WITH_SETUP(qgnet_quick, Setup)

#include "tst_quick_main.moc"
