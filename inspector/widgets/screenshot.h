// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class QWidget;

namespace qgnet::inspector {

/// scheduleScreenshot grabs `window` as a PNG into `file` after `afterSeconds` of live running and
/// then quits the application: exit code 0 when the file was written, 1 otherwise (with a message on
/// stderr). Works on every platform plugin, offscreen included (QWidget::grab renders the widgets
/// themselves, not the screen).
void scheduleScreenshot(QWidget* window, const QString& file, double afterSeconds);

} // namespace qgnet::inspector
