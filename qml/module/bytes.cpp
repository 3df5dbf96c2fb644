// SPDX-License-Identifier: Apache-2.0
#include "bytes.h"

namespace qgnet::qml {

Bytes::Bytes(QObject* parent) : QObject(parent) {}

QString Bytes::text(const QByteArray& data) const { return QString::fromUtf8(data); }

QByteArray Bytes::fromText(const QString& text) const { return text.toUtf8(); }

QString Bytes::hex(const QByteArray& data) const { return QString::fromLatin1(data.toHex(' ')); }

int Bytes::size(const QByteArray& data) const { return static_cast<int>(data.size()); }

QByteArray Bytes::repeated(const QString& text, int count) const { return text.toUtf8().repeated(qMax(0, count)); }

} // namespace qgnet::qml
