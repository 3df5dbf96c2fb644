// SPDX-License-Identifier: Apache-2.0
// A throw-away PKI for TLS tests, made with the OpenSSL API at run time (nothing committed): a CA,
// a server certificate it signs (DNS:localhost, IP:127.0.0.1), and a few keys. Header-only; the
// test that includes it links OpenSSL::Crypto.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace qgnet_test {

/// TestPki is PEM text: caCert signs serverCert (for serverKey); otherKey matches no certificate;
/// strangerCaCert is a second CA that signed nothing here.
struct TestPki {
    std::string caCert;
    std::string serverCert;
    std::string serverKey;
    std::string otherKey;
    std::string strangerCaCert;
};

namespace pki_detail {

struct KeyFree {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct CertFree {
    void operator()(X509* x) const noexcept { X509_free(x); }
};
struct BioFree {
    void operator()(BIO* b) const noexcept { BIO_free(b); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

inline void check(bool ok, const char* what)
{
    if (!ok)
        throw std::runtime_error(std::string("test PKI: ") + what + " failed");
}

inline Key newKey()
{
    Key key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EVP_EC_gen");
    return key;
}

inline void addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, "X509V3_EXT_conf_nid");
    const int added = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    check(added == 1, "X509_add_ext");
}

// issuer/issuerKey null: self-signed.
inline Cert makeCert(EVP_PKEY* key, const char* commonName, X509* issuer, EVP_PKEY* issuerKey, bool ca, long serial,
    const char* subjectAltName)
{
    Cert cert(X509_new());
    check(cert != nullptr, "X509_new");
    X509* x = cert.get();
    check(X509_set_version(x, 2) == 1, "X509_set_version");
    check(ASN1_INTEGER_set(X509_get_serialNumber(x), serial) == 1, "serial");
    check(X509_gmtime_adj(X509_getm_notBefore(x), -3600) != nullptr, "notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(x), 30L * 24 * 3600) != nullptr, "notAfter");
    check(X509_set_pubkey(x, key) == 1, "X509_set_pubkey");
    X509_NAME* name = X509_get_subject_name(x);
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(commonName), -1,
              -1, 0)
            == 1,
        "subject");
    check(X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name) == 1, "issuer");
    addExtension(x, issuer ? issuer : x, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    addExtension(x, issuer ? issuer : x, NID_key_usage,
        ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,keyEncipherment");
    if (subjectAltName)
        addExtension(x, issuer ? issuer : x, NID_subject_alt_name, subjectAltName);
    check(X509_sign(x, issuerKey ? issuerKey : key, EVP_sha256()) > 0, "X509_sign");
    return cert;
}

inline std::string bioText(BIO* bio)
{
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

inline std::string pem(X509* cert)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
    return bioText(bio.get());
}

inline std::string pem(EVP_PKEY* key)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
    return bioText(bio.get());
}

} // namespace pki_detail

/// makeTestPki builds a fresh PKI (a few milliseconds); throws std::runtime_error on failure.
inline TestPki makeTestPki()
{
    using namespace pki_detail;
    const Key caKey = newKey();
    const Cert ca = makeCert(caKey.get(), "qgnet test CA", nullptr, nullptr, true, 1, nullptr);
    const Key serverKey = newKey();
    const Cert server = makeCert(serverKey.get(), "localhost", ca.get(), caKey.get(), false, 2,
        "DNS:localhost,IP:127.0.0.1");
    const Key strangerKey = newKey();
    const Cert stranger = makeCert(strangerKey.get(), "qgnet stranger CA", nullptr, nullptr, true, 3, nullptr);
    const Key other = newKey();
    TestPki out;
    out.caCert = pem(ca.get());
    out.serverCert = pem(server.get());
    out.serverKey = pem(serverKey.get());
    out.otherKey = pem(other.get());
    out.strangerCaCert = pem(stranger.get());
    return out;
}

} // namespace qgnet_test
