// SPDX-License-Identifier: Apache-2.0
#pragma once

// The "timelines" key of a snapshot map (docs/inspector-protocol.md): watched connections'
// timelines (qgnet/timeline.h) in CBOR, and the checks a peer's copy passes before it is decoded.

#include <vector>

#include <QCborArray>
#include <QCborMap>
#include <QString>

#include "qgnet/timeline.h"

namespace qgnet::qtdetail {

/// timelinesToCbor is the array a snapshot map carries under "timelines".
QCborArray timelinesToCbor(const std::vector<ConnectionTimeline>& timelines);
/// checkTimelines checks a snapshot map's "timelines" against the protocol's bounds (at most
/// kMaxWatchedConnections timelines of at most kTimelineCapacity entries, short texts, loops that fit
/// an int); "" when it holds or the key is absent (an older peer).
QString checkTimelines(const QCborMap& snapshot);
/// timelinesFromCbor decodes a checked "timelines" value (absent: none); entries of a kind this
/// build does not know are skipped (a newer peer).
std::vector<ConnectionTimeline> timelinesFromCbor(const QCborValue& value);

} // namespace qgnet::qtdetail
