// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/logging.h"

#include <QString>

namespace qgnet {

Q_LOGGING_CATEGORY(lcCore, "qgnet.core")
Q_LOGGING_CATEGORY(lcQt, "qgnet.qt")
Q_LOGGING_CATEGORY(lcInspector, "qgnet.inspector")

namespace {

class QtLogger final : public Logger {
public:
    void log(LogLevel level, std::string_view message) override
    {
        const QString text = QString::fromUtf8(message.data(), static_cast<qsizetype>(message.size()));
        switch (level) {
        case LogLevel::Debug: qCDebug(lcCore).noquote() << text; break;
        case LogLevel::Info: qCInfo(lcCore).noquote() << text; break;
        case LogLevel::Warn: qCWarning(lcCore).noquote() << text; break;
        case LogLevel::Error: qCCritical(lcCore).noquote() << text; break;
        case LogLevel::Off: break;
        }
    }
};

} // namespace

std::shared_ptr<Logger> makeQtLogger() { return std::make_shared<QtLogger>(); }

} // namespace qgnet
