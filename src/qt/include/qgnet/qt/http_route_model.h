// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QAbstractTableModel>
#include <QPointer>

#include "qgnet/qt/http_stats.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet {

/// HttpRouteModel has one row per route of the HTTP server a StatsFeed reports on (HttpStats): its
/// method, pattern, where it runs and the requests answered so far, plus the WebSocket sessions open
/// now as a property. It follows feed's httpStatsChanged; a source without HTTP gives no rows
/// (available false). Columns for QTableView, roles (method, pattern, runsOn, requests, onThread) for QML.
class QGNET_QT_EXPORT HttpRouteModel : public QAbstractTableModel {
    Q_OBJECT
    Q_PROPERTY(qgnet::StatsFeed* feed READ feed WRITE setFeed NOTIFY feedChanged)
    Q_PROPERTY(int webSocketSessions READ webSocketSessions NOTIFY statsChanged)
    Q_PROPERTY(bool available READ isAvailable NOTIFY statsChanged)
public:
    enum Column { Method, Pattern, RunsOn, Requests, ColumnCount };
    Q_ENUM(Column)
    enum Role { MethodRole = Qt::UserRole + 1, PatternRole, RunsOnRole, RequestsRole, OnThreadRole };
    Q_ENUM(Role)

    explicit HttpRouteModel(QObject* parent = nullptr);

    StatsFeed* feed() const { return feed_; }
    void setFeed(StatsFeed* feed);
    int webSocketSessions() const { return static_cast<int>(stats_.webSocketSessions); }
    bool isAvailable() const { return stats_.present; }
    const HttpStats& stats() const { return stats_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    /// setStats shows stats (the feed calls it; a test or another source may as well).
    void setStats(const qgnet::HttpStats& stats);

Q_SIGNALS:
    void feedChanged();
    void statsChanged();

private:
    QPointer<StatsFeed> feed_;
    QMetaObject::Connection connection_;
    HttpStats stats_;
};

} // namespace qgnet
