// SPDX-License-Identifier: Apache-2.0
// The Widgets inspector driven as a user would: a demo engine in this process and a remote process
// endpoint as sources; pause, filters, sorting, export; the rows agree with the engine.
#include <atomic>
#include <memory>

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <netinet/in.h>

#include "actions_view.h"
#include "bridge_view.h"
#include "connection_filter.h"
#include "demo_engine.h"
#include "inspector_panel.h"
#include "inspector_window.h"
#include "qgnet/conn.h"
#include "qgnet/engine.h"
#include "qgnet/qt/bridge_health_model.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/inspector_endpoint.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/qt_client.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "qgnet_test_udp.h"

using qgnet::ConnectionModel;
using qgnet::LoopModel;
using qgnet::SnapshotModel;
using qgnet::inspector::InspectorPanel;
using qgnet::inspector::InspectorWindow;

namespace {

constexpr int kTimeout = 20000;

/// The sum of a loop-table column (the loop model, unsorted).
qint64 loopColumnSum(const QAbstractItemModel* model, int column)
{
    qint64 sum = 0;
    for (int r = 0; r < model->rowCount(); ++r)
        sum += model->index(r, column).data(SnapshotModel::SortRole).toLongLong();
    return sum;
}

/// Raw values of one column of a view's model, top to bottom.
QList<QVariant> columnValues(const QAbstractItemModel* model, int column)
{
    QList<QVariant> out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, column).data(SnapshotModel::SortRole);
    return out;
}

} // namespace

class TestInspector : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    void demoRowsAgreeWithEngine();
    void pauseAndResume();
    void filterAndSort();
    void exportCsvAndJson();
    void remoteAttach();
    void remoteWrongTokenIsRefused();
    void bridgeDropsShowInTheStatusBar();
    void bridgeTabShowsTheQtThread();
    void actionsAskForConfirmation();
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup();
};

void TestInspector::cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }

void TestInspector::demoRowsAgreeWithEngine()
{
    auto window = std::make_unique<InspectorWindow>();
    window->show();
    QVERIFY(window->startDemoEngine(4, 12, 0));
    qgnet::Engine* engine = window->demoEngine()->server()->engine();
    QVERIFY(engine);
    InspectorPanel* panel = window->panel();
    QTRY_COMPARE_WITH_TIMEOUT(engine->countConnections(), 12, kTimeout);
    // Every view that lists connections, and the loops' Connections column, match the engine.
    QTRY_COMPARE_WITH_TIMEOUT(panel->connectionView()->model()->rowCount(), engine->countConnections(), kTimeout);
    QCOMPARE(panel->connectionModel()->rowCount(), 12);
    QTRY_COMPARE_WITH_TIMEOUT(loopColumnSum(panel->loopModel(), LoopModel::Connections), qint64(12), kTimeout);
    QCOMPARE(panel->loopView()->model()->rowCount(), 4);
    QCOMPARE(panel->loopModel()->rowCount(), engine->loopCount());

    // Per loop: each connection row names a loop, and the loop table counts the same rows.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int loop = 0; loop < 4; ++loop) {
                int rows = 0;
                for (const QVariant& v : columnValues(panel->connectionModel(), ConnectionModel::Loop))
                    rows += v.toInt() == loop;
                const QModelIndex cell = panel->loopModel()->index(loop, LoopModel::Connections);
                if (cell.data(SnapshotModel::SortRole).toInt() != rows)
                    return false;
            }
            return true;
        }(),
        kTimeout);
    // Traffic moves the rates: some loop reads bytes.
    QTRY_VERIFY_WITH_TIMEOUT(loopColumnSum(panel->loopModel(), LoopModel::BytesInRate) > 0, kTimeout);
    QVERIFY(window->sourceText().contains(QStringLiteral("127.0.0.1")));
    QVERIFY(window->errorText().isEmpty());
}

