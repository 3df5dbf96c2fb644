// SPDX-License-Identifier: Apache-2.0
#include "stall_text.h"

#include <QCoreApplication>

namespace qgnet::qtdetail {

namespace {

constexpr StallCallback allKinds[] = {StallCallback::None, StallCallback::OnOpen, StallCallback::OnTraffic,
    StallCallback::OnClose, StallCallback::OnTick, StallCallback::Task, StallCallback::Timer,
    StallCallback::TlsHandshake};

} // namespace

QString stallCallbackKey(StallCallback kind)
{
    switch (kind) {
    case StallCallback::None: return {};
    case StallCallback::OnOpen: return QStringLiteral("onOpen");
    case StallCallback::OnTraffic: return QStringLiteral("onTraffic");
    case StallCallback::OnClose: return QStringLiteral("onClose");
    case StallCallback::OnTick: return QStringLiteral("onTick");
    case StallCallback::Task: return QStringLiteral("task");
    case StallCallback::Timer: return QStringLiteral("timer");
    case StallCallback::TlsHandshake: return QStringLiteral("tlsHandshake");
    }
    return {};
}

std::optional<StallCallback> stallCallbackFromKey(const QString& key)
{
    for (StallCallback kind : allKinds)
        if (stallCallbackKey(kind) == key)
            return kind;
    return std::nullopt;
}

QString stallCallbackDisplay(StallCallback kind)
{
    switch (kind) {
    case StallCallback::None:
        //: A stalled loop iteration in which no single callback ran for a measurable time.
        return QCoreApplication::translate("qgnet", "(spread over callbacks)");
    case StallCallback::Task: return QCoreApplication::translate("qgnet", "task");
    case StallCallback::Timer: return QCoreApplication::translate("qgnet", "timer");
    case StallCallback::TlsHandshake: return QCoreApplication::translate("qgnet", "TLS handshake");
    default: return stallCallbackKey(kind); // EventHandler's method names: not translated
    }
}

} // namespace qgnet::qtdetail
