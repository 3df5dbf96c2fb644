// SPDX-License-Identifier: Apache-2.0
// qgnet-http: an HTTP/1.1 and WebSocket server on QGnet::Http.
//
//   qgnet-http --listen tcp://127.0.0.1:8080 --loops 4 --backend io_uring --root ./public
//
// GET /plaintext answers "Hello, World!", GET /json {"message":"Hello, World!"} (TechEmpower's two
// plaintext tests); /ws is a WebSocket echo; with --root DIR every other GET serves the files under
// DIR (never outside it). --tls-cert FILE --tls-key FILE serve HTTPS and WSS. It prints
// "listening on <url>" per address once it accepts and stops on SIGINT or SIGTERM with status 0.

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <pthread.h>

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

void usage(std::FILE* out)
{
    std::fputs("usage: qgnet-http [--listen URL]... [--loops N] [--backend epoll|io_uring]\n"
               "                  [--tls-cert FILE --tls-key FILE] [--root DIR]\n"
               "  --listen URL       address to serve (default tcp://127.0.0.1:8080); repeatable\n"
               "  --loops N          event loops (default 1)\n"
               "  --backend NAME     epoll (default) or io_uring\n"
               "  --tls-cert FILE    serve TLS with this PEM certificate chain; needs --tls-key\n"
               "  --tls-key FILE     the PEM private key of --tls-cert\n"
               "  --root DIR         serve the files under DIR for other GET paths\n",
        out);
}

[[noreturn]] void fail(const std::string& message)
{
    std::fprintf(stderr, "qgnet-http: %s\n", message.c_str());
    std::exit(2);
}

qgnet::Backend parseBackend(std::string_view name)
{
    for (auto backend : {qgnet::Backend::Epoll, qgnet::Backend::IoUring})
        if (qgnet::toString(backend) == name)
            return backend;
    fail("unknown --backend '" + std::string(name) + "' (epoll or io_uring)");
}

int parseLoops(const char* text)
{
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text, &end, 10);
    if (!*text || *end || errno || value < 1 || value > 1024)
        fail(std::string("--loops expects a number from 1 to 1024, not '") + text + "'");
    return static_cast<int>(value);
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> addresses;
    std::string tlsCert, tlsKey, root;
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
            options.numEventLoop = parseLoops(value());
        else if (arg == "--backend")
            options.backend = parseBackend(value());
        else if (arg == "--tls-cert")
            tlsCert = value();
        else if (arg == "--tls-key")
            tlsKey = value();
        else if (arg == "--root")
            root = value();
        else if (arg == "--help" || arg == "-h") {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            fail("unknown argument '" + std::string(arg) + "'");
        }
    }
    if (addresses.empty())
        addresses.emplace_back("tcp://127.0.0.1:8080");
    if (tlsCert.empty() != tlsKey.empty())
        fail("--tls-cert and --tls-key go together");
    if (!tlsCert.empty()) {
        try {
            options.tls = std::make_shared<const qgnet::TlsContext>(qgnet::TlsContext::server(tlsCert, tlsKey));
        } catch (const qgnet::Error& e) {
            fail(e.what());
        }
    }

    qgnet::http::Server server;
    auto& router = server.router();
    router.get("/plaintext", [](qgnet::http::Request&, qgnet::http::Response& res) {
        res.send(200, "text/plain", "Hello, World!");
    });
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
        fail(e.what());
    }
    for (const std::string& url : server.engine().listenUrls())
        std::printf("listening on %s\n", url.c_str());
    std::printf("backend %s\n", std::string(qgnet::toString(server.engine().backend())).c_str());
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.stop();
    return 0;
}
