// SPDX-License-Identifier: Apache-2.0
#pragma once

// The QML names of the Qt bridge's types (import QGnet). QGnet::Qt does not depend on Qt Qml, so
// its classes carry no QML macros; each declaration below registers one of them from the outside
// (QML_FOREIGN) under the name QML code uses. Nothing here adds behaviour: a QML Server *is* a
// qgnet::QtServer, so C++ and QML code can hand the same objects to each other.

#include <QtQml/qqml.h>

#include "qgnet/qt/bridge_health_model.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/decision_model.h"
#include "qgnet/qt/error_model.h"
#include "qgnet/qt/event_model.h"
#include "qgnet/qt/http_route_model.h"
#include "qgnet/qt/inspector_endpoint.h"
#include "qgnet/qt/listener_model.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/qt_client.h"
#include "qgnet/qt/qt_connection.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/remote_stats_feed.h"
#include "qgnet/qt/snapshot_model.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet/qt/timeline_model.h"

#include "endpoint_extension.h"

namespace qgnet::qml {

/// Server is a qgnet engine run from QML: listen addresses, loops, balancing and backend as
/// properties, start()/stop(), and connectionOpened/connectionClosed/dataReceived signals.
struct ForeignServer {
    Q_GADGET
    QML_FOREIGN(qgnet::QtServer)
    QML_NAMED_ELEMENT(Server)
};

/// Client dials connections from QML (dial(url) → connected / dialFailed, then dataReceived).
struct ForeignClient {
    Q_GADGET
    QML_FOREIGN(qgnet::QtClient)
    QML_NAMED_ELEMENT(Client)
};

/// connection is the value type that the Server and Client signals carry (id, loop, peer, local,
/// write(), close()).
struct ForeignConnection {
    Q_GADGET
    QML_FOREIGN(qgnet::QtConnection)
    QML_VALUE_TYPE(connection)
};

/// StatsFeed is the abstract snapshot source that every model follows (property type only).
struct ForeignStatsFeed {
    Q_GADGET
    QML_FOREIGN(qgnet::StatsFeed)
    QML_NAMED_ELEMENT(StatsFeed)
    QML_UNCREATABLE("StatsFeed is abstract: use LocalStatsFeed or RemoteStatsFeed")
};

/// LocalStatsFeed reads the statistics of a Server in this process.
struct ForeignLocalStatsFeed {
    Q_GADGET
    QML_FOREIGN(qgnet::LocalStatsFeed)
    QML_NAMED_ELEMENT(LocalStatsFeed)
};

/// RemoteStatsFeed reads the statistics of an engine in another process (attach(address, token)).
struct ForeignRemoteStatsFeed {
    Q_GADGET
    QML_FOREIGN(qgnet::RemoteStatsFeed)
    QML_NAMED_ELEMENT(RemoteStatsFeed)
};

/// InspectorEndpoint serves this process's statistics to inspectors in other processes; QML sets
/// its `server` and calls listen()/close() through EndpointExtension.
struct ForeignInspectorEndpoint {
    Q_GADGET
    QML_FOREIGN(qgnet::InspectorEndpoint)
    QML_NAMED_ELEMENT(InspectorEndpoint)
    QML_EXTENDED(qgnet::qml::EndpointExtension)
};

/// SnapshotModel is the abstract base of the four inspector models (property type only).
struct ForeignSnapshotModel {
    Q_GADGET
    QML_FOREIGN(qgnet::SnapshotModel)
    QML_NAMED_ELEMENT(SnapshotModel)
    QML_UNCREATABLE("SnapshotModel is abstract: use LoopModel, ConnectionModel, DecisionModel or EventModel")
};

/// LoopModel: one row per event loop, with rate history for charts.
struct ForeignLoopModel {
    Q_GADGET
    QML_FOREIGN(qgnet::LoopModel)
    QML_NAMED_ELEMENT(LoopModel)
};

/// ConnectionModel: one row per open connection, with buffer occupancy.
struct ForeignConnectionModel {
    Q_GADGET
    QML_FOREIGN(qgnet::ConnectionModel)
    QML_NAMED_ELEMENT(ConnectionModel)
};

/// DecisionModel: the load-balancing decision log and its per-loop histogram.
struct ForeignDecisionModel {
    Q_GADGET
    QML_FOREIGN(qgnet::DecisionModel)
    QML_NAMED_ELEMENT(DecisionModel)
};

/// EventModel: the connection event log.
struct ForeignEventModel {
    Q_GADGET
    QML_FOREIGN(qgnet::EventModel)
    QML_NAMED_ELEMENT(EventModel)
};

/// ErrorModel: error counts by kind, with rates and counts over time.
struct ForeignErrorModel {
    Q_GADGET
    QML_FOREIGN(qgnet::ErrorModel)
    QML_NAMED_ELEMENT(ErrorModel)
};

/// ListenerModel: one row per listening socket, with its accept queue and state.
struct ForeignListenerModel {
    Q_GADGET
    QML_FOREIGN(qgnet::ListenerModel)
    QML_NAMED_ELEMENT(ListenerModel)
};

/// BridgeHealthModel: whether the Qt thread keeps up with the loops (the Bridge tab).
struct ForeignBridgeHealthModel {
    Q_GADGET
    QML_FOREIGN(qgnet::BridgeHealthModel)
    QML_NAMED_ELEMENT(BridgeHealthModel)
};

/// TimelineModel: one watched connection's timeline.
struct ForeignTimelineModel {
    Q_GADGET
    QML_FOREIGN(qgnet::TimelineModel)
    QML_NAMED_ELEMENT(TimelineModel)
};

/// HttpRouteModel: an HTTP server's routes and request counts, and its WebSocket sessions.
struct ForeignHttpRouteModel {
    Q_GADGET
    QML_FOREIGN(qgnet::HttpRouteModel)
    QML_NAMED_ELEMENT(HttpRouteModel)
};

} // namespace qgnet::qml
