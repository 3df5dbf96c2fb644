// SPDX-License-Identifier: Apache-2.0
#pragma once

// Names of the statistics enums as the Qt side shows and serialises them. The wire names (key*)
// belong to the inspector protocol (docs/inspector-protocol.md) and never change; the display names
// (display*) are translated.

#include <optional>

#include <QString>

#include "qgnet/address.h"
#include "qgnet/options.h"
#include "qgnet/stats.h"

namespace qgnet::qtdetail {

QString protocolKey(Network network); ///< "tcp", "udp" or "unix" (tcp4/tcp6 are "tcp").
QString networkKey(Network network);  ///< The exact scheme: "tcp4", "udp6", "unix"...
std::optional<Network> networkFromKey(const QString& key);
QString stateKey(ConnectionState state); ///< "connecting", "open", "draining", "closed".
std::optional<ConnectionState> stateFromKey(const QString& key);
QString stateDisplay(ConnectionState state);
QString policyKey(LoadBalancing policy); ///< "round-robin", "least-connections", "source-addr-hash".
std::optional<LoadBalancing> policyFromKey(const QString& key);
QString policyDisplay(LoadBalancing policy);
QString eventKindKey(EngineEvent::Kind kind); ///< "opened", "closed", "error".
std::optional<EngineEvent::Kind> eventKindFromKey(const QString& key);
QString eventKindDisplay(EngineEvent::Kind kind);
/// addressText is SocketAddress::toString as a QString.
QString addressText(const SocketAddress& address);

} // namespace qgnet::qtdetail
