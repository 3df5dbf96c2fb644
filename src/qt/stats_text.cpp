// SPDX-License-Identifier: Apache-2.0
#include "stats_text.h"

#include <QCoreApplication>

namespace qgnet::qtdetail {

QString protocolKey(Network network)
{
    switch (network) {
    case Network::Tcp:
    case Network::Tcp4:
    case Network::Tcp6: return QStringLiteral("tcp");
    case Network::Udp:
    case Network::Udp4:
    case Network::Udp6: return QStringLiteral("udp");
    case Network::Unix: return QStringLiteral("unix");
    }
    return QStringLiteral("tcp");
}

QString networkKey(Network network)
{
    switch (network) {
    case Network::Tcp: return QStringLiteral("tcp");
    case Network::Tcp4: return QStringLiteral("tcp4");
    case Network::Tcp6: return QStringLiteral("tcp6");
    case Network::Udp: return QStringLiteral("udp");
    case Network::Udp4: return QStringLiteral("udp4");
    case Network::Udp6: return QStringLiteral("udp6");
    case Network::Unix: return QStringLiteral("unix");
    }
    return QStringLiteral("tcp");
}

std::optional<Network> networkFromKey(const QString& key)
{
    for (Network n :
        {Network::Tcp, Network::Tcp4, Network::Tcp6, Network::Udp, Network::Udp4, Network::Udp6, Network::Unix}) {
        if (networkKey(n) == key)
            return n;
    }
    return std::nullopt;
}

QString stateKey(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connecting: return QStringLiteral("connecting");
    case ConnectionState::Open: return QStringLiteral("open");
    case ConnectionState::Draining: return QStringLiteral("draining");
    case ConnectionState::Closed: return QStringLiteral("closed");
    }
    return QStringLiteral("open");
}

std::optional<ConnectionState> stateFromKey(const QString& key)
{
    for (ConnectionState s :
        {ConnectionState::Connecting, ConnectionState::Open, ConnectionState::Draining, ConnectionState::Closed}) {
        if (stateKey(s) == key)
            return s;
    }
    return std::nullopt;
}

QString stateDisplay(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connecting: return QCoreApplication::translate("qgnet", "connecting");
    case ConnectionState::Open: return QCoreApplication::translate("qgnet", "open");
    case ConnectionState::Draining: return QCoreApplication::translate("qgnet", "draining");
    case ConnectionState::Closed: return QCoreApplication::translate("qgnet", "closed");
    }
    return {};
}

QString policyKey(LoadBalancing policy)
{
    switch (policy) {
    case LoadBalancing::RoundRobin: return QStringLiteral("round-robin");
    case LoadBalancing::LeastConnections: return QStringLiteral("least-connections");
    case LoadBalancing::SourceAddrHash: return QStringLiteral("source-addr-hash");
    }
    return QStringLiteral("round-robin");
}

std::optional<LoadBalancing> policyFromKey(const QString& key)
{
    for (LoadBalancing p :
        {LoadBalancing::RoundRobin, LoadBalancing::LeastConnections, LoadBalancing::SourceAddrHash}) {
        if (policyKey(p) == key)
            return p;
    }
    return std::nullopt;
}

QString policyDisplay(LoadBalancing policy)
{
    switch (policy) {
    case LoadBalancing::RoundRobin: return QCoreApplication::translate("qgnet", "round robin");
    case LoadBalancing::LeastConnections: return QCoreApplication::translate("qgnet", "least connections");
    case LoadBalancing::SourceAddrHash: return QCoreApplication::translate("qgnet", "source address hash");
    }
    return {};
}

QString eventKindKey(EngineEvent::Kind kind)
{
    switch (kind) {
    case EngineEvent::Kind::Opened: return QStringLiteral("opened");
    case EngineEvent::Kind::Closed: return QStringLiteral("closed");
    case EngineEvent::Kind::Error: return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

std::optional<EngineEvent::Kind> eventKindFromKey(const QString& key)
{
    for (EngineEvent::Kind k : {EngineEvent::Kind::Opened, EngineEvent::Kind::Closed, EngineEvent::Kind::Error}) {
        if (eventKindKey(k) == key)
            return k;
    }
    return std::nullopt;
}

QString eventKindDisplay(EngineEvent::Kind kind)
{
    switch (kind) {
    case EngineEvent::Kind::Opened: return QCoreApplication::translate("qgnet", "opened");
    case EngineEvent::Kind::Closed: return QCoreApplication::translate("qgnet", "closed");
    case EngineEvent::Kind::Error: return QCoreApplication::translate("qgnet", "error");
    }
    return {};
}

QString addressText(const SocketAddress& address) { return QString::fromStdString(address.toString()); }

} // namespace qgnet::qtdetail
