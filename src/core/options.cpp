// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <bit>
#include <thread>

#include <sched.h>

#include "engine_config.h"
#include "qgnet/error.h"

namespace qgnet {

std::string_view toString(LoadBalancing lb) noexcept
{
    switch (lb) {
    case LoadBalancing::RoundRobin: return "round-robin";
    case LoadBalancing::LeastConnections: return "least-connections";
    case LoadBalancing::SourceAddrHash: return "source-addr-hash";
    }
    return "?";
}

std::string_view toString(Backend backend) noexcept
{
    switch (backend) {
    case Backend::Epoll: return "epoll";
    case Backend::IoUring: return "io_uring";
    }
    return "?";
}

namespace detail {

namespace {

constexpr int kMaxLoops = 1024;
constexpr std::size_t kMinBufferCap = 1024;
constexpr std::size_t kMaxBufferCap = 64u * 1024 * 1024;
// Below this a budget could not hold one connection's outbound ring and a spill chunk per loop.
constexpr std::size_t kMinMemoryBudget = 1024 * 1024;

[[noreturn]] void invalid(const std::string& what) { throw Error(Errc::InvalidOption, "invalid option " + what); }

int usableCpus()
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        return std::max(1, CPU_COUNT(&set));
    return std::max(1u, std::thread::hardware_concurrency());
}

std::size_t checkedBufferCap(const char* name, std::size_t value)
{
    if (value == 0 || value > kMaxBufferCap)
        invalid(std::string(name) + "=" + std::to_string(value) + ": must be 1..67108864 bytes");
    return roundUpToPowerOfTwo(std::max(value, kMinBufferCap));
}

} // namespace

std::size_t roundUpToPowerOfTwo(std::size_t n) noexcept { return std::bit_ceil(n); }

EngineConfig makeConfig(const Options& options)
{
    EngineConfig config;
    config.options = options;
    Options& o = config.options;

    if (o.numEventLoop < 0 || o.numEventLoop > kMaxLoops)
        invalid("numEventLoop=" + std::to_string(o.numEventLoop) + ": must be 0..1024");
    config.loops = o.numEventLoop > 0 ? o.numEventLoop : o.multicore ? usableCpus() : 1;

    o.readBufferCap = checkedBufferCap("readBufferCap", o.readBufferCap);
    o.writeBufferCap = checkedBufferCap("writeBufferCap", o.writeBufferCap);
    o.edgeTriggeredReadBudget = std::max(o.edgeTriggeredReadBudget, o.readBufferCap);

    if (o.tcpKeepAlive.count() < 0)
        invalid("tcpKeepAlive=" + std::to_string(o.tcpKeepAlive.count()) + "s: must not be negative");
    if (o.socketRecvBuffer < 0)
        invalid("socketRecvBuffer=" + std::to_string(o.socketRecvBuffer) + ": must not be negative");
    if (o.socketSendBuffer < 0)
        invalid("socketSendBuffer=" + std::to_string(o.socketSendBuffer) + ": must not be negative");
    if (o.listenBacklog < 0)
        invalid("listenBacklog=" + std::to_string(o.listenBacklog) + ": must not be negative");
    if (o.logLevel > LogLevel::Off)
        invalid("logLevel: unknown level");
    if (o.lb > LoadBalancing::SourceAddrHash)
        invalid("lb: unknown load-balancing policy");
    if (o.backend > Backend::IoUring)
        invalid("backend: unknown backend");
    if (o.stallThreshold.count() <= 0)
        invalid("stallThreshold=" + std::to_string(o.stallThreshold.count()) + "ms: must be positive");

    if (o.outputLowWater > o.outputHighWater)
        invalid("outputLowWater=" + std::to_string(o.outputLowWater)
            + ": must not exceed outputHighWater=" + std::to_string(o.outputHighWater));
    if (o.maxOutputBuffered < o.outputHighWater)
        invalid("maxOutputBuffered=" + std::to_string(o.maxOutputBuffered)
            + ": must be at least outputHighWater=" + std::to_string(o.outputHighWater));
    if (o.maxInputBuffered == 0)
        invalid("maxInputBuffered=0: must be positive");
    if (o.taskQueueCapacity == 0)
        invalid("taskQueueCapacity=0: must be positive");
    if (o.taskQueueBytes == 0)
        invalid("taskQueueBytes=0: must be positive");
    if (o.memoryBudget != 0 && o.memoryBudget < kMinMemoryBudget)
        invalid("memoryBudget=" + std::to_string(o.memoryBudget) + ": must be 0 (no budget) or at least "
            + std::to_string(kMinMemoryBudget) + " bytes (1 MiB)");
    if (o.idleTimeout.count() < 0 || o.readTimeout.count() < 0 || o.writeTimeout.count() < 0)
        invalid("idleTimeout/readTimeout/writeTimeout: must not be negative");
    if (o.workerThreads < 0 || o.workerThreads > 1024)
        invalid("workerThreads=" + std::to_string(o.workerThreads) + ": must be 0..1024");
    if (o.workerThreads > 0 && o.workerQueueCapacity == 0)
        invalid("workerQueueCapacity=0: must be positive when workerThreads > 0");

    if (o.logger)
        config.logger = o.logger;
    else if (!o.logPath.empty())
        config.logger = makeFileLogger(o.logPath); // throws, naming logPath, when it cannot be opened
    else
        config.logger = makeStderrLogger();
    return config;
}

} // namespace detail
} // namespace qgnet
