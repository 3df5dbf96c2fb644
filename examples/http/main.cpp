// SPDX-License-Identifier: Apache-2.0
// qgnet-http: an HTTP/1.1 and WebSocket server on QGnet::Http.
//
//   qgnet-http --listen tcp://127.0.0.1:8080 --loops 4 --backend io_uring --root ./public
//
// GET /plaintext answers "Hello, World!", GET /json {"message":"Hello, World!"} (TechEmpower's two
// plaintext tests); /ws is a WebSocket echo; with --root DIR every other GET serves the files under
// DIR (never outside it). --tls-cert FILE --tls-key FILE serve HTTPS and WSS. It prints
// "listening on <url>" per address once it accepts and stops on SIGINT or SIGTERM with status 0.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <getopt.h>
#include <pthread.h>

#include "cli.h"
#include "qgnet/http/server.h"
#include "qgnet/http/static_files.h"
#include "qgnet/qgnet.h"

namespace {

class EchoSocket final : public qgnet::http::WebSocketHandler {
public:
    void onMessage(qgnet::http::WebSocket& ws, std::string_view payload, bool text) override
    {
        if (text)
            ws.sendText(payload);
        else
            ws.sendBinary(payload);
    }
};

constexpr const char* kProgram = "qgnet-http";

void usage(std::FILE* out)
{
    std::fputs("usage: qgnet-http [--listen URL]... [--loops N] [--backend epoll|io_uring] [--edge-triggered]\n"
               "                  [--tls-cert FILE --tls-key FILE] [--root DIR]\n"
               "An HTTP/1.1 and WebSocket server on qgnet: GET /plaintext and /json (TechEmpower's tests),\n"
               "a WebSocket echo at /ws, and with --root the files under a directory.\n"
               "  -l, --listen URL     address to serve (default tcp://127.0.0.1:8080); repeatable\n"
               "  -n, --loops N        event loops (default 1)\n"
               "      --backend NAME   epoll (default) or io_uring\n"
               "      --edge-triggered register connections edge-triggered (epoll: no re-poll per request)\n"
               "      --tls-cert FILE  serve TLS with this PEM certificate chain; needs --tls-key\n"
               "      --tls-key FILE   the PEM private key of --tls-cert\n"
               "      --root DIR       serve the files under DIR (never outside it) for other GET paths\n"
               "  -h, --help           this text\n"
               "  -V, --version        the version\n"
               "Options take their value as '--loops 4' or '--loops=4'. It prints 'listening on URL' per\n"
               "address and stops gracefully on SIGINT or SIGTERM.\n"
               "Exit status: 0 stopped by a signal, 1 could not serve (address in use, unreadable\n"
               "certificate...), 2 wrong usage.\n",
        out);
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> addresses;
    std::string tlsCert, tlsKey, root;
    qgnet::Options options;
    options.numEventLoop = 1;
    enum Long : int { kBackend = 256, kTlsCert, kTlsKey, kRoot, kEdge };
    static const option longOptions[] = {
        {"listen", required_argument, nullptr, 'l'},
        {"loops", required_argument, nullptr, 'n'},
        {"backend", required_argument, nullptr, kBackend},
        {"tls-cert", required_argument, nullptr, kTlsCert},
        {"tls-key", required_argument, nullptr, kTlsKey},
        {"root", required_argument, nullptr, kRoot},
        {"edge-triggered", no_argument, nullptr, kEdge},
        {"help", no_argument, nullptr, 'h'},
        {"version", no_argument, nullptr, 'V'},
        {nullptr, 0, nullptr, 0},
    };
    opterr = 0; // our own messages, with the exit status for wrong usage
    for (int c; (c = getopt_long(argc, argv, ":l:n:hV", longOptions, nullptr)) != -1;) {
        switch (c) {
        case 'l': addresses.emplace_back(optarg); break;
        case 'n':
            options.numEventLoop = static_cast<int>(qgnet::cli::parseNumber(kProgram, "loops", optarg, 1, 1024));
            break;
        case kBackend: options.backend = qgnet::cli::parseBackend(kProgram, optarg); break;
        case kTlsCert: tlsCert = optarg; break;
        case kTlsKey: tlsKey = optarg; break;
        case kRoot: root = optarg; break;
        case kEdge: options.edgeTriggeredIO = true; break;
        case 'h': usage(stdout); return qgnet::cli::kExitOk;
        case 'V': qgnet::cli::printVersion(kProgram); return qgnet::cli::kExitOk;
        case ':': qgnet::cli::usageError(kProgram, std::string(argv[optind - 1]) + " needs a value");
        default: qgnet::cli::usageError(kProgram, "unknown option '" + std::string(argv[optind - 1]) + "'");
        }
    }
    if (optind < argc)
        qgnet::cli::usageError(kProgram, "unexpected argument '" + std::string(argv[optind]) + "'");
    if (addresses.empty())
        addresses.emplace_back("tcp://127.0.0.1:8080");
    options.tls = qgnet::cli::serverTls(kProgram, tlsCert, tlsKey);

    qgnet::http::Server server;
    auto& router = server.router();
    router.get("/plaintext",
        [](qgnet::http::Request&, qgnet::http::Response& res) { res.send(200, "text/plain", "Hello, World!"); });
    router.get("/json", [](qgnet::http::Request&, qgnet::http::Response& res) {
        res.send(200, "application/json", R"({"message":"Hello, World!"})");
    });
    server.webSocket("/ws", std::make_shared<EchoSocket>());
    if (!root.empty())
        router.get("/{path...}", qgnet::http::staticFiles(root));

    // Stop signals are blocked before any loop thread exists; only sigwait() below sees them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    try {
        server.listen(addresses, options);
    } catch (const qgnet::Error& e) {
        // A bad URL or option value is the caller's mistake; anything else happened at run time.
        const bool wrongUsage = e.code() == qgnet::Errc::InvalidAddress || e.code() == qgnet::Errc::InvalidOption;
        qgnet::cli::die(kProgram, wrongUsage ? qgnet::cli::kExitUsage : qgnet::cli::kExitFailure, e.what());
    }
    for (const std::string& url : server.engine().listenUrls())
        std::printf("listening on %s\n", url.c_str());
    std::printf("backend %s\n", std::string(qgnet::toString(server.engine().backend())).c_str());
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.stop();
    return qgnet::cli::kExitOk;
}
