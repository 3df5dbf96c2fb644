// SPDX-License-Identifier: Apache-2.0
// The Widgets inspector's filter expressions and chart options, driven as a user would over the
// in-process demo engine (real connections, 3 loops): typing an expression filters the Connections
// tab, a refused one shows its column in red and leaves the rows as they were; the Charts tab's
// value axes read round, never repeat a label, and switch to a logarithmic scale and a moving
// average. With QGNET_SCREENSHOT_DIR set, the two views are saved there as PNGs.
#include <algorithm>
#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QRegularExpression>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "chart_options.h"
#include "demo_engine.h"
#include "filter_expression_edit.h"
#include "inspector_panel.h"
#include "inspector_window.h"
#include "qgnet/engine.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "rate_chart.h"

using qgnet::ConnectionModel;
using qgnet::SnapshotModel;
using qgnet::inspector::InspectorPanel;
using qgnet::inspector::InspectorWindow;
using qgnet::inspector::RateChart;

namespace {

constexpr int kTimeout = 20000;

QList<QVariant> columnValues(const QAbstractItemModel* model, int column)
{
    QList<QVariant> out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, column).data(SnapshotModel::SortRole);
    return out;
}

/// saveShot writes widget's picture to $QGNET_SCREENSHOT_DIR/name when that is set.
void saveShot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("QGNET_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget->grab().save(dir + u'/' + name));
}

void typeExpression(InspectorPanel* panel, const QString& text)
{
    panel->expressionFilterEdit()->clear();
    QTest::keyClicks(panel->expressionFilterEdit(), text);
}

} // namespace

class TestInspectorFilterCharts : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    void expressionFiltersTheTable();
    void chartAxesAndOptions();
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
};

void TestInspectorFilterCharts::expressionFiltersTheTable()
{
    auto window = std::make_unique<InspectorWindow>();
    window->resize(1200, 640);
    window->show();
    QVERIFY(window->startDemoEngine(3, 9, 0));
    InspectorPanel* panel = window->panel();
    panel->tabs()->setCurrentIndex(InspectorPanel::ConnectionsTab);
    QTableView* view = panel->connectionView();
    QTRY_COMPARE_WITH_TIMEOUT(panel->connectionModel()->rowCount(), 9, kTimeout);

    // The demo's load connects 9 over 3 loops with least connections: 3 on loop 1.
    typeExpression(panel, QStringLiteral("loop == 1"));
    QCOMPARE(view->model()->rowCount(), 3);
    for (const QVariant& v : columnValues(view->model(), ConnectionModel::Loop))
        QCOMPARE(v.toInt(), 1);
    QVERIFY(panel->expressionError()->isHidden());
    QVERIFY(panel->expressionFilterEdit()->errorString().isEmpty());

    // Typing on: "loop == 1 &&" is refused at its end; the red message names the column and the
    // table keeps the last valid filter.
    QTest::keyClicks(panel->expressionFilterEdit(), QStringLiteral(" &&"));
    QVERIFY(!panel->expressionError()->isHidden());
    QCOMPARE(panel->expressionError()->text(),
        QStringLiteral("Column 13: the expression ends early: expected a field"));
    QCOMPARE(panel->expressionFilterEdit()->toolTip(), panel->expressionError()->text());
    QVERIFY(panel->expressionFilterEdit()->styleSheet().contains(QStringLiteral("border")));
    QCOMPARE(view->model()->rowCount(), 3);
    // ... and finishing it applies it: every demo connection is an accepted one, not a client's.
    QTest::keyClicks(panel->expressionFilterEdit(), QStringLiteral(" !client && state == open"));
    QVERIFY(panel->expressionError()->isHidden());
    QVERIFY(panel->expressionFilterEdit()->styleSheet().isEmpty());
    QCOMPARE(view->model()->rowCount(), 3);
    typeExpression(panel, QStringLiteral("client || paused"));
    QCOMPARE(view->model()->rowCount(), 0);

    // One connection by its peer's address; with the loop combo box, both apply.
    typeExpression(panel, QString());
    QCOMPARE(view->model()->rowCount(), 9);
    const QString peer = view->model()->index(0, ConnectionModel::Peer).data().toString();
    const int loop = view->model()->index(0, ConnectionModel::Loop).data(SnapshotModel::SortRole).toInt();
    typeExpression(panel, QStringLiteral("remote ~ \"%1\" && network == tcp").arg(peer));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, ConnectionModel::Peer).data().toString(), peer);
    panel->loopFilterBox()->setCurrentIndex(panel->loopFilterBox()->findData((loop + 1) % 3));
    QCOMPARE(view->model()->rowCount(), 0);
    panel->loopFilterBox()->setCurrentIndex(0);
    QCOMPARE(view->model()->rowCount(), 1);

    // Live values: the echo traffic moves bytesIn, and the filter follows each snapshot.
    typeExpression(panel, QStringLiteral("bytesIn > 0 && age >= 0"));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, kTimeout);
    for (const QVariant& v : columnValues(view->model(), ConnectionModel::BytesIn))
        QVERIFY(v.toULongLong() > 0);
    typeExpression(panel, QStringLiteral("bytesIn > 1T"));
    QCOMPARE(view->model()->rowCount(), 0);

    // The picture: loop 2's connections, then a typing error showing.
    typeExpression(panel, QStringLiteral("loop == 2 && bytesIn > 1K && !paused"));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() == 3, kTimeout);
    QTest::keyClicks(panel->expressionFilterEdit(), QStringLiteral(" || stat"));
    QVERIFY(!panel->expressionError()->isHidden());
    QCOMPARE(view->model()->rowCount(), 3);
    saveShot(window.get(), QStringLiteral("qgnet-inspector-widgets-filter.png"));
}

