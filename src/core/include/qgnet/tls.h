// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qgnet {

class Conn;

namespace detail {
struct TlsContextAccess;
}

/// TlsVersion is the lowest protocol version a TlsContext accepts. TLS 1.2 is the floor: older
/// versions cannot be selected.
enum class TlsVersion : std::uint8_t {
    Tls12, ///< TLS 1.2 and 1.3.
    Tls13, ///< TLS 1.3 only.
};

/// TlsServerOptions are the settings of a server context besides its certificate and key.
struct QGNET_EXPORT TlsServerOptions {
    /// alpn lists the application protocols the server accepts, most preferred first ("h2",
    /// "http/1.1"). Empty: ALPN is ignored. A client that offers ALPN but none of these is refused
    /// with a no_application_protocol alert (RFC 7301).
    std::vector<std::string> alpn{};
    /// minVersion is the lowest TLS version accepted.
    TlsVersion minVersion = TlsVersion::Tls12;
    /// handshakeTimeout bounds the handshake of each connection, counted from accept: a peer that
    /// has not completed it by then is closed (Errc::TlsHandshakeTimeout). Zero: no bound.
    std::chrono::milliseconds handshakeTimeout{10000};
};

/// TlsClientOptions are the settings of a client context.
struct QGNET_EXPORT TlsClientOptions {
    /// serverName is sent as SNI and is the host name the server's certificate must match. Empty:
    /// the host of each dial URL is used (a name is sent as SNI and checked; an IP address is
    /// checked against the certificate's IP entries and not sent). Client::enroll has no URL, so
    /// enrolled sockets are only name-checked when this is set.
    std::string serverName{};
    /// caFile is a PEM file of trusted certificate authorities. Empty (and caPem empty): the
    /// system's default store (OpenSSL's default verify paths).
    std::string caFile{};
    /// caPem is PEM text of trusted certificate authorities, an in-memory alternative to caFile
    /// (both may be given).
    std::string caPem{};
    /// verifyPeer checks the server's certificate chain and name. Turning it off accepts any
    /// server, including an attacker in the middle: only for tests and closed networks.
    bool verifyPeer = true;
    /// alpn lists the application protocols offered, most preferred first. Empty: none offered.
    std::vector<std::string> alpn{};
    /// minVersion is the lowest TLS version accepted.
    TlsVersion minVersion = TlsVersion::Tls12;
    /// handshakeTimeout bounds the handshake of each connection, counted from the connect's
    /// success: past it the dial fails with Errc::TlsHandshakeTimeout. Zero: no bound.
    std::chrono::milliseconds handshakeTimeout{10000};
};

/// TlsContext holds an OpenSSL SSL_CTX configured for one side: a server's certificate chain and
/// key, or a client's trust store and checks. It is immutable once made and shared by every
/// connection of an engine (Options::tls); several engines may share one. Make it with one of the
/// named constructors; each throws qgnet::Error (Errc::TlsError) with OpenSSL's reason when a file
/// cannot be read, a PEM cannot be parsed, or the key does not match the certificate.
///
/// What is not supported: client certificates (mutual TLS), session resumption, renegotiation
/// (refused), DTLS (TLS on UDP listeners is refused at Engine::start).
class QGNET_EXPORT TlsContext {
public:
    /// server makes a server context from a PEM file holding the certificate chain (leaf first,
    /// then intermediates) and a PEM file holding its private key.
    static TlsContext server(const std::string& certChainFile, const std::string& keyFile,
        const TlsServerOptions& options = {});
    /// serverFromPem makes a server context from the certificate chain and key as PEM text.
    static TlsContext serverFromPem(std::string_view certChainPem, std::string_view keyPem,
        const TlsServerOptions& options = {});
    /// client makes a client context: verification against the system store unless options
    /// name a CA file or PEM, or turn verification off.
    static TlsContext client(const TlsClientOptions& options = {});

    TlsContext(TlsContext&&) noexcept;
    TlsContext& operator=(TlsContext&&) noexcept;
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;
    ~TlsContext();

    /// isServer tells which side the context is for: a server context goes into an Engine's
    /// Options, a client context into a Client's.
    bool isServer() const noexcept;
    /// serverName is the client's fixed SNI/verification name (empty for servers, or when each
    /// dial's URL host is used).
    const std::string& serverName() const noexcept;
    /// verifiesPeer is false only for a client context made with verifyPeer = false.
    bool verifiesPeer() const noexcept;
    /// handshakeTimeout is the per-connection handshake bound (zero: none).
    std::chrono::milliseconds handshakeTimeout() const noexcept;

    /// Impl is the library's opaque state (the SSL_CTX); not part of the API.
    struct Impl;

private:
    explicit TlsContext(std::unique_ptr<Impl> impl) noexcept;
    std::unique_ptr<Impl> impl_;
    friend struct detail::TlsContextAccess;
};

/// isTls tells whether conn is carried over TLS (its engine or client has Options::tls). On the
/// connection's loop thread.
QGNET_EXPORT bool isTls(const Conn& conn) noexcept;

/// tlsProtocol is the application protocol ALPN selected for conn ("h2", ...), empty when none
/// was negotiated or conn is not TLS. Valid until conn closes; on its loop thread.
QGNET_EXPORT std::string_view tlsProtocol(const Conn& conn) noexcept;

/// tlsVersion names the TLS version conn negotiated ("TLSv1.3", "TLSv1.2"), empty when conn is
/// not TLS. On the connection's loop thread.
QGNET_EXPORT std::string_view tlsVersion(const Conn& conn) noexcept;

} // namespace qgnet
