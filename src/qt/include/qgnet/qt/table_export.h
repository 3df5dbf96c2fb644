// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the inspectors save: a table as CSV, and any bytes to a file that is replaced whole or not
// at all. One implementation for the models (SnapshotModel::toCsv), the Widgets inspector's
// "Export CSV" of a sorted and filtered view, and the QML inspector's Export singleton.

#include "qgnet/export.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

class QAbstractItemModel;

namespace qgnet {

/// csvField is value as one CSV field, quoted when it holds a separator, a quote or a line break
/// (RFC 4180).
QGNET_QT_EXPORT QByteArray csvField(const QVariant& value);

/// tableToCsv is a header line of keys, then one line per row of model with the data of role in
/// each of its columns (the first keys.size() columns). Rows in the model's order: a proxy exports
/// what it shows.
QGNET_QT_EXPORT QByteArray tableToCsv(const QAbstractItemModel& model, const QStringList& keys, int role);

/// saveFile writes data to path atomically (QSaveFile): the file is replaced whole or, on failure,
/// left as it was. False with *error ("Cannot write PATH: why", translated) when it cannot.
QGNET_QT_EXPORT bool saveFile(const QString& path, const QByteArray& data, QString* error);

} // namespace qgnet
