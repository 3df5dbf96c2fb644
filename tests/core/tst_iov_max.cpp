// SPDX-License-Identifier: Apache-2.0
// Writes past IOV_MAX pieces (fault catalogue F9), on the backend QGNET_BACKEND names, plain and TLS:
//  - Conn::writev with 65 (one past writevWire's on-stack array), 1024 (IOV_MAX), 1025 and 5000
//    pieces, zero-length pieces among them, from onOpen;
//  - ConnHandle::asyncWritev of 2000 pieces from a foreign thread;
//  - a backlog of more than IOV_MAX 64 KiB chunks (80 MiB queued while the peer does not read), so
//    that every flush gathers IOV_MAX iovecs and leaves the rest for the next one.
// The client checks every byte against a position-dependent pattern, so a lost, repeated or
// reordered piece shows at its offset.
#include <QTest>

#include <future>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kBacklog = 80u * 1024 * 1024;

std::byte patternByte(std::size_t i) noexcept
{
    return static_cast<std::byte>((static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ull) >> 56);
}

std::vector<std::byte> pattern(std::size_t n)
{
    std::vector<std::byte> out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = patternByte(i);
    return out;
}

// "" when data equals the pattern from offset `at`.
std::string checkPattern(const std::vector<std::byte>& data, std::size_t at)
{
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (data[i] != patternByte(at + i))
            return "byte " + std::to_string(at + i) + " differs from the pattern";
    }
    return {};
}

enum class Mode { Writev, AsyncWritev, Backlog };

// Cuts data into `count` pieces of random sizes (about one in eight empty), in order.
std::vector<qgnet::Bytes> cut(const std::vector<std::byte>& data, std::size_t count, std::uint64_t seed)
{
    Rng rng(seed);
    std::vector<std::size_t> ends;
    for (std::size_t i = 0; i + 1 < count; ++i)
        ends.push_back(randomSize(rng, 0, data.size()));
    std::sort(ends.begin(), ends.end());
    ends.push_back(data.size());
    std::vector<qgnet::Bytes> pieces;
    std::size_t from = 0;
    for (const std::size_t end : ends) {
        pieces.emplace_back(data.data() + from, end - from);
        from = end;
    }
    return pieces;
}

/// PieceWriter writes its pieces in onOpen (Writev: one writev; Backlog: one write each) and keeps
/// the handle for AsyncWritev; `queued` is what outboundBuffered() said right after.
class PieceWriter : public RecordingHandler {
public:
    PieceWriter(Mode mode, std::vector<qgnet::Bytes> pieces) : mode_(mode), pieces_(std::move(pieces)) {}

    std::atomic<bool> written{false};
    std::atomic<std::size_t> queued{0};
    std::promise<qgnet::ConnHandle> handle;

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        if (mode_ == Mode::Writev && c.writev(pieces_))
            ++writeErrors;
        if (mode_ == Mode::Backlog) {
            for (const qgnet::Bytes& piece : pieces_) {
                if (c.write(piece))
                    ++writeErrors;
            }
        }
        if (mode_ == Mode::AsyncWritev)
            handle.set_value(c.handle());
        queued = c.outboundBuffered();
        written = true;
        return {};
    }

private:
    Mode mode_;
    std::vector<qgnet::Bytes> pieces_;
};

} // namespace

class TestIovMax : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { pki_ = makeTestPki(); }
    void pieces_data();
    void pieces();

private:
    TestPki pki_;
};

void TestIovMax::pieces_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("tls");
    for (const bool tls : {false, true}) {
        const char* t = tls ? "tls" : "plain";
        for (const int count : {65, 1024, 1025, 5000})
            QTest::addRow("writev/%d/%s", count, t) << int(Mode::Writev) << count << tls;
        QTest::addRow("asyncWritev/2000/%s", t) << int(Mode::AsyncWritev) << 2000 << tls;
        QTest::addRow("backlog/80MiB/%s", t) << int(Mode::Backlog) << 4000 << tls;
    }
}

void TestIovMax::pieces()
{
    QFETCH(int, mode);
    QFETCH(int, count);
    QFETCH(bool, tls);
    const Mode m = static_cast<Mode>(mode);
    const std::size_t total = m == Mode::Backlog ? kBacklog : std::size_t(count) * 300;
    const std::vector<std::byte> data = pattern(total);
    const std::vector<qgnet::Bytes> pieces = cut(data, std::size_t(count), seedFor(QTest::currentDataTag()));

    PieceWriter h(m, m == Mode::AsyncWritev ? std::vector<qgnet::Bytes>() : pieces);
    qgnet::Options o{.numEventLoop = 1, .maxOutputBuffered = 2 * kBacklog};
    if (tls)
        o.tls = std::make_shared<const qgnet::TlsContext>(
            qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey));
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    std::string err;

    // A plain client with a small window, or a TLS one; neither reads before the server has written.
    BlockingTlsClient tlsClient;
    Fd plain;
    if (tls) {
        QGNET_VERIFY_ERR(tlsClient.connect(server.port(), pki_.caCert, err), err);
    } else {
        plain = connectTo(server.address(), deadlineIn(10s), err, nullptr, 16 * 1024);
        QGNET_VERIFY_ERR(plain.valid(), err);
    }
    QGNET_WAIT_VERIFY(h.written.load(), 10000);
    std::atomic<int> callbacks{0};
    std::atomic<int> callbackErrors{0};
    if (m == Mode::AsyncWritev) {
        auto future = h.handle.get_future();
        QCOMPARE(future.wait_for(10s), std::future_status::ready);
        const std::error_code ec = future.get().asyncWritev(pieces, [&](qgnet::Conn*, std::error_code e) {
            callbackErrors += e ? 1 : 0;
            ++callbacks;
        });
        QVERIFY2(!ec, describe(ec).c_str());
    }
    if (m == Mode::Backlog) // the case this row is for: more 64 KiB chunks queued than one writev takes
        QVERIFY2(h.queued.load() > std::size_t(1024) * 64 * 1024, std::to_string(h.queued.load()).c_str());

    std::size_t at = 0;
    while (at < total) {
        std::vector<std::byte> got;
        const std::size_t n = std::min<std::size_t>(total - at, 1 << 20);
        if (tls)
            QGNET_VERIFY_ERR(tlsClient.readExact(got, n, err), err);
        else
            QGNET_VERIFY_ERR(recvExact(plain.get(), got, n, deadlineIn(60s), err), err);
        const std::string bad = checkPattern(got, at);
        QVERIFY2(bad.empty(), bad.c_str());
        at += n;
    }
    if (m == Mode::AsyncWritev) {
        QGNET_WAIT_COMPARE(callbacks.load(), 1, 10000);
        QCOMPARE(callbackErrors.load(), 0);
    }
    QCOMPARE(h.writeErrors.load(), 0);
    if (!tls)
        QCOMPARE(receiveQueued(plain.get()), 0L); // nothing more than the pieces
}

QGNET_TEST_MAIN(TestIovMax)
#include "tst_iov_max.moc"
