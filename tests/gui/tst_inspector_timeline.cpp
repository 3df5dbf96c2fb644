// SPDX-License-Identifier: Apache-2.0
// The Widgets inspector's Timeline tab driven as a user would: select a connection in the
// Connections tab, open the Timeline tab, watch its traffic and close arrive; leaving the tab ends
// the watch. With QGNET_SCREENSHOT_DIR set, the filled tab is saved as
// qgnet-inspector-widgets-timeline.png there.
#include <QDateTime>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "inspector_panel.h"
#include "qgnet/engine.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet/qt/timeline_model.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "timeline_view.h"

using namespace qgnet_test;
using namespace std::chrono_literals;
using qgnet::inspector::InspectorPanel;
using qgnet::inspector::TimelineView;

namespace {

constexpr int kTimeout = 20000;

int tabTitled(QTabWidget* tabs, const QString& title)
{
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i) == title)
            return i;
    return -1;
}

QStringList kindsOf(const qgnet::TimelineModel& model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.kindKey(r);
    return out;
}

} // namespace

class TestInspectorTimeline : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void selectWatchAndLeave();
};

void TestInspectorTimeline::selectWatchAndLeave()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    server.setDeliverData(true);
    connect(&server, &qgnet::QtServer::dataReceived, &server,
        [](const qgnet::QtConnection& c, const QByteArray& data) { (void)c.write(data); });
    QVERIFY(server.start());
    std::string err;
    Fd other = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(other, err.c_str());
    Fd client = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(client, err.c_str());
    QTRY_COMPARE(server.connectionCount(), 2);

    auto panel = std::make_unique<InspectorPanel>();
    qgnet::LocalStatsFeed feed;
    feed.setInterval(50);
    panel->setFeed(&feed);
    feed.setServer(&server);
    panel->resize(1100, 560);
    panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel.get()));

    // Select the client's row (found by its port) in the Connections tab.
    QTabWidget* tabs = panel->tabs();
    const int connectionsTab = tabTitled(tabs, InspectorPanel::tr("Connections"));
    const int timelineTab = tabTitled(tabs, InspectorPanel::tr("Timeline"));
    QVERIFY(connectionsTab >= 0 && timelineTab >= 0);
    tabs->setCurrentIndex(connectionsTab);
    QTableView* table = panel->connectionView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, kTimeout);
    const QString port = QStringLiteral(":%1").arg(localPort(client.get()));
    int row = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, qgnet::ConnectionModel::Peer).data().toString().endsWith(port))
            row = r;
    QVERIFY(row >= 0);
    const quint64 id
        = table->model()->index(row, qgnet::ConnectionModel::Id).data(qgnet::SnapshotModel::SortRole).toULongLong();
    table->selectRow(row);

    TimelineView* view = panel->timelineView();
    QCOMPARE(view->connectionId(), id);
    qgnet::TimelineModel* model = view->model();
    QVERIFY(!model->isWatching()); // not visible yet: nobody looks, nothing is recorded
    tabs->setCurrentIndex(timelineTab);
    QTRY_VERIFY(model->isWatching());
    QCOMPARE(feed.watchedConnections(), std::vector<std::uint64_t>{id});
    QTRY_VERIFY_WITH_TIMEOUT(kindsOf(*model).contains(QStringLiteral("watched")), kTimeout);

    // Bursts of echo, each waited for until the timeline counts it both ways.
    qint64 sent = 0;
    for (int i = 0; i < 5; ++i) {
        // Each burst in a window of its own, so the table shows several traffic rows: wait until
        // the newest row's 100 ms window has passed (the bytes and kinds checked do not depend on it).
        const QDateTime last = model->index(model->rowCount() - 1, qgnet::TimelineModel::Time)
                                   .data(qgnet::SnapshotModel::SortRole)
                                   .toDateTime();
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTime() > last.addMSecs(150), kTimeout);
        const std::string burst(static_cast<std::size_t>(2000 + 1500 * i), 'x');
        QGNET_VERIFY_ERR(sendAll(client.get(), burst, deadlineIn(10s), err), err);
        sent += static_cast<qint64>(burst.size());
        // The echo runs on this thread (dataReceived), so wait with the event loop running; the
        // echoed bytes stay in the client's receive buffer (at most 25 KB).
        QTRY_VERIFY_WITH_TIMEOUT(model->totalBytesIn() == sent && model->totalBytesOut() == sent, kTimeout);
    }
    QCOMPARE(kindsOf(*model).mid(0, 2), (QStringList{"opened", "watched"}));
    QCOMPARE(view->table()->model()->rowCount(), model->rowCount());
    QVERIFY2(view->summary()->text().contains(QString::number(id)), qPrintable(view->summary()->text()));

    // Everything was echoed (the timeline counted it out): it is in the client's buffer already.
    std::vector<std::byte> echoed;
    QGNET_VERIFY_ERR(recvExact(client.get(), echoed, static_cast<std::size_t>(sent), deadlineIn(10s), err), err);
    client = Fd();
    QTRY_VERIFY_WITH_TIMEOUT(model->isClosed(), kTimeout);
    QCOMPARE(kindsOf(*model).back(), QStringLiteral("closed"));
    QVERIFY2(view->summary()->text().contains(TimelineView::tr("closed")), qPrintable(view->summary()->text()));
    if (const QString dir = qEnvironmentVariable("QGNET_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(panel->grab().save(dir + QStringLiteral("/qgnet-inspector-widgets-timeline.png")));

    // Back to the Connections tab: the Timeline is hidden and nobody watches any more.
    tabs->setCurrentIndex(connectionsTab);
    QTRY_VERIFY(!model->isWatching());
    QVERIFY(feed.watchedConnections().empty());
    qgnet::SnapshotRequest request;
    request.timelines = {id};
    QTRY_VERIFY(server.engine()->snapshot(request).timelines.empty());

    panel.reset();
    other = Fd();
    server.stop();
}

QGNET_GUI_TEST_MAIN(TestInspectorTimeline)
#include "tst_inspector_timeline.moc"
