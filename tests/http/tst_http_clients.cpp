// SPDX-License-Identifier: Apache-2.0
// qgnet::http::Server against real, independent clients (installed by scripts/deps.sh): curl for
// keep-alive, a chunked upload and Expect: 100-continue, over plain TCP and over TLS; Python's
// websockets package for WebSocket echo from 0 B to 1 MiB, text and binary, and the close handshake;
// wrk for plain and x16 pipelined load with zero errors. A client that is not installed skips its
// case with the reason.
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <memory>
#include <sstream>

#include "qgnet/http/server.h"
#include "qgnet/tls.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using qgnet::http::Request;
using qgnet::http::Response;

namespace {

class Echo final : public qgnet::http::WebSocketHandler {
public:
    void onMessage(qgnet::http::WebSocket& ws, std::string_view payload, bool text) override
    {
        text ? ws.sendText(payload) : ws.sendBinary(payload);
    }
};

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runProgram(const QString& program, const QStringList& args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + program.toUtf8();
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err += p.readAllStandardError();
    return r;
}

void writeFile(const QString& path, const std::string& data)
{
    std::ofstream(path.toStdString(), std::ios::binary) << data;
}

std::string readFile(const QString& path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

class TestHttpClients : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<qgnet::http::Server> server_;
    std::unique_ptr<qgnet::http::Server> tlsServer_;
    QString base_;    // http://127.0.0.1:port
    QString tlsBase_; // https://127.0.0.1:port
    QString curl_, wrk_, python_;

    static QString portOf(const std::string& url) { return QString::fromStdString(url.substr(url.rfind(':') + 1)); }

    void addRoutes(qgnet::http::Server& s)
    {
        s.router().get("/plaintext", [](Request&, Response& res) { res.send(200, "text/plain", "Hello, World!"); });
        s.router().get("/json",
            [](Request&, Response& res) { res.send(200, "application/json", R"({"message":"Hello, World!"})"); });
        s.router().post("/echo",
            [](Request& req, Response& res) { res.send(200, "application/octet-stream", req.body); });
        s.webSocket("/ws", std::make_shared<Echo>());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        curl_ = QStandardPaths::findExecutable("curl");
        wrk_ = QStandardPaths::findExecutable("wrk");
        python_ = QStandardPaths::findExecutable("python3", {"/usr/bin"}); // Debian's, with python3-websockets
        qgnet::Options o;
        o.backend = requestedBackend();
        o.numEventLoop = 2;
        const std::string addr = "tcp://127.0.0.1:0";
        server_ = std::make_unique<qgnet::http::Server>();
        addRoutes(*server_);
        server_->listen(std::span(&addr, 1), o);
        base_ = "http://127.0.0.1:" + portOf(server_->engine().listenUrls().at(0));

        const TestPki pki = makeTestPki();
        writeFile(dir_.filePath("ca.pem"), pki.caCert);
        o.tls = std::make_shared<const qgnet::TlsContext>(
            qgnet::TlsContext::serverFromPem(pki.serverCert, pki.serverKey));
        tlsServer_ = std::make_unique<qgnet::http::Server>();
        addRoutes(*tlsServer_);
        tlsServer_->listen(std::span(&addr, 1), o);
        tlsBase_ = "https://127.0.0.1:" + portOf(tlsServer_->engine().listenUrls().at(0));
    }

    void cleanupTestCase()
    {
        server_.reset();
        tlsServer_.reset();
    }

    void curlKeepAlive_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("tcp") << false;
        QTest::newRow("tls") << true;
    }
    void curlKeepAlive()
    {
        QFETCH(bool, tls);
        if (curl_.isEmpty())
            QSKIP("curl is not installed (scripts/deps.sh installs it)");
        const QString base = tls ? tlsBase_ : base_;
        const Run r = runProgram(curl_,
            {"-sv", "--cacert", dir_.filePath("ca.pem"), base + "/plaintext", base + "/json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray(R"(Hello, World!{"message":"Hello, World!"})"));
        QVERIFY2(r.err.contains("Re-using existing connection"), r.err.constData());
    }

    void curlChunkedUpload_data() { curlKeepAlive_data(); }
    void curlChunkedUpload()
    {
        QFETCH(bool, tls);
        if (curl_.isEmpty())
            QSKIP("curl is not installed (scripts/deps.sh installs it)");
        Rng rng(seedFor("chunked upload"));
        const auto bytes = randomBytes(rng, 300 * 1024);
        writeFile(dir_.filePath("upload.bin"), std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        const Run r = runProgram(curl_,
            {"-sv", "--cacert", dir_.filePath("ca.pem"), "-H", "Transfer-Encoding: chunked", "--data-binary",
                "@" + dir_.filePath("upload.bin"), "-o", dir_.filePath("echoed.bin"),
                (tls ? tlsBase_ : base_) + "/echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("Transfer-Encoding: chunked"), r.err.constData());
        QVERIFY(readFile(dir_.filePath("echoed.bin")) == readFile(dir_.filePath("upload.bin")));
    }

    void curlExpectContinue_data() { curlKeepAlive_data(); }
    void curlExpectContinue()
    {
        QFETCH(bool, tls);
        if (curl_.isEmpty())
            QSKIP("curl is not installed (scripts/deps.sh installs it)");
        writeFile(dir_.filePath("small.txt"), "expect me");
        const Run r = runProgram(curl_,
            {"-sv", "--cacert", dir_.filePath("ca.pem"), "-H", "Expect: 100-continue", "--data-binary",
                "@" + dir_.filePath("small.txt"), (tls ? tlsBase_ : base_) + "/echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("HTTP/1.1 100 Continue"), r.err.constData());
        QCOMPARE(r.out, QByteArray("expect me"));
    }

    void pythonWebsockets()
    {
        if (python_.isEmpty() || runProgram(python_, {"-c", "import websockets"}).exitCode != 0)
            QSKIP("Python's websockets is not installed (Debian's python3-websockets; scripts/deps.sh installs it)");
        const QString script = R"PY(
import asyncio, os, sys, websockets
async def main(uri):
    async with websockets.connect(uri, max_size=None) as ws:
        for n in (0, 1, 125, 126, 127, 65535, 65536, 1024 * 1024):
            text = ("\u00e9" * (n // 2)) + ("a" * (n % 2))
            await ws.send(text)
            got = await ws.recv()
            assert got == text, "text of %d bytes differs" % n
            data = os.urandom(n)
            await ws.send(data)
            got = await ws.recv()
            assert got == data, "binary of %d bytes differs" % n
        pong = await ws.ping(b"hi")
        await pong
        await ws.close(1000, "done")
        assert ws.close_code == 1000, ws.close_code
    print("ok")
asyncio.run(main(sys.argv[1]))
)PY";
        const QString uri = "ws://" + base_.mid(7) + "/ws";
        const Run r = runProgram(python_, {"-c", script, uri});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QCOMPARE(r.out.trimmed(), QByteArray("ok"));
    }

    void wrkLoad_data()
    {
        QTest::addColumn<int>("pipeline");
        QTest::newRow("plain") << 1;
        QTest::newRow("pipelined x16") << 16;
    }
    void wrkLoad()
    {
        QFETCH(int, pipeline);
        if (wrk_.isEmpty())
            QSKIP("wrk is not installed (scripts/deps.sh installs it)");
        QStringList args{"-t1", "-c20", "-d1s"};
        if (pipeline > 1) {
            writeFile(dir_.filePath("pipeline.lua"),
                "init = function(args)\n  local r = {}\n  for i = 1, " + std::to_string(pipeline)
                    + " do r[i] = wrk.format(nil, \"/plaintext\") end\n  req = table.concat(r)\nend\n"
                      "request = function() return req end\n");
            args << "-s" << dir_.filePath("pipeline.lua");
        }
        args << base_ + "/plaintext";
        const Run r = runProgram(wrk_, args);
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY2(r.out.contains("requests in"), r.out.constData());
        QVERIFY2(!r.out.contains("Non-2xx"), r.out.constData());
        QVERIFY2(!r.out.contains("Socket errors"), r.out.constData());
    }
};

QGNET_TEST_MAIN(TestHttpClients)
#include "tst_http_clients.moc"
