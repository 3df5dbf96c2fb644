// SPDX-License-Identifier: Apache-2.0
#include "tls/tls_session.h"

#include <algorithm>
#include <cstring>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "qgnet/error.h"

namespace qgnet::detail {

std::string takeOpensslErrors()
{
    std::string out;
    const char* data = nullptr;
    int flags = 0;
    while (const unsigned long e = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
        if (!out.empty())
            out += "; ";
        const char* lib = ERR_lib_error_string(e);
        const char* reason = ERR_reason_error_string(e);
        if (ERR_SYSTEM_ERROR(e)) {
            out += std::strerror(ERR_GET_REASON(e)); // an errno, e.g. "No such file or directory"
        } else if (reason) {
            out += lib ? std::string(lib) + ": " + reason : std::string(reason);
        } else {
            char text[256];
            ERR_error_string_n(e, text, sizeof text);
            out += text;
        }
        if ((flags & ERR_TXT_STRING) && data && *data)
            out += std::string(" (") + data + ")";
    }
    return out.empty() ? "unknown OpenSSL error" : out;
}

void describeTlsError(int code, std::string& name, std::string& description)
{
    const auto e = static_cast<unsigned long>(code);
    const char* reason = ERR_reason_error_string(e);
    const char* lib = ERR_lib_error_string(e);
    name = reason ? reason
                  : "OpenSSL error " + std::to_string(ERR_GET_LIB(e)) + ":" + std::to_string(ERR_GET_REASON(e));
    description = lib ? lib : "";
}

void describeVerifyError(int code, std::string& name, std::string& description)
{
    name = X509_verify_cert_error_string(code);
    description = "certificate verification failed";
}

// ---- the connection BIO -----------------------------------------------------------------------

namespace {

TlsSession& sessionOf(BIO* bio) { return *static_cast<TlsSession*>(BIO_get_data(bio)); }

int bioWrite(BIO* bio, const char* data, std::size_t n, std::size_t* written)
{
    BIO_clear_retry_flags(bio);
    sessionOf(bio).buffers().stage(data, n);
    *written = n;
    return 1;
}

// No input is not an end of stream: "retry", so OpenSSL reports WANT_READ. The end of the stream
// comes to the connection from the backend (handlePeerClosed), never through the BIO.
int bioRead(BIO* bio, char* out, std::size_t n, std::size_t* got)
{
    BIO_clear_retry_flags(bio);
    *got = sessionOf(bio).takeInput(reinterpret_cast<std::byte*>(out), n);
    if (*got == 0) {
        BIO_set_retry_read(bio);
        return 0;
    }
    return 1;
}

long bioCtrl(BIO*, int cmd, long, void*)
{
    return cmd == BIO_CTRL_FLUSH ? 1 : 0; // writes are staged at once: nothing to flush
}

int bioCreate(BIO* bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

int bioDestroy(BIO*) { return 1; }

BIO_METHOD* connectionBio()
{
    static BIO_METHOD* const method = [] {
        BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "qgnet connection");
        if (!m)
            return m;
        BIO_meth_set_write_ex(m, bioWrite);
        BIO_meth_set_read_ex(m, bioRead);
        BIO_meth_set_ctrl(m, bioCtrl);
        BIO_meth_set_create(m, bioCreate);
        BIO_meth_set_destroy(m, bioDestroy);
        return m;
    }();
    return method;
}

bool isIpLiteral(const std::string& name)
{
    unsigned char addr[16];
    return inet_pton(AF_INET, name.c_str(), addr) == 1 || inet_pton(AF_INET6, name.c_str(), addr) == 1;
}

constexpr std::size_t kMinStaging = 32 * 1024;
constexpr std::size_t kMinPlain = 16 * 1024; // one full TLS record

} // namespace

// ---- loop buffers -----------------------------------------------------------------------------

TlsLoopBuffers::TlsLoopBuffers(std::size_t plainCapacity)
    : plain_(std::make_unique_for_overwrite<std::byte[]>(std::max(plainCapacity, kMinPlain)))
    , plainCapacity_(std::max(plainCapacity, kMinPlain))
{
}

void TlsLoopBuffers::stage(const void* data, std::size_t n)
{
    if (stagedSize_ + n > stagingCapacity_) {
        std::size_t capacity = std::max(stagingCapacity_, kMinStaging);
        while (capacity < stagedSize_ + n)
            capacity *= 2;
        auto bigger = std::make_unique_for_overwrite<std::byte[]>(capacity);
        if (stagedSize_ > 0)
            std::memcpy(bigger.get(), staging_.get(), stagedSize_);
        staging_ = std::move(bigger);
        stagingCapacity_ = capacity;
    }
    std::memcpy(staging_.get() + stagedSize_, data, n);
    stagedSize_ += n;
}

// ---- session ----------------------------------------------------------------------------------

TlsSession::TlsSession(const TlsContext& context, TlsLoopBuffers& buffers, BufferPool& pool, bool client,
    std::string_view peerName)
    : buffers_(&buffers)
    , kept_(pool)
    , client_(client)
{
    ERR_clear_error();
    SSL_CTX* ctx = TlsContextAccess::native(context);
    BIO_METHOD* method = connectionBio();
    ssl_ = ctx && method ? SSL_new(ctx) : nullptr;
    BIO* bio = ssl_ ? BIO_new(method) : nullptr;
    if (!bio) {
        if (ssl_)
            SSL_free(ssl_);
        throw Error(Errc::TlsError, "cannot create a TLS session: " + takeOpensslErrors());
    }
    BIO_set_data(bio, this);
    SSL_set_bio(ssl_, bio, bio); // one BIO both ways; the SSL owns it
    if (!client) {
        SSL_set_accept_state(ssl_);
        return;
    }
    SSL_set_connect_state(ssl_);
    const std::string name(peerName);
    if (name.empty())
        return;
    if (isIpLiteral(name)) { // no SNI for addresses (RFC 6066 3); check the certificate's IP entries
        if (context.verifiesPeer())
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), name.c_str());
        return;
    }
    // SSL_set_tlsext_host_name, without the macro's C cast.
    SSL_ctrl(ssl_, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(name.c_str()));
    if (context.verifiesPeer())
        SSL_set1_host(ssl_, name.c_str());
}

