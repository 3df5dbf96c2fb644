// SPDX-License-Identifier: Apache-2.0
#include "qgnet/address.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstring>
#include <optional>
#include <vector>

#include <arpa/inet.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/un.h>

#include "qgnet/error.h"

namespace qgnet {

SocketAddress::SocketAddress() noexcept { std::memset(&storage_, 0, sizeof storage_); }

SocketAddress::SocketAddress(const sockaddr* sa, socklen_t len) noexcept : SocketAddress()
{
    size_ = std::min<socklen_t>(len, sizeof storage_);
    std::memcpy(&storage_, sa, size_);
}

void SocketAddress::setSize(socklen_t size) noexcept { size_ = std::min<socklen_t>(size, sizeof storage_); }

std::uint16_t SocketAddress::port() const noexcept
{
    switch (family()) {
    case AF_INET: return ntohs(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_port);
    case AF_INET6: return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_port);
    default: return 0;
    }
}

std::string SocketAddress::ip() const
{
    char text[INET6_ADDRSTRLEN] = {};
    if (family() == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr, text, sizeof text);
    else if (family() == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, text, sizeof text);
    return text;
}

std::string SocketAddress::toString() const
{
    switch (family()) {
    case AF_INET: return ip() + ':' + std::to_string(port());
    case AF_INET6: {
        // Keep the scope ("%lo"): without it a link-local or multicast address names no interface.
        // glibc reads a scope's interface name back only for link-local addresses; any other keeps its
        // number, so that the text always parses to this address again.
        std::string host = ip();
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&storage_);
        const auto scope = in6->sin6_scope_id;
        const bool linkLocal = IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&in6->sin6_addr);
        char name[IF_NAMESIZE] = {};
        if (scope != 0)
            host += '%' + std::string(linkLocal && if_indextoname(scope, name) ? name : std::to_string(scope).c_str());
        return '[' + host + "]:" + std::to_string(port());
    }
    case AF_UNIX: {
        const auto* un = reinterpret_cast<const sockaddr_un*>(&storage_);
        const std::size_t pathBytes = size_ > offsetof(sockaddr_un, sun_path) ? size_ - offsetof(sockaddr_un, sun_path)
                                                                              : 0;
        if (pathBytes == 0)
            return {};
        if (un->sun_path[0] == '\0') // abstract namespace: not NUL-terminated, length from size_
            return '@' + std::string(un->sun_path + 1, pathBytes - 1);
        return std::string(un->sun_path, strnlen(un->sun_path, pathBytes));
    }
    default: return {};
    }
}

bool operator==(const SocketAddress& a, const SocketAddress& b) noexcept
{
    return a.size_ == b.size_ && std::memcmp(&a.storage_, &b.storage_, a.size_) == 0;
}

std::string_view schemeName(Network n) noexcept
{
    switch (n) {
    case Network::Tcp: return "tcp";
    case Network::Tcp4: return "tcp4";
    case Network::Tcp6: return "tcp6";
    case Network::Udp: return "udp";
    case Network::Udp4: return "udp4";
    case Network::Udp6: return "udp6";
    case Network::Unix: return "unix";
    }
    return "?";
}

namespace {

struct ParseFailure {
    Errc code;
    std::string why;
};

bool parseScheme(std::string_view scheme, Network& out)
{
    static constexpr std::array<Network, 7> all{Network::Tcp, Network::Tcp4, Network::Tcp6, Network::Udp, Network::Udp4,
        Network::Udp6, Network::Unix};
    std::string lower(scheme);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (Network n : all) {
        if (schemeName(n) == lower) {
            out = n;
            return true;
        }
    }
    return false;
}

std::optional<ParseFailure> parseUnix(std::string_view path, SocketAddress& out)
{
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    if (path.empty())
        return ParseFailure{Errc::InvalidAddress, "empty Unix socket path"};
    // sun_path must hold the path and its terminating NUL (or, abstract, the leading NUL and the name).
    constexpr std::size_t maxPath = sizeof(un.sun_path) - 1;
    if (path.size() > maxPath)
        return ParseFailure{Errc::InvalidAddress,
            "Unix socket path is " + std::to_string(path.size()) + " bytes, longer than sun_path allows ("
                + std::to_string(maxPath) + ")"};
    // The kernel ends a path at its first NUL: "/run/a\0b" would bind "/run/a", not what was asked.
    // (An abstract name, after its '@', may hold any byte.)
    if (path.front() != '@' && path.find('\0') != std::string_view::npos)
        return ParseFailure{Errc::InvalidAddress, "Unix socket path contains a NUL byte"};
    socklen_t size;
    if (path.front() == '@') {
        un.sun_path[0] = '\0';
        std::memcpy(un.sun_path + 1, path.data() + 1, path.size() - 1);
        size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
    } else {
        std::memcpy(un.sun_path, path.data(), path.size());
        size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1);
    }
    out = SocketAddress(reinterpret_cast<const sockaddr*>(&un), size);
    return std::nullopt;
}

