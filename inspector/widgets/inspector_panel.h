// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace qgnet {
class BridgeHealthModel;
class ConnectionModel;
class DecisionModel;
class EventModel;
class LoopModel;
class SnapshotModel;
class StatsFeed;
} // namespace qgnet

namespace qgnet::inspector {

class ActionsView;
class HttpView;

class BarDelegate;
class BridgeView;
class BufferView;
class ChartOptions;
class ConnectionFilter;
class DecisionHistogram;
class FilterExpressionEdit;
class ErrorView;
class ListenerView;
class RateChart;
class StallView;
class TlsDetailsPane;
class TimelineView;

/// InspectorPanel is the inspector's views in one widget, shared by qgnet-inspector (its central
/// widget) and qgnet-demo (a dock): tabs for loops, connections (sortable, filterable by loop,
/// protocol, state and peer), the balancing log with its per-loop histogram, buffer occupancy, live
/// per-loop charts and the event log. It owns the models and follows whichever StatsFeed it is given.
class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    /// Tab is the order of the tabs.
    enum Tab { LoopsTab, ConnectionsTab, BalancingTab, BuffersTab, ChartsTab, EventsTab };
    Q_ENUM(Tab)

    explicit InspectorPanel(QWidget* parent = nullptr);
    ~InspectorPanel() override;

    /// setFeed follows feed's snapshots (not owned; null detaches). The views are cleared when the
    /// source changes, so two engines' rows never mix.
    void setFeed(StatsFeed* feed);
    StatsFeed* feed() const;

    /// exportCsv writes the table of the current tab (the Connections tab as filtered and sorted) as
    /// CSV with raw values and the columns' stable keys as header. exportJson writes the whole latest
    /// snapshot (loops, connections, logs) as JSON. False with error set when nothing can be written.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    bool exportJson(const QString& path, QString* error = nullptr) const;

    LoopModel* loopModel() const { return loops_; }
    ConnectionModel* connectionModel() const { return connections_; }
    DecisionModel* decisionModel() const { return decisions_; }
    EventModel* eventModel() const { return events_; }
    BridgeHealthModel* bridgeModel() const { return bridge_; }
    BridgeView* bridgeView() const { return bridgeView_; }
    ActionsView* actionsView() const { return actionsView_; }
    ConnectionFilter* connectionFilter() const { return connectionFilter_; }
    QTabWidget* tabs() const { return tabs_; }
    QTableView* loopView() const { return loopView_; }
    QTableView* connectionView() const { return connectionView_; }
    QTableView* decisionView() const { return decisionView_; }
    QTableView* eventView() const { return eventView_; }
    QComboBox* loopFilterBox() const { return loopBox_; }
    QComboBox* protocolFilterBox() const { return protocolBox_; }
    QComboBox* stateFilterBox() const { return stateBox_; }
    /// memoryLine is the Loops tab's line on buffer memory: "Buffers hold X of the Y memory budget".
    QLabel* memoryLine() const { return memoryLine_; }
    QLineEdit* peerFilterEdit() const { return peerEdit_; }
    /// stallView is the Stalls tab; tlsPane the TLS details under the connection table.
    StallView* stallView() const { return stallView_; }
    TlsDetailsPane* tlsPane() const { return tlsPane_; }
    /// expressionFilterEdit is the Connections tab's filter expression box; expressionError shows
    /// what is wrong with its text (hidden while it parses).
    FilterExpressionEdit* expressionFilterEdit() const { return expressionEdit_; }
    QLabel* expressionError() const { return expressionError_; }
    /// chartOptions are the Charts tab's toggles (log scale, moving average) for every chart.
    ChartOptions* chartOptions() const { return chartOptions_; }
    /// errorView / listenerView are the Errors and Listeners tabs (each owns its model).
    ErrorView* errorView() const { return errorView_; }
    ListenerView* listenerView() const { return listenerView_; }
    /// timelineView is the Timeline tab (the connection selected in the Connections tab).
    TimelineView* timelineView() const { return timelineView_; }
    /// httpView is the "HTTP" tab: the source's HTTP routes and WebSocket sessions.
    HttpView* httpView() const { return httpView_; }

Q_SIGNALS:
    /// snapshotApplied follows every snapshot once all views show it.
    void snapshotApplied();

private:
    void applySnapshot();
    void addTimelineTab();
    void updateFilterChoices();
    void updateConnectionCount();
    void updateMemoryLine();
    QTableView* makeTable(QAbstractItemModel* model, const QString& objectName);
    const QAbstractItemModel* tableModelOfTab(int tab, const SnapshotModel** source) const;

    QPointer<StatsFeed> feed_;
    LoopModel* loops_;
    ConnectionModel* connections_;
    DecisionModel* decisions_;
    EventModel* events_;
    ConnectionFilter* connectionFilter_;
    QSortFilterProxyModel* loopSorter_;
    QSortFilterProxyModel* decisionSorter_;
    QSortFilterProxyModel* eventSorter_;

    QTabWidget* tabs_;
    QTableView* loopView_ = nullptr;
    QTableView* connectionView_ = nullptr;
    QTableView* decisionView_ = nullptr;
    QTableView* eventView_ = nullptr;
    QComboBox* loopBox_ = nullptr;
    QComboBox* protocolBox_ = nullptr;
    QComboBox* stateBox_ = nullptr;
    QLineEdit* peerEdit_ = nullptr;
    FilterExpressionEdit* expressionEdit_ = nullptr;
    QLabel* expressionError_ = nullptr;
    ChartOptions* chartOptions_ = nullptr;
    QLabel* connectionCount_ = nullptr;
    QLabel* memoryLine_ = nullptr; // Options::memoryBudget: what the buffers hold, of how much
    DecisionHistogram* histogram_ = nullptr;
    BufferView* bufferView_ = nullptr;
    QList<RateChart*> charts_;
    ErrorView* errorView_ = nullptr;
    ListenerView* listenerView_ = nullptr;
    BarDelegate* busyBar_ = nullptr;
    BarDelegate* loopBytesBar_ = nullptr;
    BarDelegate* connBytesBar_ = nullptr;
    BarDelegate* fillBar_ = nullptr;
    QList<QTableView*> sized_;
    QMetaObject::Connection feedConnection_;
    StallView* stallView_ = nullptr;
    TlsDetailsPane* tlsPane_ = nullptr;
    BridgeHealthModel* bridge_ = nullptr; // the Bridge tab (bridge_view.h)
    BridgeView* bridgeView_ = nullptr;
    ActionsView* actionsView_ = nullptr; // the Actions tab (actions_view.h)
    TimelineView* timelineView_ = nullptr;
    HttpView* httpView_ = nullptr;
};

} // namespace qgnet::inspector
