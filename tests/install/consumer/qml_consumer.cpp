// SPDX-License-Identifier: Apache-2.0
// A QML application built against an installed QGnet: it makes a QtServer in C++, hands it to QML,
// and the installed QGnet.Inspector's InspectorView shows it. That works only when the QML plugin and
// the application share one libqgnet-qt.so: a plugin with its own copy of the bridge has its own
// QtServer type, which QML would refuse for the `server` property. It waits until the inspector's
// connection table lists the three clients it opened, then saves a screenshot.
// Usage: qml-consumer <QML import dir> <screenshot.png>
#include <QAbstractItemModel>
#include <QGuiApplication>
#include <QHostAddress>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <memory>
#include <vector>

#include <qgnet/qt/qt_server.h>

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: qml-consumer <QML import dir> <screenshot.png>\n");
        return 2;
    }
    const QString importDir = QString::fromLocal8Bit(argv[1]);
    const QString screenshot = QString::fromLocal8Bit(argv[2]);

    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    server.setDeliverData(true);
    QObject::connect(&server, &qgnet::QtServer::dataReceived, &server,
        [](const qgnet::QtConnection& c, const QByteArray& data) { c.write(data); });
    if (!server.start()) {
        std::fprintf(stderr, "qml-consumer: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    constexpr int clientCount = 3;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < clientCount; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket* s = socket.get();
        QObject::connect(s, &QTcpSocket::connected, s, [s, i] { s->write(QByteArray(1000 * (i + 1), 'x')); });
        s->connectToHost(QHostAddress::LocalHost, static_cast<quint16>(QUrl(server.boundUrls().value(0)).port()));
        clients.push_back(std::move(socket));
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(importDir);
    engine.setInitialProperties({{QStringLiteral("server"), QVariant::fromValue(&server)}});
    engine.load(QUrl(QStringLiteral("qrc:/qml_consumer/main.qml")));
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "qml-consumer: main.qml did not load (import path %s)\n", qPrintable(importDir));
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    QObject* view = window ? window->findChild<QObject*>(QStringLiteral("inspector")) : nullptr;
    auto* connections = view ? view->property("connectionModel").value<QAbstractItemModel*>() : nullptr;
    if (!connections || window->property("server").value<qgnet::QtServer*>() != &server) {
        std::fprintf(stderr, "qml-consumer: QML did not take the C++ QtServer (or no InspectorView)\n");
        return 1;
    }

    // The feed polls at 10 Hz: check each 50 ms whether the table lists our clients, for up to 20 s.
    int rc = 1;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (connections->rowCount() < clientCount)
            return;
        poll.stop();
        // A few more frames, so the charts have drawn what the feed has delivered.
        QTimer::singleShot(1500, &app, [&] {
            const QImage image = window->grabWindow();
            rc = !image.isNull() && image.save(screenshot) ? 0 : 1;
            std::printf("qml-consumer: InspectorView shows the C++ QtServer (%d connections); screenshot %s: %s\n",
                connections->rowCount(), qPrintable(screenshot), rc == 0 ? "saved" : "FAILED");
            app.quit();
        });
    });
    poll.start(50);
    QTimer::singleShot(20000, &app, [&] {
        std::fprintf(stderr, "qml-consumer: the inspector shows %d connections after 20 s, expected %d\n",
            connections->rowCount(), clientCount);
        app.quit();
    });
    app.exec();
    clients.clear();
    server.stop();
    return rc;
}
