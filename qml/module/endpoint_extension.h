// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include "qgnet/qt/inspector_endpoint.h"
#include "qgnet/qt/qt_server.h"

namespace qgnet::qml {

/// EndpointExtension gives QML what InspectorEndpoint offers C++ through plain member functions:
/// the served `server` as a property, and listen(), close() and errorString() as methods. It is
/// attached to every QML InspectorEndpoint (QML_EXTENDED) and only forwards; the endpoint keeps
/// all state.
class EndpointExtension : public QObject {
    Q_OBJECT
    Q_PROPERTY(qgnet::QtServer* server READ server WRITE setServer NOTIFY serverChanged)
public:
    explicit EndpointExtension(QObject* endpoint);

    QtServer* server() const;
    void setServer(QtServer* server);

    /// listen serves on address ("unix:/path", a bare path, "tcp://127.0.0.1:port") with token.
    Q_INVOKABLE bool listen(const QString& address, const QString& token, bool allowRemote = false);
    /// close stops serving and disconnects every inspector.
    Q_INVOKABLE void close();
    /// errorString says why the last listen failed.
    Q_INVOKABLE QString errorString() const;

Q_SIGNALS:
    void serverChanged();

private:
    InspectorEndpoint* endpoint_;
    QPointer<QtServer> server_;
};

} // namespace qgnet::qml