void TestInspector::pauseAndResume()
{
    auto window = std::make_unique<InspectorWindow>();
    window->show();
    QVERIFY(window->startDemoEngine(2, 6, 0));
    qgnet::Engine* engine = window->demoEngine()->server()->engine();
    InspectorPanel* panel = window->panel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->connectionModel()->rowCount(), 6, kTimeout);

    // Pause through the toolbar action (right as a snapshot arrives, so the rows at the pause are
    // known to be a complete snapshot): the feed stops, the views keep their rows...
    connect(
        window->feed(), &qgnet::StatsFeed::snapshotReady, window.get(), [&window] { window->pauseAction()->trigger(); },
        Qt::SingleShotConnection);
    QTRY_VERIFY_WITH_TIMEOUT(window->feed()->isPaused(), kTimeout);
    const int rowsWhenPaused = panel->connectionModel()->rowCount();
    QCOMPARE(window->pauseAction()->text(), QStringLiteral("Resume"));
    QSignalSpy snapshots(window->feed(), &qgnet::StatsFeed::snapshotReady);
    window->demoEngine()->load()->stop();
    QTRY_COMPARE_WITH_TIMEOUT(engine->countConnections(), 0, kTimeout);
    // ...for several feed intervals after the engine changed: no snapshot, no change.
    QVERIFY(!snapshots.wait(5 * window->feed()->interval()));
    QCOMPARE(panel->connectionModel()->rowCount(), rowsWhenPaused);
    QCOMPARE(rowsWhenPaused, 6);
    QVERIFY(window->sourceText().contains(QStringLiteral("paused")));

    // Resume: the views catch up with the engine.
    window->pauseAction()->trigger();
    QVERIFY(!window->feed()->isPaused());
    QCOMPARE(window->pauseAction()->text(), QStringLiteral("Pause"));
    QTRY_COMPARE_WITH_TIMEOUT(panel->connectionModel()->rowCount(), 0, kTimeout);
    QVERIFY(snapshots.count() > 0);
}

void TestInspector::filterAndSort()
{
    auto window = std::make_unique<InspectorWindow>();
    window->show();
    QVERIFY(window->startDemoEngine(3, 9, 0));
    InspectorPanel* panel = window->panel();
    panel->tabs()->setCurrentIndex(InspectorPanel::ConnectionsTab);
    QTableView* view = panel->connectionView();
    QTRY_COMPARE_WITH_TIMEOUT(panel->connectionModel()->rowCount(), 9, kTimeout);
    // The load connects 9 to 3 loops with least-connections: 3 each.
    QTRY_COMPARE_WITH_TIMEOUT(panel->loopFilterBox()->count(), 4, kTimeout); // "All loops" + 3

    // Filter by loop through the combo box.
    panel->loopFilterBox()->setCurrentIndex(panel->loopFilterBox()->findData(1));
    QCOMPARE(view->model()->rowCount(), 3);
    for (const QVariant& v : columnValues(view->model(), ConnectionModel::Loop))
        QCOMPARE(v.toInt(), 1);
    panel->loopFilterBox()->setCurrentIndex(0);
    QCOMPARE(view->model()->rowCount(), 9);

    // Filter by protocol and state: every demo connection is open tcp.
    QTRY_VERIFY_WITH_TIMEOUT(panel->protocolFilterBox()->findData(QStringLiteral("tcp")) > 0, kTimeout);
    panel->protocolFilterBox()->setCurrentIndex(panel->protocolFilterBox()->findData(QStringLiteral("tcp")));
    QCOMPARE(view->model()->rowCount(), 9);
    QTRY_VERIFY_WITH_TIMEOUT(panel->stateFilterBox()->findData(QStringLiteral("open")) > 0, kTimeout);
    panel->stateFilterBox()->setCurrentIndex(panel->stateFilterBox()->findData(QStringLiteral("open")));
    QCOMPARE(view->model()->rowCount(), 9);

    // Filter by peer: typing one connection's port leaves that connection.
    const QString peer = view->model()->index(0, ConnectionModel::Peer).data().toString();
    const quint64 id = view->model()->index(0, ConnectionModel::Id).data(SnapshotModel::SortRole).toULongLong();
    QVERIFY(peer.contains(QLatin1Char(':')));
    QTest::keyClicks(panel->peerFilterEdit(), peer);
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, ConnectionModel::Id).data(SnapshotModel::SortRole).toULongLong(), id);
    panel->peerFilterEdit()->clear();
    QCOMPARE(view->model()->rowCount(), 9);

    // Sort by clicking a header: bytes in, numerically, both directions.
    QHeaderView* header = view->horizontalHeader();
    QTRY_VERIFY_WITH_TIMEOUT(loopColumnSum(view->model(), ConnectionModel::BytesIn) > 0, kTimeout);
    view->scrollTo(view->model()->index(0, ConnectionModel::BytesIn));
    const int xs = header->sectionViewportPosition(ConnectionModel::BytesIn)
        + header->sectionSize(ConnectionModel::BytesIn) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(xs, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(ConnectionModel::BytesIn));
    const auto sorted = [&](Qt::SortOrder order) {
        const QList<QVariant> values = columnValues(view->model(), ConnectionModel::BytesIn);
        for (qsizetype i = 1; i < values.size(); ++i) {
            const qulonglong a = values[i - 1].toULongLong();
            const qulonglong b = values[i].toULongLong();
            if (order == Qt::AscendingOrder ? a > b : a < b)
                return false;
        }
        return values.size() == 9;
    };
    // The order holds across live updates (dynamic sort).
    QVERIFY(sorted(header->sortIndicatorOrder()));
    QSignalSpy applied(panel, &InspectorPanel::snapshotApplied);
    QVERIFY(applied.wait(kTimeout));
    QVERIFY(sorted(header->sortIndicatorOrder()));
    const Qt::SortOrder first = header->sortIndicatorOrder();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(xs, header->height() / 2));
    QVERIFY(header->sortIndicatorOrder() != first);
    QVERIFY(sorted(header->sortIndicatorOrder()));
}

