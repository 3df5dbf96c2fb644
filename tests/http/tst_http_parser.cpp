// SPDX-License-Identifier: Apache-2.0
// Table-driven conformance of qgnet::http::RequestParser: the F22/F23 cases of the fault catalogue
// and valid requests, each parsed whole, split at every byte offset (each step in a freshly
// allocated buffer, as the engine may move unconsumed bytes), behind a valid request (pipelined), and
// in front of one (which must never be read after an error). Every case checks the status and whether
// the connection closes.
#include <QTest>

#include <string>
#include <vector>

#include "qgnet/http/request_parser.h"

using qgnet::http::ParserLimits;
using qgnet::http::RequestParser;

namespace {

ParserLimits testLimits()
{
    ParserLimits l;
    l.maxRequestLine = 256;
    l.maxHeaderBytes = 1024;
    l.maxHeaders = 20;
    l.maxBody = 1000;
    l.maxChunkLine = 64;
    l.maxChunkOverhead = 200;
    return l;
}

/// Outcome is what a byte stream parses into: one entry per complete request ("GET /p body=... ka=1")
/// and then, if any, the error ("E400"), or "incomplete".
std::vector<std::string> parseStream(const std::vector<std::string>& pieces)
{
    RequestParser parser(testLimits());
    std::vector<std::string> out;
    std::string buf;
    std::size_t offset = 0;
    for (const std::string& piece : pieces) {
        buf += piece;
        // A fresh copy each time: the views must be made again when the bytes moved.
        const std::string copy = buf;
        for (;;) {
            if (offset >= copy.size())
                break;
            const auto r = parser.parse(std::string_view(copy).substr(offset));
            if (r == RequestParser::Result::Incomplete)
                break;
            if (r == RequestParser::Result::Error) {
                out.push_back("E" + std::to_string(parser.errorStatus()));
                return out;
            }
            const auto& req = parser.request();
            std::string host(req.header("host"));
            out.push_back(std::string(req.method) + " " + std::string(req.target) + " host=" + host + " body="
                + std::string(req.body) + " ka=" + (req.keepAlive ? "1" : "0") + (req.expectContinue ? " expect" : ""));
            offset += parser.consumed();
            parser.reset();
        }
    }
    if (offset < buf.size())
        out.push_back("incomplete");
    return out;
}

/// withNul keeps the NUL bytes of a literal (all but its terminator).
template <std::size_t N>
std::string withNul(const char (&s)[N])
{
    return std::string(s, N - 1);
}

const std::string kValid = "GET /first HTTP/1.1\r\nHost: a\r\n\r\n";
const std::string kValidOutcome = "GET /first host=a body= ka=1";

} // namespace

class TestHttpParser : public QObject {
    Q_OBJECT

private:
    void table()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected"); // the outcome of the request; "E<status>" for an error

