// SPDX-License-Identifier: Apache-2.0
// The demo window's view of its status page: after real requests over a socket, the table lists each
// route with its request count and the WebSocket sessions line shows the server's count.
#include <QLabel>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include "demo_server.h"
#include "http_routes_view.h"
#include "qgnet_test_qt.h"

using qgnet::demo::DemoServer;
using qgnet::demo::HttpRoutesView;

class TestDemoRoutesView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countsFollowRequests()
    {
        DemoServer server;
        QVERIFY2(server.start(QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("tcp://127.0.0.1:0"), 1),
            qPrintable(server.errorString()));
        HttpRoutesView view(server.http());
        QTableWidget* table = view.table();
        QCOMPARE(table->rowCount(), 5); // "/", "/index.html", "/stats.json", "/metrics", the 404 catch-all
        QCOMPARE(table->item(2, 1)->text(), QStringLiteral("/stats.json"));
        QCOMPARE(table->item(2, 3)->text(), QStringLiteral("0"));

        QTcpSocket http;
        const QUrl u(server.httpUrl());
        http.connectToHost(u.host(), static_cast<quint16>(u.port()));
        QVERIFY(http.waitForConnected(10000));
        http.write(
            "GET /stats.json HTTP/1.1\r\nHost: localhost\r\n\r\nGET /stats.json HTTP/1.1\r\nHost: localhost\r\n\r\n"
            "GET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray all;
        while (all.count("HTTP/1.1 ") < 3 && http.waitForReadyRead(10000))
            all += http.readAll();
        QCOMPARE(all.count("HTTP/1.1 "), 3);
        view.refresh();
        QCOMPARE(table->item(2, 3)->text(), QLocale().toString(2));
        QCOMPARE(table->item(3, 3)->text(), QLocale().toString(0));
        QCOMPARE(table->item(4, 3)->text(), QLocale().toString(1));
        QCOMPARE(table->item(2, 0)->text(), QStringLiteral("GET"));
        QVERIFY(view.sessionsLabel()->text().endsWith(QLatin1String("0")));
    }
    void cleanupTestCase() { QGNET_VERIFY_NO_LIVE_OBJECTS(); }
};

QTEST_MAIN(TestDemoRoutesView)
#include "tst_demo_routes_view.moc"
