// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <memory>

#include <QString>

#include "qgnet/qt/stats_feed.h"

namespace qgnet {

/// RemoteStatsFeed reads the statistics of an engine in another process through its
/// InspectorEndpoint. attach() connects and authenticates; `active` turns true once the endpoint
/// accepted the token, and errorOccurred reports a refusal ("wrong token", "protocol version") or a
/// lost connection (then `active` turns false; call attach() again to retry).
class QGNET_QT_EXPORT RemoteStatsFeed : public StatsFeed {
    Q_OBJECT
    Q_PROPERTY(QString address READ address NOTIFY addressChanged)
public:
    explicit RemoteStatsFeed(QObject* parent = nullptr);
    ~RemoteStatsFeed() override;

    QString address() const;

public Q_SLOTS:
    /// attach connects to address ("unix:/path", a bare path, or "tcp://host:port") with token.
    void attach(const QString& address, const QString& token);
    void detach();

Q_SIGNALS:
    void addressChanged();

protected:
    void request(const SnapshotRequest& request) override;
    void sendAction(int request, const InspectorAction& action) override;
    void applyWatch(std::uint64_t id, bool on) override;

private:
    struct Private;
    std::unique_ptr<Private> d_;
};

} // namespace qgnet
