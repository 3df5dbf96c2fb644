// SPDX-License-Identifier: Apache-2.0
// The snapshot's "errors" section: counts by kind and code (docs/inspector-protocol.md).
#include <limits>

#include <QCborArray>
#include <QCoreApplication>

#include "qgnet/qt/snapshot_codec.h"
#include "remote/cbor_integer.h"
#include "remote/snapshot_sections.h"

namespace qgnet::qtdetail {

namespace {

constexpr ErrorKind kKinds[] = {ErrorKind::Socket, ErrorKind::Tls, ErrorKind::TlsVerify, ErrorKind::Accept};

std::optional<ErrorKind> kindFromKey(const QString& key)
{
    for (ErrorKind kind : kKinds)
        if (key == QLatin1String(toString(kind).data(), static_cast<qsizetype>(toString(kind).size())))
            return kind;
    return std::nullopt;
}

QString keyOf(ErrorKind kind)
{
    const std::string_view k = toString(kind);
    return QString::fromLatin1(k.data(), static_cast<qsizetype>(k.size()));
}

} // namespace

void errorsToCbor(const EngineSnapshot& s, QCborMap& m)
{
    QCborArray errors;
    for (const ErrorCount& e : s.errors) {
        QCborMap entry;
        entry.insert(QStringLiteral("kind"), keyOf(e.kind));
        entry.insert(QStringLiteral("code"), e.code);
        entry.insert(QStringLiteral("name"), QString::fromStdString(e.name));
        entry.insert(QStringLiteral("description"), QString::fromStdString(e.description));
        entry.insert(QStringLiteral("count"), static_cast<qint64>(e.count));
        errors.append(entry);
    }
    m.insert(QStringLiteral("errors"), errors);
    m.insert(QStringLiteral("errorsUnlisted"), static_cast<qint64>(s.errorsUnlisted));
}

QString errorsFromCbor(const QCborMap& m, EngineSnapshot& s)
{
    s.errorsUnlisted = static_cast<std::uint64_t>(
        std::max<qint64>(cborInteger(m.value(QStringLiteral("errorsUnlisted"))), 0));
    const QCborValue errors = m.value(QStringLiteral("errors"));
    if (errors.isUndefined())
        return {}; // an older peer
    if (!errors.isArray())
        return QCoreApplication::translate("qgnet", "snapshot field '%1' is not an array")
            .arg(QStringLiteral("errors"));
    const QCborArray array = errors.toArray();
    if (array.size() > MaxSnapshotErrors)
        return QCoreApplication::translate("qgnet", "snapshot field '%1' has %2 entries (at most %3)")
            .arg(QStringLiteral("errors"))
            .arg(array.size())
            .arg(MaxSnapshotErrors);
    for (const QCborValue& v : array) {
        const QCborMap entry = v.toMap();
        const QString name = entry.value(QStringLiteral("name")).toString();
        const QString description = entry.value(QStringLiteral("description")).toString();
        if (name.size() > MaxSnapshotText || description.size() > MaxSnapshotText)
            return QCoreApplication::translate("qgnet", "an error's name or description is longer than %1")
                .arg(MaxSnapshotText);
        const qint64 code = cborInteger(entry.value(QStringLiteral("code")));
        if (code < std::numeric_limits<int>::min() || code > std::numeric_limits<int>::max())
            return QCoreApplication::translate("qgnet", "an error's code is out of range");
        const std::optional<ErrorKind> kind = kindFromKey(entry.value(QStringLiteral("kind")).toString());
        if (!kind)
            continue; // a kind a newer engine counts: not shown here
        for (const ErrorCount& seen : s.errors) {
            if (seen.kind == *kind && seen.code == code) // the models key rows by kind and code
                return QCoreApplication::translate("qgnet", "error %1 appears more than once").arg(name);
        }
        ErrorCount& e = s.errors.emplace_back();
        e.kind = *kind;
        e.code = static_cast<int>(code);
        e.name = name.toStdString();
        e.description = description.toStdString();
        e.count = static_cast<std::uint64_t>(std::max<qint64>(cborInteger(entry.value(QStringLiteral("count"))), 0));
    }
    return {};
}

} // namespace qgnet::qtdetail
