// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>

#include <QByteArray>
#include <QCborMap>
#include <QJsonObject>
#include <QString>

#include "qgnet/stats.h"

namespace qgnet {

/// snapshotToCbor / snapshotFromCbor convert a snapshot to and from the CBOR map that the inspector
/// protocol carries (docs/inspector-protocol.md). fromCbor returns nullopt, with error set, for a map
/// that is not a snapshot of a known version; unknown keys are ignored (forward compatible).
QCborMap snapshotToCbor(const EngineSnapshot& snapshot);
std::optional<EngineSnapshot> snapshotFromCbor(const QCborMap& map, QString* error = nullptr);

/// snapshotToJson is the same content as JSON, for export ("Save as JSON" in the inspectors).
QJsonObject snapshotToJson(const EngineSnapshot& snapshot);

} // namespace qgnet
