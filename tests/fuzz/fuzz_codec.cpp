// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the tests' length-prefixed codec (tests/support/length_prefixed_codec.h, the one
// core.codec runs over sockets), checked against a model. The input is one control byte, then the
// byte stream a peer sends. Bit 0 of the control byte picks the payload limit (core.codec's 1 MiB, or
// 64 bytes so that short inputs reach it); the byte also seeds splits.h's generated reads.
//
// The model reads the whole stream at once: frames while a whole one is there, refused at the first
// header over the limit, else a partial frame left. For every split of the stream into reads (each
// read followed by a decode, as onTraffic does), the codec must give the model's frames, in order,
// byte-exact; refuse exactly when the model does, in the very read that completed the lying header
// (so it never waits for, or buffers, the payload a lie announces); and otherwise leave exactly the
// model's partial frame buffered. The reader keeps Conn's contract strictly: every view it returns
// is freed at its next call, so a codec that kept one would be a use after free under ASan.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <vector>

#include "length_prefixed_codec.h"
#include "splits.h"

namespace {

using qgnet_test::ConstBytes;
using qgnet_test::FrameDecode;
using qgnet_test::kFrameHeader;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

// Reader is Conn's reader contract over a plain buffer of the received, unconsumed bytes.
class Reader {
public:
    void receive(ConstBytes bytes)
    {
        invalidate();
        buffered_.insert(buffered_.end(), bytes.begin(), bytes.end());
    }
    ConstBytes peek(std::size_t n)
    {
        invalidate();
        if (n == 0 || n > buffered_.size())
            return {};
        view_ = std::make_unique<std::byte[]>(n); // a copy of its own, freed at the next call
        std::copy_n(buffered_.begin(), n, view_.get());
        return {view_.get(), n};
    }
    std::size_t discard(std::size_t n)
    {
        invalidate();
        n = std::min(n, buffered_.size());
        buffered_.erase(buffered_.begin(), buffered_.begin() + static_cast<std::ptrdiff_t>(n));
        return n;
    }
    ConstBytes next(std::size_t n)
    {
        const ConstBytes view = peek(n);
        std::byte* keep = view_.release(); // survives the invalidate in discard
        discard(view.size());
        view_.reset(keep);
        return view;
    }
    std::size_t inboundBuffered() const noexcept { return buffered_.size(); }
    /// invalidate ends every view handed out (the next reader call, or the end of onTraffic).
    void invalidate() noexcept { view_.reset(); }

private:
    std::vector<std::byte> buffered_;
    std::unique_ptr<std::byte[]> view_;
};

struct Outcome {
    std::vector<std::vector<std::byte>> frames;
    bool refused = false;
    std::size_t refusedAt = 0; // stream offset just past the lying header
    std::size_t leftover = 0;  // bytes of a partial frame at the end (not refused)
    bool operator==(const Outcome&) const = default;
};

Outcome model(ConstBytes stream, std::size_t maxPayload)
{
    Outcome out;
    std::size_t at = 0;
    while (stream.size() - at >= kFrameHeader) {
        const std::uint32_t length = qgnet_test::getBe32(stream.data() + at);
        if (length > maxPayload) {
            out.refused = true;
            out.refusedAt = at + kFrameHeader;
            return out;
        }
        if (stream.size() - at - kFrameHeader < length)
            break;
        const ConstBytes payload = stream.subspan(at + kFrameHeader, length);
        out.frames.emplace_back(payload.begin(), payload.end());
        at += kFrameHeader + length;
    }
    out.leftover = stream.size() - at;
    return out;
}

Outcome decode(ConstBytes stream, std::size_t maxPayload, const qgnet_fuzz::NextRead& nextRead)
{
    Outcome out;
    Reader reader;
    std::size_t have = 0;
    while (have < stream.size()) {
        const std::size_t from = have;
        have = std::min(stream.size(), have + std::max<std::size_t>(1, nextRead(have)));
        reader.receive(stream.subspan(from, have - from));
        const FrameDecode why = qgnet_test::decodeFrames(reader, maxPayload, [&](ConstBytes payload) {
            out.frames.emplace_back(payload.begin(), payload.end());
            return true;
        });
        reader.invalidate(); // onTraffic returned
        check(why == FrameDecode::NeedMore || why == FrameDecode::TooLong);
        if (why == FrameDecode::TooLong) {
            // Refused in the read that completed the header: the lie's offset is in (from, have].
            check(reader.inboundBuffered() >= kFrameHeader);
            out.refused = true;
            out.refusedAt = have - reader.inboundBuffered() + kFrameHeader;
            check(out.refusedAt > from && out.refusedAt <= have);
            return out; // the connection closes: nothing after a refusal is read
        }
        check(reader.inboundBuffered() < kFrameHeader || reader.inboundBuffered() < kFrameHeader + maxPayload);
    }
    out.leftover = reader.inboundBuffered();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t maxPayload = (data[0] & 1) != 0 ? 64 : 1024 * 1024;
    const ConstBytes stream(reinterpret_cast<const std::byte*>(data + 1), size - 1);
    const Outcome expected = model(stream, maxPayload);
    check(decode(stream, maxPayload, [&](std::size_t) { return stream.size(); }) == expected);
    qgnet_fuzz::forEachSplit(stream.size(), data[0],
        [&](const qgnet_fuzz::NextRead& nextRead) { check(decode(stream, maxPayload, nextRead) == expected); });
    return 0;
}
