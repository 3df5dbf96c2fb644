// SPDX-License-Identifier: Apache-2.0
#include "tls/tls_details.h"

#include <ctime>
#include <memory>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "tls/tls_session.h"

namespace qgnet::detail {

namespace {

std::string text(const char* s) { return s ? std::string(s) : std::string(); }

struct BioFree {
    void operator()(BIO* b) const noexcept { BIO_free(b); }
};
struct CertFree {
    void operator()(X509* x) const noexcept { X509_free(x); }
};

// RFC 2253 ("CN=localhost,O=Example"), the form people paste into tools; UTF-8 kept as is.
std::string subjectText(const X509* cert)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio
        || X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::chrono::system_clock::time_point timeOf(const ASN1_TIME* t)
{
    std::tm tm{};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return {};
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

} // namespace

ConnectionTls tlsDetails(const TlsSession& session)
{
    const SSL* ssl = session.native();
    ConnectionTls out;
    out.version = text(SSL_get_version(ssl));
    out.cipher = text(SSL_get_cipher_name(ssl));
    out.alpn = std::string(session.alpn());
    out.serverName = text(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name));
    // The peer's leaf: a client sees the server's; a server sees none (no client certificates).
    std::unique_ptr<X509, CertFree> peer(SSL_get1_peer_certificate(ssl));
    if (peer) {
        out.peerSubject = subjectText(peer.get());
        out.peerNotAfter = timeOf(X509_get0_notAfter(peer.get()));
    }
    return out;
}

} // namespace qgnet::detail
