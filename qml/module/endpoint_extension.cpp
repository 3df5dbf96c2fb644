// SPDX-License-Identifier: Apache-2.0
#include "endpoint_extension.h"

#include "qgnet/qt/inspector_endpoint.h"
#include "qgnet/qt/qt_server.h"

namespace qgnet::qml {

EndpointExtension::EndpointExtension(QObject* endpoint)
    : QObject(endpoint)
    , endpoint_(qobject_cast<InspectorEndpoint*>(endpoint))
{
    Q_ASSERT(endpoint_ != nullptr);
}

QtServer* EndpointExtension::server() const { return server_; }

void EndpointExtension::setServer(QtServer* server)
{
    if (server_ == server)
        return;
    server_ = server;
    endpoint_->setServer(server);
    Q_EMIT serverChanged();
}

bool EndpointExtension::listen(const QString& address, const QString& token, bool allowRemote)
{
    return endpoint_->listen(address, token, allowRemote);
}

void EndpointExtension::close() { endpoint_->close(); }

QString EndpointExtension::errorString() const { return endpoint_->errorString(); }

} // namespace qgnet::qml
