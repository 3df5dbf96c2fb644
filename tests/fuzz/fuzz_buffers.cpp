// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the core's two connection buffers against a std::deque model: the input is a
// program of appends (of any size, up to past a ring's capacity), partial consumes, reads and
// releases, run on a RingBuffer (inbound) and an OutboundBuffer (ring then chunk list; both a fixed
// and a fitted ring). After every step the buffer holds exactly the model's bytes, in order, seen
// through each of its views (segments/copyOut, gather); at the end every block is back in the pool.
#include <sys/uio.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <vector>

#include "buffer/buffer_pool.h"
#include "buffer/outbound_buffer.h"
#include "buffer/ring_buffer.h"

namespace {

using qgnet::Bytes;
using qgnet::detail::BufferPool;
using qgnet::detail::OutboundBuffer;
using qgnet::detail::RingBuffer;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

// Reads the program: each step is an opcode byte and a 16-bit length.
struct Program {
    const std::uint8_t* p;
    const std::uint8_t* end;
    bool next(std::uint8_t& op, std::size_t& length)
    {
        if (end - p < 3)
            return false;
        op = p[0];
        length = static_cast<std::size_t>(p[1]) | static_cast<std::size_t>(p[2]) << 8;
        p += 3;
        return true;
    }
};

// The bytes appended are a running counter, so that any reordering, loss or duplicate shows.
struct Source {
    std::uint8_t counter = 0;
    std::vector<std::byte> take(std::size_t n)
    {
        std::vector<std::byte> out(n);
        for (auto& b : out)
            b = static_cast<std::byte>(counter++);
        return out;
    }
};

bool equalsFront(const std::deque<std::byte>& model, std::size_t offset, Bytes part)
{
    return offset + part.size() <= model.size()
        && std::equal(part.begin(), part.end(), model.begin() + static_cast<std::ptrdiff_t>(offset));
}

void runRing(Program program)
{
    BufferPool pool;
    {
        RingBuffer ring(pool);
        std::deque<std::byte> model;
        Source source;
        std::uint8_t op = 0;
        std::size_t length = 0;
        while (program.next(op, length)) {
            switch (op % 4) {
            case 0: { // append; lengths up to 64 KiB make it grow past several capacities
                const auto data = source.take(length);
                ring.append(Bytes(data.data(), data.size()));
                model.insert(model.end(), data.begin(), data.end());
                break;
            }
            case 1: { // discard some (possibly more than held)
                const std::size_t dropped = ring.discard(length);
                check(dropped == std::min(length, model.size()));
                model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(dropped));
                break;
            }
            case 2: { // copy a prefix out
                const std::size_t n = std::min(length, model.size());
                std::vector<std::byte> out(n);
                ring.copyOut(n, out.data());
                check(equalsFront(model, 0, Bytes(out.data(), out.size())));
                break;
            }
            case 3: // give memory back when empty
                ring.release();
                check(!ring.empty() || !ring.holdsMemory());
                break;
            }
            check(ring.size() == model.size());
            check(ring.capacity() == 0 || ring.size() <= ring.capacity());
            const auto [first, second] = ring.segments();
            check(first.size() + second.size() == model.size());
            check(equalsFront(model, 0, first) && equalsFront(model, first.size(), second));
        }
    }
    check(pool.outstanding() == 0);
}

void runOutbound(Program program, bool fitRing)
{
    BufferPool pool;
    {
        OutboundBuffer out(pool, 4096, fitRing);
        std::deque<std::byte> model;
        Source source;
        std::uint8_t op = 0;
        std::size_t length = 0;
        while (program.next(op, length)) {
            switch (op % 3) {
            case 0: {
                const auto data = source.take(length);
                out.append(Bytes(data.data(), data.size()));
                model.insert(model.end(), data.begin(), data.end());
                break;
            }
            case 1: { // a partial send: consume at most what is held
                const std::size_t n = std::min(length, model.size());
                out.consume(n);
                model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(n));
                break;
            }
            case 2: // a reset connection
                if (length % 8 == 0) {
                    out.clear();
                    model.clear();
                }
                break;
            }
            check(out.size() == model.size());
            check(out.spilledBytes() <= out.size());
            // What a writev would send: the front of the model, in order, in at most this many pieces.
            iovec iov[8];
            std::size_t bytes = 0;
            const int n = out.gather(iov, 8, bytes);
            check(n >= 0 && n <= 8);
            std::size_t offset = 0;
            for (int i = 0; i < n; ++i) {
                const Bytes piece(static_cast<const std::byte*>(iov[i].iov_base), iov[i].iov_len);
                check(equalsFront(model, offset, piece));
                offset += piece.size();
            }
            check(offset == bytes && bytes <= model.size() && (model.empty() || bytes > 0));
        }
    }
    check(pool.outstanding() == 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Program program{data, data + size};
    runRing(program);
    runOutbound(program, false);
    runOutbound(program, true);
    return 0;
}