void TestInspector::exportCsvAndJson()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto window = std::make_unique<InspectorWindow>();
    window->show();
    QVERIFY(window->startDemoEngine(2, 4, 0));
    InspectorPanel* panel = window->panel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->connectionModel()->rowCount(), 4, kTimeout);

    // CSV of the Connections tab as filtered: header of column keys, one line per visible row.
    panel->tabs()->setCurrentIndex(InspectorPanel::ConnectionsTab);
    window->pauseAction()->trigger(); // a stable table to compare with
    panel->loopFilterBox()->setCurrentIndex(panel->loopFilterBox()->findData(0));
    const int visible = panel->connectionView()->model()->rowCount();
    QCOMPARE(visible, 2);
    QString error;
    const QString csvPath = dir.filePath(QStringLiteral("connections.csv"));
    QVERIFY2(panel->exportCsv(csvPath, &error), qPrintable(error));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), visible + 1);
    const QList<QByteArray> keys = lines[0].split(',');
    QCOMPARE(keys.size(), int(ConnectionModel::ColumnCount));
    QVERIFY(keys.contains("peer"));
    const auto loopColumn = keys.indexOf("loop");
    QVERIFY(loopColumn >= 0);
    for (int i = 1; i < lines.size(); ++i)
        QCOMPARE(lines[i].split(',').value(loopColumn), QByteArray("0"));

    // The Loops tab exports the loop table.
    panel->tabs()->setCurrentIndex(InspectorPanel::LoopsTab);
    const QString loopsPath = dir.filePath(QStringLiteral("loops.csv"));
    QVERIFY2(panel->exportCsv(loopsPath, &error), qPrintable(error));
    QFile loops(loopsPath);
    QVERIFY(loops.open(QIODevice::ReadOnly));
    QCOMPARE(loops.readAll().trimmed().split('\n').size(), 3);

    // JSON: the whole latest snapshot.
    const QString jsonPath = dir.filePath(QStringLiteral("snapshot.json"));
    QVERIFY2(panel->exportJson(jsonPath, &error), qPrintable(error));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.readAll(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QCOMPARE(doc.object().value(QStringLiteral("loops")).toArray().size(), 2);
    QCOMPARE(doc.object().value(QStringLiteral("connections")).toArray().size(), 4);

    // A path that cannot be written says so.
    QVERIFY(!panel->exportCsv(dir.filePath(QStringLiteral("missing/dir/x.csv")), &error));
    QVERIFY(!error.isEmpty());
}

