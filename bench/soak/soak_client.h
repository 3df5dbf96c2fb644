// SPDX-License-Identifier: Apache-2.0
//
// SoakClient: the hostile-but-honest peer of a soak run (scripts/soak.sh). It holds N connections to
// an echo server on one thread, one level-triggered epoll set, non-blocking sockets, and drives each
// with its own random stream: messages of log-uniform size (1 B..64 KiB), sometimes several in
// flight, sometimes a pause (nothing sent or read for up to a second), sometimes a reconnect (a
// graceful close after the echo is complete, or an abortive one, RST via SO_LINGER 0, with echo
// still in flight). Every echoed byte is compared, in order, with the byte sent at that offset of
// the connection's stream; a mismatch, an unexpected close or error, a stall, or an echo not back by
// the end is counted as lost and reported on stderr with the connection index and stream offset.
#pragma once

#include <openssl/ssl.h>

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <queue>
#include <string>
#include <vector>

#include "soak_stream.h"

namespace qgnet_soak {

struct SoakOptions {
    std::string host = "127.0.0.1";
    unsigned port = 0;
    std::size_t conns = 100;
    double seconds = 60; // traffic time, counted from when every connection is up
    std::uint64_t seed = 1;
    bool tls = false;
    double pauseProbability = 0.005;     // per message boundary
    double reconnectProbability = 0.002; // per message boundary (half graceful, half RST)
    double maxPauseSeconds = 1;
    double pipelineProbability = 0.5; // a message may go out before the previous echo is back...
    std::size_t window = 128 * 1024;  // ...while at most this many bytes are unechoed
    double stallSeconds = 10;         // unechoed bytes and no progress for this long: lost
    double connectSeconds = 60;       // every connection up within this, or the run fails
    double drainSeconds = 10;         // at the end, every echo back within this
    std::size_t maxReports = 20;      // losses printed in full; the rest only counted
};

struct SoakResult {
    std::uint64_t verified = 0; // echoed bytes that matched
    std::uint64_t lost = 0;     // mismatches, unexpected closes, errors, stalls, undrained echoes
    std::uint64_t messages = 0;
    std::uint64_t pauses = 0;
    std::uint64_t gracefulReconnects = 0;
    std::uint64_t resetReconnects = 0;
    std::uint64_t abandoned = 0; // bytes sent on connections reset on purpose before their echo came
};

class SoakClient {
public:
    explicit SoakClient(const SoakOptions& options);
    SoakClient(const SoakClient&) = delete;
    SoakClient& operator=(const SoakClient&) = delete;
    ~SoakClient();

    // Opens every connection (prints "connected N" on stdout once all are up), runs the traffic for
    // options.seconds, drains and closes. Exits the process with status 2 if the connections cannot
    // all be opened.
    SoakResult run();

    // Ends the traffic as if the time were up; async-signal-safe.
    static void requestStop() { stopRequested_ = 1; }

private:
    enum class State { Connecting, Handshaking, Ready, Active, Paused, Closing, Waiting, Done };
    enum class StepKind { None, Message, Pause, Reconnect };
    struct Step {
        StepKind kind = StepKind::None;
        std::size_t size = 0;
        bool waitForEcho = false;
        bool graceful = false;
        double pauseSeconds = 0;
    };
    struct Conn {
        Conn(std::uint64_t seed, std::size_t i) : index(i), rng(seed, i), stream(seed, i) {}
        std::size_t index;
        Rng rng;
        ByteStream stream;
        int fd = -1;
        SSL* ssl = nullptr;
        State state = State::Connecting;
        std::uint32_t socketNumber = 0; // sockets this index has opened, the current one included
        std::uint32_t events = 0;       // what epoll watches for it
        std::uint64_t sendOffset = 0;   // stream bytes written
        std::uint64_t verifyOffset = 0; // stream bytes echoed and checked
        std::uint64_t messageEnd = 0;   // end of the message being written
        Step pending;
        bool shutdownSent = false;
        bool connectFailing = false; // the last connect was refused: a retry's refusal is not counted again
        double lastProgress = 0;
        std::uint64_t timerSeq = 0; // a timer whose sequence number differs is stale
    };
    struct Timer {
        double at;
        std::size_t index;
        std::uint64_t seq;
        bool operator>(const Timer& other) const { return at > other.at; }
    };

    void openSocket(Conn& c);
    void onConnected(Conn& c);
    void handshake(Conn& c);
    void onEvent(Conn& c, std::uint32_t events);
    void pump(Conn& c);
    bool writeSome(Conn& c, bool& wantOut);
    bool readSome(Conn& c, bool& wantOut, bool& progressed);
    bool verify(Conn& c, const unsigned char* data, std::size_t length);
    void messageSent(Conn& c);
    bool tryStep(Conn& c);
    void startGracefulClose(Conn& c);
    void closeSocket(Conn& c, bool reset);
    void reopen(Conn& c);
    void lose(Conn& c, const std::string& what);
    void connectFailed(Conn& c, const std::string& what);
    void setEvents(Conn& c, std::uint32_t events);
    void addTimer(Conn& c, double at);
    void onTimer(Conn& c);
    void beginEnd();
    bool finished(const Conn& c) const;
    void checkStalls(double now);
    std::string describe(const Conn& c) const;

    static inline volatile std::sig_atomic_t stopRequested_ = 0;

    SoakOptions options_;
    int epfd_ = -1;
    SSL_CTX* tlsContext_ = nullptr;
    std::vector<Conn> conns_;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
    std::vector<unsigned char> sendBuffer_;
    std::vector<unsigned char> readBuffer_;
    std::vector<unsigned char> expectBuffer_;
    bool started_ = false;
    bool ending_ = false;
    double now_ = 0;
    std::size_t reports_ = 0;
    SoakResult result_;
};

} // namespace qgnet_soak
