// SPDX-License-Identifier: Apache-2.0
//
// TLS for the load generator's connections (--tls): one OpenSSL client
// context for every connection. Certificates are not checked: the servers
// under test present a throwaway self-signed certificate made by the runner,
// and what is measured is the cost of the encrypted echo, not of trust.
#pragma once

#include <openssl/ssl.h>

#include <cstddef>

namespace qgnet_bench {

class ClientTls {
public:
    ClientTls(); // fatal if OpenSSL cannot make a context
    ClientTls(const ClientTls&) = delete;
    ClientTls& operator=(const ClientTls&) = delete;
    ~ClientTls();

    // A client session on the connected socket fd, not yet handshaken; the
    // caller frees it with SSL_free.
    SSL* attach(int fd) const;

private:
    SSL_CTX* ctx_ = nullptr;
};

// Prints OpenSSL's error queue after `what` and exits 1 (as fail() does).
[[noreturn]] void fail_tls(const char* what, unsigned port, std::size_t conn);

} // namespace qgnet_bench
