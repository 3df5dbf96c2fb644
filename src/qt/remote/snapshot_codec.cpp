// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/snapshot_codec.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <QCborArray>
#include <QCoreApplication>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/un.h>

#include "remote/cbor_integer.h"
#include "remote/snapshot_sections.h"
#include "remote/timeline_codec.h"
#include "stall_text.h"
#include "stats_text.h"

namespace qgnet {

namespace {

// FormatVersion is the snapshot map's own version (key "format"), independent of the protocol's:
// a reader refuses a map of another version instead of guessing.
constexpr qint64 FormatVersion = 1;

using namespace qgnet::qtdetail;

// Times travel as integer nanoseconds since the clock's epoch. The steady clock's epoch is the
// sender's, which is fine: only differences between its snapshots are used (rates).
template <typename Clock>
qint64 toNs(typename Clock::time_point t)
{
    return static_cast<qint64>(std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count());
}

template <typename Clock>
typename Clock::time_point fromNs(qint64 ns)
{
    return
        typename Clock::time_point(std::chrono::duration_cast<typename Clock::duration>(std::chrono::nanoseconds(ns)));
}

qint64 u(std::uint64_t v) { return static_cast<qint64>(v); }

std::uint64_t toU(const QCborValue& v) { return static_cast<std::uint64_t>(std::max<qint64>(cborInteger(v), 0)); }

// Addresses travel as SocketAddress::toString() text: "1.2.3.4:5", "[::1]:5", "/path", "@name", "".
QString addressToText(const SocketAddress& a) { return addressText(a); }

SocketAddress addressFromText(const QString& text)
{
    const QByteArray t = text.toUtf8();
    if (t.isEmpty())
        return {};
    if (t.startsWith('[')) {
        const qsizetype close = t.lastIndexOf("]:");
        if (close > 0) {
            QByteArray host = t.mid(1, close - 1);
            const int port = t.mid(close + 2).toInt();
            sockaddr_in6 sa{};
            sa.sin6_family = AF_INET6;
            sa.sin6_port = htons(static_cast<std::uint16_t>(port));
            const qsizetype percent = host.indexOf('%');
            if (percent >= 0) {
                sa.sin6_scope_id = if_nametoindex(host.mid(percent + 1).constData());
                host.truncate(percent);
            }
            if (inet_pton(AF_INET6, host.constData(), &sa.sin6_addr) == 1)
                return SocketAddress(reinterpret_cast<const sockaddr*>(&sa), sizeof sa);
        }
    }
    const qsizetype colon = t.lastIndexOf(':');
    if (colon > 0) {
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        bool ok = false;
        const int port = t.mid(colon + 1).toInt(&ok);
        if (ok && port >= 0 && port <= 65535 && inet_pton(AF_INET, t.left(colon).constData(), &sa.sin_addr) == 1) {
            sa.sin_port = htons(static_cast<std::uint16_t>(port));
            return SocketAddress(reinterpret_cast<const sockaddr*>(&sa), sizeof sa);
        }
    }
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    // A path fills at most sun_path less its NUL; the length below adds that NUL. (snapshotFromCbor
    // refuses longer paths; this bound keeps SocketAddress from reading past `sa` in any case.)
    const std::size_t n = std::min(static_cast<std::size_t>(t.size()), sizeof sa.sun_path - 1);
    std::memcpy(sa.sun_path, t.constData(), n);
    if (t.startsWith('@'))
        sa.sun_path[0] = '\0'; // the abstract namespace
    return SocketAddress(reinterpret_cast<const sockaddr*>(&sa),
        static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + n + (t.startsWith('@') ? 0 : 1)));
}

QCborMap loopToCbor(const LoopStats& l)
{
    QCborMap m;
    m.insert(QStringLiteral("index"), l.index);
    m.insert(QStringLiteral("backend"), QString::fromStdString(l.backend));
    m.insert(QStringLiteral("threadId"), static_cast<qint64>(l.threadId));
    m.insert(QStringLiteral("connections"), l.connections);
    m.insert(QStringLiteral("accepted"), u(l.accepted));
    m.insert(QStringLiteral("closed"), u(l.closed));
    m.insert(QStringLiteral("bytesIn"), u(l.bytesIn));
    m.insert(QStringLiteral("bytesOut"), u(l.bytesOut));
    m.insert(QStringLiteral("reads"), u(l.reads));
    m.insert(QStringLiteral("writes"), u(l.writes));
    m.insert(QStringLiteral("pendingTasks"), u(l.pendingTasks));
    m.insert(QStringLiteral("iterations"), u(l.iterations));
    m.insert(QStringLiteral("busyNs"), static_cast<qint64>(l.busyTime.count()));
    m.insert(QStringLiteral("stalls"), u(l.stalls));
    m.insert(QStringLiteral("longestIterationNs"), static_cast<qint64>(l.longestIteration.count()));
    m.insert(QStringLiteral("completionOverflows"), u(l.completionOverflows));
    m.insert(QStringLiteral("pooledBytes"), u(l.pooledBytes));
    m.insert(QStringLiteral("memoryReclaims"), u(l.memoryReclaims));
    m.insert(QStringLiteral("bufferedBytes"), u(l.bufferedBytes));
    m.insert(QStringLiteral("pendingTaskBytes"), u(l.pendingTaskBytes));
    m.insert(QStringLiteral("budgetPaused"), u(l.budgetPaused));
    m.insert(QStringLiteral("budgetPauses"), u(l.budgetPauses));
    m.insert(QStringLiteral("budgetCloses"), u(l.budgetCloses));
    m.insert(QStringLiteral("recvBuffersExhausted"), u(l.recvBuffersExhausted));
    return m;
}

LoopStats loopFromCbor(const QCborMap& m)
{
    LoopStats l;
    l.index = static_cast<int>(cborInteger(m.value(QStringLiteral("index"))));
    l.backend = m.value(QStringLiteral("backend")).toString().toStdString();
    l.threadId = cborInteger(m.value(QStringLiteral("threadId")));
    l.connections = static_cast<int>(cborInteger(m.value(QStringLiteral("connections"))));
    l.accepted = toU(m.value(QStringLiteral("accepted")));
    l.closed = toU(m.value(QStringLiteral("closed")));
    l.bytesIn = toU(m.value(QStringLiteral("bytesIn")));
    l.bytesOut = toU(m.value(QStringLiteral("bytesOut")));
    l.reads = toU(m.value(QStringLiteral("reads")));
    l.writes = toU(m.value(QStringLiteral("writes")));
    l.pendingTasks = toU(m.value(QStringLiteral("pendingTasks")));
    l.iterations = toU(m.value(QStringLiteral("iterations")));
    l.busyTime = std::chrono::nanoseconds(cborInteger(m.value(QStringLiteral("busyNs"))));
    l.stalls = toU(m.value(QStringLiteral("stalls")));
    l.longestIteration = std::chrono::nanoseconds(cborInteger(m.value(QStringLiteral("longestIterationNs"))));
    l.completionOverflows = toU(m.value(QStringLiteral("completionOverflows")));
    l.pooledBytes = toU(m.value(QStringLiteral("pooledBytes")));
    l.memoryReclaims = toU(m.value(QStringLiteral("memoryReclaims")));
    l.bufferedBytes = toU(m.value(QStringLiteral("bufferedBytes")));
    l.pendingTaskBytes = toU(m.value(QStringLiteral("pendingTaskBytes")));
    l.budgetPaused = toU(m.value(QStringLiteral("budgetPaused")));
    l.budgetPauses = toU(m.value(QStringLiteral("budgetPauses")));
    l.budgetCloses = toU(m.value(QStringLiteral("budgetCloses")));
    l.recvBuffersExhausted = toU(m.value(QStringLiteral("recvBuffersExhausted")));
    return l;
}

// A TLS connection carries "tls", a map of its session (ConnectionTls); a plain one, or an older
// peer's, none. Texts are bounded by checkLimits like every other.
QCborMap tlsToCbor(const ConnectionTls& t)
{
    QCborMap m;
    m.insert(QStringLiteral("version"), QString::fromStdString(t.version));
    m.insert(QStringLiteral("cipher"), QString::fromStdString(t.cipher));
    m.insert(QStringLiteral("alpn"), QString::fromStdString(t.alpn));
    m.insert(QStringLiteral("serverName"), QString::fromStdString(t.serverName));
    m.insert(QStringLiteral("peerSubject"), QString::fromStdString(t.peerSubject));
    m.insert(QStringLiteral("peerNotAfter"), toNs<std::chrono::system_clock>(t.peerNotAfter));
    return m;
}

std::optional<ConnectionTls> tlsFromCbor(const QCborValue& v)
{
    if (!v.isMap())
        return std::nullopt;
    const QCborMap m = v.toMap();
    ConnectionTls t;
    t.version = m.value(QStringLiteral("version")).toString().toStdString();
    t.cipher = m.value(QStringLiteral("cipher")).toString().toStdString();
    t.alpn = m.value(QStringLiteral("alpn")).toString().toStdString();
    t.serverName = m.value(QStringLiteral("serverName")).toString().toStdString();
    t.peerSubject = m.value(QStringLiteral("peerSubject")).toString().toStdString();
    t.peerNotAfter = fromNs<std::chrono::system_clock>(cborInteger(m.value(QStringLiteral("peerNotAfter"))));
    return t;
}

// The stall log travels as "stalls" (entries), "stallsDropped" and "stallThresholdNs"; an older peer
// sends none of them, which reads as no stall and a threshold of 0 (unknown).
QCborMap stallToCbor(const LoopStall& s)
{
    QCborMap m;
    m.insert(QStringLiteral("sequence"), u(s.sequence));
    m.insert(QStringLiteral("time"), toNs<std::chrono::system_clock>(s.time));
    m.insert(QStringLiteral("loop"), s.loop);
    m.insert(QStringLiteral("iterationNs"), static_cast<qint64>(s.iteration.count()));
    m.insert(QStringLiteral("callback"), stallCallbackKey(s.callback));
    m.insert(QStringLiteral("callbackNs"), static_cast<qint64>(s.callbackTime.count()));
    m.insert(QStringLiteral("connection"), u(s.connectionId));
    return m;
}

LoopStall stallFromCbor(const QCborMap& m)
{
    LoopStall s;
    s.sequence = toU(m.value(QStringLiteral("sequence")));
    s.time = fromNs<std::chrono::system_clock>(cborInteger(m.value(QStringLiteral("time"))));
    s.loop = static_cast<int>(cborInteger(m.value(QStringLiteral("loop"))));
    s.iteration = std::chrono::nanoseconds(toU(m.value(QStringLiteral("iterationNs"))));
    s.callback = stallCallbackFromKey(m.value(QStringLiteral("callback")).toString()).value_or(StallCallback::None);
    s.callbackTime = std::chrono::nanoseconds(toU(m.value(QStringLiteral("callbackNs"))));
    s.connectionId = toU(m.value(QStringLiteral("connection")));
    return s;
}

void stallsToCbor(const EngineSnapshot& s, QCborMap& m)
{
    QCborArray stalls;
    for (const LoopStall& stall : s.stalls)
        stalls.append(stallToCbor(stall));
    m.insert(QStringLiteral("stalls"), stalls);
    m.insert(QStringLiteral("stallsDropped"), u(s.stallsDropped));
    m.insert(QStringLiteral("stallThresholdNs"), static_cast<qint64>(s.stallThreshold.count()));
}

void stallsFromCbor(const QCborMap& m, EngineSnapshot& s)
{
    for (const QCborValue& stall : m.value(QStringLiteral("stalls")).toArray())
        s.stalls.push_back(stallFromCbor(stall.toMap()));
    s.stallsDropped = toU(m.value(QStringLiteral("stallsDropped")));
    s.stallThreshold = std::chrono::nanoseconds(toU(m.value(QStringLiteral("stallThresholdNs"))));
}

QCborMap connectionToCbor(const ConnectionStats& c)
{
    QCborMap m;
    m.insert(QStringLiteral("id"), u(c.id));
    m.insert(QStringLiteral("loop"), c.loop);
    m.insert(QStringLiteral("network"), networkKey(c.network));
    m.insert(QStringLiteral("state"), stateKey(c.state));
    m.insert(QStringLiteral("client"), c.client);
    m.insert(QStringLiteral("readingPaused"), c.readingPaused);
    m.insert(QStringLiteral("local"), addressToText(c.local));
    m.insert(QStringLiteral("remote"), addressToText(c.remote));
    m.insert(QStringLiteral("opened"), toNs<std::chrono::system_clock>(c.opened));
    m.insert(QStringLiteral("bytesIn"), u(c.bytesIn));
    m.insert(QStringLiteral("bytesOut"), u(c.bytesOut));
    m.insert(QStringLiteral("inbound"), u(c.inboundBuffered));
    m.insert(QStringLiteral("outboundRing"), u(c.outboundRing));
    m.insert(QStringLiteral("outboundSpilled"), u(c.outboundSpilled));
    m.insert(QStringLiteral("outboundRingCapacity"), u(c.outboundRingCapacity));
    m.insert(QStringLiteral("highWater"), u(c.highWater));
    m.insert(QStringLiteral("highWaterHits"), u(c.highWaterHits));
    if (c.tls)
        m.insert(QStringLiteral("tls"), tlsToCbor(*c.tls));
    return m;
}

ConnectionStats connectionFromCbor(const QCborMap& m)
{
    ConnectionStats c;
    c.id = toU(m.value(QStringLiteral("id")));
    c.loop = static_cast<int>(cborInteger(m.value(QStringLiteral("loop"))));
    c.network = networkFromKey(m.value(QStringLiteral("network")).toString()).value_or(Network::Tcp);
    c.state = stateFromKey(m.value(QStringLiteral("state")).toString()).value_or(ConnectionState::Open);
    c.client = m.value(QStringLiteral("client")).toBool();
    c.readingPaused = m.value(QStringLiteral("readingPaused")).toBool();
    c.local = addressFromText(m.value(QStringLiteral("local")).toString());
    c.remote = addressFromText(m.value(QStringLiteral("remote")).toString());
    c.opened = fromNs<std::chrono::system_clock>(cborInteger(m.value(QStringLiteral("opened"))));
    c.bytesIn = toU(m.value(QStringLiteral("bytesIn")));
    c.bytesOut = toU(m.value(QStringLiteral("bytesOut")));
    c.inboundBuffered = toU(m.value(QStringLiteral("inbound")));
    c.outboundRing = toU(m.value(QStringLiteral("outboundRing")));
    c.outboundSpilled = toU(m.value(QStringLiteral("outboundSpilled")));
    c.outboundRingCapacity = toU(m.value(QStringLiteral("outboundRingCapacity")));
    c.highWater = toU(m.value(QStringLiteral("highWater")));
    c.highWaterHits = toU(m.value(QStringLiteral("highWaterHits")));
    c.tls = tlsFromCbor(m.value(QStringLiteral("tls")));
    return c;
}

QCborMap decisionToCbor(const BalanceDecision& d)
{
    QCborMap m;
    m.insert(QStringLiteral("sequence"), u(d.sequence));
    m.insert(QStringLiteral("time"), toNs<std::chrono::system_clock>(d.time));
    m.insert(QStringLiteral("policy"), policyKey(d.policy));
    QCborArray loads;
    for (int l : d.loads)
        loads.append(l);
    m.insert(QStringLiteral("loads"), loads);
    m.insert(QStringLiteral("chosen"), d.chosen);
    m.insert(QStringLiteral("peer"), addressToText(d.peer));
    return m;
}

BalanceDecision decisionFromCbor(const QCborMap& m)
{
    BalanceDecision d;
    d.sequence = toU(m.value(QStringLiteral("sequence")));
    d.time = fromNs<std::chrono::system_clock>(cborInteger(m.value(QStringLiteral("time"))));
    d.policy = policyFromKey(m.value(QStringLiteral("policy")).toString()).value_or(LoadBalancing::RoundRobin);
    for (const QCborValue& l : m.value(QStringLiteral("loads")).toArray())
        d.loads.push_back(static_cast<int>(cborInteger(l)));
    d.chosen = static_cast<int>(cborInteger(m.value(QStringLiteral("chosen"))));
    d.peer = addressFromText(m.value(QStringLiteral("peer")).toString());
    return d;
}

QCborMap eventToCbor(const EngineEvent& e)
{
    QCborMap m;
    m.insert(QStringLiteral("sequence"), u(e.sequence));
    m.insert(QStringLiteral("time"), toNs<std::chrono::system_clock>(e.time));
    m.insert(QStringLiteral("kind"), eventKindKey(e.kind));
    m.insert(QStringLiteral("loop"), e.loop);
    m.insert(QStringLiteral("connection"), u(e.connectionId));
    m.insert(QStringLiteral("peer"), addressToText(e.peer));
    m.insert(QStringLiteral("reason"), QString::fromStdString(e.reason));
    return m;
}

EngineEvent eventFromCbor(const QCborMap& m)
{
    EngineEvent e;
    e.sequence = toU(m.value(QStringLiteral("sequence")));
    e.time = fromNs<std::chrono::system_clock>(cborInteger(m.value(QStringLiteral("time"))));
    e.kind = eventKindFromKey(m.value(QStringLiteral("kind")).toString()).value_or(EngineEvent::Kind::Error);
    e.loop = static_cast<int>(cborInteger(m.value(QStringLiteral("loop"))));
    e.connectionId = toU(m.value(QStringLiteral("connection")));
    e.peer = addressFromText(m.value(QStringLiteral("peer")).toString());
    e.reason = m.value(QStringLiteral("reason")).toString().toStdString();
    return e;
}

// validate checks what a decoded snapshot claims against itself and the documented limits
// (docs/inspector-protocol.md); "" when it holds. Decisions and connections name loops, which the
// models use as indexes, and ids must be unique, which the connection model's merge relies on.
QString validate(const EngineSnapshot& s)
{
    const auto loops = static_cast<qint64>(s.loops.size());
    for (const LoopStats& l : s.loops) {
        if (l.index < 0 || l.index >= loops)
            return QCoreApplication::translate("qgnet", "loop index %1 is out of range (0..%2)")
                .arg(l.index)
                .arg(loops - 1);
    }
    std::vector<std::uint64_t> ids;
    ids.reserve(s.connections.size());
    for (const ConnectionStats& c : s.connections) {
        if (c.loop < 0 || c.loop >= loops)
            return QCoreApplication::translate("qgnet", "connection %1 is on loop %2, which does not exist")
                .arg(c.id)
                .arg(c.loop);
        ids.push_back(c.id);
    }
    std::sort(ids.begin(), ids.end());
    if (const auto twice = std::adjacent_find(ids.begin(), ids.end()); twice != ids.end())
        return QCoreApplication::translate("qgnet", "connection id %1 appears more than once").arg(*twice);
    for (const BalanceDecision& d : s.decisions) {
        if (d.chosen < 0 || d.chosen >= loops)
            return QCoreApplication::translate("qgnet", "decision %1: chosen loop %2 does not exist")
                .arg(d.sequence)
                .arg(d.chosen);
        if (static_cast<qint64>(d.loads.size()) > loops)
            return QCoreApplication::translate("qgnet", "decision %1 has %2 loads for %3 loops")
                .arg(d.sequence)
                .arg(d.loads.size())
                .arg(loops);
    }
    for (const EngineEvent& e : s.events) {
        if (e.loop < -1 || e.loop >= loops)
            return QCoreApplication::translate("qgnet", "event %1 is on loop %2, which does not exist")
                .arg(e.sequence)
                .arg(e.loop);
    }
    for (const LoopStall& stall : s.stalls) {
        if (stall.loop < 0 || stall.loop >= loops)
            return QCoreApplication::translate("qgnet", "stall %1 is on loop %2, which does not exist")
                .arg(stall.sequence)
                .arg(stall.loop);
    }
    return {};
}

// Limit checks on the CBOR, before it is decoded into an EngineSnapshot (whose entries are far larger
// than the CBOR values they come from: 1 M empty maps would become 1 M ConnectionStats).
QString checkArray(const QCborMap& m, const char* key, qsizetype limit)
{
    const QCborValue v = m.value(QLatin1String(key));
    if (v.isUndefined())
        return {};
    if (!v.isArray())
        return QCoreApplication::translate("qgnet", "snapshot field '%1' is not an array").arg(QLatin1String(key));
    if (v.toArray().size() > limit)
        return QCoreApplication::translate("qgnet", "snapshot field '%1' has %2 entries (at most %3)")
            .arg(QLatin1String(key))
            .arg(v.toArray().size())
            .arg(limit);
    return {};
}

// Integers that become an int (loop indexes, counts per loop) must fit one, or they would wrap.
bool fitsInt(const QCborValue& v)
{
    const qint64 i = cborInteger(v);
    return i >= std::numeric_limits<int>::min() && i <= std::numeric_limits<int>::max();
}

// checkTexts checks one entry's values: texts of at most MaxSnapshotText, addresses that fit
// sockaddr_un, and the integers that are read as int within 32 bits.
QString checkTexts(const QCborMap& m, const char* where)
{
    for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
        const QCborValue v = it.value();
        if (v.isString() && v.toString().size() > MaxSnapshotText)
            return QCoreApplication::translate("qgnet", "%1: text '%2' is longer than %3")
                .arg(QLatin1String(where), it.key().toString())
                .arg(MaxSnapshotText);
        // No address text is that long but a Unix path too long for sockaddr_un (IP forms are short).
        if (v.isString()
            && (it.key() == QLatin1String("local") || it.key() == QLatin1String("remote")
                || it.key() == QLatin1String("peer"))
            && v.toString().toUtf8().size() >= static_cast<qsizetype>(sizeof(sockaddr_un::sun_path)))
            return QCoreApplication::translate("qgnet",
                "%1: address '%2' is longer than a Unix socket path can be (%3 bytes)")
                .arg(QLatin1String(where), it.key().toString())
                .arg(sizeof(sockaddr_un::sun_path) - 1);
        if (v.isInteger() && !fitsInt(v)
            && (it.key() == QLatin1String("loop") || it.key() == QLatin1String("chosen")
                || it.key() == QLatin1String("index") || it.key() == QLatin1String("connections")))
            return QCoreApplication::translate("qgnet", "%1: '%2' is out of range")
                .arg(QLatin1String(where), it.key().toString());
    }
    return {};
}

