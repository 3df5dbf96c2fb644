// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace qgnet {
class HttpRouteModel;
class StatsFeed;
} // namespace qgnet

namespace qgnet::inspector {

/// HttpView is the inspector's "HTTP" tab: the routes of the source's HTTP server (QtHttpServer)
/// with where each runs and its requests so far, and the WebSocket sessions open now. It reads the
/// feed's httpStats (in this process or from an endpoint), so it works remotely too; a source
/// without HTTP shows a line saying so.
class HttpView : public QWidget {
    Q_OBJECT
public:
    explicit HttpView(QWidget* parent = nullptr);

    /// setFeed follows feed's HTTP counters (null: none).
    void setFeed(StatsFeed* feed);
    HttpRouteModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QLabel* sessionsLabel() const { return sessions_; }

private:
    void updateLabel();

    HttpRouteModel* model_;
    QTableView* table_;
    QLabel* sessions_;
};

} // namespace qgnet::inspector
