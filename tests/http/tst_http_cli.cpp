// SPDX-License-Identifier: Apache-2.0
// The qgnet-http example as a black box, on the backend QGNET_BACKEND names: it prints "listening on
// <url>"; GET /plaintext and /json answer TechEmpower's bodies; --root serves files and refuses to
// leave the root; /ws echoes (also with --edge-triggered); SIGTERM ends it with status 0; a bad flag
// exits 2.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fstream>

#include "http_test_client.h"
#include "qgnet/version.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;

class TestHttpCli : public QObject {
    Q_OBJECT

    static bool readListeningUrl(QProcess& p, std::string& url, std::string& err)
    {
        const Deadline deadline = deadlineIn(std::chrono::seconds(30));
        while (Clock::now() < deadline && p.state() == QProcess::Running) {
            while (p.canReadLine()) {
                const QByteArray line = p.readLine().trimmed();
                if (line.startsWith("listening on ")) {
                    url = line.mid(13).toStdString();
                    return true;
                }
            }
            p.waitForReadyRead(100); // waits for output, returns as soon as a line comes
        }
        err = "no 'listening on' line";
        return false;
    }

private slots:
    void serves_data()
    {
        QTest::addColumn<bool>("edgeTriggered");
        QTest::newRow("level-triggered") << false;
        QTest::newRow("--edge-triggered") << true;
    }

    void serves()
    {
        QFETCH(bool, edgeTriggered);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir("root"));
        std::ofstream((dir.filePath("root/index.html")).toStdString()) << "<h1>hi</h1>";
        std::ofstream((dir.filePath("outside.txt")).toStdString()) << "secret";

        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList args{"--listen", "tcp://127.0.0.1:0", "--loops", "2", "--backend",
            QString::fromStdString(std::string(qgnet::toString(requestedBackend()))), "--root", dir.filePath("root")};
        if (edgeTriggered)
            args << "--edge-triggered";
        p.start(QGNET_HTTP_PATH, args);
        QVERIFY(p.waitForStarted());
        std::string url, err;
        QGNET_VERIFY_ERR(readListeningUrl(p, url, err), err);

        HttpTestClient c;
        QGNET_VERIFY_ERR(c.connect(url, err), err);
        HttpResponse r;
        const auto get = [](const char* path) { return std::string("GET ") + path + " HTTP/1.1\r\nHost: t\r\n\r\n"; };
        QGNET_VERIFY_ERR(c.send(get("/plaintext") + get("/json") + get("/") + get("/../outside.txt"), err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("Hello, World!"));
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray(R"({"message":"Hello, World!"})"));
        QCOMPARE(QByteArray::fromStdString(r.header("content-type")), QByteArray("application/json"));
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("<h1>hi</h1>"));
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 400);

        HttpTestClient ws;
        QGNET_VERIFY_ERR(ws.connect(url, err), err);
        QGNET_VERIFY_ERR(ws.upgrade("/ws", r, err), err);
        QCOMPARE(r.status, 101);
        QGNET_VERIFY_ERR(ws.sendFrame(1, "echo me", err), err);
        std::uint8_t op = 0;
        std::string payload;
        QGNET_VERIFY_ERR(ws.readFrame(op, payload, err), err);
        QCOMPARE(QByteArray::fromStdString(payload), QByteArray("echo me"));

        QCOMPARE(::kill(static_cast<pid_t>(p.processId()), SIGTERM), 0);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }

    void helpAndVersion()
    {
        QProcess help;
        help.start(QGNET_HTTP_PATH, {"--help"});
        QVERIFY(help.waitForFinished(30000));
        QCOMPARE(help.exitCode(), 0);
        QVERIFY(help.readAllStandardOutput().startsWith("usage: qgnet-http"));
        QProcess version;
        version.start(QGNET_HTTP_PATH, {"--version"});
        QVERIFY(version.waitForFinished(30000));
        QCOMPARE(version.exitCode(), 0);
        QCOMPARE(version.readAllStandardOutput(), QByteArray("qgnet-http " QGNET_VERSION_STRING "\n"));
    }

    void badValueIsUsageErrorAndUnreadableCertificateIsFailure()
    {
        QProcess badValue;
        badValue.start(QGNET_HTTP_PATH, {"--loops=0"});
        QVERIFY(badValue.waitForFinished(30000));
        QCOMPARE(badValue.exitCode(), 2);
        QVERIFY(badValue.readAllStandardError().contains("--loops expects a number"));
        QProcess noCertificate;
        noCertificate.start(QGNET_HTTP_PATH,
            {"--listen", "tcp://127.0.0.1:0", "--tls-cert", "/nonexistent/cert.pem", "--tls-key",
                "/nonexistent/key.pem"});
        QVERIFY(noCertificate.waitForFinished(30000));
        QCOMPARE(noCertificate.exitCode(), 1);
    }

    void badFlag()
    {
        QProcess p;
        p.start(QGNET_HTTP_PATH, {"--no-such-flag"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
    }
};

QGNET_TEST_MAIN(TestHttpCli)
#include "tst_http_cli.moc"