// checkStallsAndTls bounds what this format added: the stall log like the other logs, and each
// connection's "tls" map like the connection's own texts.
QString checkStallsAndTls(const QCborMap& m)
{
    if (QString why = checkArray(m, "stalls", MaxSnapshotLogEntries); !why.isEmpty())
        return why;
    for (const QCborValue& entry : m.value(QStringLiteral("stalls")).toArray()) {
        if (QString why = checkTexts(entry.toMap(), "stall"); !why.isEmpty())
            return why;
    }
    for (const QCborValue& entry : m.value(QStringLiteral("connections")).toArray()) {
        const QCborValue tls = entry.toMap().value(QStringLiteral("tls"));
        if (tls.isMap()) {
            if (QString why = checkTexts(tls.toMap(), "connection TLS"); !why.isEmpty())
                return why;
        }
    }
    return {};
}

QString checkLimits(const QCborMap& m)
{
    if (QString why = checkStallsAndTls(m); !why.isEmpty())
        return why;
    for (const auto& [key, limit] : {std::pair{"loops", MaxSnapshotLoops},
             std::pair{"connections", MaxSnapshotConnections}, std::pair{"decisions", MaxSnapshotLogEntries},
             std::pair{"events", MaxSnapshotLogEntries}, std::pair{"listenUrls", MaxSnapshotListenUrls}}) {
        if (QString why = checkArray(m, key, limit); !why.isEmpty())
            return why;
    }
    for (const QCborValue& url : m.value(QStringLiteral("listenUrls")).toArray()) {
        if (url.toString().size() > MaxSnapshotText)
            return QCoreApplication::translate("qgnet", "a listen URL is longer than %1").arg(MaxSnapshotText);
    }
    for (const auto& [key, where] : {std::pair{"loops", "loop"}, std::pair{"connections", "connection"},
             std::pair{"decisions", "decision"}, std::pair{"events", "event"}}) {
        for (const QCborValue& entry : m.value(QLatin1String(key)).toArray()) {
            if (QString why = checkTexts(entry.toMap(), where); !why.isEmpty())
                return why;
        }
    }
    for (const QCborValue& d : m.value(QStringLiteral("decisions")).toArray()) {
        const QCborValue loads = d.toMap().value(QStringLiteral("loads"));
        if (!loads.isUndefined() && (!loads.isArray() || loads.toArray().size() > MaxSnapshotLoops))
            return QCoreApplication::translate("qgnet", "a decision's loads are not an array of at most %1")
                .arg(MaxSnapshotLoops);
        for (const QCborValue& l : loads.toArray()) {
            if (!fitsInt(l))
                return QCoreApplication::translate("qgnet", "a decision's load is out of range");
        }
    }
    return {};
}

} // namespace

