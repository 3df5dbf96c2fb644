// SPDX-License-Identifier: Apache-2.0

#include "client_tls.h"

#include <openssl/err.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include "fatal.h"

namespace qgnet_bench {

ClientTls::ClientTls()
{
    ctx_ = SSL_CTX_new(TLS_client_method());
    if (!ctx_)
        fail_tls("SSL_CTX_new", 0, 0);
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_NONE, nullptr);
    // A write may take part of a message (one record at a time), like write(2),
    // and be retried from where it stopped.
    SSL_CTX_set_mode(ctx_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}

ClientTls::~ClientTls() { SSL_CTX_free(ctx_); }

SSL* ClientTls::attach(int fd) const
{
    SSL* ssl = SSL_new(ctx_);
    if (!ssl || SSL_set_fd(ssl, fd) != 1)
        fail_tls("SSL_new", 0, 0);
    SSL_set_connect_state(ssl);
    return ssl;
}

void fail_tls(const char* what, unsigned port, std::size_t conn)
{
    char reason[256] = "no OpenSSL error queued";
    if (unsigned long e = ERR_get_error(); e != 0)
        ERR_error_string_n(e, reason, sizeof reason);
    fail("%s (port %u, connection %zu): %s", what, port, conn, reason);
}

} // namespace qgnet_bench
