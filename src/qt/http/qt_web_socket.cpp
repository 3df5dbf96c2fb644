// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/qt_web_socket.h"

#include <string>

#include "qgnet/conn.h"
#include "qgnet/http/server.h"

namespace qgnet {

// Each operation rides on a wake of the connection: its callback runs on the loop, after the
// onTraffic the wake causes, with the Conn, where http::Server writes the frame (or the close, with
// the codec knowing it was sent). A closed connection gets no callback with a Conn: nothing is sent.

bool QtWebSocket::sendText(const QString& text) const
{
    return !handle_.wake([data = text.toStdString()](Conn* conn, std::error_code) {
        if (conn)
            http::Server::sendWebSocket(*conn, data, true);
    });
}

bool QtWebSocket::sendBinary(const QByteArray& data) const
{
    return !handle_.wake([copy = data.toStdString()](Conn* conn, std::error_code) {
        if (conn)
            http::Server::sendWebSocket(*conn, copy, false);
    });
}

bool QtWebSocket::close(int code, const QString& reason) const
{
    return !handle_.wake([code, why = reason.toStdString()](Conn* conn, std::error_code) {
        if (conn)
            http::Server::closeWebSocket(*conn, static_cast<std::uint16_t>(code), why);
    });
}

} // namespace qgnet