QCborMap snapshotToCbor(const EngineSnapshot& s)
{
    QCborMap m;
    m.insert(QStringLiteral("format"), FormatVersion);
    m.insert(QStringLiteral("taken"), toNs<std::chrono::steady_clock>(s.taken));
    m.insert(QStringLiteral("wallTime"), toNs<std::chrono::system_clock>(s.wallTime));
    m.insert(QStringLiteral("started"), toNs<std::chrono::system_clock>(s.started));
    m.insert(QStringLiteral("policy"), policyKey(s.policy));
    m.insert(QStringLiteral("reusePort"), s.reusePort);
    QCborArray urls;
    for (const std::string& url : s.listenUrls)
        urls.append(QString::fromStdString(url));
    m.insert(QStringLiteral("listenUrls"), urls);
    QCborArray loops;
    for (const LoopStats& l : s.loops)
        loops.append(loopToCbor(l));
    m.insert(QStringLiteral("loops"), loops);
    QCborArray connections;
    for (const ConnectionStats& c : s.connections)
        connections.append(connectionToCbor(c));
    m.insert(QStringLiteral("connections"), connections);
    QCborArray decisions;
    for (const BalanceDecision& d : s.decisions)
        decisions.append(decisionToCbor(d));
    m.insert(QStringLiteral("decisions"), decisions);
    m.insert(QStringLiteral("decisionsDropped"), u(s.decisionsDropped));
    QCborArray events;
    for (const EngineEvent& e : s.events)
        events.append(eventToCbor(e));
    m.insert(QStringLiteral("events"), events);
    m.insert(QStringLiteral("eventsDropped"), u(s.eventsDropped));
    m.insert(QStringLiteral("truncatedDatagrams"), u(s.truncatedDatagrams));
    m.insert(QStringLiteral("refusedConnections"), u(s.refusedConnections));
    m.insert(QStringLiteral("memoryBudget"), u(s.memoryBudget));
    m.insert(QStringLiteral("bufferedBytes"), u(s.bufferedBytes));
    stallsToCbor(s, m);
    errorsToCbor(s, m);
    listenersToCbor(s, m);
    if (!s.timelines.empty()) // only for an inspector that watches a connection
        m.insert(QStringLiteral("timelines"), timelinesToCbor(s.timelines));
    return m;
}

