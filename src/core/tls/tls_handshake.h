// SPDX-License-Identifier: Apache-2.0
#pragma once

// The TLS step of a connection: the handshake between the connection's registration and onOpen,
// and the decrypting read after it. A TLS connection is in state Handshaking (connection.h) from
// beginTlsHandshake until the handshake is done; the handler hears of it only then. No OpenSSL
// type here: the session behind it is tls_session.h's.

#include <system_error>

#include "qgnet/bytes.h"
#include "qgnet/conn_handle.h"

namespace qgnet::detail {

class Connection;
class EventLoop;

/// beginTlsHandshake moves a registered TLS connection to Handshaking, arms the handshake timeout
/// and, for a client, sends its first flight. callback (a dialer's) runs after onOpen, or hears why
/// the handshake failed.
void beginTlsHandshake(EventLoop& loop, Connection& conn, AsyncCallback callback);
/// receiveTls takes ciphertext from the backend: it drives the handshake while there is one, then
/// decrypts into onTraffic.
void receiveTls(EventLoop& loop, Connection& conn, Bytes cipher);
/// closeUnopenedTls closes a connection whose handshake did not complete: no onClose (there was no
/// onOpen), the dialer's callback hears reason.
void closeUnopenedTls(EventLoop& loop, Connection& conn, std::error_code reason);

} // namespace qgnet::detail
