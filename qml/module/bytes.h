// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace qgnet::qml {

/// Bytes converts between the QByteArray that connections carry (an ArrayBuffer in JavaScript) and
/// text, so QML code can read what dataReceived delivers and write strings to a connection.
/// A QML singleton: `Bytes.text(data)`, `connection.write(Bytes.fromText("hello"))`.
class Bytes : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    explicit Bytes(QObject* parent = nullptr);

    /// text decodes data as UTF-8 (invalid sequences become U+FFFD).
    Q_INVOKABLE QString text(const QByteArray& data) const;
    /// fromText encodes text as UTF-8.
    Q_INVOKABLE QByteArray fromText(const QString& text) const;
    /// hex is data as lower-case hexadecimal, bytes separated by spaces.
    Q_INVOKABLE QString hex(const QByteArray& data) const;
    /// size is the number of bytes in data.
    Q_INVOKABLE int size(const QByteArray& data) const;
    /// repeated is count copies of text, encoded as UTF-8 (load generators, tests).
    Q_INVOKABLE QByteArray repeated(const QString& text, int count) const;
};

} // namespace qgnet::qml