std::optional<EngineSnapshot> snapshotFromCbor(const QCborMap& m, QString* error)
{
    const auto failWith = [error](const QString& why) -> std::optional<EngineSnapshot> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QCborValue format = m.value(QStringLiteral("format"));
    if (!format.isInteger())
        return failWith(QCoreApplication::translate("qgnet", "not a snapshot (no format version)"));
    if (cborInteger(format) != FormatVersion)
        return failWith(
            QCoreApplication::translate("qgnet", "snapshot format %1 is not supported (this build reads %2)")
                .arg(cborInteger(format))
                .arg(FormatVersion));
    if (const QString why = checkLimits(m); !why.isEmpty())
        return failWith(why);
    if (const QString why = checkTimelines(m); !why.isEmpty())
        return failWith(why);
    EngineSnapshot s;
    s.taken = fromNs<std::chrono::steady_clock>(cborInteger(m.value(QStringLiteral("taken"))));
    s.wallTime = fromNs<std::chrono::system_clock>(cborInteger(m.value(QStringLiteral("wallTime"))));
    s.started = fromNs<std::chrono::system_clock>(cborInteger(m.value(QStringLiteral("started"))));
    s.policy = policyFromKey(m.value(QStringLiteral("policy")).toString()).value_or(LoadBalancing::RoundRobin);
    s.reusePort = m.value(QStringLiteral("reusePort")).toBool();
    for (const QCborValue& url : m.value(QStringLiteral("listenUrls")).toArray())
        s.listenUrls.push_back(url.toString().toStdString());
    for (const QCborValue& l : m.value(QStringLiteral("loops")).toArray())
        s.loops.push_back(loopFromCbor(l.toMap()));
    for (const QCborValue& c : m.value(QStringLiteral("connections")).toArray())
        s.connections.push_back(connectionFromCbor(c.toMap()));
    for (const QCborValue& d : m.value(QStringLiteral("decisions")).toArray())
        s.decisions.push_back(decisionFromCbor(d.toMap()));
    s.decisionsDropped = toU(m.value(QStringLiteral("decisionsDropped")));
    for (const QCborValue& e : m.value(QStringLiteral("events")).toArray())
        s.events.push_back(eventFromCbor(e.toMap()));
    s.eventsDropped = toU(m.value(QStringLiteral("eventsDropped")));
    s.truncatedDatagrams = toU(m.value(QStringLiteral("truncatedDatagrams")));
    s.refusedConnections = toU(m.value(QStringLiteral("refusedConnections")));
    s.memoryBudget = toU(m.value(QStringLiteral("memoryBudget")));
    s.bufferedBytes = toU(m.value(QStringLiteral("bufferedBytes")));
    stallsFromCbor(m, s);
    if (const QString why = errorsFromCbor(m, s); !why.isEmpty())
        return failWith(why);
    if (const QString why = listenersFromCbor(m, s); !why.isEmpty())
        return failWith(why);
    s.timelines = timelinesFromCbor(m.value(QStringLiteral("timelines")));
    if (const QString why = validate(s); !why.isEmpty())
        return failWith(why);
    return s;
}

