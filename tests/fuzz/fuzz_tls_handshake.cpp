// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the server side of a TLS handshake as a connection runs it: a TlsSession
// (src/core/tls) on the connection BIO, fed the client's flight(s) read by read, the way receiveTls
// does (setInput, handshake, keepInput of what is left, the staged records taken away after each call).
// The input is one control byte, then the bytes a client sends. Bit 0 of the control byte picks the
// server context (TLS 1.2 and 1.3, or 1.3 only), both with ALPN "h2" and "http/1.1" and a fixed
// certificate chain (support/tls_test_pki.h, made once per process); the byte also seeds splits.h's
// generated reads.
//
// Checked, for the whole stream in one read and for a generated split of it:
// - no crash, no leak (ASan/LSan), every buffer block back in the pool once the session is gone;
// - a clear failure: Failed comes with OpenSSL's reason in error(), and stays Failed;
// - never a loop: a Pending handshake has taken all its input (nothing left that it could still
//   progress on without more bytes), and asked again without new bytes it stays Pending and writes
//   nothing; a server's flight is bounded (kMaxFlight);
// - both splits end in the same status (a handshake does not depend on how TCP cut the bytes).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "buffer/buffer_pool.h"
#include "qgnet/tls.h"
#include "splits.h"
#include "tls/tls_session.h"
#include "tls_test_pki.h"

namespace {

using qgnet::detail::BufferPool;
using qgnet::detail::TlsLoopBuffers;
using qgnet::detail::TlsReadStatus;
using qgnet::detail::TlsSession;
using qgnet::detail::TlsStatus;

// A server flight is a few records (hello, certificates, signature, finished): far below this.
constexpr std::size_t kMaxFlight = 64 * 1024;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

struct Fixture {
    qgnet::TlsContext tls12;
    qgnet::TlsContext tls13;
    TlsLoopBuffers buffers{16 * 1024};

    static qgnet::TlsContext make(const qgnet_test::TestPki& pki, qgnet::TlsVersion minVersion)
    {
        qgnet::TlsServerOptions options;
        options.alpn = {"h2", "http/1.1"};
        options.minVersion = minVersion;
        return qgnet::TlsContext::serverFromPem(pki.serverCert + pki.caCert, pki.serverKey, options);
    }
    explicit Fixture(const qgnet_test::TestPki& pki)
        : tls12(make(pki, qgnet::TlsVersion::Tls12))
        , tls13(make(pki, qgnet::TlsVersion::Tls13))
    {
    }
};

Fixture& fixture()
{
    static Fixture f(qgnet_test::makeTestPki());
    return f;
}

// takeFlight is what the connection does with the records a call staged: send them (here: drop).
void takeFlight(TlsLoopBuffers& buffers)
{
    check(buffers.staged().size() <= kMaxFlight);
    buffers.clearStaged();
}

// After the handshake: decrypt until no whole record is left, as receiveTls does.
TlsStatus readAfterHandshake(TlsSession& session, TlsLoopBuffers& buffers)
{
    for (int rounds = 0;; ++rounds) {
        check(rounds < 1 << 16); // each Data round consumes a record: a bounded input ends it
        std::size_t got = 0;
        const TlsReadStatus r = session.read(buffers.plain(), got);
        takeFlight(buffers);
        if (r == TlsReadStatus::Data) {
            check(got > 0 && got <= buffers.plain().size());
            continue;
        }
        check(got == 0);
        if (r == TlsReadStatus::Failed) {
            check(!session.error().empty());
            return TlsStatus::Failed;
        }
        return TlsStatus::Done; // NeedInput, or the peer's close_notify
    }
}

TlsStatus run(const qgnet::TlsContext& context, qgnet::Bytes stream, const qgnet_fuzz::NextRead& nextRead)
{
    Fixture& f = fixture();
    BufferPool pool;
    TlsStatus status = TlsStatus::Pending;
    {
        TlsSession session(context, f.buffers, pool, false, {});
        std::size_t have = 0;
        while (have < stream.size()) {
            const std::size_t from = have;
            have = std::min(stream.size(), have + std::max<std::size_t>(1, nextRead(have)));
            session.setInput(stream.subspan(from, have - from));
            if (!session.handshakeDone()) {
                status = session.handshake();
                takeFlight(f.buffers);
                if (status == TlsStatus::Failed || status == TlsStatus::VerifyFailed) {
                    check(status == TlsStatus::Failed); // a server verifies no certificate
                    check(!session.error().empty());
                    check(session.handshake() == TlsStatus::Failed); // no second try on a failed session
                    check(f.buffers.staged().empty());
                    break; // the connection closes
                }
                if (status == TlsStatus::Pending) {
                    // Everything was taken in: a Pending handshake must not sit on bytes it could use.
                    check(!session.inputPending());
                    check(session.handshake() == TlsStatus::Pending);
                    check(f.buffers.staged().empty());
                }
            }
            if (session.handshakeDone()) {
                status = readAfterHandshake(session, f.buffers);
                if (status == TlsStatus::Failed)
                    break;
            }
            session.keepInput(); // endCallback: what is left waits for more
            check(session.keptInput() <= have);
        }
        f.buffers.clearStaged();
    }
    check(pool.outstanding() == 0);
    return status;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const qgnet::TlsContext& context = (data[0] & 1) != 0 ? fixture().tls13 : fixture().tls12;
    const qgnet::Bytes stream(reinterpret_cast<const std::byte*>(data + 1), size - 1);
    const TlsStatus whole = run(context, stream, [&](std::size_t) { return stream.size(); });
    const TlsStatus split = run(context, stream, qgnet_fuzz::generatedReads(data[0]));
    check(whole == split);
    return 0;
}
