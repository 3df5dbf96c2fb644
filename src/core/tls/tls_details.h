// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/stats.h"

namespace qgnet::detail {

class TlsSession;

/// tlsDetails reads what an inspector shows about a TLS connection (ConnectionTls: version, cipher,
/// ALPN, SNI, the peer certificate's subject and expiry) from its session, at snapshot time: nothing
/// of it is kept per connection, so a connection nobody inspects pays nothing for it. Loop thread.
ConnectionTls tlsDetails(const TlsSession& session);

} // namespace qgnet::detail