std::optional<ParseFailure> parsePort(std::string_view text, std::uint16_t& port)
{
    if (text.empty())
        return ParseFailure{Errc::InvalidAddress, "missing port"};
    if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        return ParseFailure{Errc::InvalidAddress, "port '" + std::string(text) + "' is not a number"};
    if (text.size() > 5)
        return ParseFailure{Errc::InvalidAddress, "port out of range 0..65535"};
    const unsigned long value = std::stoul(std::string(text));
    if (value > 65535)
        return ParseFailure{Errc::InvalidAddress, "port out of range 0..65535"};
    port = static_cast<std::uint16_t>(value);
    return std::nullopt;
}

// One getaddrinfo call, every result kept in the order it gave them (duplicates dropped).
int lookUp(const std::string& host, std::uint16_t port, int family, int socketType, int flags,
    std::vector<SocketAddress>& out)
{
    addrinfo hints{};
    hints.ai_family = family;
    hints.ai_socktype = socketType;
    hints.ai_flags = flags | AI_NUMERICSERV;
    addrinfo* result = nullptr;
    const int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &result);
    if (rc != 0)
        return rc;
    for (const addrinfo* ai = result; ai; ai = ai->ai_next) {
        SocketAddress address(ai->ai_addr, ai->ai_addrlen);
        if (std::find(out.begin(), out.end(), address) == out.end())
            out.push_back(address);
    }
    freeaddrinfo(result);
    return 0;
}

std::optional<ParseFailure> parseIp(Network network, std::string_view hostPort, const Resolver& resolver,
    std::vector<SocketAddress>& out, bool& dualStack)
{
    std::string_view host;
    std::string_view portText;
    if (!hostPort.empty() && hostPort.front() == '[') {
        const std::size_t close = hostPort.find(']');
        if (close == std::string_view::npos)
            return ParseFailure{Errc::InvalidAddress, "missing ']' after IPv6 host"};
        host = hostPort.substr(1, close - 1);
        const std::string_view rest = hostPort.substr(close + 1);
        if (rest.empty() || rest.front() != ':')
            return ParseFailure{Errc::InvalidAddress, "missing port"};
        portText = rest.substr(1);
    } else {
        const std::size_t colon = hostPort.rfind(':');
        if (colon == std::string_view::npos)
            return ParseFailure{Errc::InvalidAddress, "missing port"};
        host = hostPort.substr(0, colon);
        if (host.find(':') != std::string_view::npos)
            return ParseFailure{Errc::InvalidAddress, "an IPv6 host must be written in brackets, e.g. [::1]:80"};
        portText = hostPort.substr(colon + 1);
    }
    std::uint16_t port = 0;
    if (auto failure = parsePort(portText, port))
        return failure;

    const bool wants4 = network == Network::Tcp4 || network == Network::Udp4;
    const bool wants6 = network == Network::Tcp6 || network == Network::Udp6;
    if (host.empty()) {
        // No host: all interfaces. Plain tcp/udp listens on both families through one IPv6 socket.
        dualStack = !wants4 && !wants6;
        if (wants4) {
            sockaddr_in in{};
            in.sin_family = AF_INET;
            in.sin_port = htons(port);
            in.sin_addr.s_addr = htonl(INADDR_ANY);
            out.emplace_back(reinterpret_cast<const sockaddr*>(&in), sizeof in);
        } else {
            sockaddr_in6 in6{};
            in6.sin6_family = AF_INET6;
            in6.sin6_port = htons(port);
            in6.sin6_addr = in6addr_any;
            out.emplace_back(reinterpret_cast<const sockaddr*>(&in6), sizeof in6);
        }
        return std::nullopt;
    }

    const int family = wants4 ? AF_INET : wants6 ? AF_INET6 : AF_UNSPEC;
    const int socketType = isStream(network) ? SOCK_STREAM : SOCK_DGRAM;
    const std::string hostString(host);
    auto keepFamily = [&] {
        std::erase_if(out, [&](const SocketAddress& a) { return family != AF_UNSPEC && a.family() != family; });
    };
    // A literal address needs no look-up (and never goes to a custom resolver).
    if (lookUp(hostString, port, AF_UNSPEC, socketType, AI_NUMERICHOST, out) == 0) {
        keepFamily();
        if (out.empty())
            return ParseFailure{Errc::InvalidAddress,
                "'" + hostString + "' is not an " + (wants4 ? "IPv4" : "IPv6") + " address, as "
                    + std::string(schemeName(network)) + ":// asks"};
        return std::nullopt;
    }
    if (!resolver) {
        const int rc = lookUp(hostString, port, family, socketType, 0, out);
        if (rc != 0 || out.empty())
            return ParseFailure{Errc::InvalidAddress, "cannot resolve host '" + hostString + "': " + gai_strerror(rc)};
        return std::nullopt;
    }
    std::vector<std::string> names;
    try {
        names = resolver(host);
    } catch (const std::exception& e) {
        return ParseFailure{Errc::InvalidAddress, "cannot resolve host '" + hostString + "': " + e.what()};
    }
    for (const std::string& name : names)
        if (lookUp(name, port, AF_UNSPEC, socketType, AI_NUMERICHOST, out) != 0)
            return ParseFailure{Errc::InvalidAddress,
                "the resolver gave '" + name + "' for host '" + hostString + "', which is not a numeric address"};
    keepFamily();
    if (out.empty())
        return ParseFailure{Errc::InvalidAddress,
            "cannot resolve host '" + hostString + "': the resolver found no "
                + (wants4        ? "IPv4 "
                        : wants6 ? "IPv6 "
                                 : "")
                + "address"};
    return std::nullopt;
}

