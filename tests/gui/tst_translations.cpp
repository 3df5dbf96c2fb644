// SPDX-License-Identifier: Apache-2.0
// The zh_CN translation loads, the UI shows it (inspector, demo views, model column titles), and
// the translation files are complete.
#include <memory>

#include <QAction>
#include <QFile>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QXmlStreamReader>

#include "inspector_panel.h"
#include "inspector_window.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "qgnet_translations.h"

using qgnet::inspector::InspectorPanel;
using qgnet::inspector::InspectorWindow;

class TestTranslations : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    // No descriptor, thread or qgnet object may outlive a test function.
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void zhCnLoadsAndShows();
    void englishIsTheSource();
    void argumentParsing();
    void tsFileIsComplete_data();
    void tsFileIsComplete();
    void cleanupTestCase();
};

void TestTranslations::zhCnLoadsAndShows()
{
    QCOMPARE(qgnet::installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN")),
        QStringLiteral("zh_CN"));
    QVERIFY(qgnet::availableTranslations().contains(QStringLiteral("zh_CN")));

    auto window = std::make_unique<InspectorWindow>();
    window->show();
    // Toolbar, tabs, status bar: the Chinese texts, not the English source.
    QCOMPARE(window->pauseAction()->text(), QStringLiteral("暂停"));
    QCOMPARE(window->exportCsvAction()->text(), QStringLiteral("导出 CSV…"));
    QTabWidget* tabs = window->panel()->tabs();
    QCOMPARE(tabs->tabText(InspectorPanel::LoopsTab), QStringLiteral("事件循环"));
    QCOMPARE(tabs->tabText(InspectorPanel::ConnectionsTab), QStringLiteral("连接"));
    QCOMPARE(window->windowTitle(), QStringLiteral("qgnet 检查器"));
    // Column titles come from the models in QGnet::Qt, translated by the same set.
    const QString peer = window->panel()
                             ->connectionView()
                             ->model()
                             ->headerData(qgnet::ConnectionModel::Peer, Qt::Horizontal)
                             .toString();
    QCOMPARE(peer, QStringLiteral("对端"));
    const QString busy
        = window->panel()->loopView()->model()->headerData(qgnet::LoopModel::BusyPercent, Qt::Horizontal).toString();
    QVERIFY2(busy.contains(QStringLiteral("繁忙")), qPrintable(busy));
    // A string with a plural form, filled at run time.
    QVERIFY2(window->sourceText().contains(QStringLiteral("没有数据源")), qPrintable(window->sourceText()));

    // Pause toggles to the translated "Resume".
    window->pauseAction()->trigger();
    QCOMPARE(window->pauseAction()->text(), QStringLiteral("继续"));
}

void TestTranslations::englishIsTheSource()
{
    QCOMPARE(qgnet::installTranslations(*QCoreApplication::instance(), QStringLiteral("en")), QString());
    auto window = std::make_unique<InspectorWindow>();
    QCOMPARE(window->pauseAction()->text(), QStringLiteral("Pause"));
    QCOMPARE(window->panel()->tabs()->tabText(InspectorPanel::ConnectionsTab), QStringLiteral("Connections"));
    // A language without a translation falls back to English.
    QCOMPARE(qgnet::installTranslations(*QCoreApplication::instance(), QStringLiteral("xx_YY")), QString());
    window = std::make_unique<InspectorWindow>();
    QCOMPARE(window->pauseAction()->text(), QStringLiteral("Pause"));
}

void TestTranslations::argumentParsing()
{
    QCOMPARE(qgnet::languageArgument({QStringLiteral("app"), QStringLiteral("--lang"), QStringLiteral("zh_CN")}),
        QStringLiteral("zh_CN"));
    QCOMPARE(qgnet::languageArgument({QStringLiteral("app"), QStringLiteral("--lang=en")}), QStringLiteral("en"));
    QCOMPARE(qgnet::languageArgument({QStringLiteral("app"), QStringLiteral("--demo")}), QString());
    QCOMPARE(qgnet::languageArgument({QStringLiteral("app"), QStringLiteral("--lang")}), QString());
}

void TestTranslations::tsFileIsComplete_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("zh_CN") << QStringLiteral(QGNET_TS_DIR "/qgnet_zh_CN.ts");
}

void TestTranslations::tsFileIsComplete()
{
    // Every message of the zh_CN file has a finished translation; numerus messages fill every form.
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QStringList unfinished;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            ++messages;
            const auto type = xml.attributes().value(QLatin1String("type"));
            // Vanished entries are kept for sources that are not in this tree (lupdate revives them
            // when the source returns); they are not shown, so they do not count.
            if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                continue;
            if (type == QLatin1String("unfinished")) {
                unfinished << source;
                continue;
            }
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (text.trimmed().isEmpty())
                unfinished << source;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(messages > 50, qPrintable(QString::number(messages)));
    QVERIFY2(unfinished.isEmpty(),
        qPrintable(QStringLiteral("untranslated: ") + unfinished.join(QStringLiteral(" | "))));
}

void TestTranslations::cleanupTestCase() { QGNET_VERIFY_NO_LIVE_OBJECTS(); }

QGNET_GUI_TEST_MAIN(TestTranslations)
#include "tst_translations.moc"
