// SPDX-License-Identifier: Apache-2.0
// "No allocation per request in the common path": once a connection's buffers have warmed up, parsing
// a request (pipelined or alone, with a Content-Length body too), routing it with parameters and
// writing a response with a body costs no heap allocation; nor does a WebSocket echo of masked frames.
// Checked by counting operator new calls.
#include <QTest>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>

#include "qgnet/http/request_parser.h"
#include "qgnet/http/response.h"
#include "qgnet/http/router.h"
#include "qgnet/http/websocket_codec.h"
#include "qgnet/http/websocket_frame.h"

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

    // The WebSocket echo's common path, the same way: once the codec's message buffer and the output
    // have grown, taking masked frames (binary, a text message in two fragments with a ping between
    // them) and answering each message with a frame allocates nothing.
    void webSocketSteadyStateAllocatesNothing()
    {
        using namespace qgnet::http;
        struct Echo final : WebSocketMessageSink {
            std::string* out = nullptr;
            int messages = 0;
            void onMessage(std::string_view payload, bool text) override
            {
                appendFrame(*out, text ? Opcode::Text : Opcode::Binary, payload);
                ++messages;
            }
        };
        const auto clientFrame = [](std::uint8_t opcode, std::string_view payload, bool fin) {
            std::string f;
            f.push_back(static_cast<char>((fin ? 0x80 : 0) | opcode));
            if (payload.size() <= 125) {
                f.push_back(static_cast<char>(0x80 | payload.size()));
            } else {
                f.push_back(static_cast<char>(0x80 | 126));
                f.push_back(static_cast<char>(payload.size() >> 8));
                f.push_back(static_cast<char>(payload.size() & 0xff));
            }
            const std::uint8_t mask[4] = {0x12, 0x34, 0x56, 0x78};
            f.append(reinterpret_cast<const char*>(mask), 4);
            for (std::size_t i = 0; i < payload.size(); ++i)
                f.push_back(static_cast<char>(static_cast<std::uint8_t>(payload[i]) ^ mask[i % 4]));
            return f;
        };
        const std::string input = clientFrame(0x2, std::string(64, 'b'), true)
            + clientFrame(0x1, std::string(4000, 't'), false) + clientFrame(0x9, "ping", true)
            + clientFrame(0x0, "caf\xc3\xa9", true) + clientFrame(0x2, std::string(1000, 'c'), true);
        WebSocketCodec codec;
        std::string out;
        Echo echo;
        echo.out = &out;
        long during = 0;
        long warmUp = 0;
        for (int round = 0; round < 100; ++round) {
            const long before = allocations.load();
            out.clear();
            QCOMPARE(codec.feed(input, out, echo), input.size());
            if (round >= 2)
                during += allocations.load() - before;
            else
                warmUp += allocations.load() - before;
        }
        QVERIFY(!codec.closed());
        QCOMPARE(echo.messages, 300);
        QVERIFY(out.find("caf\xc3\xa9") != std::string::npos);
        QVERIFY(warmUp > 0);
        QCOMPARE(during, 0L);
    }
};

QTEST_APPLESS_MAIN(TestHttpAlloc)
#include "tst_http_alloc.moc"
