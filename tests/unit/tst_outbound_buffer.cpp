// SPDX-License-Identifier: Apache-2.0
// OutboundBuffer against a std::deque model: ring then chunk spill, order kept, partial consumes as a
// short writev would make them, iovec limits honoured, memory returned once drained.
#include <QTest>

#include <climits>
#include <deque>
#include <random>
#include <vector>

#include "buffer/buffer_pool.h"
#include "buffer/outbound_buffer.h"

using qgnet::detail::BufferPool;
using qgnet::detail::OutboundBuffer;

namespace {

std::vector<std::byte> gathered(const OutboundBuffer& out, int maxIov, std::size_t& bytes, int& count)
{
    std::vector<iovec> iov(static_cast<std::size_t>(maxIov));
    count = out.gather(iov.data(), maxIov, bytes);
    std::vector<std::byte> joined;
    for (int i = 0; i < count; ++i) {
        const auto* p = static_cast<const std::byte*>(iov[static_cast<std::size_t>(i)].iov_base);
        joined.insert(joined.end(), p, p + iov[static_cast<std::size_t>(i)].iov_len);
    }
    return joined;
}

} // namespace

class TestOutboundBuffer : public QObject {
    Q_OBJECT
private slots:
    void matchesModelUnderRandomOperations_data()
    {
        QTest::addColumn<bool>("fitRing");
        QTest::newRow("full ring") << false;
        QTest::newRow("ring fitted to the first write (io_uring)") << true;
    }

    void matchesModelUnderRandomOperations()
    {
        QFETCH(bool, fitRing);
        BufferPool pool;
        {
            OutboundBuffer out(pool, fitRing ? 64 * 1024 : 4096, fitRing);
            std::deque<std::byte> model;
            std::mt19937 rng(99);
            std::uint8_t next = 0;
            for (int step = 0; step < 5000; ++step) {
                if (rng() % 3 != 0) {
                    std::vector<std::byte> data(rng() % (rng() % 8 == 0 ? 200000 : 3000));
                    for (auto& b : data)
                        b = std::byte{next++};
                    out.append(data);
                    model.insert(model.end(), data.begin(), data.end());
                } else {
                    // A short write: gather, then consume part of what was gathered.
                    std::size_t bytes = 0;
                    int count = 0;
                    const int maxIov = 1 + static_cast<int>(rng() % 8);
                    const auto front = gathered(out, maxIov, bytes, count);
                    QVERIFY(count <= maxIov);
                    QCOMPARE(front.size(), bytes);
                    QVERIFY(std::equal(front.begin(), front.end(), model.begin()));
                    const std::size_t n = bytes ? rng() % (bytes + 1) : 0;
                    out.consume(n);
                    model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(n));
                }
                QCOMPARE(out.size(), model.size());
            }
            std::size_t bytes = 0;
            int count = 0;
            while (!out.empty()) {
                const auto front = gathered(out, IOV_MAX, bytes, count);
                QVERIFY(std::equal(front.begin(), front.end(), model.begin()));
                out.consume(bytes);
                model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(bytes));
            }
            QVERIFY(model.empty());
            QCOMPARE(pool.outstanding(), std::size_t(0)); // drained: ring and chunks returned
        }
        QCOMPARE(pool.outstanding(), std::size_t(0));
    }

    void spillsOnlyBeyondTheRing()
    {
        BufferPool pool;
        OutboundBuffer out(pool, 1024);
        std::vector<std::byte> data(1000);
        out.append(data);
        QCOMPARE(out.spilledBytes(), std::size_t(0));
        out.append(data);
        QCOMPARE(out.spilledBytes(), std::size_t(976));
        // Once spilled, even bytes that would fit the ring go to the list (order).
        out.consume(1000);
        out.append(std::vector<std::byte>(10));
        QCOMPARE(out.spilledBytes(), std::size_t(986));
        out.clear();
        QCOMPARE(pool.outstanding(), std::size_t(0));
    }

    void fittedRingSpillsBeyondItsSize()
    {
        BufferPool pool;
        OutboundBuffer out(pool, 64 * 1024, true);
        out.append(std::vector<std::byte>(100)); // a 4 KiB ring (kFitMin)
        out.append(std::vector<std::byte>(4000));
        QCOMPARE(out.spilledBytes(), std::size_t(100 + 4000 - OutboundBuffer::kFitMin));
        out.clear();
        out.append(std::vector<std::byte>(20000)); // a new episode: a 32 KiB ring
        QCOMPARE(out.spilledBytes(), std::size_t(0));
        out.clear();
        QCOMPARE(pool.outstanding(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestOutboundBuffer)
#include "tst_outbound_buffer.moc"