TlsSession::~TlsSession() { SSL_free(ssl_); }

void TlsSession::recordFailure(int sslError)
{
    failed_ = true;
    const long verify = SSL_get_verify_result(ssl_);
    if (client_ && verify != X509_V_OK) {
        failureKind_ = ErrorKind::TlsVerify;
        failureCode_ = static_cast<int>(verify);
        error_ = std::string("certificate verification failed: ") + X509_verify_cert_error_string(verify);
        ERR_clear_error();
        return;
    }
    if (const unsigned long first = ERR_peek_error(); first != 0) {
        // The first error is the cause (later ones say where it surfaced); without the function
        // field, so that one reason is one key however OpenSSL reached it.
        failureKind_ = ERR_SYSTEM_ERROR(first) ? ErrorKind::Socket : ErrorKind::Tls;
        failureCode_ = ERR_SYSTEM_ERROR(first)
            ? ERR_GET_REASON(first)
            : static_cast<int>(ERR_PACK(ERR_GET_LIB(first), 0, ERR_GET_REASON(first)));
    }
    if (sslError == SSL_ERROR_SSL || ERR_peek_error() != 0)
        error_ = takeOpensslErrors();
    else
        error_ = "TLS failure (SSL_get_error " + std::to_string(sslError) + ")";
}

TlsSession::Status TlsSession::handshake()
{
    if (failed_)
        return Status::Failed;
    if (handshakeDone_)
        return Status::Done;
    ERR_clear_error();
    const int r = SSL_do_handshake(ssl_);
    if (r == 1) {
        handshakeDone_ = true;
        return Status::Done;
    }
    const int e = SSL_get_error(ssl_, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
        return Status::Pending;
    recordFailure(e);
    return client_ && SSL_get_verify_result(ssl_) != X509_V_OK ? Status::VerifyFailed : Status::Failed;
}

TlsSession::ReadStatus TlsSession::read(MutableBytes into, std::size_t& got)
{
    got = 0;
    if (failed_)
        return ReadStatus::Failed;
    ERR_clear_error();
    while (got < into.size()) {
        std::size_t n = 0;
        const int r = SSL_read_ex(ssl_, into.data() + got, into.size() - got, &n);
        if (r == 1) {
            got += n;
            continue;
        }
        const int e = SSL_get_error(ssl_, r);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
            return got > 0 ? ReadStatus::Data : ReadStatus::NeedInput;
        if (e == SSL_ERROR_ZERO_RETURN) // the peer's close_notify; a later read reports it again
            return got > 0 ? ReadStatus::Data : ReadStatus::PeerClosed;
        recordFailure(e);
        return got > 0 ? ReadStatus::Data : ReadStatus::Failed;
    }
    return ReadStatus::Data;
}

bool TlsSession::encrypt(Bytes plain)
{
    if (failed_)
        return false;
    ERR_clear_error();
    while (!plain.empty()) {
        std::size_t n = 0;
        const int r = SSL_write_ex(ssl_, plain.data(), plain.size(), &n);
        if (r != 1) {
            recordFailure(SSL_get_error(ssl_, r));
            return false;
        }
        plain = plain.subspan(n);
    }
    return true;
}

bool TlsSession::closeNotifyReceived() const noexcept { return (SSL_get_shutdown(ssl_) & SSL_RECEIVED_SHUTDOWN) != 0; }

void TlsSession::closeNotify()
{
    if (!handshakeDone_ || failed_ || closeNotifySent_)
        return;
    closeNotifySent_ = true;
    ERR_clear_error();
    (void)SSL_shutdown(ssl_); // 0: ours is sent, the peer's not seen yet; we do not wait for it
    ERR_clear_error();
}

void TlsSession::keepInput()
{
    if (input_.empty())
        return;
    kept_.append(input_);
    input_ = {};
}

bool TlsSession::hasBufferedInput() const noexcept
{
    return !kept_.empty() || !input_.empty() || SSL_has_pending(ssl_) == 1;
}

std::size_t TlsSession::takeInput(std::byte* out, std::size_t n) noexcept
{
    std::size_t taken = 0;
    if (!kept_.empty()) {
        taken = std::min(n, kept_.size());
        kept_.copyOut(taken, out);
        kept_.discard(taken);
        if (kept_.empty())
            kept_.release();
    }
    if (taken < n && !input_.empty()) {
        const std::size_t more = std::min(n - taken, input_.size());
        std::memcpy(out + taken, input_.data(), more);
        input_ = input_.subspan(more);
        taken += more;
    }
    return taken;
}

std::string_view TlsSession::alpn() const noexcept
{
    const unsigned char* data = nullptr;
    unsigned int len = 0;
    SSL_get0_alpn_selected(ssl_, &data, &len);
    return data ? std::string_view(reinterpret_cast<const char*>(data), len) : std::string_view();
}

std::string_view TlsSession::version() const noexcept { return SSL_get_version(ssl_); }

} // namespace qgnet::detail
