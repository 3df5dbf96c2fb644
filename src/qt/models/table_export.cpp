// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/table_export.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSaveFile>

namespace qgnet {

QByteArray csvField(const QVariant& value)
{
    QByteArray text = value.toString().toUtf8();
    if (text.contains(',') || text.contains('"') || text.contains('\n') || text.contains('\r')) {
        text.replace("\"", "\"\"");
        text = '"' + text + '"';
    }
    return text;
}

QByteArray tableToCsv(const QAbstractItemModel& model, const QStringList& keys, int role)
{
    QByteArray out;
    const int columns = static_cast<int>(keys.size());
    for (int c = 0; c < columns; ++c)
        out += (c ? "," : "") + csvField(keys.at(c));
    out += '\n';
    const int rows = model.rowCount();
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c)
            out += (c ? "," : "") + csvField(model.index(r, c).data(role));
        out += '\n';
    }
    return out;
}

bool saveFile(const QString& path, const QByteArray& data, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("qgnet::TableExport", "Cannot write %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace qgnet
