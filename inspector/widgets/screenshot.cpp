// SPDX-License-Identifier: Apache-2.0
#include "screenshot.h"

#include <cstdio>

#include <QCoreApplication>
#include <QPixmap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace qgnet::inspector {

void scheduleScreenshot(QWidget* window, const QString& file, double afterSeconds)
{
    QPointer<QWidget> target(window);
    QTimer::singleShot(static_cast<int>(afterSeconds * 1000), window, [target, file] {
        const bool ok = target && target->grab().save(file, "PNG");
        if (!ok)
            std::fprintf(stderr, "%s\n",
                qPrintable(
                    QCoreApplication::translate("qgnet::inspector", "Cannot write the screenshot %1").arg(file)));
        QCoreApplication::exit(ok ? 0 : 1);
    });
}

} // namespace qgnet::inspector