void TestInspectorFilterCharts::chartAxesAndOptions()
{
    auto window = std::make_unique<InspectorWindow>();
    window->resize(1200, 760);
    window->show();
    QVERIFY(window->startDemoEngine(3, 9, 0));
    InspectorPanel* panel = window->panel();
    panel->tabs()->setCurrentIndex(InspectorPanel::ChartsTab);
    QList<RateChart*> charts;
    for (int i = 0; i < 4; ++i) {
        auto* chart = panel->findChild<RateChart*>(QStringLiteral("chart%1").arg(i));
        QVERIFY(chart);
        charts << chart;
    }
    // Wait for a few seconds of traffic in the history (every loop has received bytes, 30 samples),
    // then look at every axis as drawn.
    qgnet::LoopModel* loops = panel->loopModel();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            if (loops->rowCount() != 3)
                return false;
            for (int r = 0; r < 3; ++r) {
                const QList<double> h = loops->history(r, qgnet::LoopModel::BytesInRate);
                if (h.size() < 30 || std::none_of(h.begin(), h.end(), [](double v) { return v > 0; }))
                    return false;
            }
            return true;
        }(),
        kTimeout);
    const auto checkAxes = [&](bool log) {
        for (RateChart* chart : std::as_const(charts)) {
            chart->grab();
            const QStringList labels = chart->axisLabels();
            QVERIFY2(labels.size() >= 2, qPrintable(chart->title()));
            QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
            QCOMPARE(chart->logScale(), log);
            if (!log)
                QCOMPARE(labels.first(), QStringLiteral("0"));
            // Round: every label's number has at most one significant digit past the step's, e.g.
            // "1.5 MiB", "20 %", never "4.77 MiB" or "3.58 MiB".
            for (const QString& label : labels) {
                const QString number = label.section(QLatin1Char(' '), 0, 0);
                QVERIFY2(!number.contains(QRegularExpression(QStringLiteral("\\.\\d\\d"))) || log,
                    qPrintable(chart->title() + QStringLiteral(": ") + label));
            }
        }
    };
    checkAxes(false);
    // The busy axis never repeats a label (it read "0 % 0 % 1 % 1 %").
    QVERIFY(charts[3]->axisLabels().last().endsWith(QLatin1String("%")));
    saveShot(window.get(), QStringLiteral("qgnet-inspector-widgets-charts.png"));

    // Logarithmic scale: a click on the toggle switches every chart, the Loops tab's too.
    QCheckBox* logBox = panel->chartOptions()->logScaleBox();
    QCOMPARE(logBox->objectName(), QStringLiteral("chartLogScale"));
    logBox->click();
    checkAxes(true);
    for (RateChart* chart : panel->findChildren<RateChart*>())
        QVERIFY(chart->logScale());
    // Moving average of 5 samples.
    QCheckBox* averageBox = panel->chartOptions()->averageBox();
    averageBox->click();
    for (RateChart* chart : panel->findChildren<RateChart*>())
        QCOMPARE(chart->averageWindow(), qgnet::inspector::ChartOptions::kAverageWindow);
    checkAxes(true);
    saveShot(window.get(), QStringLiteral("qgnet-inspector-widgets-charts-log.png"));
    logBox->click();
    averageBox->click();
    for (RateChart* chart : panel->findChildren<RateChart*>()) {
        QVERIFY(!chart->logScale());
        QCOMPARE(chart->averageWindow(), 1);
    }
    checkAxes(false);
}

QGNET_GUI_TEST_MAIN(TestInspectorFilterCharts)
#include "tst_inspector_filter_charts.moc"
