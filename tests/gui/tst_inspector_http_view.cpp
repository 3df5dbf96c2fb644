// SPDX-License-Identifier: Apache-2.0
// The Widgets inspector's HTTP tab (found by its title): after real requests to the demo's status
// page, it lists each route with its request count and the WebSocket sessions, read through the
// feed (the same HttpStats an endpoint sends). With QGNET_SCREENSHOT set, it saves the tab there.
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include "demo_server.h"
#include "http_view.h"
#include "inspector_panel.h"
#include "qgnet/qt/http_route_model.h"
#include "qgnet_test_qt.h"

using qgnet::demo::DemoServer;
using qgnet::inspector::HttpView;
using qgnet::inspector::InspectorPanel;

class TestInspectorHttpView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void routesAndCountsInTheHttpTab()
    {
        DemoServer server;
        QVERIFY2(server.start(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("tcp://127.0.0.1:0"), 2),
            qPrintable(server.errorString()));
        InspectorPanel panel;
        panel.resize(1000, 420);
        server.feed()->setInterval(20);
        panel.setFeed(server.feed());
        int tab = -1;
        for (int i = 0; i < panel.tabs()->count(); ++i)
            if (panel.tabs()->tabText(i) == QLatin1String("HTTP"))
                tab = i;
        QVERIFY(tab >= 0);
        panel.tabs()->setCurrentIndex(tab);
        auto* view = qobject_cast<HttpView*>(panel.tabs()->widget(tab));
        QVERIFY(view);
        QTRY_COMPARE(view->model()->rowCount(), 5); // "/", "/index.html", "/stats.json", "/metrics", the 404 catch-all

        QTcpSocket http;
        const QUrl u(server.httpUrl());
        http.connectToHost(u.host(), static_cast<quint16>(u.port()));
        QVERIFY(http.waitForConnected(10000));
        http.write("GET /stats.json HTTP/1.1\r\nHost: localhost\r\n\r\nGET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                   "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\nGET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray all;
        while (all.count("HTTP/1.1 ") < 4 && http.waitForReadyRead(10000))
            all += http.readAll();
        QCOMPARE(all.count("HTTP/1.1 "), 4);
        const QAbstractItemModel* m = view->table()->model();
        QTRY_COMPARE(m->data(m->index(2, qgnet::HttpRouteModel::Requests)).toString(), QLocale().toString(1));
        QCOMPARE(m->data(m->index(2, qgnet::HttpRouteModel::Pattern)).toString(), QStringLiteral("/stats.json"));
        QCOMPARE(m->data(m->index(0, qgnet::HttpRouteModel::Requests)).toString(), QLocale().toString(1));
        QCOMPARE(m->data(m->index(1, qgnet::HttpRouteModel::Requests)).toString(), QLocale().toString(0));
        QCOMPARE(m->data(m->index(4, qgnet::HttpRouteModel::Requests)).toString(), QLocale().toString(1));
        QCOMPARE(m->data(m->index(2, qgnet::HttpRouteModel::RunsOn)).toString(), QStringLiteral("loop threads"));
        QVERIFY2(view->sessionsLabel()->text() == QStringLiteral("WebSocket sessions: 0"),
            qPrintable(view->sessionsLabel()->text()));

        if (const QByteArray dir = qgetenv("QGNET_SCREENSHOT"); !dir.isEmpty())
            QVERIFY(
                panel.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/qgnet-inspector-widgets-http.png")));

        // A feed without an HTTP source says so.
        server.feed()->setHttpStatsSource({});
        QTRY_VERIFY(!view->model()->isAvailable());
        QCOMPARE(view->model()->rowCount(), 0);
        QCOMPARE(view->sessionsLabel()->text(), QStringLiteral("This source reports no HTTP server."));
        panel.setFeed(nullptr);
    }
    void cleanupTestCase() { QGNET_VERIFY_NO_LIVE_OBJECTS(); }
};

QTEST_MAIN(TestInspectorHttpView)
#include "tst_inspector_http_view.moc"
