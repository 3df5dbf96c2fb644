// SPDX-License-Identifier: Apache-2.0
// The Widgets inspector's TLS details pane and Stalls tab, driven as a user would against a live TLS
// engine (TlsStallServer: one loop, stallThreshold 10 ms, a handler that busy-waits 60 ms on "stall";
// a QSslSocket client with SNI and ALPN). Selecting the connection fills the pane; a stall shows in
// the Stalls tab, red, naming onTraffic and the connection; the Loops table draws the growing count
// red. Tabs are found by title. With QGNET_SCREENSHOT_DIR set, both views are saved there as PNG.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "inspector_panel.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/connection_tls_details.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/stall_model.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "stall_view.h"
#include "tls_details_pane.h"
#include "tls_stall_server.h"

using qgnet::ConnectionModel;
using qgnet::SnapshotModel;
using qgnet::StallModel;
using qgnet::inspector::InspectorPanel;

namespace {

constexpr int kTimeout = 20000;

int tabTitled(const QTabWidget* tabs, const QString& title)
{
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i) == title)
            return i;
    return -1;
}

// paintCell draws one cell with the view's delegate into an image, as the view would.
QImage paintCell(QTableView* view, const QModelIndex& index)
{
    QImage image(160, 28, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = image.rect();
    option.state |= QStyle::State_Enabled;
    option.features |= QStyleOptionViewItem::HasDisplay;
    view->itemDelegateForIndex(index)->paint(&painter, option, index);
    painter.end();
    return image;
}

// hasRed: some pixel is clearly red (text or background of a stall).
bool hasRed(const QImage& image)
{
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 150 && c.red() > c.green() + 60 && c.red() > c.blue() + 60)
                return true;
        }
    return false;
}

void saveScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("QGNET_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

} // namespace

class TestInspectorDetails : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void tlsPaneAndStallsTab();
};

void TestInspectorDetails::tlsPaneAndStallsTab()
{
    TlsStallServer fixture;
    QVERIFY(fixture.start());
    qgnet::LocalStatsFeed feed;
    feed.setInterval(50);
    InspectorPanel panel;
    panel.resize(1200, 640);
    panel.setFeed(&feed);
    feed.setServer(fixture.server());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    fixture.connectClient();
    QTRY_VERIFY_WITH_TIMEOUT(fixture.encrypted(), kTimeout);
    fixture.send(QStringLiteral("hello"));
    QTRY_COMPARE_WITH_TIMEOUT(fixture.received(), QStringLiteral("hello"), kTimeout);

    // Connections: the TLS column, then the pane for the selected row.
    QTabWidget* tabs = panel.tabs();
    const int connectionsTab = tabTitled(tabs, QStringLiteral("Connections"));
    QVERIFY(connectionsTab >= 0);
    tabs->setCurrentIndex(connectionsTab);
    QTableView* table = panel.connectionView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, kTimeout);
    QCOMPARE(table->model()->index(0, ConnectionModel::Tls).data().toString(), QStringLiteral("TLSv1.3"));
    const quint64 id = table->model()->index(0, ConnectionModel::Id).data(SnapshotModel::SortRole).toULongLong();
    auto* pane = panel.tlsPane();
    QVERIFY(pane->valueLabel(QStringLiteral("note"))->isVisibleTo(&panel));
    const QRect cell = table->visualRect(table->model()->index(0, ConnectionModel::Peer));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(pane->details()->connectionId(), id);
    QTRY_VERIFY_WITH_TIMEOUT(pane->details()->isTls(), kTimeout);
    QCOMPARE(pane->valueLabel(QStringLiteral("version"))->text(), QStringLiteral("TLSv1.3"));
    QCOMPARE(pane->valueLabel(QStringLiteral("cipher"))->text(), fixture.cipher());
    QCOMPARE(pane->valueLabel(QStringLiteral("alpn"))->text(), QStringLiteral("qgnet-test/1"));
    QCOMPARE(pane->valueLabel(QStringLiteral("serverName"))->text(), QStringLiteral("localhost"));
    QCOMPARE(pane->valueLabel(QStringLiteral("peerSubject"))->text(), QStringLiteral("—")); // no client certificates
    QVERIFY(!pane->valueLabel(QStringLiteral("peerExpiry"))->text().isEmpty());
    QVERIFY(!pane->valueLabel(QStringLiteral("note"))->isVisibleTo(&panel));
    QTest::qWait(200); // the pane's layout takes the new texts, for the picture
    saveScreenshot(&panel, QStringLiteral("qgnet-inspector-widgets-tls.png"));

    // A stall: the Loops table draws the growing count red, the Stalls tab lists it red.
    bool sawRed = false;
    connect(&panel, &InspectorPanel::snapshotApplied, this, [&] {
        QTableView* loops = panel.loopView();
        if (loops->model()->rowCount() > 0)
            sawRed = sawRed || hasRed(paintCell(loops, loops->model()->index(0, qgnet::LoopModel::Stalls)));
    });
    fixture.send(QStringLiteral("stall"));
    QTRY_COMPARE_WITH_TIMEOUT(fixture.received(), QStringLiteral("hellostall"), kTimeout);
    const int stallsTab = tabTitled(tabs, QStringLiteral("Stalls"));
    QVERIFY(stallsTab >= 0);
    tabs->setCurrentIndex(stallsTab);
    auto* view = panel.stallView();
    QTableView* stallTable = view->table();
    const auto hasOnTraffic = [&] {
        for (int r = 0; r < stallTable->model()->rowCount(); ++r) {
            const auto at = [&](int c) { return stallTable->model()->index(r, c).data(SnapshotModel::SortRole); };
            if (at(StallModel::Callback).toString() == QLatin1String("onTraffic")
                && at(StallModel::Connection).toULongLong() == id)
                return r;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasOnTraffic() >= 0, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(sawRed, kTimeout);
    const int row = hasOnTraffic();
    QCOMPARE(stallTable->model()->index(row, StallModel::Callback).data().toString(), QStringLiteral("onTraffic"));
    QVERIFY(stallTable->model()->index(row, StallModel::Factor).data(SnapshotModel::SortRole).toDouble() > 1.0);
    QVERIFY(view->summary()->text().contains(QStringLiteral("10 ms")));
    // The row is painted red, and a plain Loops cell is not (the check tells red from the rest).
    QVERIFY(hasRed(paintCell(stallTable, stallTable->model()->index(row, StallModel::CallbackMs))));
    QVERIFY(!hasRed(paintCell(panel.loopView(), panel.loopView()->model()->index(0, qgnet::LoopModel::Iterations))));
    QTest::qWait(200); // a frame with the rows, for the picture
    saveScreenshot(&panel, QStringLiteral("qgnet-inspector-widgets-stalls.png"));

    // Export CSV on the Stalls tab writes the stall rows with their column keys.
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("stalls.csv"));
    QString error;
    QVERIFY2(panel.exportCsv(csv, &error), qPrintable(error));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY2(text.startsWith("sequence,time,loop,iterationMs,factor,callback,callbackMs,connection"), text.constData());
    QVERIFY2(text.contains(",onTraffic,"), text.constData());

    panel.setFeed(nullptr);
    fixture.stop();
}

QGNET_GUI_TEST_MAIN(TestInspectorDetails)
#include "tst_inspector_details.moc"
