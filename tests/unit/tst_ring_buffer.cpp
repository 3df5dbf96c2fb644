// SPDX-License-Identifier: Apache-2.0
// RingBuffer against a std::deque model: random appends and discards, wrap-around, growth, release.
#include <QTest>

#include <deque>
#include <random>
#include <vector>

#include "buffer/buffer_pool.h"
#include "buffer/ring_buffer.h"

using qgnet::detail::BufferPool;
using qgnet::detail::RingBuffer;

namespace {

std::vector<std::byte> contents(const RingBuffer& ring)
{
    const auto [a, b] = ring.segments();
    std::vector<std::byte> out(a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

} // namespace

class TestRingBuffer : public QObject {
    Q_OBJECT
private slots:
    void matchesModelUnderRandomOperations()
    {
        BufferPool pool;
        {
            RingBuffer ring(pool);
            std::deque<std::byte> model;
            std::mt19937 rng(1234);
            std::uint8_t next = 0;
            for (int step = 0; step < 20000; ++step) {
                if (rng() % 2) {
                    std::vector<std::byte> data(rng() % 3000);
                    for (auto& b : data)
                        b = std::byte{next++};
                    ring.append(data);
                    model.insert(model.end(), data.begin(), data.end());
                } else {
                    const std::size_t n = rng() % 4000;
                    const std::size_t expected = std::min(n, model.size());
                    QCOMPARE(ring.discard(n), expected);
                    model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(expected));
                }
                QCOMPARE(ring.size(), model.size());
                if (step % 97 == 0)
                    QVERIFY(contents(ring) == std::vector<std::byte>(model.begin(), model.end()));
            }
            std::vector<std::byte> all(ring.size());
            ring.copyOut(all.size(), all.data());
            QVERIFY(all == std::vector<std::byte>(model.begin(), model.end()));
        }
        QCOMPARE(pool.outstanding(), std::size_t(0));
    }

    void wrapsWithoutGrowingWhenThereIsRoom()
    {
        BufferPool pool;
        RingBuffer ring(pool);
        std::vector<std::byte> block(700, std::byte{1});
        ring.append(block);
        const std::size_t capacity = ring.capacity();
        QCOMPARE(capacity, std::size_t(1024));
        ring.discard(600);
        ring.append(block); // 100 + 700 fits in 1024: must wrap, not grow
        QCOMPARE(ring.capacity(), capacity);
        const auto [a, b] = ring.segments();
        QVERIFY(!b.empty());
        QCOMPARE(a.size() + b.size(), std::size_t(800));
    }

    void releaseOnlyWhenEmptyAndReturnsMemory()
    {
        BufferPool pool;
        RingBuffer ring(pool);
        std::vector<std::byte> block(100);
        ring.append(block);
        ring.release();
        QCOMPARE(pool.outstanding(), std::size_t(1)); // not empty: kept
        ring.discard(100);
        ring.release();
        QCOMPARE(pool.outstanding(), std::size_t(0));
        QCOMPARE(ring.capacity(), std::size_t(0));
        ring.append(block); // usable again after release
        QCOMPARE(ring.size(), std::size_t(100));
    }
};

QTEST_GUILESS_MAIN(TestRingBuffer)
#include "tst_ring_buffer.moc"
