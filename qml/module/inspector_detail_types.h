// SPDX-License-Identifier: Apache-2.0
#pragma once

// The QML names of the inspector's detail types added after the first set (qgnet_qml_types.h):
// the stall log's model and one connection's TLS details. Registered from the outside like the
// others (QML_FOREIGN), since QGnet::Qt has no Qml dependency.

#include <QtQml/qqml.h>

#include "qgnet/qt/connection_tls_details.h"
#include "qgnet/qt/stall_model.h"

namespace qgnet::qml {

/// StallModel: the stall detector's log, one row per stalled loop iteration.
struct ForeignStallModel {
    Q_GADGET
    QML_FOREIGN(qgnet::StallModel)
    QML_NAMED_ELEMENT(StallModel)
};

/// ConnectionTlsDetails: the TLS session of one connection (version, cipher, ALPN, SNI, peer certificate).
struct ForeignConnectionTlsDetails {
    Q_GADGET
    QML_FOREIGN(qgnet::ConnectionTlsDetails)
    QML_NAMED_ELEMENT(ConnectionTlsDetails)
};

} // namespace qgnet::qml