        auto row = [](const char* name, const std::string& in, const std::string& expected) {
            QTest::newRow(name) << QByteArray(in.data(), static_cast<qsizetype>(in.size()))
                                << QByteArray(expected.data(), static_cast<qsizetype>(expected.size()));
        };
        // Valid requests.
        row("get", "GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\n", "GET /a?x=1 host=h body= ka=1");
        row("content-length body", "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
            "POST /p host=h body=hello ka=1");
        row("chunked body",
            "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
            "POST /p host=h body=hello world ka=1");
        row("chunked uppercase hex",
            "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n",
            "POST /p host=h body=0123456789 ka=1");
        row("connection close", "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", "GET / host=h body= ka=0");
        row("http/1.0 closes", "GET / HTTP/1.0\r\n\r\n", "GET / host= body= ka=0");
        row("http/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "GET / host= body= ka=1");
        row("expect 100-continue", "PUT /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
            "PUT /u host=h body=ok ka=1 expect");
        row("ows around value", "GET / HTTP/1.1\r\nHost: \t h \t\r\n\r\n", "GET / host=h body= ka=1");
        row("obs-text in value", "GET / HTTP/1.1\r\nHost: h\r\nX: caf\xc3\xa9\r\n\r\n", "GET / host=h body= ka=1");
        // F22: smuggling and malformed requests -> 400 / 501 / 413, then close.
        row("te and cl",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "E400");
        row("repeated te",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "E400");
        row("te in http/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "E400");
        row("differing cl", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "E400");
        row("duplicate cl", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", "E400");
        row("cl list", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc", "E400");
        row("cl -1", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", "E400");
        row("cl +5", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\nhello", "E400");
        row("cl 20 digits", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10000000000000000000\r\n\r\n", "E400");
        row("cl empty", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \r\n\r\n", "E400");
        row("chunk size overflow",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff1\r\nx\r\n0\r\n\r\n",
            "E400");
        row("chunk size not hex",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx\r\n0\r\n\r\n", "E400");
        row("missing crlf after chunk",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", "E400");
        row("chunk extension bomb",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;" + std::string(200, 'e')
                + "\r\nx\r\n0\r\n\r\n",
            "E400");
        std::string framing = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 6; ++i)
            framing += "1;" + std::string(50, 'e') + "\r\nx\r\n";
        row("chunk framing bomb", framing + "0\r\n\r\n", "E400");
        row("bare lf in chunk line",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", "E400");
        row("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", "E400");
        row("obs-fold", "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  folded\r\n\r\n", "E400");
        row("bare cr in header", "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", "E400");
        row("bare lf in header", "GET / HTTP/1.1\r\nHost: h\nX: y\r\n\r\n", "E400");
        row("bare lf in request line", "GET / HTTP/1.1\nHost: h\r\n\r\n", "E400");
        row("nul in header", withNul("GET / HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n"), "E400");
        row("nul in request line", withNul("GET /\0 HTTP/1.1\r\nHost: h\r\n\r\n"), "E400");
        row("control in value",
            "GET / HTTP/1.1\r\nHost: h\r\nX: a\x01"
            "b\r\n\r\n",
            "E400");
        row("line without colon", "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", "E400");
        row("empty header name", "GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n", "E400");
        row("duplicate host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "E400");
        row("missing host", "GET / HTTP/1.1\r\nX: y\r\n\r\n", "E400");
        row("control in target", "GET /a\x7f HTTP/1.1\r\nHost: h\r\n\r\n", "E400");
        row("tab in target", "GET /a\tb HTTP/1.1\r\nHost: h\r\n\r\n", "E400");
        row("two spaces", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", "E400");
        row("no version", "GET /\r\nHost: h\r\n\r\n", "E400");
        row("bad version", "GET / HTTP/1.x\r\nHost: h\r\n\r\n", "E400");
        row("lowercase version", "GET / http/1.1\r\nHost: h\r\n\r\n", "E400");
        row("http/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", "E505");
        row("bad method char", "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", "E400");
        row("relative target", "GET a HTTP/1.1\r\nHost: h\r\n\r\n", "E400");
        row("bad trailer", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nnocolon\r\n\r\n",
            "E400");
        row("te identity", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity\r\n\r\n", "E501");
        row("te gzip chunked", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            "E501");
        row("te unknown", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: foo\r\n\r\n", "E501");
        row("body too large", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1001\r\n\r\n", "E413");
        row("chunked body too large",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n" + std::string(1000, 'x')
                + "\r\n1\r\nx\r\n0\r\n\r\n",
            "E413");
        // F23: oversized request line and headers.
        row("request line too long", "GET /" + std::string(300, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n", "E414");
        row("request line never ends", "GET /" + std::string(300, 'a'), "E414");
        // The order of the checks, which the one-pass head walk keeps.
        row("bare lf ends a long request line", "GET /a\n" + std::string(300, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n",
            "E414");
        row("version before target form", "GET a HTTP/2.0\r\nHost: h\r\n\r\n", "E505");
        row("nul before version", withNul("GET / HTTP/2.0\r\nX: \0\r\n\r\n"), "E400");
        row("first expect counts",
            "PUT /u HTTP/1.1\r\nHost: h\r\nExpect: no\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
            "PUT /u host=h body=ok ka=1");
        row("close in a second connection field",
            "GET / HTTP/1.1\r\nHost: h\r\nConnection: foo\r\nconnection: x, Close \r\n\r\n", "GET / host=h body= ka=0");
        row("header block too large", "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + std::string(1100, 'b') + "\r\n\r\n",
            "E431");
        row("header never ends", "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + std::string(1100, 'b'), "E431");
        std::string many = "GET / HTTP/1.1\r\nHost: h\r\n";
        for (int i = 0; i < 25; ++i)
            many += "X" + std::to_string(i) + ": v\r\n";
        row("too many headers", many + "\r\n", "E431");
        row("trailers too large",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: " + std::string(1100, 't')
                + "\r\n\r\n",
            "E431");
    }

    static std::string str(const QByteArray& b)
    {
        return std::string(b.constData(), static_cast<std::size_t>(b.size()));
    }

private slots:
    void whole_data() { table(); }
    void whole()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const auto got = parseStream({str(input)});
        QCOMPARE(got.size(), std::size_t(1));
        QCOMPARE(QByteArray::fromStdString(got[0]), expected);
    }

    void splitAtEveryOffset_data() { table(); }
    void splitAtEveryOffset()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string in = str(input);
        for (std::size_t cut = 1; cut < in.size(); ++cut) {
            const auto got = parseStream({in.substr(0, cut), in.substr(cut)});
            QVERIFY2(got.size() == 1, qPrintable(QString("cut %1: %2 outcomes").arg(cut).arg(got.size())));
            QVERIFY2(QByteArray::fromStdString(got[0]) == expected,
                qPrintable(QString("cut %1: %2").arg(cut).arg(QString::fromStdString(got[0]))));
        }
        // And one byte at a time.
        std::vector<std::string> bytes;
        for (const char c : in)
            bytes.emplace_back(1, c);
        const auto got = parseStream(bytes);
        QCOMPARE(got.size(), std::size_t(1));
        QCOMPARE(QByteArray::fromStdString(got[0]), expected);
    }

    void pipelined_data() { table(); }
    void pipelined()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string in = str(input);
        const bool error = expected.startsWith('E');
        // Behind a valid request, and in front of one: after an error nothing more is parsed.
        const auto got = parseStream({kValid + in + kValid});
        std::vector<std::string> want{kValidOutcome, str(expected)};
        if (!error)
            want.push_back(kValidOutcome);
        if (got != want) {
            std::string all;
            for (const auto& g : got)
                all += "[" + g + "] ";
            QFAIL(all.c_str());
        }
        // The three requests split at every offset of the middle one.
        for (std::size_t cut = 0; cut < in.size(); cut += 7) {
            const std::string stream = kValid + in + kValid;
            const auto g = parseStream({stream.substr(0, kValid.size() + cut), stream.substr(kValid.size() + cut)});
            QVERIFY2(g == want, qPrintable(QString("cut %1").arg(cut)));
        }
    }

    void incomplete()
    {
        // A request cut short stays incomplete (the server's timeouts deal with it).
        QCOMPARE(parseStream({"GET / HTTP/1.1\r\nHost: h\r\n"}), std::vector<std::string>{"incomplete"});
        QCOMPARE(parseStream({"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nab"}),
            std::vector<std::string>{"incomplete"});
        QCOMPARE(parseStream({"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"}),
            std::vector<std::string>{"incomplete"});
    }

    void headCompleteBeforeBody()
    {
        RequestParser p(testLimits());
        const std::string head = "PUT /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
        QCOMPARE(p.parse(head), RequestParser::Result::Incomplete);
        QVERIFY(p.headComplete());
        QVERIFY(p.request().expectContinue);
        QCOMPARE(p.parse(head + "body"), RequestParser::Result::Complete);
        QCOMPARE(p.consumed(), head.size() + 4);
    }
};

QTEST_APPLESS_MAIN(TestHttpParser)
#include "tst_http_parser.moc"
