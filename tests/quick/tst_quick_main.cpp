// SPDX-License-Identifier: Apache-2.0
// Qt Quick Test runner for the QML tests: the QGnet modules come from the build tree's import
// directory, as an application would load them; RawPeer (a plain QTcpSocket) is registered as
// QGnetTest.RawPeer for the tests to talk to the servers they declare.

#include <QFile>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQuickTest/quicktest.h>

#include "raw_peer.h"
#include "tls_stall_server.h"

/// TestFiles gives the tests a scratch directory and a way to read back what they saved
/// (QML's XMLHttpRequest does not read local files by default). Context property `testFiles`.
class TestFiles : public QObject {
    Q_OBJECT
public:
    /// path is name inside the test's temporary directory.
    Q_INVOKABLE QString path(const QString& name) const { return dir_.filePath(name); }
    /// screenshotDir is $QGNET_SCREENSHOT_DIR: where tests save pictures of the views (empty: none).
    Q_INVOKABLE QString screenshotDir() const { return qEnvironmentVariable("QGNET_SCREENSHOT_DIR"); }
    /// readText is the file's content as UTF-8 text, or an empty string when it cannot be read.
    Q_INVOKABLE QString readText(const QString& file) const
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    /// screenshotPath is name inside $QGNET_SCREENSHOT_DIR, or an empty string when it is not set:
    /// a test saves its view there for the documentation only when asked to.
    Q_INVOKABLE QString screenshotPath(const QString& name) const
    {
        const QString dir = qEnvironmentVariable("QGNET_SCREENSHOT_DIR");
        return dir.isEmpty() ? QString() : dir + QLatin1Char('/') + name;
    }

private:
    QTemporaryDir dir_;
};

class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        // Offscreen there is no GPU: draw in software (also what qgnet-inspector-quick does).
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        qmlRegisterType<RawPeer>("QGnetTest", 1, 0, "RawPeer");
        qmlRegisterType<TlsStallServer>("QGnetTest", 1, 0, "TlsStallServer");
    }
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral(QGNET_QML_BUILD_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("testFiles"), &files_);
        // Where a test may save a screenshot of what it drove (docs/images); empty: none.
        engine->rootContext()->setContextProperty(QStringLiteral("screenshotDir"),
            qEnvironmentVariable("QGNET_SCREENSHOT_DIR"));
    }

private:
    TestFiles files_;
};

QUICK_TEST_MAIN_WITH_SETUP(qgnet_quick, Setup)

#include "tst_quick_main.moc"