void TestInspector::remoteAttach()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    server.setTrafficHandler([](qgnet::Conn& c) {
        c.write(c.next());
        return qgnet::Action::None;
    });
    qgnet::Options options = server.options();
    options.memoryBudget = 64u << 20;
    server.setOptions(options);
    QVERIFY(server.start());
    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    QVERIFY2(endpoint.listen(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("s3cret-token-of-24-bytes")),
        qPrintable(endpoint.errorString()));

    qgnet::QtClient client;
    for (int i = 0; i < 5; ++i)
        client.dial(server.boundUrls().first());
    QTRY_COMPARE_WITH_TIMEOUT(server.engine()->countConnections(), 5, kTimeout);

    auto window = std::make_unique<InspectorWindow>();
    window->show();
    window->attachRemote(endpoint.address(), QStringLiteral("s3cret-token-of-24-bytes"));
    QTRY_VERIFY_WITH_TIMEOUT(window->feed()->isActive(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(window->panel()->connectionView()->model()->rowCount(), 5, kTimeout);
    QCOMPARE(window->panel()->loopModel()->rowCount(), 2);
    QVERIFY(window->errorText().isEmpty());
    QVERIFY(window->sourceText().contains(endpoint.address()));
    // The memory budget crossed the wire: the Loops tab's line names it.
    const QString memoryLine = window->panel()->memoryLine()->text();
    QVERIFY2(memoryLine.contains(QStringLiteral("memory budget")) && memoryLine.contains(QStringLiteral("64.0 MiB")),
        qPrintable(memoryLine));

    // The remote view follows the engine.
    client.stop();
    QTRY_COMPARE_WITH_TIMEOUT(window->panel()->connectionModel()->rowCount(), 0, kTimeout);
    window.reset();
    endpoint.close();
    server.stop();
}

void TestInspector::remoteWrongTokenIsRefused()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    QVERIFY(server.start());
    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    QVERIFY(endpoint.listen(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("the-right-token-16+")));
    QSignalSpy refused(&endpoint, &qgnet::InspectorEndpoint::clientRefused);

    auto window = std::make_unique<InspectorWindow>();
    window->show();
    window->attachRemote(endpoint.address(), QStringLiteral("the-wrong-token-16+"));
    // The refusal shows in the window's error banner, and nothing is shown as data.
    QTRY_VERIFY_WITH_TIMEOUT(!window->errorText().isEmpty(), kTimeout);
    QVERIFY2(window->errorText().contains(QStringLiteral("token"), Qt::CaseInsensitive),
        qPrintable(window->errorText()));
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, kTimeout);
    QVERIFY(!window->feed()->isActive());
    QCOMPARE(window->panel()->loopModel()->rowCount(), 0);
    QVERIFY(window->sourceText().contains(QStringLiteral("not connected")));

    // The right token then works from the same window.
    window->attachRemote(endpoint.address(), QStringLiteral("the-right-token-16+"));
    QTRY_VERIFY_WITH_TIMEOUT(window->feed()->isActive(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(window->panel()->loopModel()->rowCount(), server.engine()->loopCount(), kTimeout);
    QVERIFY(window->errorText().isEmpty());
    window.reset();
    endpoint.close();
    server.stop();
}

// The datagrams a remote process's Qt bridge dropped (a UDP flood while its Qt thread was blocked)
// reach the inspector window's status bar through the endpoint.
void TestInspector::bridgeDropsShowInTheStatusBar()
{
    using namespace std::chrono_literals;
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("udp://127.0.0.1:0")});
    server.setDeliverData(true);
    server.setDeliveryLimit(4096);
    std::atomic<int> seen{0};
    server.setTrafficHandler([&seen](qgnet::Conn& c) {
        c.discard(c.inboundBuffered());
        ++seen;
        return qgnet::Action::None;
    });
    QVERIFY(server.start());
    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    const QString token = QStringLiteral("a-token-of-at-least-16-bytes");
    QVERIFY(endpoint.listen(QStringLiteral("tcp://127.0.0.1:0"), token));
    auto window = std::make_unique<InspectorWindow>();
    window->attachRemote(endpoint.address(), token);
    QTRY_VERIFY(window->feed()->isActive());

    std::string err;
    qgnet_test::Fd client = qgnet_test::udpSocket(AF_INET, err);
    QVERIFY2(client, err.c_str());
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<quint16>(QUrl(server.boundUrls().value(0)).port()));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::string payload(1000, 'u');
    for (int i = 0; i < 100; ++i) { // the Qt thread runs no events meanwhile
        QVERIFY2(qgnet_test::sendDatagram(client.get(), reinterpret_cast<const sockaddr*>(&to), sizeof to,
                     qgnet::asBytes(payload), qgnet_test::deadlineIn(10s), err),
            err.c_str());
        QGNET_WAIT_COMPARE(seen.load(), i + 1, 10000);
    }
    const quint64 dropped = server.droppedDatagrams();
    QVERIFY(dropped > 0);
    auto* label = window->findChild<QLabel*>(QStringLiteral("droppedLabel"));
    QVERIFY(label);
    QTRY_COMPARE(window->feed()->droppedDatagrams(), dropped);
    QTRY_VERIFY2(label->text().contains(QStringLiteral("%1 datagrams").arg(dropped)), qPrintable(label->text()));
    window.reset();
    server.stop();
}

