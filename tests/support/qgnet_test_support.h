// SPDX-License-Identifier: Apache-2.0
// Test support for the qgnet integration tests: blocking-style test clients over plain POSIX sockets
// (every wait is a poll() with a deadline), seeded random data, and process resource counters.
// No Qt and no qgnet here, so the helper programs can use it too.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <sys/socket.h>
#include <sys/types.h>

namespace qgnet_test {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;
using ConstBytes = std::span<const std::byte>;

/// deadlineIn is now + timeout.
inline Deadline deadlineIn(std::chrono::milliseconds timeout) { return Clock::now() + timeout; }

/// testScale is QGNET_TEST_SCALE from the environment (default 1, clamped to 0.01..100). Tests multiply
/// their data volumes by it, so sanitizer runs can shrink them and soak runs can grow them.
double testScale();
/// scaled is n * testScale(), at least minimum.
std::size_t scaled(std::size_t n, std::size_t minimum = 1);

/// Fd owns a file descriptor and closes it.
class Fd {
public:
    Fd() noexcept = default;
    explicit Fd(int fd) noexcept : fd_(fd) {}
    Fd(Fd&& other) noexcept;
    Fd& operator=(Fd&& other) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();

    int get() const noexcept { return fd_; }
    bool valid() const noexcept { return fd_ >= 0; }
    explicit operator bool() const noexcept { return valid(); }
    int release() noexcept;
    void reset(int fd = -1) noexcept;

private:
    int fd_ = -1;
};

// ---- Connecting ------------------------------------------------------------------------------------
// Every socket is created non-blocking and close-on-exec; on failure an invalid Fd is returned and err says why.

/// connectSockaddr connects a stream socket to addr; bindIp (IPv4 only) binds the client end first;
/// rcvBuf > 0 sets SO_RCVBUF before connecting (so the advertised window is small from the start).
Fd connectSockaddr(const sockaddr* addr, socklen_t len, Deadline deadline, std::string& err,
    const char* bindIp = nullptr, int rcvBuf = 0);
/// connectTcp connects to ip:port (IPv4 or IPv6 numeric ip).
Fd connectTcp(const std::string& ip, std::uint16_t port, Deadline deadline, std::string& err,
    const char* bindIp = nullptr);
/// connectUnix connects to a Unix-domain stream socket at path.
Fd connectUnix(const std::string& path, Deadline deadline, std::string& err);
/// connectUrl connects to "tcp://ip:port", "tcp4://ip:port", "tcp6://[ip]:port", "ip:port" or "unix://path".
Fd connectUrl(std::string_view url, Deadline deadline, std::string& err);

// ---- Data transfer ---------------------------------------------------------------------------------

/// exchange sends every piece in order (each piece with its own send() calls) while receiving exactly
/// expect bytes into received, concurrently, so neither side can deadlock on full socket buffers.
/// On failure (timeout, EOF, error) received holds what arrived so far and err describes the state.
bool exchange(int fd, std::span<const ConstBytes> pieces, std::vector<std::byte>& received, std::size_t expect,
    Deadline deadline, std::string& err);
/// sendAll sends data completely.
bool sendAll(int fd, ConstBytes data, Deadline deadline, std::string& err);
bool sendAll(int fd, std::string_view data, Deadline deadline, std::string& err);
/// recvExact receives exactly n bytes; EOF before that is an error.
bool recvExact(int fd, std::vector<std::byte>& out, std::size_t n, Deadline deadline, std::string& err);
/// echoRoundTrip sends data and checks that exactly the same bytes come back (err names the first bad offset).
bool echoRoundTrip(int fd, ConstBytes data, Deadline deadline, std::string& err);
bool echoRoundTrip(int fd, std::string_view data, Deadline deadline, std::string& err);

/// ReadEnd is how a connection's input ended while waiting for EOF.
enum class ReadEnd { Eof, Reset, Data, Timeout, Error };
const char* toString(ReadEnd end) noexcept;
/// waitForEnd reads until EOF, reset, unexpected data (Data), the deadline or another error.
ReadEnd waitForEnd(int fd, Deadline deadline, std::string& err);
/// drainUntilEnd reads and keeps every byte until EOF/reset/deadline; returns how input ended.
ReadEnd drainUntilEnd(int fd, std::vector<std::byte>& out, Deadline deadline, std::string& err);

/// firstMismatch describes where two byte sequences first differ ("" when equal).
std::string firstMismatch(ConstBytes expected, ConstBytes actual);

// ---- Socket helpers --------------------------------------------------------------------------------

/// setLingerZero makes close() reset the connection (RST) instead of a FIN.
bool setLingerZero(int fd);
/// isListeningSocket tells whether fd is a socket in the listening state (SO_ACCEPTCONN).
bool isListeningSocket(int fd);
/// localPort / peerPort of a connected IP socket (0 when not an IP socket).
std::uint16_t localPort(int fd);
/// receiveQueued is the number of bytes waiting in a socket's receive queue (ioctl FIONREAD), -1 on error.
/// Any thread may ask, also about a socket that an engine owns (Conn::fd()).
long receiveQueued(int fd);

// ---- Random data -----------------------------------------------------------------------------------

using Rng = std::mt19937_64;
/// randomBytes fills n bytes from rng.
std::vector<std::byte> randomBytes(Rng& rng, std::size_t n);
/// randomSize is uniform in [lo, hi].
std::size_t randomSize(Rng& rng, std::size_t lo, std::size_t hi);
/// logUniformSize is log-uniform in [lo, hi], so small and large sizes are equally likely per decade.
std::size_t logUniformSize(Rng& rng, std::size_t lo, std::size_t hi);
/// seedFor mixes a test-specific string and an index into a PRNG seed (stable across runs).
std::uint64_t seedFor(std::string_view what, std::uint64_t index = 0);
/// fnv1a64 hashes bytes (FNV-1a, 64 bit).
std::uint64_t fnv1a64(ConstBytes data) noexcept;

// ---- Process resources -----------------------------------------------------------------------------

/// raiseNofileLimit raises RLIMIT_NOFILE's soft limit to the hard limit; returns the new soft limit or -1.
long raiseNofileLimit(std::string& err);
/// processCpuTicks is utime + stime of a process in clock ticks (/proc/<pid>/stat), -1 on error.
long long processCpuTicks(pid_t pid);
/// clockTicksPerSecond is sysconf(_SC_CLK_TCK).
long clockTicksPerSecond();

// ---- Waiting and threads ---------------------------------------------------------------------------

/// waitFor evaluates pred until it is true or timeout passes (checking every millisecond); returns the last value.
bool waitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout);

