// SPDX-License-Identifier: Apache-2.0
// Table-driven conformance of qgnet::http::WebSocketCodec (and FrameParser, Utf8Validator) along the
// groups of ../shared/reference/websocket-conformance.md: framing, pings/pongs, reserved bits,
// opcodes, fragmentation, UTF-8, close handling, limits, masking. Each case is fed whole, split at
// every byte offset (sampled for large inputs) and one byte at a time, and checks the messages
// delivered, the bytes the server sends back, and whether (and with which code) it closes.
#include <QTest>

#include <cstdint>
#include <string>
#include <vector>

#include "qgnet/http/utf8_validator.h"
#include "qgnet/http/websocket_codec.h"
#include "qgnet/http/websocket_frame.h"

using namespace qgnet::http;

namespace {

constexpr std::size_t kMaxMessage = 70000;

/// clientFrame builds a masked client frame; rsv sets the RSV bits (0-7), rawOpcode any opcode.
std::string clientFrame(std::uint8_t rawOpcode, std::string_view payload, bool fin = true, std::uint8_t rsv = 0,
    bool masked = true)
{
    std::string f;
    f.push_back(static_cast<char>((fin ? 0x80 : 0) | (rsv << 4) | rawOpcode));
    const std::uint8_t m = masked ? 0x80 : 0;
    if (payload.size() <= 125) {
        f.push_back(static_cast<char>(m | payload.size()));
    } else if (payload.size() <= 0xffff) {
        f.push_back(static_cast<char>(m | 126));
        f.push_back(static_cast<char>(payload.size() >> 8));
        f.push_back(static_cast<char>(payload.size() & 0xff));
    } else {
        f.push_back(static_cast<char>(m | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            f.push_back(static_cast<char>((static_cast<std::uint64_t>(payload.size()) >> shift) & 0xff));
    }
    const std::uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
    if (masked)
        f.append(reinterpret_cast<const char*>(key), 4);
    for (std::size_t i = 0; i < payload.size(); ++i)
        f.push_back(static_cast<char>(static_cast<std::uint8_t>(payload[i]) ^ (masked ? key[i & 3] : 0)));
    return f;
}

std::string closePayload(std::uint16_t code, std::string_view reason = {})
{
    std::string p;
    p.push_back(static_cast<char>(code >> 8));
    p.push_back(static_cast<char>(code & 0xff));
    p.append(reason);
    return p;
}

// What the server sent, frame by frame: "pong:<payload>|", "close:<code>|" ("close:|" without a code).
// Close reasons are free text and left out.
std::string describeSent(std::string_view out)
{
    FrameParser parser(1u << 30, false);
    std::string d;
    while (!out.empty()) {
        if (parser.parse(out) != FrameParser::Result::Frame)
            return d + "garbage|";
        const FrameHeader& h = parser.header();
        const std::string_view payload = out.substr(h.headerSize, static_cast<std::size_t>(h.payloadSize));
        if (h.masked)
            return d + "masked|";
        if (h.opcode == Opcode::Close) {
            d += "close:";
            if (payload.size() >= 2)
                d += std::to_string(
                    (static_cast<std::uint8_t>(payload[0]) << 8) | static_cast<std::uint8_t>(payload[1]));
        } else {
            d += (h.opcode == Opcode::Pong ? "pong:" : "data:") + std::string(payload);
        }
        d += "|";
        out.remove_prefix(h.headerSize + payload.size());
    }
    return d;
}

std::string serverFrame(Opcode op, std::string_view payload)
{
    std::string out;
    appendFrame(out, op, payload);
    return describeSent(out);
}

std::string serverClose(std::uint16_t code)
{
    std::string out;
    appendCloseFrame(out, code);
    return describeSent(out);
}

struct Outcome {
    std::string messages; // "T:<payload>|" or "B:<payload>|" per message
    std::string sent;     // the bytes the codec produced
    bool closed = false;
    int code = 0;
    bool operator==(const Outcome&) const = default;
};

struct Sink : WebSocketMessageSink {
    std::string* messages;
    void onMessage(std::string_view payload, bool text) override
    {
        messages->append(text ? "T:" : "B:").append(payload).append("|");
    }
};

/// run feeds the pieces as a server would: the codec sees the unconsumed bytes each time.
Outcome run(const std::vector<std::string>& pieces)
{
    WebSocketCodec codec(kMaxMessage);
    Outcome o;
    Sink sink;
    sink.messages = &o.messages;
    std::string pending;
    for (const std::string& piece : pieces) {
        if (codec.closed())
            break;
        pending += piece;
        const std::string copy = pending;
        const std::size_t used = codec.feed(copy, o.sent, sink);
        pending.erase(0, used);
    }
    o.sent = describeSent(o.sent);
    o.closed = codec.closed();
    o.code = o.closed ? codec.closeCode() : 0;
    return o;
}

QByteArray describe(const Outcome& o)
{
    return QByteArray("messages=") + QByteArray::number(static_cast<qsizetype>(o.messages.size()))
        + " sent=" + QByteArray::fromStdString(o.sent).left(80) + " closed=" + QByteArray::number(o.closed)
        + " code=" + QByteArray::number(o.code);
}

} // namespace

Q_DECLARE_METATYPE(std::string)

class TestWebSocketCodec : public QObject {
    Q_OBJECT

private:
    struct Case {
        std::string input;
        Outcome expected;
    };

    void table()
    {
        QTest::addColumn<std::string>("input");
        QTest::addColumn<std::string>("messages");
        QTest::addColumn<std::string>("sent");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<int>("code");
        auto row = [](const QByteArray& name, const std::string& in, const std::string& msgs, const std::string& sent,
                       bool closed,
                       int code) { QTest::newRow(name.constData()) << in << msgs << sent << closed << code; };
        const std::string text = "Hello";

        // 1 Framing: every length form, text and binary.
        for (const std::size_t n : {0u, 125u, 126u, 127u, 128u, 65535u, 65536u}) {
            const std::string payload(n, 'a');
            row("1 text " + QByteArray::number(static_cast<qulonglong>(n)), clientFrame(1, payload),
                "T:" + payload + "|", "", false, 0);
            const std::string bin(n, '\xfe');
            row("1 binary " + QByteArray::number(static_cast<qulonglong>(n)), clientFrame(2, bin), "B:" + bin + "|", "",
                false, 0);
        }
        row("1 two messages", clientFrame(1, "a") + clientFrame(2, "b"), "T:a|B:b|", "", false, 0);

        // 2 Pings and pongs.
        row("2 ping empty", clientFrame(9, ""), "", serverFrame(Opcode::Pong, ""), false, 0);
        const std::string p125(125, 'p');
        row("2 ping 125", clientFrame(9, p125), "", serverFrame(Opcode::Pong, p125), false, 0);
        row("2 ping 126", clientFrame(9, std::string(126, 'p')), "", serverClose(1002), true, 1002);
        row("2 unsolicited pong", clientFrame(0xA, "x") + clientFrame(1, "a"), "T:a|", "", false, 0);
        row("2 ping between fragments", clientFrame(1, "ab", false) + clientFrame(9, "P") + clientFrame(0, "cd"),
            "T:abcd|", serverFrame(Opcode::Pong, "P"), false, 0);

        // 3 Reserved bits, after a valid message that must still be delivered.
        for (std::uint8_t rsv = 1; rsv <= 7; ++rsv) {
            for (const std::uint8_t op : {1, 2, 9, 8}) {
                const std::string payload = op == 8 ? closePayload(1000) : "x";
                row("3 rsv " + QByteArray::number(rsv) + " op " + QByteArray::number(op),
                    clientFrame(1, text) + clientFrame(op, payload, true, rsv), "T:Hello|", serverClose(1002), true,
                    1002);
            }
        }

        // 4 Reserved opcodes.
        for (const std::uint8_t op : {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
            row("4 opcode " + QByteArray::number(op), clientFrame(1, text) + clientFrame(op, "x"), "T:Hello|",
                serverClose(1002), true, 1002);

        // 5 Fragmentation.
        row("5 text in 3 fragments", clientFrame(1, "He", false) + clientFrame(0, "ll", false) + clientFrame(0, "o"),
            "T:Hello|", "", false, 0);
        row("5 binary in fragments with empty ones",
            clientFrame(2, "", false) + clientFrame(0, "ab", false) + clientFrame(0, ""), "B:ab|", "", false, 0);
        row("5 continuation without start", clientFrame(0, "x"), "", serverClose(1002), true, 1002);
        row("5 new start before last fragment", clientFrame(1, "a", false) + clientFrame(1, "b"), "", serverClose(1002),
            true, 1002);
        row("5 fragmented ping", clientFrame(9, "a", false) + clientFrame(0, "b"), "", serverClose(1002), true, 1002);
        row("5 fragmented close", clientFrame(8, closePayload(1000), false), "", serverClose(1002), true, 1002);

        // 6 UTF-8.
        const std::string valid = "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5 \xf0\x9f\x98\x80";
        row("6 valid utf-8", clientFrame(1, valid), "T:" + valid + "|", "", false, 0);
        row("6 valid utf-8 split inside a character",
            clientFrame(1, valid.substr(0, 1), false) + clientFrame(0, valid.substr(1, 4), false)
                + clientFrame(0, valid.substr(5)),
            "T:" + valid + "|", "", false, 0);
        row("6 overlong", clientFrame(1, "\xc0\xaf"), "", serverClose(1007), true, 1007);
        row("6 surrogate", clientFrame(1, "\xed\xa0\x80"), "", serverClose(1007), true, 1007);
        row("6 over U+10FFFF", clientFrame(1, "\xf4\x90\x80\x80"), "", serverClose(1007), true, 1007);
        row("6 truncated at end", clientFrame(1, "a\xce"), "", serverClose(1007), true, 1007);
        row("6 truncated at the last fragment", clientFrame(1, "a", false) + clientFrame(0, "\xe2\x82"), "",
            serverClose(1007), true, 1007);
        // Fail fast: the first fragment already cannot become valid; the rest never arrives.
        row("6 fail fast mid-message", clientFrame(1, "ok\xff", false), "", serverClose(1007), true, 1007);
        row("6 invalid split across fragments", clientFrame(1, "\xf0\x9f", false) + clientFrame(0, "\x28\x8c"), "",
            serverClose(1007), true, 1007);
        row("6 binary is not checked", clientFrame(2, "\xff\xfe"), "B:\xff\xfe|", "", false, 0);

        // 7 Close handling.
        row("7 close empty", clientFrame(8, ""), "", serverFrame(Opcode::Close, ""), true, 1005);
        row("7 close 1 byte", clientFrame(8, "\x03"), "", serverClose(1002), true, 1002);
        for (const int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
            row("7 close valid " + QByteArray::number(code),
                clientFrame(8, closePayload(static_cast<std::uint16_t>(code), "bye")), "",
                serverClose(static_cast<std::uint16_t>(code)), true, code);
        for (const int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
            row("7 close invalid " + QByteArray::number(code),
                clientFrame(8, closePayload(static_cast<std::uint16_t>(code))), "", serverClose(1002), true, 1002);
        row("7 close reason bad utf-8", clientFrame(8, closePayload(1000, "\xce")), "", serverClose(1007), true, 1007);
        row("7 data after close", clientFrame(8, closePayload(1000)) + clientFrame(1, "late"), "", serverClose(1000),
            true, 1000);

        // 9 Limits.
        row("9 message too big", clientFrame(2, std::string(kMaxMessage + 1, 'x')), "", serverClose(1009), true, 1009);
        row("9 fragments too big",
            clientFrame(2, std::string(kMaxMessage - 10, 'x'), false) + clientFrame(0, std::string(11, 'y')), "",
            serverClose(1009), true, 1009);
        row("9 fragments at the limit",
            clientFrame(2, std::string(kMaxMessage - 10, 'x'), false) + clientFrame(0, std::string(10, 'y')),
            "B:" + std::string(kMaxMessage - 10, 'x') + std::string(10, 'y') + "|", "", false, 0);

        // Masking and lengths.
        row("unmasked frame", clientFrame(1, "a", true, 0, false), "", serverClose(1002), true, 1002);
        std::string huge = "\x82\xff";
        huge += std::string("\x80\x00\x00\x00\x00\x00\x00\x01", 8);
        huge += "abcd";
        row("64-bit length with top bit", huge, "", serverClose(1002), true, 1002);
    }

private slots:
    void whole_data() { table(); }
    void whole()
    {
        QFETCH(std::string, input);
        QFETCH(std::string, messages);
        QFETCH(std::string, sent);
        QFETCH(bool, closed);
        QFETCH(int, code);
        const Outcome want{messages, sent, closed, code};
        const Outcome got = run({input});
        QVERIFY2(got == want, (describe(got) + " want " + describe(want)).constData());
    }

    void split_data() { table(); }
    void split()
    {
        QFETCH(std::string, input);
        QFETCH(std::string, messages);
        QFETCH(std::string, sent);
        QFETCH(bool, closed);
        QFETCH(int, code);
        const Outcome want{messages, sent, closed, code};
        const std::size_t step = input.size() > 4096 ? 997 : 1; // large inputs: sampled offsets
        for (std::size_t cut = 1; cut < input.size(); cut += step) {
            const Outcome got = run({input.substr(0, cut), input.substr(cut)});
            QVERIFY2(got == want,
                ("cut " + QByteArray::number(static_cast<qulonglong>(cut)) + ": " + describe(got)).constData());
        }
        if (input.size() <= 4096) {
            std::vector<std::string> bytes;
            for (const char c : input)
                bytes.emplace_back(1, c);
            const Outcome got = run(bytes);
            QVERIFY2(got == want, ("bytewise: " + describe(got)).constData());
        }
    }

    void utf8Validator()
    {
        QVERIFY(Utf8Validator::isValid(""));
        QVERIFY(Utf8Validator::isValid("plain ascii"));
        QVERIFY(Utf8Validator::isValid("\xf4\x8f\xbf\xbf"));  // U+10FFFF
        QVERIFY(!Utf8Validator::isValid("\xf4\x90\x80\x80")); // U+110000
        QVERIFY(!Utf8Validator::isValid("\xed\xbf\xbf"));     // surrogate
        QVERIFY(!Utf8Validator::isValid("\xe0\x80\xaf"));     // overlong
        QVERIFY(!Utf8Validator::isValid("\x80"));
        QVERIFY(!Utf8Validator::isValid("\xf8\x88\x80\x80\x80"));
    }

    // unmask works eight bytes at a time: every length around the word size, every key offset and
    // every start alignment must give what the byte-by-byte definition of RFC 6455 §5.3 gives.
    void unmaskMatchesBytewise()
    {
        const std::uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
        std::string buffer(80, '\0');
        for (std::size_t i = 0; i < buffer.size(); ++i)
            buffer[i] = static_cast<char>(i * 31 + 7);
        for (std::size_t start = 0; start < 8; ++start) {
            for (std::size_t size = 0; start + size <= 80; ++size) {
                for (std::size_t offset = 0; offset < 6; ++offset) {
                    std::string got = buffer;
                    unmask(got.data() + start, size, key, offset);
                    std::string want = buffer;
                    for (std::size_t i = 0; i < size; ++i)
                        want[start + i] = static_cast<char>(
                            static_cast<std::uint8_t>(want[start + i]) ^ key[(offset + i) % 4]);
                    QVERIFY2(got == want,
                        qPrintable(QStringLiteral("start %1 size %2 offset %3").arg(start).arg(size).arg(offset)));
                }
            }
        }
    }

    // The validator skips ASCII eight bytes at a time: a bad or multi-byte sequence at any position of
    // a long ASCII run, and a run fed in pieces that end inside a character, must still be judged.
    void utf8AcrossWords()
    {
        const std::string ascii(40, 'a');
        const std::string_view good[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
        const std::string_view bad[] = {"\x80", "\xc0\xaf", "\xed\xa0\x80", "\xff", "\xe2\x82"};
        for (std::size_t at = 0; at <= ascii.size(); ++at) {
            for (const std::string_view g : good) {
                const std::string text = ascii.substr(0, at) + std::string(g) + ascii.substr(at);
                QVERIFY2(Utf8Validator::isValid(text), qPrintable(QStringLiteral("good at %1").arg(at)));
                for (std::size_t cut = 0; cut <= text.size(); ++cut) { // fed in two pieces
                    Utf8Validator v;
                    QVERIFY(v.feed(std::string_view(text).substr(0, cut)));
                    QVERIFY(v.feed(std::string_view(text).substr(cut)));
                    QVERIFY(v.complete());
                }
            }
            for (const std::string_view b : bad) {
                const std::string text = ascii.substr(0, at) + std::string(b) + ascii.substr(at);
                QVERIFY2(!Utf8Validator::isValid(text), qPrintable(QStringLiteral("bad at %1").arg(at)));
            }
        }
        // A character cut at the end of a long ASCII run stays incomplete.
        Utf8Validator v;
        QVERIFY(v.feed(ascii + "\xe2"));
        QVERIFY(!v.complete());
    }

    void acceptKey()
    {
        // RFC 6455 §1.3's example.
        QCOMPARE(QByteArray::fromStdString(webSocketAccept("dGhlIHNhbXBsZSBub25jZQ==")),
            QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        QVERIFY(isValidWebSocketKey("dGhlIHNhbXBsZSBub25jZQ=="));
        QVERIFY(!isValidWebSocketKey("dGhlIHNhbXBsZSBub25jZQ"));
        QVERIFY(!isValidWebSocketKey("dGhlIHNhbXBsZSBub25jZ*=="));
    }

    void closeFromServer()
    {
        // Our close first: data is dropped until the peer's close, which ends the handshake.
        WebSocketCodec codec;
        std::string out, msgs;
        Sink sink;
        sink.messages = &msgs;
        codec.close(out, 1001, "going");
        QVERIFY(codec.closeSent());
        QVERIFY(!codec.closed());
        const std::string in = clientFrame(1, "ignored") + clientFrame(9, "p") + clientFrame(8, closePayload(1001));
        QCOMPARE(codec.feed(in, out, sink), in.size());
        QVERIFY(codec.closed());
        QVERIFY(msgs.empty());
        std::string want;
        appendCloseFrame(want, 1001, "going");
        QCOMPARE(QByteArray::fromStdString(out), QByteArray::fromStdString(want)); // no pong after our close
    }
};

QTEST_APPLESS_MAIN(TestWebSocketCodec)
#include "tst_websocket_codec.moc"
