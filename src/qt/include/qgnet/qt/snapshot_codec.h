// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <optional>

#include <QByteArray>
#include <QCborMap>
#include <QJsonObject>
#include <QString>

#include "qgnet/qt/bridge_health.h"
#include "qgnet/stats.h"

namespace qgnet {

/// Limits on a snapshot map that snapshotFromCbor accepts (docs/inspector-protocol.md): a snapshot
/// from another process is checked against them before it is decoded, so a lying endpoint costs an
/// error message, not memory. Loops match the engine's own maximum; logs are far above the default
/// log capacities (1024 decisions, 4096 events per loop are kept, and a snapshot sends only new ones).
inline constexpr qsizetype MaxSnapshotLoops = 1024;
inline constexpr qsizetype MaxSnapshotConnections = 1000000;
inline constexpr qsizetype MaxSnapshotLogEntries = 1 << 20;
inline constexpr qsizetype MaxSnapshotListenUrls = 256;
/// MaxSnapshotErrors bounds the error kinds (each loop counts at most 32, summed by kind and code);
/// MaxSnapshotListeners the listening sockets (one per URL, or per URL and loop with reuseport).
inline constexpr qsizetype MaxSnapshotErrors = 4096;
inline constexpr qsizetype MaxSnapshotListeners = 4096;
/// MaxSnapshotText bounds every text value (addresses, backend, reason, URLs), in UTF-16 units.
inline constexpr qsizetype MaxSnapshotText = 4096;

/// snapshotToCbor / snapshotFromCbor convert a snapshot to and from the CBOR map that the inspector
/// protocol carries (docs/inspector-protocol.md). fromCbor returns nullopt, with error set, for a map
/// that is not a snapshot of a known version, one over the limits above, or one that contradicts
/// itself (a loop, chosen loop or connection loop that does not exist, a connection id twice, a Unix
/// path longer than sockaddr_un holds); unknown keys are ignored (forward compatible).
QGNET_QT_EXPORT QCborMap snapshotToCbor(const EngineSnapshot& snapshot);
QGNET_QT_EXPORT std::optional<EngineSnapshot> snapshotFromCbor(const QCborMap& map, QString* error = nullptr);

/// bridgeHealthToCbor adds health's figures to `bridge`, the map a snapshot answer carries beside
/// the snapshot (docs/inspector-protocol.md, "bridge"). bridgeHealthFromCbor reads them back: a key
/// that is missing (an older endpoint), negative or not a number reads as 0, so a peer's frame can
/// only ever give figures, never an error.
QGNET_QT_EXPORT void bridgeHealthToCbor(const BridgeHealth& health, QCborMap& bridge);
QGNET_QT_EXPORT BridgeHealth bridgeHealthFromCbor(const QCborMap& bridge);

/// snapshotToJson is the same content as JSON, for export ("Save as JSON" in the inspectors).
QGNET_QT_EXPORT QJsonObject snapshotToJson(const EngineSnapshot& snapshot);

} // namespace qgnet
