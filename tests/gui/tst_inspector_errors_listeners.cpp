// SPDX-License-Identifier: Apache-2.0
// The Widgets inspector's Errors and Listeners tabs, driven as a user would, over a live QtServer:
// clients that leave the greeting unread and close (ECONNRESET on the server), in two rounds, then
// connections over maxConnections (refused at accept).
// The tabs are found by their titles; their rows, summaries and states are checked against what the
// test did. With QGNET_SCREENSHOT_DIR set, both tabs are also saved there as PNG files.
#include <QFile>
#include <QLabel>
#include <QPixmap>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <poll.h>

#include "error_view.h"
#include "inspector_panel.h"
#include "listener_view.h"
#include "qgnet/qt/error_model.h"
#include "qgnet/qt/listener_model.h"
#include "qgnet/qt/qt_connection.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;
using namespace std::chrono_literals;
using qgnet::ErrorModel;
using qgnet::ListenerModel;
using qgnet::SnapshotModel;
using qgnet::inspector::InspectorPanel;

namespace {

constexpr int kTimeout = 20000;

/// tabTitled selects the tab with this title; false when there is none.
bool selectTab(QTabWidget* tabs, const QString& title)
{
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == title) {
            tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

/// rowWith is the first row of a view's model whose column holds text (display), or -1.
int rowWith(const QAbstractItemModel* model, int column, const QString& text)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, column).data().toString() == text)
            return r;
    return -1;
}

/// saveShot writes the panel as it is now to QGNET_SCREENSHOT_DIR/<name>, when that is set.
void saveShot(const QPixmap& shot, const char* name)
{
    const QString dir = qEnvironmentVariable("QGNET_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(shot.save(dir + QLatin1Char('/') + QLatin1String(name)));
}

} // namespace

class TestInspectorErrorsListeners : public QObject {
    Q_OBJECT
    LeakBaseline baseline_;

private Q_SLOTS:
    void tabsShowErrorsAndListeners();
};

