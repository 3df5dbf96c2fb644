// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include "qgnet/qt/stats_feed.h"

namespace qgnet::qml {

/// Export saves what an inspector shows: the latest snapshot of a feed as JSON (the same document
/// as the Widgets inspector's "Save as JSON", qgnet::snapshotToJson), and any model's toCsv() or
/// toJson() bytes, to a file the user chose. A QML singleton.
class Export : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
public:
    explicit Export(QObject* parent = nullptr);

    /// snapshotJson is feed's latest snapshot as indented JSON; empty before the first snapshot.
    Q_INVOKABLE QByteArray snapshotJson(qgnet::StatsFeed* feed) const;
    /// save writes data to file (a local path or a file: URL) atomically; false with errorString
    /// set when it cannot (the previous file, if any, is then left as it was).
    Q_INVOKABLE bool save(const QUrl& file, const QByteArray& data);
    /// errorString says why the last save failed.
    QString errorString() const;

Q_SIGNALS:
    void errorStringChanged();

private:
    void setErrorString(const QString& message);
    QString errorString_;
};

} // namespace qgnet::qml
