// SPDX-License-Identifier: Apache-2.0
#pragma once

// TLS inside a Connection. A TlsSession is one connection's OpenSSL SSL object, attached to a BIO
// of our own that never touches the socket: OpenSSL reads ciphertext from the bytes the backend
// delivered (a view, no copy; what a call leaves unread is kept in a small per-connection ring) and
// writes records into the loop's staging buffer, which the connection then sends through its
// ordinary write path (write-through or the outbound buffer). So TLS works the same on every
// backend, and the backend never knows it is there.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include "buffer/ring_buffer.h"
#include "qgnet/bytes.h"
#include "qgnet/stats.h"
#include "qgnet/tls.h"

namespace qgnet::detail {

class BufferPool;

/// takeOpensslErrors empties this thread's OpenSSL error queue into one line ("reason; reason"),
/// or "unknown OpenSSL error" when it is empty.
std::string takeOpensslErrors();

/// describeTlsError names an OpenSSL packed error code (ErrorKind::Tls): name is OpenSSL's reason
/// ("wrong version number", "tlsv1 alert unknown ca"), description its library ("SSL routines").
void describeTlsError(int code, std::string& name, std::string& description);
/// describeVerifyError names an X509_V_ERR_* value (ErrorKind::TlsVerify).
void describeVerifyError(int code, std::string& name, std::string& description);

/// TlsContextAccess reaches the SSL_CTX inside a public TlsContext.
struct TlsContextAccess {
    static SSL_CTX* native(const TlsContext& context) noexcept;
};

/// TlsLoopBuffers are the reusable buffers one loop's TLS connections share (loop thread only): the
/// staging area where OpenSSL writes records during one call (emptied into the connection's write
/// path right after it), and the plaintext buffer that decrypted bytes are shown from. Both grow
/// once and are then reused, so TLS costs no allocation per message.
class TlsLoopBuffers {
public:
    explicit TlsLoopBuffers(std::size_t plainCapacity);
    /// stage appends n bytes of records.
    void stage(const void* data, std::size_t n);
    Bytes staged() const noexcept { return {staging_.get(), stagedSize_}; }
    void clearStaged() noexcept { stagedSize_ = 0; }
    /// plain is where a read decrypts to (at least 16 KiB, one TLS record).
    MutableBytes plain() noexcept { return {plain_.get(), plainCapacity_}; }

private:
    std::unique_ptr<std::byte[]> staging_;
    std::size_t stagingCapacity_ = 0;
    std::size_t stagedSize_ = 0;
    std::unique_ptr<std::byte[]> plain_;
    std::size_t plainCapacity_;
};

/// TlsStatus is how a handshake step ended. Failed/VerifyFailed: TlsSession::error() says why.
enum class TlsStatus : std::uint8_t { Done, Pending, Failed, VerifyFailed };
/// TlsReadStatus is how a read ended: plaintext (Data), no whole record left (NeedInput), the
/// peer's close_notify (PeerClosed), or a failure (TlsSession::error()).
enum class TlsReadStatus : std::uint8_t { Data, NeedInput, PeerClosed, Failed };

/// TlsSession is the TLS state of one connection (loop thread only). Every call that can produce
/// records (handshake, read, encrypt, closeNotify) leaves them in the loop's staging buffer; the
/// connection must send or drop them before the next call of any session of that loop.
class TlsSession {
public:
    /// peerName (clients): the name sent as SNI and checked against the certificate, or an IP
    /// address checked against its IP entries; empty: none.
    TlsSession(const TlsContext& context, TlsLoopBuffers& buffers, BufferPool& pool, bool client,
        std::string_view peerName);
    ~TlsSession();
    TlsSession(const TlsSession&) = delete;
    TlsSession& operator=(const TlsSession&) = delete;

    using Status = TlsStatus;
    /// handshake advances the handshake with the input available. Failed/VerifyFailed: error() says why.
    Status handshake();
    bool handshakeDone() const noexcept { return handshakeDone_; }
    bool isClient() const noexcept { return client_; }

    using ReadStatus = TlsReadStatus;
    /// read decrypts into into until it is full or no whole record is left; got is the bytes
    /// written. Data when got > 0; PeerClosed on the peer's close_notify; Failed: error() says why.
    ReadStatus read(MutableBytes into, std::size_t& got);
    /// encrypt turns plain into records (staged); false on failure (error()).
    bool encrypt(Bytes plain);
    /// closeNotify stages a close_notify alert, once, if the handshake completed and nothing failed.
    void closeNotify();
    /// closeNotifyReceived: the peer's close_notify was read, so its stream ended cleanly.
    bool closeNotifyReceived() const noexcept;

    /// setInput makes cipher (valid until keepInput or the end of the backend's call) the input
    /// after what earlier calls left unread.
    void setInput(Bytes cipher) noexcept { input_ = cipher; }
    bool inputPending() const noexcept { return !input_.empty(); }
    /// pendingInput is the size of the current input's unread part (what keepInput would copy).
    std::size_t pendingInput() const noexcept { return input_.size(); }
    /// dropInput forgets the current input's unread part (a connection over its input cap).
    void dropInput() noexcept { input_ = {}; }
    /// keepInput copies the unread part of the current input into the session's own ring.
    void keepInput();
    /// keptInput is the ciphertext held in the session's ring (counted against maxInputBuffered).
    std::size_t keptInput() const noexcept { return kept_.size(); }
    /// keptCapacity is the pool memory that ring holds.
    std::size_t keptCapacity() const noexcept { return kept_.capacity(); }
    /// hasBufferedInput: ciphertext or decrypted bytes wait inside the session (shown only when the
    /// connection reads again).
    bool hasBufferedInput() const noexcept;
    /// takeInput is the BIO's read: n bytes of input, oldest first.
    std::size_t takeInput(std::byte* out, std::size_t n) noexcept;
    TlsLoopBuffers& buffers() noexcept { return *buffers_; }

    /// error is OpenSSL's reason for the last failure (certificate verification included).
    const std::string& error() const noexcept { return error_; }
    /// failureKind / failureCode are error() as a count key (see ErrorKind): the first OpenSSL error
    /// of the failure (the alert received, or the handshake's reason), the certificate verification
    /// error, or a system errno (ErrorKind::Socket); code 0 while nothing failed, or OpenSSL said nothing.
    ErrorKind failureKind() const noexcept { return failureKind_; }
    int failureCode() const noexcept { return failureCode_; }
    std::string_view alpn() const noexcept;
    std::string_view version() const noexcept;
    /// native is the session's SSL object, for read-only queries (tls_details.h).
    const SSL* native() const noexcept { return ssl_; }

private:
    void recordFailure(int sslError);

    SSL* ssl_ = nullptr;
    TlsLoopBuffers* buffers_;
    RingBuffer kept_;
    Bytes input_;
    std::string error_;
    ErrorKind failureKind_ = ErrorKind::Tls;
    int failureCode_ = 0;
    bool client_;
    bool handshakeDone_ = false;
    bool failed_ = false;
    bool closeNotifySent_ = false;
};

} // namespace qgnet::detail
