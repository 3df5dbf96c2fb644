// SPDX-License-Identifier: Apache-2.0
#include "inspector_panel.h"

#include <algorithm>

#include <QComboBox>
#include <QFile>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "actions_view.h"
#include "bar_delegate.h"
#include "bridge_view.h"
#include "buffer_view.h"
#include "chart_options.h"
#include "connection_filter.h"
#include "decision_histogram.h"
#include "error_view.h"
#include "filter_expression_edit.h"
#include "http_view.h"
#include "listener_view.h"
#include "loop_swatch_delegate.h"
#include "qgnet/qt/bridge_health_model.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/decision_model.h"
#include "qgnet/qt/error_model.h"
#include "qgnet/qt/event_model.h"
#include "qgnet/qt/listener_model.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/snapshot_codec.h"
#include "qgnet/qt/stall_model.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet/qt/table_export.h"
#include "rate_chart.h"
#include "stall_count_delegate.h"
#include "stall_view.h"
#include "timeline_view.h"
#include "tls_details_pane.h"
#include "units.h"

namespace qgnet::inspector {

namespace {

QSortFilterProxyModel* sorter(QAbstractItemModel* source, QObject* parent)
{
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSortRole(SnapshotModel::SortRole);
    proxy->setDynamicSortFilter(true);
    proxy->setSourceModel(source);
    return proxy;
}

} // namespace

InspectorPanel::InspectorPanel(QWidget* parent)
    : QWidget(parent)
    , loops_(new LoopModel(this))
    , connections_(new ConnectionModel(this))
    , decisions_(new DecisionModel(this))
    , events_(new EventModel(this))
    , connectionFilter_(new ConnectionFilter(this))
    , loopSorter_(sorter(loops_, this))
    , decisionSorter_(sorter(decisions_, this))
    , eventSorter_(sorter(events_, this))
    , tabs_(new QTabWidget(this))
{
    connectionFilter_->setSourceModel(connections_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);
    tabs_->setObjectName(QStringLiteral("inspectorTabs"));
    tabs_->setDocumentMode(true);

    // Loops: busy % and buffered bytes as bars, the loop's colour next to its index.
    loopView_ = makeTable(loopSorter_, QStringLiteral("loopTable"));
    loopView_->setItemDelegateForColumn(LoopModel::Index, new LoopSwatchDelegate(loopView_));
    busyBar_ = new BarDelegate(this);
    busyBar_->setFullScale(100.0);
    busyBar_->setWarnAt(0.8);
    loopView_->setItemDelegateForColumn(LoopModel::BusyPercent, busyBar_);
    loopBytesBar_ = new BarDelegate(this);
    loopBytesBar_->setAutoScale(4096);
    loopView_->setItemDelegateForColumn(LoopModel::BufferedIn, loopBytesBar_);
    loopView_->setItemDelegateForColumn(LoopModel::BufferedOut, loopBytesBar_);
    loopView_->setItemDelegateForColumn(LoopModel::Stalls, new StallCountDelegate(loops_, loopView_));
    loopView_->sortByColumn(LoopModel::Index, Qt::AscendingOrder);
    auto* loopPage = new QSplitter(Qt::Vertical, this);
    // Above the table: one line on the memory the engine's buffers hold, and its budget.
    auto* loopTop = new QWidget(loopPage);
    auto* loopTopLayout = new QVBoxLayout(loopTop);
    loopTopLayout->setContentsMargins(4, 4, 4, 0);
    memoryLine_ = new QLabel(loopTop);
    memoryLine_->setObjectName(QStringLiteral("memoryLine"));
    loopTopLayout->addWidget(memoryLine_);
    loopTopLayout->addWidget(loopView_, 1);
    loopPage->addWidget(loopTop);
    auto* loopCharts = new QWidget(loopPage);
    auto* loopChartRow = new QHBoxLayout(loopCharts);
    loopChartRow->setContentsMargins(4, 4, 4, 4);
    loopPage->addWidget(loopCharts);
    loopPage->setStretchFactor(0, 1);
    loopPage->setStretchFactor(1, 2);
    tabs_->addTab(loopPage, tr("Loops"));

    // Connections: a filter bar above the table.
    auto* connectionPage = new QWidget(this);
    auto* connectionLayout = new QVBoxLayout(connectionPage);
    connectionLayout->setContentsMargins(4, 4, 4, 4);
    auto* filterBar = new QHBoxLayout;
    loopBox_ = new QComboBox(connectionPage);
    loopBox_->setObjectName(QStringLiteral("loopFilter"));
    loopBox_->addItem(tr("All loops"), -1);
    protocolBox_ = new QComboBox(connectionPage);
    protocolBox_->setObjectName(QStringLiteral("protocolFilter"));
    protocolBox_->addItem(tr("All protocols"), QVariant());
    stateBox_ = new QComboBox(connectionPage);
    stateBox_->setObjectName(QStringLiteral("stateFilter"));
    stateBox_->addItem(tr("All states"), QVariant());
    peerEdit_ = new QLineEdit(connectionPage);
    peerEdit_->setObjectName(QStringLiteral("peerFilter"));
    peerEdit_->setPlaceholderText(tr("Filter by peer address"));
    peerEdit_->setClearButtonEnabled(true);
    connectionCount_ = new QLabel(connectionPage);
    connectionCount_->setObjectName(QStringLiteral("connectionCount"));
    filterBar->addWidget(new QLabel(tr("Loop:"), connectionPage));
    filterBar->addWidget(loopBox_);
    filterBar->addWidget(new QLabel(tr("Protocol:"), connectionPage));
    filterBar->addWidget(protocolBox_);
    filterBar->addWidget(new QLabel(tr("State:"), connectionPage));
    filterBar->addWidget(stateBox_);
    filterBar->addWidget(peerEdit_, 1);
    filterBar->addWidget(connectionCount_);
    connectionLayout->addLayout(filterBar);
    // Below the quick filters: a filter expression, and under it what is wrong with it while it is
    // refused.
    auto* expressionBar = new QHBoxLayout;
    expressionEdit_ = new FilterExpressionEdit(connectionPage);
    expressionEdit_->setObjectName(QStringLiteral("expressionFilter"));
    expressionError_ = new QLabel(connectionPage);
    expressionError_->setObjectName(QStringLiteral("expressionError"));
    expressionError_->setStyleSheet(QStringLiteral("color: #c8372d;"));
    expressionError_->setWordWrap(true); // "unknown field" lists every field: on a line of its own
    expressionError_->hide();
    expressionBar->addWidget(new QLabel(tr("Expression:"), connectionPage));
    expressionBar->addWidget(expressionEdit_, 1);
    connectionLayout->addLayout(expressionBar);
    connectionLayout->addWidget(expressionError_);
    connectionView_ = makeTable(connectionFilter_, QStringLiteral("connectionTable"));
    connectionView_->setItemDelegateForColumn(ConnectionModel::Loop, new LoopSwatchDelegate(connectionView_));
    connBytesBar_ = new BarDelegate(this);
    connBytesBar_->setAutoScale(4096);
    for (int c : {ConnectionModel::Inbound, ConnectionModel::OutboundRing, ConnectionModel::OutboundSpilled})
        connectionView_->setItemDelegateForColumn(c, connBytesBar_);
    fillBar_ = new BarDelegate(this);
    fillBar_->setFullScale(100.0);
    fillBar_->setWarnAt(0.75);
    connectionView_->setItemDelegateForColumn(ConnectionModel::OutboundFill, fillBar_);
    connectionView_->sortByColumn(ConnectionModel::Id, Qt::AscendingOrder);
    // The TLS version reads best beside the protocol (the model appends it last).
    QHeaderView* connectionHeader = connectionView_->horizontalHeader();
    connectionHeader->moveSection(connectionHeader->visualIndex(ConnectionModel::Tls), ConnectionModel::Protocol + 1);
    connectionLayout->addWidget(connectionView_, 1);
    // Under the table: the TLS session of the selected connection.
    tlsPane_ = new TlsDetailsPane(connectionPage);
    connectionLayout->addWidget(tlsPane_);
    connect(connectionView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            tlsPane_->setConnectionId(
                current.siblingAtColumn(ConnectionModel::Id).data(SnapshotModel::SortRole).toULongLong());
        });
    tabs_->addTab(connectionPage, tr("Connections"));
    connect(loopBox_, &QComboBox::currentIndexChanged, this, [this] {
        connectionFilter_->setLoop(loopBox_->currentData().toInt());
        updateConnectionCount();
    });
    connect(protocolBox_, &QComboBox::currentIndexChanged, this, [this] {
        connectionFilter_->setProtocol(protocolBox_->currentData());
        updateConnectionCount();
    });
    connect(stateBox_, &QComboBox::currentIndexChanged, this, [this] {
        connectionFilter_->setState(stateBox_->currentData());
        updateConnectionCount();
    });
    connect(peerEdit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        connectionFilter_->setPeerText(text.trimmed());
        updateConnectionCount();
    });
    connect(expressionEdit_, &FilterExpressionEdit::expressionChanged, this, [this](const FilterExpression& e) {
        connectionFilter_->setExpression(e);
        updateConnectionCount();
    });
    connect(expressionEdit_, &FilterExpressionEdit::errorChanged, this, [this](const QString& error) {
        expressionError_->setText(error);
        expressionError_->setVisible(!error.isEmpty());
    });

    // Balancing: the histogram beside the decision log.
    auto* balancing = new QSplitter(Qt::Horizontal, this);
    histogram_ = new DecisionHistogram(balancing);
    histogram_->setModel(decisions_);
    decisionView_ = makeTable(decisionSorter_, QStringLiteral("decisionTable"));
    decisionView_->setItemDelegateForColumn(DecisionModel::Chosen, new LoopSwatchDelegate(decisionView_));
    decisionView_->sortByColumn(DecisionModel::Sequence, Qt::DescendingOrder);
    balancing->addWidget(histogram_);
    balancing->addWidget(decisionView_);
    balancing->setStretchFactor(0, 2);
    balancing->setStretchFactor(1, 3);
    balancing->setSizes({420, 630}); // proportions; the histogram needs room for its bars
    tabs_->addTab(balancing, tr("Balancing"));

    bufferView_ = new BufferView(this);
    bufferView_->setModels(loops_, connections_);
    tabs_->addTab(bufferView_, tr("Buffers"));

    // Charts: four live per-loop series.
    auto* chartPage = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartPage);
    chartLayout->setContentsMargins(4, 4, 4, 4);
    chartOptions_ = new ChartOptions(chartPage);
    chartLayout->addWidget(chartOptions_);
    auto* grid = new QGridLayout;
    chartLayout->addLayout(grid, 1);
    grid->setSpacing(6);
    struct Spec {
        int column;
        QString title;
        ValueKind kind;
    };
    const Spec specs[] = {
        {LoopModel::BytesInRate, tr("Bytes received per second"), ValueKind::Bytes},
        {LoopModel::BytesOutRate, tr("Bytes sent per second"), ValueKind::Bytes},
        {LoopModel::ReadRate, tr("Reads per second"), ValueKind::Count},
        {LoopModel::BusyPercent, tr("Busy (% of wall time)"), ValueKind::Percent},
    };
    int i = 0;
    for (const Spec& s : specs) {
        auto* chart = new RateChart(chartPage);
        chart->setObjectName(QStringLiteral("chart%1").arg(i));
        chart->setSource(loops_, s.column, s.title, s.kind);
        grid->addWidget(chart, i / 2, i % 2);
        charts_ << chart;
        chartOptions_->addChart(chart);
        ++i;
    }
    tabs_->addTab(chartPage, tr("Charts"));
    // The Loops tab shows throughput and busy % under its table.
    for (const Spec& s : {specs[1], specs[3]}) {
        auto* chart = new RateChart(loopCharts);
        chart->setSource(loops_, s.column, s.title, s.kind);
        loopChartRow->addWidget(chart);
        charts_ << chart;
        chartOptions_->addChart(chart);
    }

    eventView_ = makeTable(eventSorter_, QStringLiteral("eventTable"));
    eventView_->setItemDelegateForColumn(EventModel::Loop, new LoopSwatchDelegate(eventView_));
    eventView_->sortByColumn(EventModel::Sequence, Qt::DescendingOrder);
    tabs_->addTab(eventView_, tr("Events"));

    addTimelineTab();
    stallView_ = new StallView(this);
    tabs_->addTab(stallView_, tr("Stalls"));
    errorView_ = new ErrorView(this);
    tabs_->addTab(errorView_, tr("Errors"));
    listenerView_ = new ListenerView(this);
    tabs_->addTab(listenerView_, tr("Listeners"));
    // Bridge: whether the Qt thread keeps up with the loops.
    bridge_ = new BridgeHealthModel(this);
    bridgeView_ = new BridgeView(this);
    bridgeView_->setObjectName(QStringLiteral("bridgeTab"));
    bridgeView_->setModel(bridge_);
    tabs_->addTab(bridgeView_, tr("Bridge"));
    // Actions: safe changes to the engine, each confirmed; the selected connection is the one to close.
    actionsView_ = new ActionsView(this);
    actionsView_->setObjectName(QStringLiteral("actionsTab"));
    tabs_->addTab(actionsView_, tr("Actions"));
    connect(connectionView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            const QModelIndex id = current.siblingAtColumn(ConnectionModel::Id);
            if (id.isValid())
                actionsView_->setConnectionId(id.data(SnapshotModel::SortRole).toULongLong());
        });
    httpView_ = new HttpView(this);
    tabs_->addTab(httpView_, tr("HTTP"));

    updateConnectionCount();
    updateMemoryLine();
}

