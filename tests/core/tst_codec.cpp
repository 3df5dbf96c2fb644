// SPDX-License-Identifier: Apache-2.0
// A length-prefixed codec over peek/discard/next/inboundBuffered: the server (support/codec_handler.h)
// decodes every complete frame (4-byte big-endian length + payload; support/length_prefixed_codec.h,
// also fuzzed by tests/fuzz/fuzz_codec.cpp), leaves partial frames buffered, and answers each frame
// with [length][FNV-1a-64 of the payload][payload] in one writev. Clients send batches of frames of
// 16 B..1 MiB split at random points into several writes, so frames (and headers) straddle reads.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "codec_handler.h"
#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr int kClients = 8;

/// One client's session: rounds of batches, every reply checked.
std::string runClient(const qgnet::SocketAddress& target, std::uint64_t seed, std::size_t rounds)
{
    Rng rng(seed);
    std::string err;
    Fd fd = connectTo(target, deadlineIn(10s), err);
    if (!fd)
        return "connect: " + err;
    for (std::size_t round = 0; round < rounds; ++round) {
        // A batch of 1..8 frames, log-uniform sizes; the first round always has both extremes.
        std::vector<std::vector<std::byte>> payloads;
        if (round == 0) {
            payloads.push_back(randomBytes(rng, kMinPayload));
            payloads.push_back(randomBytes(rng, kMaxPayload));
        }
        const std::size_t extra = randomSize(rng, 1, 6);
        for (std::size_t i = 0; i < extra; ++i)
            payloads.push_back(randomBytes(rng, logUniformSize(rng, kMinPayload, kMaxPayload)));

        std::vector<std::size_t> headerOffsets;
        const std::vector<std::byte> wire = encodeFrames(payloads, &headerOffsets);
        const std::size_t expect = replySize(payloads);

        // Split points: some random, one inside a random frame header.
        std::vector<std::size_t> cuts;
        const std::size_t randomCuts = randomSize(rng, 1, 5);
        for (std::size_t i = 0; i < randomCuts; ++i)
            cuts.push_back(randomSize(rng, 1, wire.size() - 1));
        cuts.push_back(
            headerOffsets[randomSize(rng, 0, headerOffsets.size() - 1)] + randomSize(rng, 1, kFrameHeader - 1));
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        std::vector<ConstBytes> pieces;
        std::size_t from = 0;
        for (const std::size_t cut : cuts) {
            if (cut <= from || cut >= wire.size())
                continue;
            pieces.emplace_back(wire.data() + from, cut - from);
            from = cut;
        }
        pieces.emplace_back(wire.data() + from, wire.size() - from);

        std::vector<std::byte> replies;
        if (!exchange(fd.get(), pieces, replies, expect, deadlineIn(60s), err))
            return "round " + std::to_string(round) + " (" + std::to_string(payloads.size()) + " frames, "
                + std::to_string(wire.size()) + " bytes in " + std::to_string(pieces.size()) + " writes): " + err;

        const std::string bad = checkReplies(payloads, replies);
        if (!bad.empty())
            return "round " + std::to_string(round) + " " + bad;
    }
    return {};
}

} // namespace

class TestCodec : public EngineTestCase {
    Q_OBJECT

private slots:
    void frames_data();
    void frames();
};

void TestCodec::frames_data()
{
    QTest::addColumn<bool>("edge");
    QTest::addColumn<int>("loops");
    QTest::addColumn<bool>("unixSocket");
    QTest::addColumn<int>("readBufferCap");
    QTest::addColumn<int>("writeBufferCap");

    constexpr int k64 = 64 * 1024;
    QTest::newRow("lt/1loop/tcp") << false << 1 << false << k64 << k64;
    QTest::newRow("et/1loop/tcp") << true << 1 << false << k64 << k64;
    QTest::newRow("lt/4loop/tcp") << false << 4 << false << k64 << k64;
    QTest::newRow("et/4loop/tcp") << true << 4 << false << k64 << k64;
    // Tiny buffers: every frame spans many reads, and replies spill from the ring into chunks.
    QTest::newRow("lt/4loop/tcp/1k-buffers") << false << 4 << false << 1024 << 1024;
    QTest::newRow("et/4loop/tcp/1k-buffers") << true << 4 << false << 1024 << 1024;
    QTest::newRow("et/2loop/unix") << true << 2 << true << k64 << k64;
}

void TestCodec::frames()
{
    QFETCH(bool, edge);
    QFETCH(int, loops);
    QFETCH(bool, unixSocket);
    QFETCH(int, readBufferCap);
    QFETCH(int, writeBufferCap);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string url = unixSocket ? "unix://" + dir.filePath(QStringLiteral("codec.sock")).toStdString()
                                       : "tcp://127.0.0.1:0";
    const std::size_t rounds = scaled(3);
    const std::string rowName = QTest::currentDataTag();
    CodecHandler h;
    qgnet::Options o;
    o.numEventLoop = loops;
    o.edgeTriggeredIO = edge;
    o.readBufferCap = static_cast<std::size_t>(readBufferCap);
    o.writeBufferCap = static_cast<std::size_t>(writeBufferCap);
    TestServer server;
    QVERIFY2(server.start(h, url, o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const qgnet::SocketAddress target = engine.listenAddresses().at(0);

    const auto failures = runThreads(kClients, [&](int index, std::string& failure) {
        failure = runClient(target, seedFor("codec/" + rowName, static_cast<std::uint64_t>(index)), rounds);
    });
    QGNET_VERIFY_NO_FAILURES(failures);
    QCOMPARE(h.protocolErrors.load(), 0);
    QCOMPARE(h.writeErrors.load(), 0);
    QVERIFY(h.frames.load() >= kClients * static_cast<int>(rounds) * 2);

    QGNET_WAIT_COMPARE(h.closed.load(), kClients, 10000);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(reasons.empty(), reasons.c_str());
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

QGNET_TEST_MAIN(TestCodec)
#include "tst_codec.moc"
