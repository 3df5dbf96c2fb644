// SPDX-License-Identifier: Apache-2.0
// BlockingTlsClient: a plain OpenSSL client on a blocking socket, for tests that must see exactly
// what reaches the wire (in particular whether a stream ends with close_notify). Header-only; the
// test that includes it links OpenSSL::SSL. It starts no thread.
#pragma once

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <csignal>

#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "qgnet_test_support.h"

namespace qgnet_test {

/// clientHello is the first flight of an OpenSSL client (TLS 1.3, SNI localhost), made through memory BIOs.
inline std::vector<std::byte> clientHello()
{
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL* ssl = SSL_new(ctx);
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl, in, out);
    char name[] = "localhost";
    SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, name); // the macro without its C cast
    (void)SSL_connect(ssl); // WANT_READ: the hello is written, the answer is awaited
    char* data = nullptr;
    const long n = BIO_get_mem_data(out, &data);
    std::vector<std::byte> hello(reinterpret_cast<std::byte*>(data), reinterpret_cast<std::byte*>(data) + n);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return hello;
}

/// NoSigpipe blocks SIGPIPE in the calling thread while it lives and then discards one that a write
/// raised meanwhile. OpenSSL's socket BIO writes with write(), without MSG_NOSIGNAL, so a test client
/// writing to a connection the server has reset would otherwise end the test process, and the tests
/// that leave SIGPIPE at its default (to catch the engine raising it) could not tell whose it was.
class NoSigpipe {
public:
    NoSigpipe()
    {
        sigemptyset(&pipe_);
        sigaddset(&pipe_, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
    }
    NoSigpipe(const NoSigpipe&) = delete;
    NoSigpipe& operator=(const NoSigpipe&) = delete;
    ~NoSigpipe()
    {
        const timespec none{0, 0};
        while (sigtimedwait(&pipe_, nullptr, &none) > 0) {}
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }

private:
    sigset_t pipe_;
    sigset_t previous_;
};

/// BlockingTlsClient is a plain OpenSSL client on a blocking socket (with send/receive timeouts as
/// the deadline), to see exactly what reaches the wire: in particular whether the stream ends with
/// the peer's close_notify (SSL_ERROR_ZERO_RETURN) or without it.
class BlockingTlsClient {
public:
    ~BlockingTlsClient()
    {
        if (ssl_)
            SSL_free(ssl_);
        if (ctx_)
            SSL_CTX_free(ctx_);
    }

    bool connect(std::uint16_t port, const std::string& caPem, std::string& err)
    {
        fd_ = connectTcp("127.0.0.1", port, deadlineIn(std::chrono::seconds(10)), err);
        if (!fd_)
            return false;
        ::fcntl(fd_.get(), F_SETFL, ::fcntl(fd_.get(), F_GETFL) & ~O_NONBLOCK);
        const timeval timeout{30, 0};
        ::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(fd_.get(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        ctx_ = SSL_CTX_new(TLS_client_method());
        BIO* bio = BIO_new_mem_buf(caPem.data(), static_cast<int>(caPem.size()));
        X509* ca = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx_), ca);
        X509_free(ca);
        SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
        if (maxVersion_ != 0)
            SSL_CTX_set_max_proto_version(ctx_, maxVersion_);
        ssl_ = SSL_new(ctx_);
        SSL_set_fd(ssl_, fd_.get());
        SSL_set1_host(ssl_, "localhost");
        const NoSigpipe noSigpipe;
        for (;;) {
            const int r = SSL_connect(ssl_);
            if (r == 1)
                return true;
            if (!interrupted(r)) {
                err = "SSL_connect failed: " + errors();
                return false;
            }
        }
    }

    bool writeAll(const std::vector<std::byte>& data, std::string& err)
    {
        const NoSigpipe noSigpipe;
        std::size_t done = 0;
        while (done < data.size()) {
            std::size_t n = 0;
            const int r = SSL_write_ex(ssl_, data.data() + done, data.size() - done, &n);
            if (r != 1 && interrupted(r))
                continue;
            if (r != 1) {
                err = "SSL_write failed after " + std::to_string(done) + " bytes: " + errors();
                return false;
            }
            done += n;
        }
        return true;
    }

    /// readExact reads exactly n bytes (false, with err, if the stream ends or fails first).
    bool readExact(std::vector<std::byte>& out, std::size_t n, std::string& err)
    {
        const NoSigpipe noSigpipe; // reading may write (an alert, a key update)
        std::vector<std::byte> buffer(16384);
        while (out.size() < n) {
            std::size_t got = 0;
            const int r = SSL_read_ex(ssl_, buffer.data(), std::min(buffer.size(), n - out.size()), &got);
            if (r == 1) {
                out.insert(out.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got));
                continue;
            }
            if (interrupted(r))
                continue;
            err = "read ended after " + std::to_string(out.size()) + " of " + std::to_string(n) + " bytes: " + errors();
            return false;
        }
        return true;
    }

    /// setMaxVersion caps the protocol version the next connect() offers (TLS1_2_VERSION for a client
    /// that can ask to renegotiate).
    void setMaxVersion(int version) noexcept { maxVersion_ = version; }
    /// bytesSent is what went out on the socket so far (after connect(): the client's handshake).
    std::uint64_t bytesSent() const noexcept { return BIO_number_written(SSL_get_wbio(ssl_)); }
    /// ssl is the session, for what the methods here do not cover (SSL_renegotiate).
    SSL* ssl() const noexcept { return ssl_; }

    /// fd is the socket, for writing raw bytes or shutting it down without close_notify.
    int fd() const noexcept { return fd_.get(); }

    /// sendCloseNotify is our half-close: no more data from us, but we keep reading.
    void sendCloseNotify()
    {
        const NoSigpipe noSigpipe;
        (void)SSL_shutdown(ssl_);
    }

    /// readToEnd reads until the stream ends and returns SSL_get_error of the last read
    /// (SSL_ERROR_ZERO_RETURN: ended with close_notify).
    int readToEnd(std::vector<std::byte>& out, std::string& err)
    {
        const NoSigpipe noSigpipe;
        std::byte buffer[16384];
        for (;;) {
            std::size_t n = 0;
            const int r = SSL_read_ex(ssl_, buffer, sizeof buffer, &n);
            if (r == 1) {
                out.insert(out.end(), buffer, buffer + n);
                continue;
            }
            if (interrupted(r))
                continue;
            const int e = SSL_get_error(ssl_, r);
            if (e != SSL_ERROR_ZERO_RETURN)
                err = "stream ended without close_notify after " + std::to_string(out.size()) + " bytes (SSL_get_error "
                    + std::to_string(e) + ", errno " + std::to_string(errno) + "): " + errors();
            return e;
        }
    }

private:
    // A blocking socket only says "retry" when a signal interrupted it (EINTR; io_uring's task-work
    // notifications can do that to any thread of the process); a timeout is EAGAIN and fails.
    bool interrupted(int r) const
    {
        const int e = SSL_get_error(ssl_, r);
        return (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) && errno == EINTR;
    }

public:
    /// errors drains OpenSSL's error queue into one line.
    static std::string errors()
    {
        std::string out;
        while (const unsigned long e = ERR_get_error()) {
            char text[256];
            ERR_error_string_n(e, text, sizeof text);
            out += std::string(out.empty() ? "" : "; ") + text;
        }
        return out.empty() ? "(no OpenSSL error)" : out;
    }

private:
    Fd fd_;
    SSL_CTX* ctx_ = nullptr;
    SSL* ssl_ = nullptr;
    int maxVersion_ = 0;
};

} // namespace qgnet_test
