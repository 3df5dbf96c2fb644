// SPDX-License-Identifier: Apache-2.0
#pragma once

// The snapshot map's later sections, each in its own small codec (snapshot_codec.cpp calls them):
// "errors"/"errorsUnlisted" (error_codec.cpp) and "listeners" (listener_codec.cpp). Each writes its
// keys, and reads them back checked against the documented limits; a map without them (an older
// peer) reads as empty, and entries of a kind this build does not know are skipped.

#include <QCborMap>
#include <QString>

#include "qgnet/stats.h"

namespace qgnet::qtdetail {

/// errorsToCbor writes s.errors and s.errorsUnlisted into m.
void errorsToCbor(const EngineSnapshot& s, QCborMap& m);
/// errorsFromCbor reads them into s; returns why the section is refused ("" when it is fine).
QString errorsFromCbor(const QCborMap& m, EngineSnapshot& s);
/// listenersToCbor writes s.listeners into m.
void listenersToCbor(const EngineSnapshot& s, QCborMap& m);
/// listenersFromCbor reads them into s (after s.loops, which listener loops are checked against);
/// returns why the section is refused ("" when it is fine).
QString listenersFromCbor(const QCborMap& m, EngineSnapshot& s);

} // namespace qgnet::qtdetail
