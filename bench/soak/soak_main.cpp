// SPDX-License-Identifier: Apache-2.0
//
// qgnet-soak-client: the client side of scripts/soak.sh (bench/README.md, "Soak"). It holds --conns
// connections to an echo server for --seconds, each driven by its own random stream (seeded from
// --seed and its index), checks every echoed byte and prints one result line:
//
//   verified=BYTES lost=N messages=M pauses=P graceful_reconnects=G reset_reconnects=R abandoned=BYTES
//
// Before the traffic starts it prints "connected N" once every connection is up (and, with --tls,
// has finished its handshake). Exit status: 0 nothing lost, 1 something lost, 2 the run could not
// be made (bad usage, connections that would not open).

#include <getopt.h>
#include <signal.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "soak_client.h"

namespace {

void usage(std::FILE* out)
{
    std::fputs("usage: qgnet-soak-client --port P [--host 127.0.0.1] [--conns N] [--seconds S] [--seed N] [--tls]\n"
               "                         [--pause-probability X] [--reconnect-probability X] [--max-pause S]\n"
               "                         [--pipeline-probability X] [--window BYTES] [--stall S] [--drain S]\n"
               "Drives a byte-exact echo over N connections with random sizes, pauses and reconnects\n"
               "(probabilities are per message); prints 'connected N', then one result line.\n",
        out);
}

double number(const char* option, const char* text)
{
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || *end != '\0' || value < 0) {
        std::fprintf(stderr, "qgnet-soak-client: %s needs a non-negative number, not '%s'\n", option, text);
        std::exit(2);
    }
    return value;
}

} // namespace

int main(int argc, char** argv)
{
    enum {
        kHost = 256,
        kPort,
        kConns,
        kSeconds,
        kSeed,
        kTls,
        kPause,
        kReconnect,
        kMaxPause,
        kPipeline,
        kWindow,
        kStall,
        kDrain,
        kHelp
    };
    static const option longOptions[] = {
        {"host", required_argument, nullptr, kHost},
        {"port", required_argument, nullptr, kPort},
        {"conns", required_argument, nullptr, kConns},
        {"seconds", required_argument, nullptr, kSeconds},
        {"seed", required_argument, nullptr, kSeed},
        {"tls", no_argument, nullptr, kTls},
        {"pause-probability", required_argument, nullptr, kPause},
        {"reconnect-probability", required_argument, nullptr, kReconnect},
        {"max-pause", required_argument, nullptr, kMaxPause},
        {"pipeline-probability", required_argument, nullptr, kPipeline},
        {"window", required_argument, nullptr, kWindow},
        {"stall", required_argument, nullptr, kStall},
        {"drain", required_argument, nullptr, kDrain},
        {"help", no_argument, nullptr, kHelp},
        {nullptr, 0, nullptr, 0},
    };
    qgnet_soak::SoakOptions options;
    for (int opt; (opt = getopt_long(argc, argv, "", longOptions, nullptr)) != -1;) {
        switch (opt) {
        case kHost: options.host = optarg; break;
        case kPort: options.port = static_cast<unsigned>(number("--port", optarg)); break;
        case kConns: options.conns = static_cast<std::size_t>(number("--conns", optarg)); break;
        case kSeconds: options.seconds = number("--seconds", optarg); break;
        case kSeed: options.seed = std::strtoull(optarg, nullptr, 10); break;
        case kTls: options.tls = true; break;
        case kPause: options.pauseProbability = number("--pause-probability", optarg); break;
        case kReconnect: options.reconnectProbability = number("--reconnect-probability", optarg); break;
        case kMaxPause: options.maxPauseSeconds = number("--max-pause", optarg); break;
        case kPipeline: options.pipelineProbability = number("--pipeline-probability", optarg); break;
        case kWindow: options.window = static_cast<std::size_t>(number("--window", optarg)); break;
        case kStall: options.stallSeconds = number("--stall", optarg); break;
        case kDrain: options.drainSeconds = number("--drain", optarg); break;
        case kHelp: usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc || options.port == 0 || options.port > 65535 || options.conns == 0
        || options.pauseProbability + options.reconnectProbability > 1) {
        usage(stderr);
        return 2;
    }
    std::fprintf(stderr, "qgnet-soak-client: seed %" PRIu64 ", %zu connections to %s:%u%s for %.1f s\n", options.seed,
        options.conns, options.host.c_str(), options.port, options.tls ? " (TLS)" : "", options.seconds);

    // SIGINT/SIGTERM end the traffic early (the script sends it when the server died): the client
    // still drains, counts and reports.
    struct sigaction stop {};
    stop.sa_handler = [](int) { qgnet_soak::SoakClient::requestStop(); };
    sigaction(SIGINT, &stop, nullptr);
    sigaction(SIGTERM, &stop, nullptr);

    qgnet_soak::SoakClient client(options);
    const qgnet_soak::SoakResult r = client.run();
    std::printf("verified=%" PRIu64 " lost=%" PRIu64 " messages=%" PRIu64 " pauses=%" PRIu64
                " graceful_reconnects=%" PRIu64 " reset_reconnects=%" PRIu64 " abandoned=%" PRIu64 "\n",
        r.verified, r.lost, r.messages, r.pauses, r.gracefulReconnects, r.resetReconnects, r.abandoned);
    return r.lost == 0 ? 0 : 1;
}