// The Bridge tab (found by its title): the demo engine's bridge figures in the table and the
// headline, for the engine in this process. QGNET_SCREENSHOT_DIR set: the window is saved there.
void TestInspector::bridgeTabShowsTheQtThread()
{
    auto window = std::make_unique<InspectorWindow>();
    window->resize(1100, 640);
    window->show();
    QVERIFY(window->startDemoEngine(2, 6, 0));
    InspectorPanel* panel = window->panel();
    int tab = -1;
    for (int i = 0; i < panel->tabs()->count(); ++i)
        tab = panel->tabs()->tabText(i) == QStringLiteral("Bridge") ? i : tab;
    QVERIFY(tab >= 0);
    panel->tabs()->setCurrentIndex(tab);
    QCOMPARE(panel->tabs()->currentWidget(), panel->bridgeView());
    auto* table = panel->bridgeView()->findChild<QTableView*>(QStringLiteral("bridgeTable"));
    auto* summary = panel->bridgeView()->findChild<QLabel*>(QStringLiteral("bridgeSummary"));
    QVERIFY(table && summary);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), int(qgnet::BridgeHealthModel::RowCount), kTimeout);
    // The demo's connections open through the bridge: items were delivered in batches.
    const auto valueOf = [panel](const char* key) {
        const qgnet::BridgeHealthModel* m = panel->bridgeModel();
        return m->index(m->rowOf(QLatin1String(key)), qgnet::BridgeHealthModel::Value)
            .data(SnapshotModel::SortRole)
            .toDouble();
    };
    QTRY_VERIFY_WITH_TIMEOUT(valueOf("itemsDelivered") >= 6 && valueOf("maxBatch") >= 1, kTimeout);
    QVERIFY(valueOf("maxDrainLatencyNs") > 0);
    QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("lags")), qPrintable(summary->text()), kTimeout);
    QCOMPARE(table->model()->index(qgnet::BridgeHealthModel::Lag, qgnet::BridgeHealthModel::Measure).data().toString(),
        QStringLiteral("Qt thread lag now"));
    if (const QString dir = qEnvironmentVariable("QGNET_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QTRY_VERIFY_WITH_TIMEOUT(panel->connectionModel()->rowCount() == 6, kTimeout);
        QVERIFY(window->grab().save(dir + QStringLiteral("/qgnet-inspector-widgets-bridge.png")));
    }
}

