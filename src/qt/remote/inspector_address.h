// SPDX-License-Identifier: Apache-2.0
#pragma once

// The inspector protocol's addresses, shared by InspectorEndpoint and RemoteStatsFeed
// (docs/inspector-protocol.md): a Unix socket path or a loopback TCP host and port.

#include <optional>

#include <QHostAddress>
#include <QString>

namespace qgnet::qtdetail {

/// InspectorAddress is a parsed endpoint address: a Unix socket path, or a TCP host and port.
struct InspectorAddress {
    bool local = true; ///< Unix-domain socket (QLocalServer/QLocalSocket) rather than TCP.
    QString path;      ///< Local: the socket path.
    QHostAddress host; ///< TCP.
    quint16 port = 0;  ///< TCP (0: any, for listening).
};

/// parseInspectorAddress accepts "unix:/path", "unix:///path", "/path" (any text without a scheme)
/// and "tcp://host:port" (host: an IP literal or "localhost"). nullopt with *error for anything else.
std::optional<InspectorAddress> parseInspectorAddress(const QString& text, QString* error);

} // namespace qgnet::qtdetail
