// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QLoggingCategory>

#include <memory>

#include "qgnet/logger.h"

namespace qgnet {

/// The logging categories of qgnet in a Qt application, so that QT_LOGGING_RULES, a message
/// handler and QTest::ignoreMessage reach every line:
///   qgnet.core       the engine's own lines (start, stop, accept back-off, TLS and dial failures),
///                    when it runs under a QtServer or QtClient (see makeQtLogger);
///   qgnet.qt         the bridge: QtServer, QtClient, their misuse;
///   qgnet.inspector  the inspector endpoint, the feeds and the models.
/// For example `QT_LOGGING_RULES="qgnet.core.info=false"` silences the engine's informational lines.
// What Q_DECLARE_LOGGING_CATEGORY declares, spelled out: Qt 6.4 has no exported variant of the
// macro, and libqgnet-qt.so must export the categories (Q_LOGGING_CATEGORY defines them).
QGNET_QT_EXPORT const QLoggingCategory& lcCore();
QGNET_QT_EXPORT const QLoggingCategory& lcQt();
QGNET_QT_EXPORT const QLoggingCategory& lcInspector();

/// makeQtLogger returns an engine Logger (Options::logger) that writes each line to the qgnet.core
/// category: LogLevel::Debug as qCDebug, Info as qCInfo, Warn as qCWarning, Error as qCCritical.
/// QtServer and QtClient install one unless the options already name a logger or a log file. It
/// is thread-safe, as a Logger must be (Qt's message handler is). Options::logLevel still drops
/// lines before they are formatted.
QGNET_QT_EXPORT std::shared_ptr<Logger> makeQtLogger();

} // namespace qgnet