void TestInspectorErrorsListeners::tabsShowErrorsAndListeners()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    qgnet::Options options;
    options.maxConnections = 3;
    options.listenBacklog = 64;
    server.setOptions(options);
    QObject::connect(&server, &qgnet::QtServer::connectionOpened, &server,
        [&server](const qgnet::QtConnection& c) { server.write(c.id(), QByteArrayLiteral("hello")); });
    QVERIFY(server.start());
    const std::string url = server.boundUrls().value(0).toStdString();

    InspectorPanel panel;
    panel.resize(1100, 300);
    panel.show();
    qgnet::LocalStatsFeed feed;
    feed.setInterval(50);
    panel.setFeed(&feed);
    feed.setServer(&server);
    ErrorModel* errors = panel.errorView()->model();
    ListenerModel* listeners = panel.listenerView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(listeners->rowCount() == 1, kTimeout); // the baseline is in

    // Five resets, in two rounds a few buckets apart, so that the strip shows them over time.
    std::string err;
    const auto resetOne = [&] {
        Fd c = connectUrl(url, deadlineIn(10s), err);
        QVERIFY2(c, err.c_str());
        pollfd p{c.get(), POLLIN, 0};
        QTRY_VERIFY_WITH_TIMEOUT(::poll(&p, 1, 0) == 1, kTimeout); // the greeting, left unread
    };
    for (int i = 0; i < 3; ++i)
        resetOne();
    QTRY_VERIFY_WITH_TIMEOUT(errors->total() == 3, kTimeout);
    const qsizetype bucketsBefore = errors->history(0).size();
    QTRY_VERIFY_WITH_TIMEOUT(errors->history(0).size() >= bucketsBefore + 3, kTimeout);
    for (int i = 0; i < 2; ++i)
        resetOne();
    QTRY_VERIFY_WITH_TIMEOUT(errors->total() == 5, kTimeout);

    // Over maxConnections: three held, two more are closed at accept.
    std::vector<Fd> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(connectUrl(url, deadlineIn(10s), err));
        QVERIFY2(held.back(), err.c_str());
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 3, kTimeout);
    for (int i = 0; i < 2; ++i) {
        Fd extra = connectUrl(url, deadlineIn(10s), err);
        QVERIFY2(extra, err.c_str());
        QTRY_VERIFY_WITH_TIMEOUT(waitForEnd(extra.get(), deadlineIn(0ms), err) != ReadEnd::Timeout, kTimeout);
    }

    // Errors tab: one row, ECONNRESET, 5 in all, with the summary line saying so.
    QVERIFY(selectTab(panel.tabs(), QStringLiteral("Errors")));
    QCOMPARE(panel.tabs()->currentWidget(), panel.errorView());
    const QAbstractItemModel* errorRows = panel.errorView()->table()->model();
    QTRY_COMPARE_WITH_TIMEOUT(errorRows->rowCount(), 1, kTimeout);
    const int reset = rowWith(errorRows, ErrorModel::Name, QStringLiteral("ECONNRESET"));
    QVERIFY(reset >= 0);
    QCOMPARE(errorRows->index(reset, ErrorModel::Kind).data().toString(), QStringLiteral("Socket"));
    QCOMPARE(errorRows->index(reset, ErrorModel::Total).data(SnapshotModel::SortRole).toULongLong(), 5ull);
    QCOMPARE(errorRows->index(reset, ErrorModel::Recent).data(SnapshotModel::SortRole).toDouble(), 5.0);
    QVERIFY2(panel.errorView()->summary()->text().startsWith(QStringLiteral("5 errors of 1 kind")),
        qPrintable(panel.errorView()->summary()->text()));
    // The strip has a hot cell for each round.
    int hot = 0;
    for (double v : errors->history(0))
        hot += v > 0 ? 1 : 0;
    QVERIFY2(hot >= 2, qPrintable(QString::number(hot)));
    saveShot(panel.grab(), "qgnet-inspector-widgets-errors.png");

    // Listeners tab: the address, the backlog, the accepted and refused connections.
    QVERIFY(selectTab(panel.tabs(), QStringLiteral("Listeners")));
    const QAbstractItemModel* listenerRows = panel.listenerView()->table()->model();
    QTRY_VERIFY_WITH_TIMEOUT(listenerRows->index(0, ListenerModel::Refused).data(SnapshotModel::SortRole).toULongLong()
            == 2,
        kTimeout);
    QCOMPARE(listenerRows->index(0, ListenerModel::Address).data().toString(), server.boundUrls().value(0));
    QCOMPARE(listenerRows->index(0, ListenerModel::Backlog).data(SnapshotModel::SortRole).toInt(), 64);
    QCOMPARE(listenerRows->index(0, ListenerModel::QueueDepth).data(SnapshotModel::SortRole).toInt(), 0);
    QCOMPARE(listenerRows->index(0, ListenerModel::Accepted).data(SnapshotModel::SortRole).toULongLong(), 10ull);
    QCOMPARE(listenerRows->index(0, ListenerModel::Loop).data().toString(), QStringLiteral("acceptor"));
    QVERIFY(panel.listenerView()->summary()->text().contains(QStringLiteral("waiting to be accepted")));
    saveShot(panel.grab(), "qgnet-inspector-widgets-listeners.png");

    // Export: the current tab's rows, with the columns' keys.
    QTemporaryDir dir;
    QString why;
    QVERIFY2(panel.exportCsv(dir.filePath(QStringLiteral("listeners.csv")), &why), qPrintable(why));
    QFile csv(dir.filePath(QStringLiteral("listeners.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("address,network,loop"));

    held.clear();
    panel.setFeed(nullptr);
    server.stop();
}

QGNET_GUI_TEST_MAIN(TestInspectorErrorsListeners)
#include "tst_inspector_errors_listeners.moc"
