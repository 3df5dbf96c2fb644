// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/qt_connection.h"

namespace qgnet {

QtConnection::QtConnection(ConnHandle handle, int loop, QString protocol, QHostAddress peerAddress, quint16 peerPort,
    QString peer, QString local)
    : handle_(std::move(handle))
    , loop_(loop)
    , protocol_(std::move(protocol))
    , peerAddress_(std::move(peerAddress))
    , peerPort_(peerPort)
    , peer_(std::move(peer))
    , local_(std::move(local))
{
}

bool QtConnection::write(const QByteArray& data) const
{
    const Bytes bytes(reinterpret_cast<const std::byte*>(data.constData()), static_cast<std::size_t>(data.size()));
    return !handle_.asyncWrite(bytes);
}

bool QtConnection::close() const { return !handle_.close(); }

} // namespace qgnet
