// SPDX-License-Identifier: Apache-2.0
// qgnet::http::Server over real sockets, on the backend QGNET_BACKEND names: malformed and oversized
// requests answered with their status and the connection closed (F22/F23), also pipelined behind a
// valid request and in front of one that must not be served; pipelining (all answers in order),
// keep-alive, HTTP/1.0, Expect: 100-continue, HEAD, chunked responses, routing with parameters, 404
// and 405, static files that cannot leave their root, header and body timeouts (408), output
// backpressure with a small output cap, and WebSocket upgrade, echo from 0 B to 1 MiB, ping, close.
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

#include "http_test_client.h"
#include "qgnet/http/server.h"
#include "qgnet/http/static_files.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"

using namespace qgnet_test;
using namespace std::chrono_literals;
using qgnet::http::Request;
using qgnet::http::Response;

namespace {

class EchoSocket final : public qgnet::http::WebSocketHandler {
public:
    std::atomic<int> opened{0};
    std::atomic<int> closed{0};
    std::atomic<int> lastCode{0};
    void onOpen(qgnet::http::WebSocket&, const Request&) override { ++opened; }
    void onMessage(qgnet::http::WebSocket& ws, std::string_view payload, bool text) override
    {
        if (payload == "close-please") {
            ws.close(4000, "asked");
            return;
        }
        if (text)
            ws.sendText(payload);
        else
            ws.sendBinary(payload);
    }
    void onClose(qgnet::http::WebSocket&, std::uint16_t code) override
    {
        lastCode = code;
        ++closed;
    }
};

/// Deferrals are the answers that the /later routes put off, for the test thread to give.
struct Deferrals {
    std::mutex mutex;
    std::vector<std::shared_ptr<qgnet::http::DeferredResponse>> waiting;
    std::shared_ptr<qgnet::http::DeferredResponse> takeOne()
    {
        std::lock_guard lock(mutex);
        if (waiting.empty())
            return nullptr;
        auto d = waiting.front();
        waiting.erase(waiting.begin());
        return d;
    }
};

// http.http_server.edge runs every case again with connections registered edge-triggered
// (Options::edgeTriggeredIO, what `qgnet-http --edge-triggered` serves with): reading, pausing for
// backpressure and resuming then go through the epoll backend's other path.
bool edgeTriggeredRequested()
{
    const char* env = std::getenv("QGNET_TEST_EDGE_TRIGGERED");
    return env && *env && std::string_view(env) != "0";
}

qgnet::http::ServerOptions smallLimits()
{
    qgnet::http::ServerOptions o;
    o.limits.maxRequestLine = 256;
    o.limits.maxHeaderBytes = 1024;
    o.limits.maxHeaders = 20;
    o.limits.maxBody = 100000;
    o.limits.maxChunkLine = 64;
    o.maxWebSocketMessage = 2 * 1024 * 1024;
    return o;
}

void addRoutes(qgnet::http::Server& server, const std::string& root, Deferrals& deferrals)
{
    auto& r = server.router();
    r.get("/later", [&deferrals](Request&, Response& res) {
        std::lock_guard lock(deferrals.mutex);
        deferrals.waiting.push_back(res.defer());
    });
    r.get("/plaintext", [](Request&, Response& res) { res.send(200, "text/plain", "Hello, World!"); });
    r.post("/echo", [](Request& req, Response& res) { res.send(200, "application/octet-stream", req.body); });
    r.get("/users/{id}/posts/{post}", [](Request& req, Response& res) {
        res.send(200, "text/plain", "id=" + std::string(req.param("id")) + " post=" + std::string(req.param("post")));
    });
    r.get("/stream", [](Request&, Response& res) {
        res.beginChunked();
        res.writeChunk("one,");
        res.writeChunk("two,");
        res.writeChunk("three");
        res.endChunked();
    });
    r.get("/big/{n}", [](Request& req, Response& res) {
        const std::size_t n = std::stoul(std::string(req.param("n")));
        res.setStatus(200);
        res.body().assign(n, 'z');
    });
    r.get("/static/{path...}", qgnet::http::staticFiles(root));
    r.get("/throw", [](Request&, Response& res) {
        res.send(200, "text/plain", "half done");
        throw std::runtime_error("handler failed");
    });
}

std::string get(std::string_view path) { return "GET " + std::string(path) + " HTTP/1.1\r\nHost: t\r\n\r\n"; }

} // namespace

