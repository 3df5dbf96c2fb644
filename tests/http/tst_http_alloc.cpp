// SPDX-License-Identifier: Apache-2.0
// "No allocation per request in the common path": once a connection's buffers have warmed up, parsing
// a request (pipelined or alone, with a Content-Length body too), routing it with parameters and
// writing a response with a body costs no heap allocation. Checked by counting operator new calls.
#include <QTest>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "qgnet/http/request_parser.h"
#include "qgnet/http/response.h"
#include "qgnet/http/router.h"

namespace {
std::atomic<long> allocations{0};
}

void* operator new(std::size_t n)
{
    ++allocations;
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

class TestHttpAlloc : public QObject {
    Q_OBJECT

private slots:
    void steadyStateAllocatesNothing()
    {
        using namespace qgnet::http;
        Router router;
        router.get("/plaintext", [](Request&, Response& res) { res.send(200, "text/plain", "Hello, World!"); });
        router.get("/users/{id}/posts/{post}", [](Request& req, Response& res) {
            res.setStatus(200);
            res.addHeader("X-User", req.param("id"));
            res.body().append(req.param("post"));
        });
        router.post("/echo", [](Request& req, Response& res) { res.setBody(req.body); });

        const std::string input
            = "GET /plaintext HTTP/1.1\r\nHost: h\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n"
              "GET /users/42/posts/7 HTTP/1.1\r\nHost: h\r\n\r\n"
              "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world";
        RequestParser parser;
        Response response;
        std::string out;
        long during = 0;
        long warmUp = 0;
        for (int round = 0; round < 100; ++round) {
            const long before = allocations.load();
            out.clear();
            std::size_t offset = 0;
            int served = 0;
            while (offset < input.size()) {
                QCOMPARE(parser.parse(std::string_view(input).substr(offset)), RequestParser::Result::Complete);
                Request& req = parser.request();
                const RouteHandler* handler = nullptr;
                QCOMPARE(router.route(req, handler), Router::Match::Found);
                response.start(&out, req.method == "HEAD", req.versionMinor, req.keepAlive);
                (*handler)(req, response);
                response.finish();
                offset += parser.consumed();
                parser.reset();
                ++served;
            }
            QCOMPARE(served, 3);
            if (round >= 2) // the first rounds grow the reused buffers
                during += allocations.load() - before;
            else
                warmUp += allocations.load() - before;
        }
        QVERIFY(out.find("Hello, World!") != std::string::npos);
        QVERIFY(out.find("X-User: 42") != std::string::npos);
        QVERIFY(out.find("hello world") != std::string::npos);
        QVERIFY(warmUp > 0); // the counter does see this code's allocations
        QCOMPARE(during, 0L);
    }
};

QTEST_APPLESS_MAIN(TestHttpAlloc)
#include "tst_http_alloc.moc"
