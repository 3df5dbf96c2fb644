// SPDX-License-Identifier: Apache-2.0
// A QtHttpServer's route counts and WebSocket sessions in the inspector protocol: the "http" map's
// codec (round trip, an older endpoint's answer without it, limits on what a peer may send), and an
// endpoint serving a live QtHttpServer to a RemoteStatsFeed, shown by HttpRouteModel as in-process.
#include <QCborArray>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <qgnet/qt/http_route_model.h>
#include <qgnet/qt/http_stats.h>
#include <qgnet/qt/inspector_endpoint.h>
#include <qgnet/qt/qt_http_server.h>
#include <qgnet/qt/remote_stats_feed.h>

#include "http_test_client.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;

namespace {

const QString Token = QStringLiteral("s3cret-token-of-24-bytes");

// rowsOf renders an HttpRouteModel's rows as text, cell by cell.
QStringList rowsOf(const qgnet::HttpRouteModel& model)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(); ++c)
            cells << model.data(model.index(r, c)).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

} // namespace

class TestQtInspectorHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { QGNET_VERIFY_NO_LIVE_OBJECTS(); }

    void codecRoundTripAndOlderPeers()
    {
        qgnet::HttpStats stats;
        stats.present = true;
        stats.routes = {{QStringLiteral("GET"), QStringLiteral("/stats.json"), 12, false},
            {QStringLiteral("POST"), QStringLiteral("/items/{id}"), 0, true}};
        stats.webSocketSessions = 3;
        const QCborValue wire = QCborValue::fromCbor(QCborValue(qgnet::httpStatsToCbor(stats)).toCbor());
        QString error;
        const std::optional<qgnet::HttpStats> back = qgnet::httpStatsFromCbor(wire, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == stats);

        // Forward compatible: unknown keys are ignored; a map without routes is an HTTP server without any.
        QCborMap sparse;
        sparse.insert(QStringLiteral("webSocketSessions"), 1);
        sparse.insert(QStringLiteral("future"), QStringLiteral("ignored"));
        const auto fromSparse = qgnet::httpStatsFromCbor(sparse);
        QVERIFY(
            fromSparse && fromSparse->present && fromSparse->routes.isEmpty() && fromSparse->webSocketSessions == 1);
        // A count sent as a double that fits is read as an integer (cborInteger).
        QCborMap route;
        route.insert(QStringLiteral("method"), QStringLiteral("GET"));
        route.insert(QStringLiteral("pattern"), QStringLiteral("/"));
        route.insert(QStringLiteral("requests"), 7.0);
        QCborMap withDouble;
        withDouble.insert(QStringLiteral("routes"), QCborArray{route});
        const auto fromDouble = qgnet::httpStatsFromCbor(withDouble);
        QVERIFY(fromDouble && fromDouble->routes.size() == 1 && fromDouble->routes[0].requests == 7);
    }

    void codecRefusesWhatAPeerMustNotSend()
    {
        const auto refused = [](const QCborValue& v) {
            QString error;
            const bool ok = qgnet::httpStatsFromCbor(v, &error).has_value();
            return !ok && !error.isEmpty();
        };
        QVERIFY(refused(QCborValue(5)));
        QCborMap m;
        m.insert(QStringLiteral("webSocketSessions"), -1);
        QVERIFY(refused(m));
        m.insert(QStringLiteral("webSocketSessions"), 1e300); // a double outside qint64: no undefined cast
        QVERIFY(refused(m));
        m.insert(QStringLiteral("webSocketSessions"), QStringLiteral("3"));
        QVERIFY(refused(m));
        m.remove(QStringLiteral("webSocketSessions"));
        m.insert(QStringLiteral("routes"), QStringLiteral("not an array"));
        QVERIFY(refused(m));
        QCborMap route;
        route.insert(QStringLiteral("method"), QStringLiteral("GET"));
        route.insert(QStringLiteral("pattern"), QString(qgnet::MaxHttpStatsText + 1, QLatin1Char('a')));
        route.insert(QStringLiteral("requests"), 1);
        m.insert(QStringLiteral("routes"), QCborArray{route});
        QVERIFY(refused(m));
        route.insert(QStringLiteral("pattern"), QStringLiteral("/"));
        route.insert(QStringLiteral("requests"), -5);
        m.insert(QStringLiteral("routes"), QCborArray{route});
        QVERIFY(refused(m));
        // Bounded: one route more than the limit is refused before anything is kept.
        route.insert(QStringLiteral("requests"), 1);
        QCborArray many;
        for (qsizetype i = 0; i <= qgnet::MaxHttpStatsRoutes; ++i)
            many.append(route);
        m.insert(QStringLiteral("routes"), many);
        QVERIFY(refused(m));
        many.removeLast();
        m.insert(QStringLiteral("routes"), many);
        QVERIFY(!refused(m));
    }

    // A live QtHttpServer behind an endpoint: the remote feed shows its routes with their counts and its
    // WebSocket sessions, as the in-process feed does.
    void endpointServesRouteCounts()
    {
        qgnet::QtHttpServer http;
        qgnet::Options o = http.server()->options();
        o.backend = requestedBackend();
        o.numEventLoop = 2;
        http.server()->setOptions(o);
        http.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
        http.route("GET", "/hello",
            [](qgnet::http::Request&, qgnet::http::Response& res) { res.send(200, "text/plain", "hello"); });
        http.routeToThread("POST", "/items/{id}");
        http.webSocket("/ws");
        QVERIFY2(http.start(), qPrintable(http.errorString()));

        qgnet::InspectorEndpoint endpoint;
        endpoint.setServer(http.server());
        endpoint.setHttpStatsSource([&http] { return http.httpStats(); });
        QVERIFY2(endpoint.listen(QStringLiteral("tcp://127.0.0.1:0"), Token), qPrintable(endpoint.errorString()));
        qgnet::LocalStatsFeed local;
        qgnet::RemoteStatsFeed remote;
        qgnet::HttpRouteModel localModel, remoteModel;
        localModel.setFeed(&local);
        remoteModel.setFeed(&remote);
        local.setInterval(20);
        remote.setInterval(20);
        local.setServer(http.server());
        local.setHttpStatsSource([&http] { return http.httpStats(); });
        QSignalSpy remoteErrors(&remote, &qgnet::StatsFeed::errorOccurred);
        remote.attach(endpoint.address(), Token);
        QTRY_VERIFY(remote.isActive());
        QTRY_VERIFY(remoteModel.isAvailable());
        QCOMPARE(remoteModel.rowCount(), 2);

        HttpTestClient client;
        std::string err;
        QVERIFY2(client.connect(http.httpUrls()[0].toStdString(), err), err.c_str());
        QVERIFY(client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\nGET /hello HTTP/1.1\r\nHost: h\r\n\r\n"
                            "GET /hello HTTP/1.1\r\nHost: h\r\n\r\n",
            err));
        for (int i = 0; i < 3; ++i) {
            HttpResponse r;
            QVERIFY2(client.readResponse(r, err), err.c_str());
        }
        HttpTestClient ws;
        QVERIFY2(ws.connect(http.httpUrls()[0].toStdString(), err), err.c_str());
        HttpResponse upgraded;
        QVERIFY2(ws.upgrade("/ws", upgraded, err), err.c_str());
        QCOMPARE(upgraded.status, 101);

        QTRY_COMPARE(remoteModel.webSocketSessions(), 1);
        QTRY_COMPARE(remoteModel
                         .data(remoteModel.index(0, qgnet::HttpRouteModel::Requests),
                             qgnet::HttpRouteModel::RequestsRole)
                         .toDouble(),
            3.0);
        QTRY_COMPARE(rowsOf(remoteModel), rowsOf(localModel));
        QCOMPARE(remoteModel.data(remoteModel.index(1, 0), qgnet::HttpRouteModel::PatternRole).toString(),
            QStringLiteral("/items/{id}"));
        QVERIFY(remoteModel.data(remoteModel.index(1, 0), qgnet::HttpRouteModel::OnThreadRole).toBool());
        QCOMPARE(remoteModel.headerData(qgnet::HttpRouteModel::Requests, Qt::Horizontal).toString(),
            QStringLiteral("Requests"));
        QCOMPARE(remoteErrors.size(), 0);

        // An endpoint without a source (or an older one) sends no "http": the model has nothing to show.
        endpoint.setHttpStatsSource({});
        QTRY_VERIFY(!remoteModel.isAvailable());
        QCOMPARE(remoteModel.rowCount(), 0);
        QCOMPARE(remoteErrors.size(), 0);
        remote.detach();
        http.stop();
    }
};

QGNET_TEST_MAIN(TestQtInspectorHttp)
#include "tst_qt_inspector_http.moc"
