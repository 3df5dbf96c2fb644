// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <sys/socket.h>

namespace qgnet {

/// Network is the transport an address URL names by its scheme.
enum class Network : std::uint8_t {
    Tcp,  ///< tcp://  IPv4 or IPv6, whichever the host resolves to; an empty host binds both.
    Tcp4, ///< tcp4:// IPv4 only.
    Tcp6, ///< tcp6:// IPv6 only (IPV6_V6ONLY).
    Udp,  ///< udp://  IPv4 or IPv6, as tcp://.
    Udp4, ///< udp4:// IPv4 only.
    Udp6, ///< udp6:// IPv6 only.
    Unix, ///< unix:// a Unix-domain stream socket; a path starting with '@' is in the abstract namespace.
};

/// isStream tells whether the network is connection-oriented (TCP or Unix).
constexpr bool isStream(Network n) noexcept
{
    return n == Network::Tcp || n == Network::Tcp4 || n == Network::Tcp6 || n == Network::Unix;
}

/// SocketAddress is a resolved socket address (IPv4, IPv6 or Unix), the C++ face of sockaddr_storage.
/// It is what Conn::localAddr()/remoteAddr() and Engine::listenAddresses() return; toString()
/// gives "127.0.0.1:8080", "[::1]:8080" or the Unix path.
class QGNET_EXPORT SocketAddress {
public:
    SocketAddress() noexcept;
    /// Copies len bytes of a sockaddr; len larger than sockaddr_storage is truncated.
    SocketAddress(const sockaddr* sa, socklen_t len) noexcept;

    const sockaddr* data() const noexcept { return reinterpret_cast<const sockaddr*>(&storage_); }
    sockaddr* data() noexcept { return reinterpret_cast<sockaddr*>(&storage_); }
    socklen_t size() const noexcept { return size_; }
    /// setSize is for filling the address through data() (accept, getsockname).
    void setSize(socklen_t size) noexcept;
    /// capacity is the largest size data() may receive.
    static constexpr socklen_t capacity() noexcept { return sizeof(sockaddr_storage); }

    /// family is AF_INET, AF_INET6, AF_UNIX, or AF_UNSPEC for an empty address.
    int family() const noexcept { return size_ ? storage_.ss_family : AF_UNSPEC; }
    bool isEmpty() const noexcept { return family() == AF_UNSPEC; }
    /// port is the IP port, or 0 for Unix and empty addresses.
    std::uint16_t port() const noexcept;
    /// ip is the numeric host ("127.0.0.1", "::1"); empty for Unix addresses.
    std::string ip() const;
    /// toString gives "ip:port", "[ip6]:port" ("[fe80::1%eth0]:port" with a scope), the Unix path
    /// ("@name" when abstract), or "" when empty.
    std::string toString() const;

    friend QGNET_EXPORT bool operator==(const SocketAddress& a, const SocketAddress& b) noexcept;

private:
    sockaddr_storage storage_;
    socklen_t size_ = 0;
};

/// Resolver looks up the addresses of a host name (never of a literal address, which needs no
/// look-up) and returns them as numeric strings ("127.0.0.1", "::1", "fe80::1%eth0"), best first;
/// an empty list or an exception means the name does not resolve. Options::resolver replaces the
/// system's getaddrinfo with one, for service discovery, a fixed table, or tests. It may block: a
/// Client calls it on its resolver thread, an Engine in start(), never on a loop.
using Resolver = std::function<std::vector<std::string>(std::string_view host)>;

/// ListenAddress is a parsed and resolved address URL such as "tcp://127.0.0.1:9000",
/// "tcp6://[::1]:0" or "unix:///run/app.sock". A URL without "://" is taken as tcp, as in gnet.
///
/// A host name may stand for several addresses; a listener binds one of them, by Go's rule for
/// net.Listen: the first IPv4 address the name has, else its first IPv6 address (tcp4/udp4 and
/// tcp6/udp6 take only their family). So "tcp://localhost:9000" binds 127.0.0.1 whether the
/// system lists ::1 or 127.0.0.1 first; to listen on both, give both URLs. Client::dial, by
/// contrast, tries every address of the name (see qgnet/client.h).
class QGNET_EXPORT ListenAddress {
public:
    /// parse parses and resolves url; it throws qgnet::Error (Errc::InvalidAddress) whose message
    /// names the URL and what is wrong with it: unknown scheme, missing or out-of-range port,
    /// unresolvable host, Unix path longer than sun_path. It accepts every scheme of Network.
    /// resolver, when set, looks host names up instead of getaddrinfo.
    static ListenAddress parse(std::string_view url, const Resolver& resolver = {});
    /// parse without exceptions: on failure returns an empty address, sets ec, and puts the
    /// explanation into *detail when detail is not null.
    static ListenAddress parse(std::string_view url, std::error_code& ec, std::string* detail = nullptr,
        const Resolver& resolver = {});
    /// resolveAll parses url and resolves its host to every address it has, in the order a dialer
    /// should try them (RFC 8305 section 4: the families interleaved, starting with the family of the
    /// first address the name gave). A literal host, an empty host and a Unix path give one address.
    /// On failure it returns an empty list and sets ec (and *detail) as parse does; network is set
    /// from the URL's scheme whenever the scheme itself is valid.
    static std::vector<SocketAddress> resolveAll(std::string_view url, Network& network, std::error_code& ec,
        std::string* detail = nullptr, const Resolver& resolver = {});

    Network network() const noexcept { return network_; }
    /// socketAddress is the resolved address to bind to (its port is 0 when the URL asks for any port).
    const SocketAddress& socketAddress() const noexcept { return address_; }
    /// url reconstructs the URL; with a bound address (port 0 resolved) pass it to show the real port.
    std::string url() const;
    std::string url(const SocketAddress& bound) const;
    /// dualStack tells whether an IPv6 socket should also accept IPv4 (tcp:// with an empty host).
    bool dualStack() const noexcept { return dualStack_; }

private:
    Network network_ = Network::Tcp;
    SocketAddress address_;
    bool dualStack_ = false;
};

/// schemeName gives the URL scheme of a network ("tcp", "unix", ...).
QGNET_EXPORT std::string_view schemeName(Network n) noexcept;

/// interleaveFamilies orders addresses for dialing as RFC 8305 section 4 asks: the first address's
/// family first, then alternating IPv6 and IPv4 while both last, each family in its given order.
QGNET_EXPORT std::vector<SocketAddress> interleaveFamilies(std::vector<SocketAddress> addresses);

} // namespace qgnet
