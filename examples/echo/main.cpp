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
// peer that sends without reading is closed once its unsent echo reaches --max-output, and with
// --memory-budget the connections together hold at most about that much (the heaviest are paused).

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <getopt.h>
#include <pthread.h>

#include "cli.h"
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

constexpr const char* kProgram = "qgnet-echo";

void usage(std::FILE* out)
{
    std::fputs("usage: qgnet-echo [--listen URL]... [--loops N] [--lb round-robin|least-connections|source-addr-hash]\n"
               "                  [--reuseport] [--edge-triggered] [--max-output BYTES] [--idle-timeout SECONDS]\n"
               "                  [--backend epoll|io_uring] [--tls-cert FILE --tls-key FILE] [--max-conns N]\n"
               "                  [--memory-budget BYTES]\n"
               "An echo server on the qgnet engine: every byte a client sends comes back.\n"
               "  -l, --listen URL       tcp://host:port, tcp4://, tcp6://[::1]:port, udp://host:port, udp4://,\n"
               "                         udp6:// or unix:///path (repeatable;\n"
               "                         default tcp://127.0.0.1:9000); port 0 picks a free port\n"
               "  -n, --loops N          number of event loops (default 1)\n"
               "      --lb POLICY        how the acceptor spreads connections over loops (default round-robin)\n"
               "      --reuseport        one SO_REUSEPORT listener per loop instead of an acceptor thread\n"
               "      --edge-triggered   register connections edge-triggered\n"
               "      --backend NAME     epoll (default) or io_uring (falls back to epoll, said in one line,\n"
               "                         when the kernel cannot run it)\n"
               "      --max-output BYTES hard cap on a connection's unsent output (default 64 MiB); a peer that\n"
               "                         sends and never reads is closed when its echo would pass it\n"
               "      --idle-timeout S   close connections idle for S seconds (default: never)\n"
               "      --max-conns N      hold at most N connections; newer ones are closed at accept\n"
               "                         (default: no bound but the descriptor limit)\n"
               "      --memory-budget BYTES  bound the bytes all connections hold in their buffers together,\n"
               "                         e.g. 256MiB (KiB, MiB, GiB; at least 1MiB); past it the connections\n"
               "                         holding the most stop being read, and those whose output still grows\n"
               "                         are closed (default: no budget)\n"
               "      --tls-cert FILE    serve TLS on every tcp/unix listener with this PEM certificate chain\n"
               "                         (leaf first); needs --tls-key; not with udp listeners (no DTLS)\n"
               "      --tls-key FILE     the PEM private key of --tls-cert\n"
               "  -h, --help             this text\n"
               "  -V, --version          the version\n"
               "Options take their value as '--loops 4' or '--loops=4'. It prints 'listening on URL' per\n"
               "address and stops gracefully on SIGINT or SIGTERM.\n"
               "Exit status: 0 stopped by a signal, 1 could not serve (address in use, unreadable\n"
               "certificate...), 2 wrong usage.\n",
        out);
}

qgnet::LoadBalancing parseBalancer(std::string_view name)
{
    for (auto lb : {qgnet::LoadBalancing::RoundRobin, qgnet::LoadBalancing::LeastConnections,
             qgnet::LoadBalancing::SourceAddrHash})
        if (qgnet::toString(lb) == name)
            return lb;
    qgnet::cli::usageError(kProgram,
        "unknown --lb '" + std::string(name) + "' (round-robin, least-connections or source-addr-hash)");
}

} // namespace