class TestHttpServer : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<qgnet::http::Server> server_;
    std::shared_ptr<EchoSocket> ws_ = std::make_shared<EchoSocket>();
    std::string url_;
    Deferrals deferrals_;

    /// deferred waits until a /later request reached its handler and returns its DeferredResponse.
    std::shared_ptr<qgnet::http::DeferredResponse> deferred()
    {
        std::shared_ptr<qgnet::http::DeferredResponse> d;
        if (!QTest::qWaitFor([&] { return (d = deferrals_.takeOne()) != nullptr; }, 10000))
            qWarning("no /later request reached its handler");
        return d;
    }

    bool connect(HttpTestClient& c)
    {
        std::string err;
        if (!c.connect(url_, err)) {
            qWarning("connect: %s", err.c_str());
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        const std::string root = dir_.path().toStdString() + "/root";
        QVERIFY(::mkdir(root.c_str(), 0700) == 0);
        std::ofstream(root + "/hello.txt") << "static hello\n";
        std::ofstream(dir_.path().toStdString() + "/secret.txt") << "secret\n";
        QVERIFY(::symlink((dir_.path().toStdString() + "/secret.txt").c_str(), (root + "/escape.txt").c_str()) == 0);

        server_ = std::make_unique<qgnet::http::Server>(smallLimits());
        addRoutes(*server_, root, deferrals_);
        server_->webSocket("/ws", ws_);
        qgnet::Options o;
        o.backend = requestedBackend();
        o.edgeTriggeredIO = edgeTriggeredRequested();
        o.numEventLoop = 2;
        const std::string addr = "tcp://127.0.0.1:0";
        server_->listen(std::span(&addr, 1), o);
        url_ = server_->engine().listenUrls().at(0);
    }

    void cleanupTestCase() { server_.reset(); }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        auto row = [](const char* name, const std::string& req, int status) {
            QTest::newRow(name) << QByteArray::fromStdString(req) << status;
        };
        row("te and cl",
            "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        row("repeated te",
            "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400);
        row("te in http/1.0", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        row("differing cl", "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            400);
        row("cl -1", "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400);
        row("chunk size overflow",
            "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff1\r\nx\r\n0\r\n\r\n",
            400);
        row("missing crlf after chunk",
            "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", 400);
        row("space before colon", "GET /plaintext HTTP/1.1\r\nHost : h\r\n\r\n", 400);
        row("obs-fold", "GET /plaintext HTTP/1.1\r\nHost: h\r\nX: 1\r\n folded\r\n\r\n", 400);
        row("bare cr", "GET /plaintext HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", 400);
        row("nul", std::string("GET /plaintext HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n", 44), 400);
        row("no colon", "GET /plaintext HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", 400);
        row("duplicate host", "GET /plaintext HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
        row("missing host", "GET /plaintext HTTP/1.1\r\n\r\n", 400);
        row("control in target", "GET /a\x01 HTTP/1.1\r\nHost: h\r\n\r\n", 400);
        row("te identity", "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity\r\n\r\n", 501);
        row("te gzip", "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501);
        row("body too large", "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 100001\r\n\r\n", 413);
        row("request line too long", "GET /" + std::string(300, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n", 414);
        row("header too large", "GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(1100, 'b') + "\r\n\r\n", 431);
        std::string many = "GET / HTTP/1.1\r\nHost: h\r\n";
        for (int i = 0; i < 25; ++i)
            many += "X" + std::to_string(i) + ": v\r\n";
        row("too many headers", many + "\r\n", 431);
        row("http/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505);
    }

    void errors()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const std::string req = request.toStdString();
        std::string err;
        // Alone.
        {
            HttpTestClient c;
            QVERIFY(connect(c));
            QGNET_VERIFY_ERR(c.send(req, err), err);
            HttpResponse r;
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, status);
            QCOMPARE(QByteArray::fromStdString(r.header("connection")), QByteArray("close"));
            QGNET_VERIFY_ERR(c.closedByPeer(err), err);
        }
        // Behind a valid request and in front of another: the first is served, the last never.
        {
            HttpTestClient c;
            QVERIFY(connect(c));
            QGNET_VERIFY_ERR(c.send(get("/plaintext") + req + get("/plaintext"), err), err);
            HttpResponse r;
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, 200);
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, status);
            QGNET_VERIFY_ERR(c.closedByPeer(err), err);
        }
    }

    void pipelining()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string batch;
        for (int i = 0; i < 64; ++i)
            batch += i % 2 ? get("/plaintext") : get("/users/" + std::to_string(i) + "/posts/p" + std::to_string(i));
        std::string err;
        QGNET_VERIFY_ERR(c.send(batch, err), err);
        for (int i = 0; i < 64; ++i) {
            HttpResponse r;
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, 200);
            const std::string want = i % 2 ? "Hello, World!"
                                           : "id=" + std::to_string(i) + " post=p" + std::to_string(i);
            QCOMPARE(QByteArray::fromStdString(r.body), QByteArray::fromStdString(want));
            QVERIFY(!r.header("date").empty());
        }
    }

    // A deferred answer given from another thread, with pipelined requests behind it: they wait and
    // are answered in order afterwards; a streamed deferred answer; a late answer to a closed peer.
    void deferredAnswers()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        QGNET_VERIFY_ERR(c.send(get("/later") + get("/plaintext") + get("/later"), err), err);
        auto first = deferred();
        QVERIFY(first);
        QVERIFY(first->isOpen());
        std::thread([first] { first->send(202, "text/plain", "done later", {{"X-Later", "1"}}); }).join();
        QVERIFY(!first->isOpen());
        QVERIFY(!first->send(200, "text/plain", "twice")); // one answer per request
        HttpResponse r;
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 202);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("done later"));
        QCOMPARE(QByteArray::fromStdString(r.header("x-later")), QByteArray("1"));
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("Hello, World!"));
        // The third: a stream from another thread.
        auto second = deferred();
        QVERIFY(second);
        std::thread([second] {
            second->beginChunked(200, "text/plain");
            for (int i = 0; i < 100; ++i)
                second->writeChunk("piece " + std::to_string(i) + ";");
            second->endChunked();
        }).join();
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QVERIFY(r.chunked);
        std::string want;
        for (int i = 0; i < 100; ++i)
            want += "piece " + std::to_string(i) + ";";
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray::fromStdString(want));
        // Keep-alive still: one more request on the same connection.
        QGNET_VERIFY_ERR(c.send(get("/plaintext"), err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 200);

        // A deferred answer to "Connection: close" is the last: the request pipelined behind it is
        // never answered, and the connection closes.
        {
            HttpTestClient last;
            QVERIFY(connect(last));
            QGNET_VERIFY_ERR(last.send("GET /later HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                                     + get("/plaintext"),
                                 err),
                err);
            auto closing = deferred();
            QVERIFY(closing);
            QVERIFY(closing->send(200, "text/plain", "the last"));
            QGNET_VERIFY_ERR(last.readResponse(r, err), err);
            QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("the last"));
            QGNET_VERIFY_ERR(last.closedByPeer(err), err);
        }

        // The peer goes away before the answer: the answer is refused, nothing breaks.
        std::shared_ptr<qgnet::http::DeferredResponse> orphan;
        {
            HttpTestClient gone;
            QVERIFY(connect(gone));
            QGNET_VERIFY_ERR(gone.send(get("/later"), err), err);
            orphan = deferred();
            QVERIFY(orphan);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!orphan->isOpen(), 10000);
        QVERIFY(!orphan->send(200, "text/plain", "too late"));
    }

    void keepAliveAndClose()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        for (int i = 0; i < 3; ++i) {
            QGNET_VERIFY_ERR(c.send(get("/plaintext"), err), err);
            HttpResponse r;
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, 200);
            QVERIFY(r.header("connection").empty());
        }
        QGNET_VERIFY_ERR(c.send("GET /plaintext HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", err), err);
        HttpResponse r;
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(QByteArray::fromStdString(r.header("connection")), QByteArray("close"));
        QGNET_VERIFY_ERR(c.closedByPeer(err), err);
    }

    void http10()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        QGNET_VERIFY_ERR(c.send("GET /plaintext HTTP/1.0\r\n\r\n", err), err);
        HttpResponse r;
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QVERIFY(r.statusLine.starts_with("HTTP/1.0 200"));
        QGNET_VERIFY_ERR(c.closedByPeer(err), err);
    }

    void expectContinue()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        QGNET_VERIFY_ERR(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
                             err),
            err);
        HttpResponse r;
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 100);
        QGNET_VERIFY_ERR(c.send("hello", err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 200);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("hello"));
        // Too large: 413 at once, no 100, and the connection closes.
        HttpTestClient big;
        QVERIFY(connect(big));
        QGNET_VERIFY_ERR(
            big.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 999999\r\n\r\n", err),
            err);
        QGNET_VERIFY_ERR(big.readResponse(r, err), err);
        QCOMPARE(r.status, 413);
        QGNET_VERIFY_ERR(big.closedByPeer(err), err);
    }

    void chunkedRequestAndResponse()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        QGNET_VERIFY_ERR(
            c.send(
                "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n",
                err),
            err);
        HttpResponse r;
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("Wikipedia"));
        QGNET_VERIFY_ERR(c.send(get("/stream"), err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QVERIFY(r.chunked);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("one,two,three"));
    }

    void head()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        QGNET_VERIFY_ERR(c.send("HEAD /plaintext HTTP/1.1\r\nHost: t\r\n\r\n" + get("/plaintext"), err), err);
        HttpResponse r;
        QGNET_VERIFY_ERR(c.readResponse(r, err, true), err);
        QCOMPARE(r.status, 200);
        QCOMPARE(QByteArray::fromStdString(r.header("content-length")), QByteArray("13"));
        // No body bytes came with the HEAD answer: the next response follows at once.
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("Hello, World!"));
    }

    void routing()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        HttpResponse r;
        QGNET_VERIFY_ERR(c.send(get("/nowhere"), err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 404);
        QGNET_VERIFY_ERR(c.send("DELETE /plaintext HTTP/1.1\r\nHost: t\r\n\r\n", err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 405);
        QGNET_VERIFY_ERR(c.send(get("/users//posts/x"), err), err); // an empty parameter does not match
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 404);
        // A handler that throws: 500, nothing of what it set, and the connection closes.
        QGNET_VERIFY_ERR(c.send(get("/throw"), err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 500);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("Internal Server Error\n"));
        QGNET_VERIFY_ERR(c.closedByPeer(err), err);
    }

    void staticFiles()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        HttpResponse r;
        QGNET_VERIFY_ERR(c.send(get("/static/hello.txt"), err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 200);
        QCOMPARE(QByteArray::fromStdString(r.body), QByteArray("static hello\n"));
        QVERIFY(r.header("content-type").starts_with("text/plain"));
        for (const char* path : {"/static/../secret.txt", "/static/%2e%2e/secret.txt",
                 "/static/a/%2E%2E/%2e%2e/secret.txt", "/static/hello.txt%00"}) {
            QGNET_VERIFY_ERR(c.send(get(path), err), err);
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QVERIFY2(r.status == 400, path);
        }
        for (const char* path : {"/static/escape.txt", "/static/missing.txt", "/static/"}) {
            QGNET_VERIFY_ERR(c.send(get(path), err), err);
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QVERIFY2(r.status == 404, path);
        }
    }

    void backpressure()
    {
        // A 1 MiB output cap: 64 pipelined requests for 256 KiB each (16 MiB of answers, read only after
        // everything was sent) must all arrive: the server reads no further while its output is high.
        qgnet::http::Server server(smallLimits());
        addRoutes(server, dir_.path().toStdString(), deferrals_);
        qgnet::Options o;
        o.backend = requestedBackend();
        o.edgeTriggeredIO = edgeTriggeredRequested();
        o.maxOutputBuffered = 1024 * 1024;
        const std::string addr = "tcp://127.0.0.1:0";
        server.listen(std::span(&addr, 1), o);
        HttpTestClient c;
        std::string err;
        QGNET_VERIFY_ERR(c.connect(server.engine().listenUrls().at(0), err), err);
        std::string batch;
        for (int i = 0; i < 64; ++i)
            batch += get("/big/262144");
        QGNET_VERIFY_ERR(c.send(batch, err), err);
        for (int i = 0; i < 64; ++i) {
            HttpResponse r;
            QGNET_VERIFY_ERR(c.readResponse(r, err), ("response " + std::to_string(i) + ": " + err));
            QCOMPARE(r.body.size(), std::size_t(262144));
        }
    }

    void timeouts()
    {
        qgnet::http::ServerOptions so = smallLimits();
        so.headerTimeout = 200ms;
        so.bodyTimeout = 200ms;
        qgnet::http::Server server(so);
        addRoutes(server, dir_.path().toStdString(), deferrals_);
        qgnet::Options o;
        o.backend = requestedBackend();
        o.edgeTriggeredIO = edgeTriggeredRequested();
        const std::string addr = "tcp://127.0.0.1:0";
        server.listen(std::span(&addr, 1), o);
        const std::string url = server.engine().listenUrls().at(0);
        std::string err;
        for (const char* partial : {"GET /plaintext HTTP/1.1\r\nHost: t\r\n",          // head never ends
                 "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc"}) { // body never ends
            HttpTestClient c;
            QGNET_VERIFY_ERR(c.connect(url, err), err);
            QGNET_VERIFY_ERR(c.send(partial, err), err);
            HttpResponse r;
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, 408);
            QGNET_VERIFY_ERR(c.closedByPeer(err), err);
        }
        // An idle keep-alive connection between requests gets no 408.
        HttpTestClient idle;
        QGNET_VERIFY_ERR(idle.connect(url, err), err);
        QGNET_VERIFY_ERR(idle.send(get("/plaintext"), err), err);
        HttpResponse r;
        QGNET_VERIFY_ERR(idle.readResponse(r, err), err);
        QCOMPARE(r.status, 200);
    }

    void withoutListen()
    {
        // A Server given to Engine::start directly: it serves the same, and a request that stalls is
        // closed at its deadline by the engine's read deadline, without a 408.
        qgnet::http::ServerOptions so = smallLimits();
        so.headerTimeout = 200ms;
        qgnet::http::Server server(so);
        addRoutes(server, dir_.path().toStdString(), deferrals_);
        qgnet::Options o;
        o.backend = requestedBackend();
        o.edgeTriggeredIO = edgeTriggeredRequested();
        qgnet::Engine engine;
        std::string err;
        QGNET_VERIFY_ERR(startEngine(engine, server, "tcp://127.0.0.1:0", o, err), err);
        const std::string url = engine.listenUrls().at(0);
        HttpTestClient c;
        QGNET_VERIFY_ERR(c.connect(url, err), err);
        HttpResponse r;
        QGNET_VERIFY_ERR(c.send(get("/plaintext"), err), err);
        QGNET_VERIFY_ERR(c.readResponse(r, err), err);
        QCOMPARE(r.status, 200);
        QGNET_VERIFY_ERR(c.send("GET /plaintext HTTP/1.1\r\n", err), err);
        QGNET_VERIFY_ERR(c.closedByPeer(err), err);
        engine.stop();
    }

    void webSocketEcho()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        HttpResponse r;
        QGNET_VERIFY_ERR(c.upgrade("/ws", r, err), err);
        QCOMPARE(r.status, 101);
        QCOMPARE(QByteArray::fromStdString(r.header("sec-websocket-accept")),
            QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        Rng rng(seedFor("ws echo"));
        for (const std::size_t n : {0u, 1u, 125u, 126u, 65535u, 65536u, 1024u * 1024u}) {
            for (const std::uint8_t op : {1, 2}) {
                std::string payload;
                if (op == 1)
                    payload.assign(n, 'a');
                else {
                    const auto bytes = randomBytes(rng, n);
                    payload.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
                }
                QGNET_VERIFY_ERR(c.sendFrame(op, payload, err), err);
                std::uint8_t gotOp = 0;
                std::string got;
                QGNET_VERIFY_ERR(c.readFrame(gotOp, got, err), err);
                QCOMPARE(gotOp, op);
                QVERIFY(got == payload);
            }
        }
        QGNET_VERIFY_ERR(c.sendFrame(9, "ping!", err), err);
        std::uint8_t op = 0;
        std::string payload;
        QGNET_VERIFY_ERR(c.readFrame(op, payload, err), err);
        QCOMPARE(op, std::uint8_t(0xA));
        QCOMPARE(QByteArray::fromStdString(payload), QByteArray("ping!"));
        const int closedBefore = ws_->closed;
        QGNET_VERIFY_ERR(c.sendFrame(8, std::string("\x03\xe8", 2), err), err);
        QGNET_VERIFY_ERR(c.readFrame(op, payload, err), err);
        QCOMPARE(op, std::uint8_t(8));
        QCOMPARE(QByteArray::fromStdString(payload), QByteArray("\x03\xe8", 2));
        QGNET_VERIFY_ERR(c.closedByPeer(err), err); // the server closes TCP first
        QGNET_WAIT_VERIFY(ws_->closed == closedBefore + 1, 10000);
        QCOMPARE(ws_->lastCode.load(), 1000);
    }

    void webSocketFramesBehindUpgrade()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        std::string req = "GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        req += HttpTestClient::maskedFrame(1, "first") + HttpTestClient::maskedFrame(1, "close-please");
        QGNET_VERIFY_ERR(c.send(req, err), err);
        HttpResponse r;
        QGNET_VERIFY_ERR(c.readResponse(r, err, true), err);
        QCOMPARE(r.status, 101);
        std::uint8_t op = 0;
        std::string payload;
        QGNET_VERIFY_ERR(c.readFrame(op, payload, err), err);
        QCOMPARE(QByteArray::fromStdString(payload), QByteArray("first"));
        // The server's close (4000): data from us is dropped, our close ends the handshake.
        QGNET_VERIFY_ERR(c.readFrame(op, payload, err), err);
        QCOMPARE(op, std::uint8_t(8));
        QCOMPARE(QByteArray::fromStdString(payload.substr(0, 2)), QByteArray("\x0f\xa0", 2));
        QGNET_VERIFY_ERR(c.sendFrame(1, "dropped", err), err);
        QGNET_VERIFY_ERR(c.sendFrame(8, std::string("\x0f\xa0", 2), err), err);
        QGNET_VERIFY_ERR(c.closedByPeer(err), err);
    }

    void webSocketProtocolError()
    {
        HttpTestClient c;
        QVERIFY(connect(c));
        std::string err;
        HttpResponse r;
        QGNET_VERIFY_ERR(c.upgrade("/ws", r, err), err);
        QGNET_VERIFY_ERR(c.send(std::string("\x81\x01x", 3), err), err); // unmasked
        std::uint8_t op = 0;
        std::string payload;
        QGNET_VERIFY_ERR(c.readFrame(op, payload, err), err);
        QCOMPARE(op, std::uint8_t(8));
        QCOMPARE(QByteArray::fromStdString(payload.substr(0, 2)), QByteArray("\x03\xea", 2)); // 1002
        QGNET_VERIFY_ERR(c.closedByPeer(err), err);
    }

    void webSocketHandshakeErrors()
    {
        std::string err;
        HttpResponse r;
        {
            HttpTestClient c;
            QVERIFY(connect(c));
            QGNET_VERIFY_ERR(c.send("GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n",
                                 err),
                err);
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, 426);
            QCOMPARE(QByteArray::fromStdString(r.header("sec-websocket-version")), QByteArray("13"));
            QGNET_VERIFY_ERR(c.closedByPeer(err), err);
        }
        {
            HttpTestClient c;
            QVERIFY(connect(c));
            QGNET_VERIFY_ERR(c.send("GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n",
                                 err),
                err);
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, 400);
            QGNET_VERIFY_ERR(c.closedByPeer(err), err);
        }
        {
            HttpTestClient c;
            QVERIFY(connect(c));
            QGNET_VERIFY_ERR(c.send(get("/ws"), err), err); // no Upgrade
            QGNET_VERIFY_ERR(c.readResponse(r, err), err);
            QCOMPARE(r.status, 426);
        }
    }
};

QGNET_TEST_MAIN(TestHttpServer)
#include "tst_http_server.moc"