/// pauseUntil returns once the clock has reached when. It paces a stimulus (a client that sends a byte
/// every 100 ms); it is never a way to wait for the code under test, which waitFor does with a condition.
void pauseUntil(Deadline when);

/// runThreads runs body(index, failure) on n threads at once and joins them. Each body reports a problem
/// by assigning failure; exceptions are caught and reported too. Returns "thread i: <failure>" lines.
std::vector<std::string> runThreads(int n, const std::function<void(int index, std::string& failure)>& body);

/// GatedThreads starts n threads at once that wait until release(arg) and then run body(index, arg, failure).
/// Tests that spawn child processes use it to create their client threads before the spawn: under
/// ThreadSanitizer, creating a thread after QProcess has started a child aborts the process ("starting new
/// threads after multi-threaded fork is not supported"). An empty arg (or destruction before release)
/// makes the threads exit without running body.
class GatedThreads {
public:
    using Body = std::function<void(int index, const std::string& arg, std::string& failure)>;
    GatedThreads(int n, Body body);
    GatedThreads(const GatedThreads&) = delete;
    GatedThreads& operator=(const GatedThreads&) = delete;
    ~GatedThreads();

    /// release lets the threads run with arg (once).
    void release(const std::string& arg);
    /// join waits for every thread and returns "thread i: <failure>" lines, as runThreads.
    std::vector<std::string> join();

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// joinLines joins strings with newlines (at most maxLines, then "... and N more").
std::string joinLines(const std::vector<std::string>& lines, std::size_t maxLines = 20);

// ---- Multi-socket echo driver ----------------------------------------------------------------------

/// multiEcho sends payloads[i] on fds[i] and expects each to come back byte-exact, driving every socket
/// at once with poll(). Returns false with err naming the first failing socket.
bool multiEcho(const std::vector<Fd>& fds, const std::vector<std::vector<std::byte>>& payloads, Deadline deadline,
    std::string& err);

// ---- Big-endian helpers ----------------------------------------------------------------------------

void putBe32(std::byte* p, std::uint32_t v) noexcept;
void putBe64(std::byte* p, std::uint64_t v) noexcept;
std::uint32_t getBe32(const std::byte* p) noexcept;
std::uint64_t getBe64(const std::byte* p) noexcept;

} // namespace qgnet_test
