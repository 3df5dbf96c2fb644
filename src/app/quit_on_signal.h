// SPDX-License-Identifier: Apache-2.0
#pragma once

// QuitOnSignal: SIGINT and SIGTERM end a GUI application the way closing its window does, through
// QCoreApplication::quit(), so that what follows exec() (stopping the engine, joining the loops)
// runs and the exit code is 0. The handler only writes an eventfd (write(2) is async-signal-safe);
// an EventFdNotifier (src/qt/bridge/eventfd_notifier.h) notices it on the main thread.

#include <QString>

#include "bridge/eventfd_notifier.h"

namespace qgnet::app {

/// QuitOnSignal handles SIGINT and SIGTERM while it lives. Make one on the main thread, after the
/// application object; at most one at a time.
class QuitOnSignal {
public:
    QuitOnSignal();
    /// ~QuitOnSignal gives both signals their default action back.
    ~QuitOnSignal();
    QuitOnSignal(const QuitOnSignal&) = delete;
    QuitOnSignal& operator=(const QuitOnSignal&) = delete;

    /// isActive: the handlers are installed. When not (no descriptor left), the signals keep their
    /// default action and errorString says why.
    bool isActive() const noexcept { return active_; }
    QString errorString() const { return error_; }

private:
    qtdetail::EventFdNotifier notifier_;
    bool active_ = false;
    QString error_;
};

} // namespace qgnet::app