// The Actions tab on the demo engine: off until the feed allows actions; then each button opens a
// confirmation, Cancel changes nothing, Yes changes the engine (pause and resume accepting, the
// policy, the water marks, closing the connection selected in the Connections tab).
void TestInspector::actionsAskForConfirmation()
{
    auto window = std::make_unique<InspectorWindow>();
    window->resize(1100, 640);
    window->show();
    QVERIFY(window->startDemoEngine(2, 3, 0));
    qgnet::Engine* engine = window->demoEngine()->server()->engine();
    InspectorPanel* panel = window->panel();
    int tab = -1;
    for (int i = 0; i < panel->tabs()->count(); ++i)
        tab = panel->tabs()->tabText(i) == QStringLiteral("Actions") ? i : tab;
    QVERIFY(tab >= 0);
    panel->tabs()->setCurrentIndex(tab);
    qgnet::inspector::ActionsView* view = panel->actionsView();
    auto* pause = view->findChild<QPushButton*>(QStringLiteral("pauseAcceptingButton"));
    auto* resume = view->findChild<QPushButton*>(QStringLiteral("resumeAcceptingButton"));
    auto* policyButton = view->findChild<QPushButton*>(QStringLiteral("applyPolicyButton"));
    auto* policyBox = view->findChild<QComboBox*>(QStringLiteral("policyBox"));
    auto* marksButton = view->findChild<QPushButton*>(QStringLiteral("applyWaterMarksButton"));
    auto* high = view->findChild<QSpinBox*>(QStringLiteral("highWaterBox"));
    auto* low = view->findChild<QSpinBox*>(QStringLiteral("lowWaterBox"));
    auto* close = view->findChild<QPushButton*>(QStringLiteral("closeConnectionButton"));
    auto* state = view->findChild<QLabel*>(QStringLiteral("actionsState"));
    QVERIFY(pause && resume && policyButton && policyBox && marksButton && high && low && close && state);
    QVERIFY(!pause->isEnabled()); // the feed does not allow actions yet
    QVERIFY(state->text().startsWith(QStringLiteral("Actions are off")));

    auto* feed = qobject_cast<qgnet::LocalStatsFeed*>(window->feed());
    QVERIFY(feed);
    feed->setActionsAllowed(true);
    QVERIFY(pause->isEnabled());
    const auto answer = [view](QMessageBox::StandardButton which) {
        QMessageBox* box = view->confirmation();
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QCOMPARE(box->objectName(), QStringLiteral("confirmAction"));
        QTest::mouseClick(box->button(which), Qt::LeftButton);
        QTRY_VERIFY(!view->confirmation());
    };

    // Cancel: nothing happens.
    QTest::mouseClick(pause, Qt::LeftButton);
    answer(QMessageBox::Cancel);
    QCOMPARE(view->resultLabel()->text(), QStringLiteral("Cancelled."));
    QVERIFY(!engine->isAcceptingPaused());

    // Yes: accepting pauses, then resumes. The confirmation is what the screenshot shows.
    QTest::mouseClick(pause, Qt::LeftButton);
    if (const QString dir = qEnvironmentVariable("QGNET_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QMessageBox* box = view->confirmation();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QImage shot = window->grab().toImage();
        const QPixmap dialog = box->grab();
        QPainter painter(&shot);
        painter.fillRect(shot.rect(), QColor(0, 0, 0, 60));
        painter.drawPixmap((shot.width() - dialog.width()) / 2, (shot.height() - dialog.height()) / 2, dialog);
        painter.end();
        QVERIFY(shot.save(dir + QStringLiteral("/qgnet-inspector-widgets-actions.png")));
    }
    answer(QMessageBox::Yes);
    QTRY_VERIFY(engine->isAcceptingPaused());
    QTRY_COMPARE(view->resultLabel()->text(), QStringLiteral("Done."));
    QTest::mouseClick(resume, Qt::LeftButton);
    answer(QMessageBox::Yes);
    QTRY_VERIFY(!engine->isAcceptingPaused());

    // The policy and the water marks.
    policyBox->setCurrentIndex(policyBox->findData(QStringLiteral("source-addr-hash")));
    QTest::mouseClick(policyButton, Qt::LeftButton);
    answer(QMessageBox::Yes);
    QTRY_VERIFY(engine->loadBalancing() == qgnet::LoadBalancing::SourceAddrHash);
    high->setValue(16);
    low->setValue(4);
    QTest::mouseClick(marksButton, Qt::LeftButton);
    answer(QMessageBox::Yes);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto s = engine->snapshot();
            return !s.connections.empty() && s.connections.front().highWater == 16 * 1024;
        }(),
        kTimeout);

    // Close the connection selected in the Connections tab.
    QTRY_COMPARE_WITH_TIMEOUT(panel->connectionView()->model()->rowCount(), 3, kTimeout);
    const int before = engine->countConnections();
    panel->connectionView()->selectRow(0);
    QVERIFY(!view->findChild<QLineEdit*>(QStringLiteral("connectionIdEdit"))->text().isEmpty());
    QTest::mouseClick(close, Qt::LeftButton);
    answer(QMessageBox::Cancel);
    QCOMPARE(engine->countConnections(), before);
    QTest::mouseClick(close, Qt::LeftButton);
    answer(QMessageBox::Yes);
    QTRY_COMPARE(view->resultLabel()->text(), QStringLiteral("Done."));
}

QGNET_GUI_TEST_MAIN(TestInspector)
#include "tst_inspector.moc"
