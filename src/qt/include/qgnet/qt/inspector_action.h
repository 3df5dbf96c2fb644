// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstdint>
#include <optional>

#include <QCborMap>
#include <QString>

#include "qgnet/options.h"

namespace qgnet {

class Engine;
class QtServer;

/// InspectorAction is one thing an inspector may ask an engine to do ("safe actions"): close one
/// connection, pause or resume accepting, change the balancing policy or the output water marks.
/// Actions are off unless the side that owns the engine allows them (InspectorEndpoint::setActionsAllowed,
/// LocalStatsFeed::setActionsAllowed), and the inspectors ask for a confirmation before each.
/// In another process it travels as an "action" request (docs/inspector-protocol.md).
struct QGNET_QT_EXPORT InspectorAction {
    enum class Kind : std::uint8_t { CloseConnection, PauseAccepting, ResumeAccepting, SetBalancing, SetWaterMarks };
    Kind kind = Kind::PauseAccepting;
    std::uint64_t connection = 0;                     ///< CloseConnection: the connection's id.
    LoadBalancing policy = LoadBalancing::RoundRobin; ///< SetBalancing.
    std::uint64_t high = 0;                           ///< SetWaterMarks: Options::outputHighWater.
    std::uint64_t low = 0;                            ///< SetWaterMarks: Options::outputLowWater.
};

/// InspectorActionResult is how an action ended: ok, or an error code of the inspector protocol
/// ("actions-disabled", "bad-action", "no-connection", "invalid", "engine-stopped", "unsupported")
/// with a message in words.
struct QGNET_QT_EXPORT InspectorActionResult {
    bool ok = false;
    QString code;
    QString message;
};

/// inspectorActionToCbor / inspectorActionFromCbor convert an action to and from the keys of an
/// "action" request (`action`, and `connection`, `policy`, `high`, `low` as the kind needs).
/// fromCbor returns nullopt, with *error set, for an unknown action or a missing or malformed value.
QGNET_QT_EXPORT QCborMap inspectorActionToCbor(const InspectorAction& action);
QGNET_QT_EXPORT std::optional<InspectorAction> inspectorActionFromCbor(const QCborMap& map, QString* error = nullptr);

/// describeAction says in words (English, for the log) what an action does: "close connection 42".
QGNET_QT_EXPORT QString describeAction(const InspectorAction& action);

/// performAction runs an action on server's engine, or on engine when server is null (then
/// CloseConnection is "unsupported": a plain Engine closes connections only through their handles).
/// On the caller's thread, which must be server's. It checks nothing about permissions: callers do.
QGNET_QT_EXPORT InspectorActionResult performAction(QtServer* server, Engine* engine, const InspectorAction& action);

} // namespace qgnet