// ---- the Qt bridge's health, in the answer's "bridge" map -----------------------------------------

void bridgeHealthToCbor(const BridgeHealth& h, QCborMap& bridge)
{
    bridge.insert(QStringLiteral("queuedItems"), u(h.queuedItems));
    bridge.insert(QStringLiteral("queuedBytes"), u(h.queuedBytes));
    bridge.insert(QStringLiteral("batches"), u(h.batches));
    bridge.insert(QStringLiteral("itemsDelivered"), u(h.itemsDelivered));
    bridge.insert(QStringLiteral("lastBatch"), u(h.lastBatch));
    bridge.insert(QStringLiteral("maxBatch"), u(h.maxBatch));
    bridge.insert(QStringLiteral("averageBatch"), h.averageBatch);
    bridge.insert(QStringLiteral("lastDrainLatencyNs"), static_cast<qint64>(h.lastDrainLatencyNs));
    bridge.insert(QStringLiteral("maxDrainLatencyNs"), static_cast<qint64>(h.maxDrainLatencyNs));
    bridge.insert(QStringLiteral("averageDrainLatencyNs"), static_cast<qint64>(h.averageDrainLatencyNs));
    bridge.insert(QStringLiteral("lagNs"), static_cast<qint64>(h.lagNs));
}

BridgeHealth bridgeHealthFromCbor(const QCborMap& bridge)
{
    const auto count = [&bridge](const char* key) { return toU(bridge.value(QLatin1String(key))); };
    const auto ns = [&bridge](const char* key) {
        return std::max<std::int64_t>(0, cborInteger(bridge.value(QLatin1String(key))));
    };
    BridgeHealth h;
    h.queuedItems = count("queuedItems");
    h.queuedBytes = count("queuedBytes");
    h.droppedDatagrams = count("droppedDatagrams");
    h.batches = count("batches");
    h.itemsDelivered = count("itemsDelivered");
    h.lastBatch = count("lastBatch");
    h.maxBatch = count("maxBatch");
    const double average = bridge.value(QStringLiteral("averageBatch")).toDouble(0.0);
    h.averageBatch = std::isfinite(average) && average > 0 ? average : 0.0; // a lying peer's NaN shows as 0
    h.lastDrainLatencyNs = ns("lastDrainLatencyNs");
    h.maxDrainLatencyNs = ns("maxDrainLatencyNs");
    h.averageDrainLatencyNs = ns("averageDrainLatencyNs");
    h.lagNs = ns("lagNs");
    return h;
}

QJsonObject snapshotToJson(const EngineSnapshot& snapshot) { return snapshotToCbor(snapshot).toJsonObject(); }

} // namespace qgnet
