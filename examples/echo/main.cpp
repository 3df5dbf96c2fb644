// SPDX-License-Identifier: Apache-2.0
// qgnet-echo: an echo server on the qgnet engine. Every byte a client sends comes back (over UDP:
// every datagram goes back to its sender).
//
//   qgnet-echo --listen tcp://127.0.0.1:9000 --listen unix:///tmp/echo.sock --loops 4
//
// With --tls-cert FILE --tls-key FILE every stream listener speaks TLS (OpenSSL 3), e.g.
//
//   qgnet-echo --listen tcp://127.0.0.1:9443 --tls-cert cert.pem --tls-key key.pem
//   openssl s_client -connect 127.0.0.1:9443 -quiet < some-file
//
// It prints "listening on <url>" per address once it accepts (port 0 shows the real port) and stops
// gracefully on SIGINT or SIGTERM with exit status 0. Memory stays bounded whatever the peers do: a
// peer that sends without reading is closed once its unsent echo reaches --max-output.

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <pthread.h>

#include "qgnet/qgnet.h"

namespace {

class EchoHandler final : public qgnet::EventHandler {
public:
    qgnet::Action onTraffic(qgnet::Conn& conn) override
    {
        // next() is a view of the bytes just read (no copy); write() sends them straight back.
        (void)conn.write(conn.next());
        return qgnet::Action::None;
    }
};

void usage(std::FILE* out)
{
    std::fputs("usage: qgnet-echo [--listen URL]... [--loops N] [--lb round-robin|least-connections|source-addr-hash]\n"
               "                  [--reuseport] [--edge-triggered] [--max-output BYTES] [--idle-timeout SECONDS]\n"
               "                  [--backend epoll|io_uring] [--tls-cert FILE --tls-key FILE]\n"
               "  --listen URL       tcp://host:port, tcp4://, tcp6://[::1]:port, udp://host:port, udp4://,\n"
               "                     udp6:// or unix:///path (repeatable;\n"
               "                     default tcp://127.0.0.1:9000); port 0 picks a free port\n"
               "  --loops N          number of event loops (default 1)\n"
               "  --lb POLICY        how the acceptor spreads connections over loops (default round-robin)\n"
               "  --reuseport        one SO_REUSEPORT listener per loop instead of an acceptor thread\n"
               "  --edge-triggered   register connections edge-triggered\n"
               "  --backend NAME     epoll (default) or io_uring (falls back to epoll, said in one line,\n"
               "                     when the kernel cannot run it)\n"
               "  --max-output BYTES hard cap on a connection's unsent output (default 64 MiB); a peer that\n"
               "                     sends and never reads is closed when its echo would pass it\n"
               "  --idle-timeout S   close connections idle for S seconds (default: never)\n"
               "  --tls-cert FILE    serve TLS on every tcp/unix listener with this PEM certificate chain\n"
               "                     (leaf first); needs --tls-key; not with udp listeners (no DTLS)\n"
               "  --tls-key FILE     the PEM private key of --tls-cert\n",
        out);
}

[[noreturn]] void fail(const std::string& message)
{
    std::fprintf(stderr, "qgnet-echo: %s\n", message.c_str());
    std::exit(2);
}

qgnet::LoadBalancing parseBalancer(std::string_view name)
{
    for (auto lb : {qgnet::LoadBalancing::RoundRobin, qgnet::LoadBalancing::LeastConnections,
             qgnet::LoadBalancing::SourceAddrHash})
        if (qgnet::toString(lb) == name)
            return lb;
    fail("unknown --lb '" + std::string(name) + "' (round-robin, least-connections or source-addr-hash)");
}

qgnet::Backend parseBackend(std::string_view name)
{
    for (auto backend : {qgnet::Backend::Epoll, qgnet::Backend::IoUring})
        if (qgnet::toString(backend) == name)
            return backend;
    fail("unknown --backend '" + std::string(name) + "' (epoll or io_uring)");
}

long long parseNumber(std::string_view flag, const char* text, long long max)
{
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text, &end, 10);
    if (!*text || *end || errno || value < 0 || value > max)
        fail(std::string(flag) + " expects a number from 0 to " + std::to_string(max) + ", not '" + text + "'");
    return value;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> addresses;
    std::string tlsCert;
    std::string tlsKey;
    qgnet::Options options;
    options.numEventLoop = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc)
                fail(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--listen")
            addresses.emplace_back(value());
        else if (arg == "--loops")
            options.numEventLoop = static_cast<int>(parseNumber(arg, value(), 1024));
        else if (arg == "--max-output")
            options.maxOutputBuffered = static_cast<std::size_t>(parseNumber(arg, value(), 1ll << 40));
        else if (arg == "--idle-timeout")
            options.idleTimeout = std::chrono::seconds(parseNumber(arg, value(), 1ll << 30));
        else if (arg == "--lb")
            options.lb = parseBalancer(value());
        else if (arg == "--reuseport")
            options.reusePort = true;
        else if (arg == "--edge-triggered")
            options.edgeTriggeredIO = true;
        else if (arg == "--backend")
            options.backend = parseBackend(value());
        else if (arg == "--tls-cert")
            tlsCert = value();
        else if (arg == "--tls-key")
            tlsKey = value();
        else if (arg == "--help" || arg == "-h") {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            fail("unknown argument '" + std::string(arg) + "'");
        }
    }
    if (addresses.empty())
        addresses.emplace_back("tcp://127.0.0.1:9000");
    if (tlsCert.empty() != tlsKey.empty())
        fail("--tls-cert and --tls-key go together");
    if (!tlsCert.empty()) {
        try {
            options.tls = std::make_shared<const qgnet::TlsContext>(qgnet::TlsContext::server(tlsCert, tlsKey));
        } catch (const qgnet::Error& e) {
            fail(e.what());
        }
    }

    // Block the stop signals before any loop thread exists, so every thread inherits the mask and
    // only sigwait() below ever sees them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    EchoHandler handler;
    qgnet::Engine engine;
    try {
        engine = qgnet::Engine::start(handler, addresses, options);
    } catch (const qgnet::Error& e) {
        fail(e.what());
    }
    for (const std::string& url : engine.listenUrls())
        std::printf("listening on %s\n", url.c_str());
    std::printf("backend %s\n", std::string(qgnet::toString(engine.backend())).c_str());
    if (options.tls)
        std::printf("tls on, certificate %s\n", tlsCert.c_str());
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    engine.stop();
    return 0;
}
