// SPDX-License-Identifier: Apache-2.0
#include "export.h"

#include <QJsonDocument>

#include "qgnet/qt/snapshot_codec.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet/qt/table_export.h"

namespace qgnet::qml {

Export::Export(QObject* parent) : QObject(parent) {}

QByteArray Export::snapshotJson(qgnet::StatsFeed* feed) const
{
    if (feed == nullptr || !feed->latest())
        return {};
    return QJsonDocument(snapshotToJson(*feed->latest())).toJson(QJsonDocument::Indented);
}

bool Export::save(const QUrl& file, const QByteArray& data)
{
    // QML hands over FileDialog's file: URL, or a plain path typed by hand or given on a command line.
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty()) {
        setErrorString(tr("No file name given"));
        return false;
    }
    QString error;
    if (!saveFile(path, data, &error)) {
        setErrorString(error);
        return false;
    }
    setErrorString({});
    return true;
}

QString Export::errorString() const { return errorString_; }

void Export::setErrorString(const QString& message)
{
    if (message == errorString_)
        return;
    errorString_ = message;
    Q_EMIT errorStringChanged();
}

} // namespace qgnet::qml
