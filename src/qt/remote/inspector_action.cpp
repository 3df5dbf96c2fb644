// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/inspector_action.h"

#include "qgnet/engine.h"
#include "qgnet/error.h"
#include "qgnet/qt/qt_server.h"

namespace qgnet {

namespace {

// The wire names of the actions and policies (stable: they are protocol).
struct KindName {
    InspectorAction::Kind kind;
    const char* name;
};
constexpr KindName KindNames[] = {
    {InspectorAction::Kind::CloseConnection, "close-connection"},
    {InspectorAction::Kind::PauseAccepting, "pause-accepting"},
    {InspectorAction::Kind::ResumeAccepting, "resume-accepting"},
    {InspectorAction::Kind::SetBalancing, "set-balancing"},
    {InspectorAction::Kind::SetWaterMarks, "set-water-marks"},
};

struct PolicyName {
    LoadBalancing policy;
    const char* name;
};
constexpr PolicyName PolicyNames[] = {
    {LoadBalancing::RoundRobin, "round-robin"},
    {LoadBalancing::LeastConnections, "least-connections"},
    {LoadBalancing::SourceAddrHash, "source-addr-hash"},
};

const char* policyName(LoadBalancing policy)
{
    for (const PolicyName& p : PolicyNames) {
        if (p.policy == policy)
            return p.name;
    }
    return "?";
}

// count reads a non-negative integer key; nullopt when it is missing, negative or not an integer.
std::optional<std::uint64_t> count(const QCborMap& map, const char* key)
{
    const QCborValue v = map.value(QLatin1String(key));
    if (!v.isInteger() || v.toInteger() < 0)
        return std::nullopt;
    return static_cast<std::uint64_t>(v.toInteger());
}

InspectorActionResult failed(const char* code, const QString& message)
{
    return InspectorActionResult{false, QString::fromLatin1(code), message};
}

InspectorActionResult fromError(std::error_code ec)
{
    if (!ec)
        return InspectorActionResult{true, {}, {}};
    const QString message = QString::fromStdString(ec.message());
    if (ec == Errc::InvalidOption)
        return failed("invalid", message);
    if (ec == Errc::EngineStopped)
        return failed("engine-stopped", message);
    return failed("failed", message);
}

} // namespace

QCborMap inspectorActionToCbor(const InspectorAction& action)
{
    QCborMap m;
    for (const KindName& k : KindNames) {
        if (k.kind == action.kind)
            m.insert(QStringLiteral("action"), QLatin1String(k.name));
    }
    switch (action.kind) {
    case InspectorAction::Kind::CloseConnection:
        m.insert(QStringLiteral("connection"), static_cast<qint64>(action.connection));
        break;
    case InspectorAction::Kind::SetBalancing:
        m.insert(QStringLiteral("policy"), QLatin1String(policyName(action.policy)));
        break;
    case InspectorAction::Kind::SetWaterMarks:
        m.insert(QStringLiteral("high"), static_cast<qint64>(action.high));
        m.insert(QStringLiteral("low"), static_cast<qint64>(action.low));
        break;
    case InspectorAction::Kind::PauseAccepting:
    case InspectorAction::Kind::ResumeAccepting: break;
    }
    return m;
}

std::optional<InspectorAction> inspectorActionFromCbor(const QCborMap& map, QString* error)
{
    const auto fail = [error](const QString& why) -> std::optional<InspectorAction> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString name = map.value(QStringLiteral("action")).toString();
    InspectorAction action;
    bool known = false;
    for (const KindName& k : KindNames) {
        if (name == QLatin1String(k.name)) {
            action.kind = k.kind;
            known = true;
        }
    }
    if (!known)
        return fail(QStringLiteral("unknown action '%1'").arg(name.left(64)));
    switch (action.kind) {
    case InspectorAction::Kind::CloseConnection: {
        const auto id = count(map, "connection");
        if (!id)
            return fail(QStringLiteral("close-connection needs a connection id"));
        action.connection = *id;
        break;
    }
    case InspectorAction::Kind::SetBalancing: {
        const QString policy = map.value(QStringLiteral("policy")).toString();
        bool found = false;
        for (const PolicyName& p : PolicyNames) {
            if (policy == QLatin1String(p.name)) {
                action.policy = p.policy;
                found = true;
            }
        }
        if (!found)
            return fail(QStringLiteral("unknown policy '%1' (round-robin, least-connections, source-addr-hash)")
                            .arg(policy.left(64)));
        break;
    }
    case InspectorAction::Kind::SetWaterMarks: {
        const auto high = count(map, "high");
        const auto low = count(map, "low");
        if (!high || !low)
            return fail(QStringLiteral("set-water-marks needs high and low byte counts"));
        action.high = *high;
        action.low = *low;
        break;
    }
    case InspectorAction::Kind::PauseAccepting:
    case InspectorAction::Kind::ResumeAccepting: break;
    }
    return action;
}

QString describeAction(const InspectorAction& action)
{
    switch (action.kind) {
    case InspectorAction::Kind::CloseConnection: return QStringLiteral("close connection %1").arg(action.connection);
    case InspectorAction::Kind::PauseAccepting: return QStringLiteral("pause accepting");
    case InspectorAction::Kind::ResumeAccepting: return QStringLiteral("resume accepting");
    case InspectorAction::Kind::SetBalancing:
        return QStringLiteral("set load balancing to %1").arg(QLatin1String(policyName(action.policy)));
    case InspectorAction::Kind::SetWaterMarks:
        return QStringLiteral("set output water marks to high %1, low %2 bytes").arg(action.high).arg(action.low);
    }
    return {};
}

InspectorActionResult performAction(QtServer* server, Engine* engine, const InspectorAction& action)
{
    Engine* e = server ? server->engine() : engine;
    if (!e || e->validate())
        return failed("engine-stopped", QStringLiteral("no engine is running"));
    switch (action.kind) {
    case InspectorAction::Kind::CloseConnection:
        if (!server)
            return failed("unsupported", QStringLiteral("closing a connection needs a QtServer"));
        if (!server->closeConnection(action.connection))
            return failed("no-connection", QStringLiteral("connection %1 is not open").arg(action.connection));
        return InspectorActionResult{true, {}, {}};
    case InspectorAction::Kind::PauseAccepting: return fromError(e->pauseAccepting());
    case InspectorAction::Kind::ResumeAccepting: return fromError(e->resumeAccepting());
    case InspectorAction::Kind::SetBalancing: return fromError(e->setLoadBalancing(action.policy));
    case InspectorAction::Kind::SetWaterMarks:
        return fromError(e->setWaterMarks(static_cast<std::size_t>(action.high), static_cast<std::size_t>(action.low)));
    }
    return failed("bad-action", QStringLiteral("unknown action"));
}

} // namespace qgnet