// Parses url into its network and every address its host stands for, in look-up order.
std::optional<ParseFailure> parseUrl(std::string_view url, const Resolver& resolver, Network& network,
    std::vector<SocketAddress>& out, bool& dualStack)
{
    std::string_view rest = url;
    network = Network::Tcp;
    if (const std::size_t sep = url.find("://"); sep != std::string_view::npos) {
        if (!parseScheme(url.substr(0, sep), network))
            return ParseFailure{Errc::InvalidAddress,
                "unknown scheme '" + std::string(url.substr(0, sep))
                    + "' (expected tcp, tcp4, tcp6, udp, udp4, udp6 or unix)"};
        rest = url.substr(sep + 3);
    }
    if (network == Network::Unix) {
        SocketAddress address;
        if (auto failure = parseUnix(rest, address))
            return failure;
        out.push_back(address);
        return std::nullopt;
    }
    return parseIp(network, rest, resolver, out, dualStack);
}

// The URL as it may appear in a message: control bytes (a NUL would end what() early) as \xNN.
std::string printable(std::string_view url)
{
    std::string out;
    out.reserve(url.size());
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte != 0x7f) {
            out.push_back(c);
            continue;
        }
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\x";
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 15]);
    }
    return out;
}

void report(const ParseFailure& failure, std::string_view url, std::error_code& ec, std::string* detail)
{
    ec = failure.code;
    if (detail)
        *detail = "invalid address '" + printable(url) + "': " + failure.why;
}

} // namespace

ListenAddress ListenAddress::parse(std::string_view url, std::error_code& ec, std::string* detail,
    const Resolver& resolver)
{
    ListenAddress address;
    std::vector<SocketAddress> all;
    if (auto failure = parseUrl(url, resolver, address.network_, all, address.dualStack_)) {
        report(*failure, url, ec, detail);
        return {};
    }
    // Go's rule for a listener on a name: its first IPv4 address, else its first address.
    const auto ipv4 = std::find_if(all.begin(), all.end(),
        [](const SocketAddress& a) { return a.family() == AF_INET; });
    address.address_ = ipv4 != all.end() ? *ipv4 : all.front();
    ec.clear();
    return address;
}

ListenAddress ListenAddress::parse(std::string_view url, const Resolver& resolver)
{
    std::error_code ec;
    std::string detail;
    ListenAddress address = parse(url, ec, &detail, resolver);
    if (ec)
        throw Error(ec, detail);
    return address;
}

std::vector<SocketAddress> ListenAddress::resolveAll(std::string_view url, Network& network, std::error_code& ec,
    std::string* detail, const Resolver& resolver)
{
    std::vector<SocketAddress> all;
    bool dualStack = false;
    if (auto failure = parseUrl(url, resolver, network, all, dualStack)) {
        report(*failure, url, ec, detail);
        return {};
    }
    ec.clear();
    return interleaveFamilies(std::move(all));
}

std::vector<SocketAddress> interleaveFamilies(std::vector<SocketAddress> addresses)
{
    if (addresses.size() < 2)
        return addresses;
    const int firstFamily = addresses.front().family();
    std::vector<SocketAddress> first;
    std::vector<SocketAddress> other;
    for (SocketAddress& a : addresses)
        (a.family() == firstFamily ? first : other).push_back(std::move(a));
    std::vector<SocketAddress> ordered;
    ordered.reserve(addresses.size());
    for (std::size_t i = 0; i < std::max(first.size(), other.size()); ++i) {
        if (i < first.size())
            ordered.push_back(std::move(first[i]));
        if (i < other.size())
            ordered.push_back(std::move(other[i]));
    }
    return ordered;
}

std::string ListenAddress::url() const { return url(address_); }

std::string ListenAddress::url(const SocketAddress& bound) const
{
    return std::string(schemeName(network_)) + "://" + bound.toString();
}

} // namespace qgnet
