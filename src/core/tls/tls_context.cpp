// SPDX-License-Identifier: Apache-2.0
// TlsContext: an SSL_CTX set up once for a server (certificate chain + key) or a client (trust
// store, checks); the per-connection part is TlsSession (tls_session.h).
#include "qgnet/tls.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "qgnet/error.h"
#include "tls/tls_session.h"

namespace qgnet {

struct TlsContext::Impl {
    SSL_CTX* ctx = nullptr;
    bool server = false;
    bool verify = true;
    std::string serverName;
    std::chrono::milliseconds handshakeTimeout{0};
    std::vector<unsigned char> alpnWire; // length-prefixed protocol names, as ALPN sends them

    ~Impl()
    {
        if (ctx)
            SSL_CTX_free(ctx);
    }
};

namespace {

[[noreturn]] void fail(const std::string& what)
{
    throw Error(Errc::TlsError, what + ": " + detail::takeOpensslErrors());
}

int minProtocol(TlsVersion v) { return v == TlsVersion::Tls13 ? TLS1_3_VERSION : TLS1_2_VERSION; }

std::vector<unsigned char> alpnWire(const std::vector<std::string>& protocols)
{
    std::vector<unsigned char> wire;
    for (const std::string& p : protocols) {
        if (p.empty() || p.size() > 255)
            throw Error(Errc::TlsError, "invalid ALPN protocol name '" + p + "': must be 1..255 bytes");
        wire.push_back(static_cast<unsigned char>(p.size()));
        wire.insert(wire.end(), p.begin(), p.end());
    }
    return wire;
}

// The server picks the first of its own protocols that the client offers; none: a fatal
// no_application_protocol alert (RFC 7301 3.2).
int selectAlpn(SSL*, const unsigned char** out, unsigned char* outLen, const unsigned char* in, unsigned int inLen,
    void* arg)
{
    const auto& wire = *static_cast<const std::vector<unsigned char>*>(arg);
    for (std::size_t i = 0; i < wire.size(); i += 1 + wire[i]) {
        for (unsigned int j = 0; j < inLen; j += 1u + in[j]) {
            if (in[j] == wire[i] && j + 1u + in[j] <= inLen
                && std::equal(wire.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                    wire.begin() + static_cast<std::ptrdiff_t>(i) + 1 + wire[i], in + j + 1)) {
                *out = in + j + 1;
                *outLen = in[j];
                return SSL_TLSEXT_ERR_OK;
            }
        }
    }
    return SSL_TLSEXT_ERR_ALERT_FATAL;
}

std::unique_ptr<TlsContext::Impl> newContext(bool server, TlsVersion minVersion)
{
    ERR_clear_error();
    auto impl = std::make_unique<TlsContext::Impl>();
    impl->server = server;
    impl->ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!impl->ctx)
        fail("cannot create a TLS context");
    if (SSL_CTX_set_min_proto_version(impl->ctx, minProtocol(minVersion)) != 1)
        fail("cannot set the minimum TLS version");
    SSL_CTX_set_options(impl->ctx, SSL_OP_NO_RENEGOTIATION);
    // No session resumption: no cache, no tickets (saves a round of ticket records per connection).
    SSL_CTX_set_session_cache_mode(impl->ctx, SSL_SESS_CACHE_OFF);
    if (server)
        SSL_CTX_set_num_tickets(impl->ctx, 0);
    return impl;
}

void setServerOptions(TlsContext::Impl& impl, const TlsServerOptions& options)
{
    impl.handshakeTimeout = std::max(options.handshakeTimeout, std::chrono::milliseconds(0));
    impl.alpnWire = alpnWire(options.alpn);
    if (!impl.alpnWire.empty())
        SSL_CTX_set_alpn_select_cb(impl.ctx, selectAlpn, &impl.alpnWire);
}

struct BioDeleter {
    void operator()(BIO* b) const noexcept { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

BioPtr memoryBio(std::string_view pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        fail("cannot read PEM text");
    return bio;
}

// Reads the key from bio and installs it next to the certificate already in the context.
void useKey(TlsContext::Impl& impl, BIO* bio, const std::string& keyName, const std::string& certName)
{
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    if (!key)
        fail("cannot load the private key " + keyName);
    const int used = SSL_CTX_use_PrivateKey(impl.ctx, key);
    EVP_PKEY_free(key);
    if (used != 1 || SSL_CTX_check_private_key(impl.ctx) != 1)
        fail("the private key " + keyName + " does not match the certificate " + certName);
}

} // namespace

TlsContext::TlsContext(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
TlsContext::TlsContext(TlsContext&&) noexcept = default;
TlsContext& TlsContext::operator=(TlsContext&&) noexcept = default;
TlsContext::~TlsContext() = default;

TlsContext TlsContext::server(const std::string& certChainFile, const std::string& keyFile,
    const TlsServerOptions& options)
{
    auto impl = newContext(true, options.minVersion);
    if (SSL_CTX_use_certificate_chain_file(impl->ctx, certChainFile.c_str()) != 1)
        fail("cannot load the certificate chain '" + certChainFile + "'");
    // Read first, then use: so that an unreadable key and a key of another certificate say so apart.
    BioPtr keyBio(BIO_new_file(keyFile.c_str(), "r"));
    if (!keyBio)
        fail("cannot load the private key '" + keyFile + "'");
    useKey(*impl, keyBio.get(), "'" + keyFile + "'", "'" + certChainFile + "'");
    setServerOptions(*impl, options);
    return TlsContext(std::move(impl));
}

TlsContext TlsContext::serverFromPem(std::string_view certChainPem, std::string_view keyPem,
    const TlsServerOptions& options)
{
    auto impl = newContext(true, options.minVersion);
    BioPtr certs = memoryBio(certChainPem);
    X509* leaf = PEM_read_bio_X509_AUX(certs.get(), nullptr, nullptr, nullptr);
    if (!leaf)
        fail("cannot parse the certificate PEM");
    const int used = SSL_CTX_use_certificate(impl->ctx, leaf);
    X509_free(leaf);
    if (used != 1)
        fail("cannot use the certificate");
    while (X509* extra = PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr)) {
        if (SSL_CTX_add0_chain_cert(impl->ctx, extra) != 1) { // takes ownership on success
            X509_free(extra);
            fail("cannot add a chain certificate");
        }
    }
    ERR_clear_error(); // the loop above ends on "no start line": the end of the text
    BioPtr key = memoryBio(keyPem);
    useKey(*impl, key.get(), "PEM", "PEM");
    setServerOptions(*impl, options);
    return TlsContext(std::move(impl));
}

TlsContext TlsContext::client(const TlsClientOptions& options)
{
    auto impl = newContext(false, options.minVersion);
    impl->verify = options.verifyPeer;
    impl->serverName = options.serverName;
    impl->handshakeTimeout = std::max(options.handshakeTimeout, std::chrono::milliseconds(0));
    if (options.verifyPeer) {
        SSL_CTX_set_verify(impl->ctx, SSL_VERIFY_PEER, nullptr);
        if (!options.caFile.empty() && SSL_CTX_load_verify_locations(impl->ctx, options.caFile.c_str(), nullptr) != 1)
            fail("cannot load the CA file '" + options.caFile + "'");
        if (!options.caPem.empty()) {
            BioPtr bio = memoryBio(options.caPem);
            X509_STORE* store = SSL_CTX_get_cert_store(impl->ctx);
            int added = 0;
            while (X509* ca = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
                const int ok = X509_STORE_add_cert(store, ca);
                X509_free(ca);
                if (ok != 1)
                    fail("cannot add a CA certificate from caPem");
                ++added;
            }
            if (added == 0)
                fail("caPem holds no PEM certificate");
            ERR_clear_error();
        }
        if (options.caFile.empty() && options.caPem.empty() && SSL_CTX_set_default_verify_paths(impl->ctx) != 1)
            fail("cannot load the system's CA store");
    } else {
        SSL_CTX_set_verify(impl->ctx, SSL_VERIFY_NONE, nullptr);
    }
    impl->alpnWire = alpnWire(options.alpn);
    if (!impl->alpnWire.empty()
        && SSL_CTX_set_alpn_protos(impl->ctx, impl->alpnWire.data(), static_cast<unsigned>(impl->alpnWire.size())) != 0)
        fail("cannot set the ALPN protocols");
    return TlsContext(std::move(impl));
}

bool TlsContext::isServer() const noexcept { return impl_ && impl_->server; }
const std::string& TlsContext::serverName() const noexcept
{
    static const std::string none;
    return impl_ ? impl_->serverName : none;
}
bool TlsContext::verifiesPeer() const noexcept { return impl_ && impl_->verify; }
std::chrono::milliseconds TlsContext::handshakeTimeout() const noexcept
{
    return impl_ ? impl_->handshakeTimeout : std::chrono::milliseconds(0);
}

namespace detail {

SSL_CTX* TlsContextAccess::native(const TlsContext& context) noexcept
{
    return context.impl_ ? context.impl_->ctx : nullptr;
}

} // namespace detail
} // namespace qgnet