int main(int argc, char** argv)
{
    using qgnet::cli::parseNumber;
    std::vector<std::string> addresses;
    std::string tlsCert;
    std::string tlsKey;
    qgnet::Options options;
    options.numEventLoop = 1;
    enum Long : int {
        kLb = 256,
        kReusePort,
        kEdge,
        kBackend,
        kMaxOutput,
        kIdle,
        kTlsCert,
        kTlsKey,
        kMaxConns,
        kMemoryBudget
    };
    static const option longOptions[] = {
        {"listen", required_argument, nullptr, 'l'},
        {"loops", required_argument, nullptr, 'n'},
        {"lb", required_argument, nullptr, kLb},
        {"reuseport", no_argument, nullptr, kReusePort},
        {"edge-triggered", no_argument, nullptr, kEdge},
        {"backend", required_argument, nullptr, kBackend},
        {"max-output", required_argument, nullptr, kMaxOutput},
        {"idle-timeout", required_argument, nullptr, kIdle},
        {"tls-cert", required_argument, nullptr, kTlsCert},
        {"tls-key", required_argument, nullptr, kTlsKey},
        {"max-conns", required_argument, nullptr, kMaxConns},
        {"memory-budget", required_argument, nullptr, kMemoryBudget},
        {"help", no_argument, nullptr, 'h'},
        {"version", no_argument, nullptr, 'V'},
        {nullptr, 0, nullptr, 0},
    };
    opterr = 0; // our own messages, with the exit status for wrong usage
    for (int c; (c = getopt_long(argc, argv, ":l:n:hV", longOptions, nullptr)) != -1;) {
        switch (c) {
        case 'l': addresses.emplace_back(optarg); break;
        case 'n': options.numEventLoop = static_cast<int>(parseNumber(kProgram, "loops", optarg, 1, 1024)); break;
        case kLb: options.lb = parseBalancer(optarg); break;
        case kReusePort: options.reusePort = true; break;
        case kEdge: options.edgeTriggeredIO = true; break;
        case kBackend: options.backend = qgnet::cli::parseBackend(kProgram, optarg); break;
        case kMaxOutput:
            options.maxOutputBuffered = static_cast<std::size_t>(
                parseNumber(kProgram, "max-output", optarg, 1, 1ll << 40));
            break;
        case kIdle:
            options.idleTimeout = std::chrono::seconds(parseNumber(kProgram, "idle-timeout", optarg, 0, 1ll << 30));
            break;
        case kTlsCert: tlsCert = optarg; break;
        case kTlsKey: tlsKey = optarg; break;
        case kMaxConns:
            options.maxConnections = static_cast<std::size_t>(parseNumber(kProgram, "max-conns", optarg, 1, 1ll << 30));
            break;
        case kMemoryBudget:
            options.memoryBudget = static_cast<std::size_t>(
                qgnet::cli::parseBytes(kProgram, "memory-budget", optarg, 1ull << 20, 1ull << 40));
            break;
        case 'h': usage(stdout); return qgnet::cli::kExitOk;
        case 'V': qgnet::cli::printVersion(kProgram); return qgnet::cli::kExitOk;
        case ':': qgnet::cli::usageError(kProgram, std::string(argv[optind - 1]) + " needs a value");
        default: qgnet::cli::usageError(kProgram, "unknown option '" + std::string(argv[optind - 1]) + "'");
        }
    }
    if (optind < argc)
        qgnet::cli::usageError(kProgram, "unexpected argument '" + std::string(argv[optind]) + "'");
    if (addresses.empty())
        addresses.emplace_back("tcp://127.0.0.1:9000");
    options.tls = qgnet::cli::serverTls(kProgram, tlsCert, tlsKey);

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
        // A bad URL or option value is the caller's mistake; anything else happened at run time.
        const bool usage = e.code() == qgnet::Errc::InvalidAddress || e.code() == qgnet::Errc::InvalidOption;
        qgnet::cli::die(kProgram, usage ? qgnet::cli::kExitUsage : qgnet::cli::kExitFailure, e.what());
    }
    for (const std::string& url : engine.listenUrls())
        std::printf("listening on %s\n", url.c_str());
    std::printf("backend %s\n", std::string(qgnet::toString(engine.backend())).c_str());
    if (options.tls)
        std::printf("tls on, certificate %s\n", tlsCert.c_str());
    if (options.memoryBudget != 0)
        std::printf("memory budget %zu bytes\n", options.memoryBudget);
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    engine.stop();
    return qgnet::cli::kExitOk;
}
