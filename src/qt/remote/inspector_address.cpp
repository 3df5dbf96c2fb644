// SPDX-License-Identifier: Apache-2.0
#include "remote/inspector_address.h"

#include <QCoreApplication>
#include <QUrl>

namespace qgnet::qtdetail {

std::optional<InspectorAddress> parseInspectorAddress(const QString& text, QString* error)
{
    const auto failWith = [error](const QString& why) -> std::optional<InspectorAddress> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    InspectorAddress a;
    if (text.startsWith(QLatin1String("tcp://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.port() < 0)
            return failWith(QCoreApplication::translate("qgnet", "'%1' is not a tcp://host:port address").arg(text));
        a.local = false;
        a.host = url.host() == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost)
                                                          : QHostAddress(url.host());
        if (a.host.isNull())
            return failWith(
                QCoreApplication::translate("qgnet", "'%1': the host must be an IP address or localhost").arg(text));
        a.port = static_cast<quint16>(url.port());
        return a;
    }
    QString path = text;
    if (path.startsWith(QLatin1String("unix://")))
        path = path.mid(7);
    else if (path.startsWith(QLatin1String("unix:")))
        path = path.mid(5);
    else if (path.contains(QLatin1String("://")))
        return failWith(QCoreApplication::translate("qgnet", "'%1': unknown scheme (use unix: or tcp://)").arg(text));
    if (path.isEmpty())
        return failWith(QCoreApplication::translate("qgnet", "'%1': empty socket path").arg(text));
    a.path = path;
    return a;
}

} // namespace qgnet::qtdetail