InspectorPanel::~InspectorPanel() = default;

// Timeline: the connection selected in the Connections tab (a double click opens the tab).
void InspectorPanel::addTimelineTab()
{
    timelineView_ = new TimelineView(this);
    timelineView_->setObjectName(QStringLiteral("timelineView"));
    tabs_->addTab(timelineView_, tr("Timeline"));
    const auto follow = [this] {
        const QModelIndexList rows = connectionView_->selectionModel()->selectedRows(ConnectionModel::Id);
        if (rows.isEmpty())
            return; // keep showing the last one: a refresh must not end the watch
        const QModelIndex id = rows.front();
        timelineView_->setConnection(id.data(SnapshotModel::SortRole).toULongLong(),
            id.siblingAtColumn(ConnectionModel::Peer).data().toString());
    };
    connect(connectionView_->selectionModel(), &QItemSelectionModel::selectionChanged, this, follow);
    connect(connectionView_, &QAbstractItemView::doubleClicked, this, [this, follow] {
        follow();
        tabs_->setCurrentWidget(timelineView_);
    });
}

QTableView* InspectorPanel::makeTable(QAbstractItemModel* model, const QString& objectName)
{
    auto* view = new QTableView(this);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

void InspectorPanel::setFeed(StatsFeed* feed)
{
    if (feed == feed_)
        return;
    disconnect(feedConnection_);
    for (SnapshotModel* m : std::initializer_list<SnapshotModel*>{loops_, connections_, decisions_, events_, bridge_}) {
        m->setFeed(nullptr);
        m->clear();
    }
    feed_ = feed;
    actionsView_->setFeed(feed);
    for (SnapshotModel* m : std::initializer_list<SnapshotModel*>{loops_, connections_, decisions_, events_, bridge_})
        m->setFeed(feed);
    stallView_->setFeed(feed);
    tlsPane_->setFeed(feed);
    errorView_->setFeed(feed);
    listenerView_->setFeed(feed);
    timelineView_->setConnection(0, {});
    timelineView_->setFeed(feed);
    httpView_->setFeed(feed);
    if (feed) {
        // Connected after the models, so it runs once they hold the snapshot.
        feedConnection_ = connect(feed, &StatsFeed::snapshotReady, this, &InspectorPanel::applySnapshot);
        for (RateChart* chart : std::as_const(charts_))
            chart->setSampleInterval(feed->interval());
    }
    sized_.clear();
    updateFilterChoices();
    updateConnectionCount();
}

StatsFeed* InspectorPanel::feed() const { return feed_; }

void InspectorPanel::applySnapshot()
{
    updateFilterChoices();
    updateConnectionCount();
    updateMemoryLine();
    loopBytesBar_->updateScale(loopSorter_, LoopModel::BufferedIn);
    loopBytesBar_->updateScale(loopSorter_, LoopModel::BufferedOut);
    for (int c : {ConnectionModel::Inbound, ConnectionModel::OutboundRing, ConnectionModel::OutboundSpilled})
        connBytesBar_->updateScale(connectionFilter_, c);
    bufferView_->refresh();
    if (feed_) {
        for (RateChart* chart : std::as_const(charts_))
            chart->setSampleInterval(feed_->interval());
    }
    // Size each table's columns to its content once it has rows, then leave them to the user.
    for (QTableView* view : {loopView_, connectionView_, decisionView_, eventView_}) {
        if (sized_.contains(view) || view->model()->rowCount() == 0)
            continue;
        sized_ << view;
        view->resizeColumnsToContents();
        for (int c = 0; c < view->model()->columnCount(); ++c)
            view->setColumnWidth(c, std::clamp(view->columnWidth(c) + 6, 48, 260));
    }
    for (int c : {ConnectionModel::Inbound, ConnectionModel::OutboundRing, ConnectionModel::OutboundSpilled,
             ConnectionModel::OutboundFill})
        connectionView_->setColumnWidth(c, std::max(connectionView_->columnWidth(c), 110));
    loopView_->setColumnWidth(LoopModel::BusyPercent, std::max(loopView_->columnWidth(LoopModel::BusyPercent), 110));
    emit snapshotApplied();
}

void InspectorPanel::updateFilterChoices()
{
    // Loops: one entry per loop of the engine.
    const int loops = loops_->rowCount();
    while (loopBox_->count() - 1 > loops)
        loopBox_->removeItem(loopBox_->count() - 1);
    for (int i = loopBox_->count() - 1; i < loops; ++i)
        loopBox_->addItem(tr("Loop %1").arg(i), i);

    // Protocols and states: every raw value seen so far, shown with its display text.
    const auto addSeen = [this](QComboBox* box, int column) {
        for (int r = 0; r < connections_->rowCount(); ++r) {
            const QModelIndex index = connections_->index(r, column);
            const QVariant raw = index.data(SnapshotModel::SortRole);
            if (raw.isValid() && box->findData(raw) < 0)
                box->addItem(index.data(Qt::DisplayRole).toString(), raw);
        }
    };
    addSeen(protocolBox_, ConnectionModel::Protocol);
    addSeen(stateBox_, ConnectionModel::State);
}

void InspectorPanel::updateConnectionCount()
{
    connectionCount_->setText(
        tr("%1 of %n connection(s)", nullptr, connections_->rowCount()).arg(connectionFilter_->rowCount()));
}

void InspectorPanel::updateMemoryLine()
{
    const QString held = formatValue(loops_->bufferedBytes(), ValueKind::Bytes);
    const double budget = loops_->memoryBudget();
    if (budget <= 0) {
        memoryLine_->setText(tr("Buffers hold %1 (no memory budget)").arg(held));
        memoryLine_->setStyleSheet({});
        return;
    }
    memoryLine_->setText(tr("Buffers hold %1 of the %2 memory budget; reading paused for it: %3, closed for it: %4")
                             .arg(held, formatValue(budget, ValueKind::Bytes))
                             .arg(loops_->budgetPaused())
                             .arg(loops_->budgetCloses(), 0, 'f', 0));
    // Over the budget: the line turns the warning colour the bars use.
    memoryLine_->setStyleSheet(
        loops_->bufferedBytes() > budget ? QStringLiteral("QLabel { color: #b03a2e; }") : QString());
}

const QAbstractItemModel* InspectorPanel::tableModelOfTab(int tab, const SnapshotModel** source) const
{
    if (tabs_->widget(tab) == stallView_) { // appended after the Tab enum's tabs: found by its widget
        *source = stallView_->model();
        return stallView_->table()->model();
    }
    if (tabs_->widget(tab) == errorView_) {
        *source = errorView_->model();
        return errorView_->sorter();
    }
    if (tabs_->widget(tab) == listenerView_) {
        *source = listenerView_->model();
        return listenerView_->sorter();
    }
    switch (tab) {
    case ConnectionsTab:
    case BuffersTab: *source = connections_; return connectionFilter_;
    case BalancingTab: *source = decisions_; return decisionSorter_;
    case EventsTab: *source = events_; return eventSorter_;
    case LoopsTab:
    case ChartsTab:
    default: *source = loops_; return loopSorter_;
    }
}

bool InspectorPanel::exportCsv(const QString& path, QString* error) const
{
    const SnapshotModel* source = nullptr;
    const QAbstractItemModel* model = tableModelOfTab(tabs_->currentIndex(), &source);
    QStringList keys;
    for (int c = 0; c < model->columnCount(); ++c)
        keys << source->columnKey(c);
    // The view's model (sorted and filtered as shown), with raw values.
    return saveFile(path, tableToCsv(*model, keys, SnapshotModel::SortRole), error);
}

bool InspectorPanel::exportJson(const QString& path, QString* error) const
{
    const SnapshotPtr snapshot = feed_ ? feed_->latest() : SnapshotPtr();
    if (!snapshot) {
        if (error)
            *error = tr("There is no snapshot to export yet");
        return false;
    }
    return saveFile(path, QJsonDocument(snapshotToJson(*snapshot)).toJson(QJsonDocument::Indented), error);
}

} // namespace qgnet::inspector
