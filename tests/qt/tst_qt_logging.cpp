// SPDX-License-Identifier: Apache-2.0
// qt.qt_logging: under a QtServer the engine's log lines reach Qt's logging as category qgnet.core
// (so QT_LOGGING_RULES and message handlers see them), bridge misuse reaches qgnet.qt, and a logger
// the application set itself is left in place.
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

#include "qgnet/qt/logging.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"

using namespace qgnet_test;

namespace {

struct Message {
    QtMsgType type;
    QString category;
    QString text;
};

QMutex capturedMutex;
QList<Message> captured;
QtMessageHandler previousHandler = nullptr;

void capture(QtMsgType type, const QMessageLogContext& context, const QString& text)
{
    {
        QMutexLocker lock(&capturedMutex);
        captured.append({type, QString::fromUtf8(context.category ? context.category : ""), text});
    }
    previousHandler(type, context, text);
}

int countMessages(QtMsgType type, const QString& category, const QString& needle)
{
    QMutexLocker lock(&capturedMutex);
    int n = 0;
    for (const Message& m : captured)
        n += m.type == type && m.category == category && m.text.contains(needle) ? 1 : 0;
    return n;
}

} // namespace

class TestQtLogging : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private slots:
    void initTestCase() { previousHandler = qInstallMessageHandler(capture); }
    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }
    // No descriptor, thread or qgnet object may outlive a test function.
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void init()
    {
        baseline_ = qgnet_test::captureBaseline();
        QMutexLocker lock(&capturedMutex);
        captured.clear();
        QLoggingCategory::setFilterRules(QString());
    }
    void engineLinesReachQgnetCore();
    void rulesFilterThem();
    void bridgeMisuseReachesQgnetQt();
    void applicationLoggerIsKept();
};

void TestQtLogging::engineLinesReachQgnetCore()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    qgnet::Options options;
    options.logLevel = qgnet::LogLevel::Debug;
    server.setOptions(options);
    QVERIFY(server.start());
    server.stop();
    QCOMPARE(countMessages(QtDebugMsg, QStringLiteral("qgnet.core"), QStringLiteral("engine started with 1 loop")), 1);
    QCOMPARE(qgnet::lcCore().categoryName(), "qgnet.core");
    QCOMPARE(qgnet::lcQt().categoryName(), "qgnet.qt");
    QCOMPARE(qgnet::lcInspector().categoryName(), "qgnet.inspector");
}

void TestQtLogging::rulesFilterThem()
{
    QLoggingCategory::setFilterRules(QStringLiteral("qgnet.core.debug=false"));
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    qgnet::Options options;
    options.logLevel = qgnet::LogLevel::Debug;
    server.setOptions(options);
    QVERIFY(server.start());
    server.stop();
    QCOMPARE(countMessages(QtDebugMsg, QStringLiteral("qgnet.core"), QStringLiteral("engine started")), 0);
}

void TestQtLogging::bridgeMisuseReachesQgnetQt()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    QVERIFY(server.start());
    server.setDeliverData(!server.deliverData()); // only while stopped: refused, with a warning
    server.stop();
    QCOMPARE(countMessages(QtWarningMsg, QStringLiteral("qgnet.qt"),
                 QStringLiteral("deliverData changes only while stopped")),
        1);
}

void TestQtLogging::applicationLoggerIsKept()
{
    auto mine = std::make_shared<CaptureLogger>();
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    qgnet::Options options;
    options.logLevel = qgnet::LogLevel::Debug;
    options.logger = mine;
    server.setOptions(options);
    QVERIFY(server.start());
    server.stop();
    QVERIFY2(mine->contains("engine started with 1 loop"), mine->all().c_str());
    QCOMPARE(countMessages(QtDebugMsg, QStringLiteral("qgnet.core"), QStringLiteral("engine started")), 0);
}

QGNET_TEST_MAIN(TestQtLogging)
#include "tst_qt_logging.moc"
