// SPDX-License-Identifier: Apache-2.0
#pragma once
// Names of StallCallback (qgnet/stats.h) as the Qt side serialises and shows them: the wire key
// belongs to the inspector protocol (docs/inspector-protocol.md) and never changes; the display name
// is translated (the callback names themselves, onTraffic..., are API names and stay as they are).

#include <optional>

#include <QString>

#include "qgnet/stats.h"

namespace qgnet::qtdetail {

/// stallCallbackKey is the wire name: "onOpen", "onTraffic", "onClose", "onTick", "task", "timer",
/// "tlsHandshake", "" for None.
QString stallCallbackKey(StallCallback kind);
/// stallCallbackFromKey reads a wire name; an unknown one is nullopt.
std::optional<StallCallback> stallCallbackFromKey(const QString& key);
/// stallCallbackDisplay is the name a view shows ("TLS handshake", "(spread)" for None).
QString stallCallbackDisplay(StallCallback kind);

} // namespace qgnet::qtdetail
