// SPDX-License-Identifier: Apache-2.0
#pragma once

// The QML names of the recording types (import QGnet), registered from the outside as in
// qgnet_qml_types.h: a QML StatsRecorder *is* a qgnet::StatsRecorder.

#include <QtQml/qqml.h>

#include "qgnet/qt/recording_feed.h"
#include "qgnet/qt/stats_recorder.h"

namespace qgnet::qml {

/// StatsRecorder keeps the last `window` seconds of a feed's snapshots and saves them (save(url)).
struct ForeignStatsRecorder {
    Q_GADGET
    QML_FOREIGN(qgnet::StatsRecorder)
    QML_NAMED_ELEMENT(StatsRecorder)
};

/// RecordingFeed replays a saved recording (open(url)) with position, playing and seek().
struct ForeignRecordingFeed {
    Q_GADGET
    QML_FOREIGN(qgnet::RecordingFeed)
    QML_NAMED_ELEMENT(RecordingFeed)
};

} // namespace qgnet::qml
