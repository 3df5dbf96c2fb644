// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <fcntl.h>
#include <unistd.h>

#include "backend/backend.h"
#include "engine_core.h"
#include "event_loop.h"
#include "listener.h"
#include "mailbox.h"
#include "qgnet/error.h"
#include "qgnet/tls.h"
#include "socket_ops.h"
#include "stats/live_counters.h"

namespace qgnet::detail {

EngineCore::EngineCore(EventHandler& handler, EngineConfig config)
    : handler_(&handler)
    , config_(std::move(config))
    , view_(this, false)
    , memoryBudget_(config_.options.memoryBudget)
    , balancer_(config_.options.lb, static_cast<std::size_t>(config_.loops))
    , highWater_(config_.options.outputHighWater)
    , lowWater_(config_.options.outputLowWater)
{
    countUp(liveCells().engines);
}

EngineCore::~EngineCore()
{
    requestStop();
    join();
    workers_.reset();
    resolver_.reset();
    // Loops first, explicitly: their listeners close through closeListenerFd(), which needs mutex_.
    acceptor_.reset();
    loops_.clear();
    countDown(liveCells().engines);
}

namespace {

// A server needs a server context (certificate and key), a client a client context (trust, names).
void checkTlsSide(const Options& options, bool server)
{
    if (options.tls && options.tls->isServer() != server)
        throw Error(Errc::InvalidOption,
            server ? "invalid option tls: an Engine needs a server context (TlsContext::server), not a client one"
                   : "invalid option tls: a Client needs a client context (TlsContext::client), not a server one");
}

// The host of a dial URL ("tcp://name:443" -> "name", "tcp6://[::1]:443" -> "::1"), for TLS's
// SNI and certificate check; empty for unix:// and for URLs without a host.
std::string urlHost(std::string_view url)
{
    const auto scheme = url.find("://");
    if (scheme != std::string_view::npos) {
        if (url.substr(0, scheme).starts_with("unix"))
            return {};
        url.remove_prefix(scheme + 3);
    }
    if (url.starts_with('[')) {
        const auto end = url.find(']');
        std::string_view host = url.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
        return std::string(host.substr(0, host.find('%')));
    }
    return std::string(url.substr(0, url.rfind(':')));
}

} // namespace

std::unique_ptr<EngineCore> EngineCore::create(EventHandler& handler, std::span<const std::string> addresses,
    const Options& options)
{
    checkTlsSide(options, true);
    std::unique_ptr<EngineCore> core(new EngineCore(handler, makeConfig(options)));
    core->createLoops();
    core->bind(addresses);
    core->createWorkers();
    return core;
}

std::unique_ptr<EngineCore> EngineCore::createClient(EventHandler& handler, const Options& options)
{
    checkTlsSide(options, false);
    std::unique_ptr<EngineCore> core(new EngineCore(handler, makeConfig(options)));
    core->createLoops();
    core->createWorkers();
    core->resolver_ = std::make_unique<WorkerPool>(1, 4096);
    return core;
}

void EngineCore::createLoops()
{
    chooseBackend(config_);
    for (int i = 0; i < config_.loops; ++i) {
        loops_.push_back(std::make_unique<EventLoop>(*this, i, config_));
        counts_.push_back(&loops_.back()->connectionCount());
        memoryBudget_.addPool(loops_.back()->pool());
    }
}

void EngineCore::createWorkers()
{
    if (config_.options.workerThreads > 0)
        workers_ = std::make_unique<WorkerPool>(config_.options.workerThreads, config_.options.workerQueueCapacity);
}

std::error_code EngineCore::dial(std::string_view url, std::chrono::milliseconds timeout,
    std::function<void(Conn*, std::error_code)> callback, std::any context)
{
    if (stopRequested())
        return Errc::EngineStopped;
    EventLoop& target = *loops_[balancer_.pickOutbound(counts_)];
    target.connectionCount().fetch_add(1, std::memory_order_relaxed); // counted from now: least-connections
    const Clock::time_point deadline = Clock::now() + timeout;
    // getaddrinfo may block on the network: never on a loop, always on the resolver thread.
    const bool tls = config_.options.tls != nullptr;
    const std::error_code queued = resolver_->submit([&target, url = std::string(url), deadline, tls, &config = config_,
                                                         callback, context = std::move(context)]() mutable {
        EventLoop::DialRequest request;
        if (tls)
            request.host = urlHost(url);
        std::string detail;
        request.peers = ListenAddress::resolveAll(url, request.network, request.error, &detail,
            config.options.resolver);
        if (request.error)
            config.log(LogLevel::Info, "dial: " + detail);
        request.url = std::move(url);
        request.deadline = deadline;
        request.callback = callback;
        request.context = std::move(context);
        const auto pushed = target.post([&target, request = std::move(request)](bool run) mutable {
            if (run) {
                target.dial(std::move(request));
                return;
            }
            target.connectionCount().fetch_sub(1, std::memory_order_relaxed);
            if (request.callback)
                request.callback(nullptr, Errc::EngineStopped);
        });
        if (pushed != Mailbox::Push::Queued) {
            target.connectionCount().fetch_sub(1, std::memory_order_relaxed);
            if (callback)
                callback(nullptr, pushError(pushed));
        }
    });
    if (queued)
        target.connectionCount().fetch_sub(1, std::memory_order_relaxed);
    return queued;
}

std::error_code EngineCore::enroll(int fd, std::function<void(Conn*, std::error_code)> callback, std::any context)
{
    EventLoop& target = *loops_[balancer_.pickOutbound(counts_)];
    target.connectionCount().fetch_add(1, std::memory_order_relaxed);
    const auto pushed = target.post([&target, fd, callback, context = std::move(context)](bool run) mutable {
        if (run) {
            target.enroll(fd, std::move(callback), std::move(context));
            return;
        }
        ::close(fd);
        target.connectionCount().fetch_sub(1, std::memory_order_relaxed);
        if (callback)
            callback(nullptr, Errc::EngineStopped);
    });
    if (pushed != Mailbox::Push::Queued) {
        ::close(fd);
        target.connectionCount().fetch_sub(1, std::memory_order_relaxed);
    }
    return pushError(pushed);
}

void EngineCore::bind(std::span<const std::string> addresses)
{
    if (addresses.empty())
        throw Error(Errc::InvalidAddress, "no address to listen on");
    for (const std::string& url : addresses)
        addresses_.push_back(ListenAddress::parse(url, config_.options.resolver));
    if (config_.options.tls) {
        for (const ListenAddress& address : addresses_)
            if (!isStream(address.network()))
                throw Error(Errc::InvalidOption,
                    "invalid option tls: TLS applies to stream listeners (tcp, unix), and '" + address.url()
                        + "' is a UDP address (DTLS is not supported)");
    }

    for (std::size_t i = 0; i < addresses_.size(); ++i) {
        const ListenAddress& address = addresses_[i];
        // Unix sockets cannot be shared through SO_REUSEPORT: they always go through the acceptor.
        // UDP has nothing to accept: every loop always gets its own SO_REUSEPORT socket (gnet's rule).
        const bool datagram = !isStream(address.network());
        const bool perLoop = datagram || (config_.options.reusePort && address.network() != Network::Unix);
        const bool sharePort = perLoop && loops_.size() > 1;
        std::error_code ec;
        std::string detail;
        ListenSocket first = openListener(address, address.socketAddress(), config_,
            sharePort || (perLoop && !datagram), ec, detail);
        if (ec)
            throw Error(ec, detail);
        bound_.push_back(first.bound);
        primaryFds_.push_back(first.fd);
        const int index = static_cast<int>(i);
        if (datagram) {
            loops_[0]->addDatagramSocket(first.fd, address.network(), first.bound);
            for (std::size_t loop = 1; loop < loops_.size(); ++loop) {
                ListenSocket more = openListener(address, first.bound, config_, true, ec, detail);
                if (ec)
                    throw Error(ec, detail);
                loops_[loop]->addDatagramSocket(more.fd, address.network(), more.bound);
            }
            continue;
        }
        const bool isUnix = address.network() == Network::Unix;
        auto listener = std::make_unique<Listener>(first.fd, address, first.bound, index, isUnix);
        listener->setProbe(probeFor(address, first.bound, first.fd, perLoop ? 0 : -1));
        if (!perLoop) {
            if (!acceptor_) {
                acceptor_ = std::make_unique<EventLoop>(*this, -1, config_);
                decisions_ = std::make_unique<DecisionLog>(config_.options.decisionLogCapacity,
                    static_cast<std::size_t>(config_.loops));
            }
            acceptor_->addListener(std::move(listener));
            continue;
        }
        loops_[0]->addListener(std::move(listener));
        // The other loops bind the address the first one got (a requested port 0 is now real).
        for (std::size_t loop = 1; loop < loops_.size(); ++loop) {
            ListenSocket more = openListener(address, first.bound, config_, true, ec, detail);
            if (ec)
                throw Error(ec, detail);
            auto another = std::make_unique<Listener>(more.fd, address, more.bound, index, false);
            another->setProbe(probeFor(address, more.bound, more.fd, static_cast<int>(loop)));
            loops_[loop]->addListener(std::move(another));
        }
    }
}

void EngineCore::start()
{
    Action boot = Action::None;
    boot = handler_->onBoot(view_);
    if (boot == Action::Shutdown) {
        stopRequested_.store(true, std::memory_order_release);
        // No loop will run: the listeners close now, not when the Engine handle goes, so that the
        // port is free at once and no peer completes a handshake with nobody behind it.
        for (auto& loop : loops_)
            loop->closeUnstarted();
        if (acceptor_)
            acceptor_->closeUnstarted();
        std::lock_guard lock(mutex_);
        finished_ = true;
        return;
    }
    started_ = std::chrono::system_clock::now();
    running_.store(static_cast<int>(loops_.size()) + (acceptor_ ? 1 : 0), std::memory_order_release);
    for (auto& loop : loops_)
        threads_.emplace_back([this, l = loop.get()] {
            l->run();
            loopExited();
        });
    if (acceptor_)
        threads_.emplace_back([this] {
            acceptor_->run();
            loopExited();
        });
    config_.log(LogLevel::Debug, "engine started with " + std::to_string(loops_.size()) + " loop(s)");
}

void EngineCore::requestStop(std::chrono::milliseconds drain)
{
    if (stopRequested_.exchange(true, std::memory_order_acq_rel))
        return;
    if (acceptor_)
        acceptor_->requestStop(std::chrono::milliseconds(0)); // stop accepting first
    for (auto& loop : loops_)
        loop->requestStop(drain);
}

void EngineCore::loopExited()
{
    if (running_.fetch_sub(1, std::memory_order_acq_rel) != 1)
        return;
    // Every loop has closed its connections and returned from its last callback.
    handler_->onShutdown(view_);
    std::lock_guard lock(mutex_);
    finished_ = true;
    finishedCv_.notify_all();
}

bool EngineCore::isLoopThread() const noexcept
{
    for (const auto& loop : loops_)
        if (loop->isLoopThread())
            return true;
    return acceptor_ && acceptor_->isLoopThread();
}

void EngineCore::join()
{
    std::lock_guard lock(joinMutex_);
    for (std::thread& t : threads_)
        if (t.joinable())
            t.join();
    // Loops are gone, so no callback can submit more; let the workers finish what is queued. Dials
    // still resolving find the loops' mailboxes closed and report Errc::EngineStopped.
    if (workers_ && stopRequested())
        workers_->stop();
    if (resolver_ && stopRequested())
        resolver_->stop();
}

void EngineCore::wait()
{
    {
        std::unique_lock lock(mutex_);
        finishedCv_.wait(lock, [this] { return finished_; });
    }
    join();
}

// Options::maxConnections: over it, the new socket is closed at once (an orderly close, so the peer
// is not left hanging) and the listener backs off; the loops' counts are summed, which is cheap next
// to an accept.
bool EngineCore::refuseOverLimit(EventLoop& acceptingLoop, Listener& listener, int fd, const SocketAddress& peer)
{
    const std::size_t limit = config_.options.maxConnections;
    std::size_t open = 0;
    for (const std::atomic<int>* count : counts_)
        open += static_cast<std::size_t>(std::max(count->load(std::memory_order_relaxed), 0));
    if (open < limit) {
        if (atLimit_.load(std::memory_order_relaxed) && atLimit_.exchange(false))
            config_.log(LogLevel::Info,
                "below the connection limit of " + std::to_string(limit) + " again ("
                    + std::to_string(refusedConnections()) + " refused so far); accepting");
        return false;
    }
    // Counted before the close: a peer that sees its connection end must find it counted.
    refused_.fetch_add(1, std::memory_order_relaxed);
    listener.countRefused();
    ::close(fd);
    if (!atLimit_.exchange(true)) {
        const std::string where = "accept on " + listener.address().url(listener.bound());
        config_.log(LogLevel::Warn,
            "the engine holds " + std::to_string(open) + " connections, its limit (maxConnections="
                + std::to_string(limit) + "): new connections are closed at accept until some close");
        acceptingLoop.recordEvent(EngineEvent::Kind::Error, 0, peer, Errc::ConnectionLimit, where);
    }
    return true;
}

bool EngineCore::dispatchAccepted(EventLoop& acceptingLoop, Listener& listener, int fd, const SocketAddress& peer)
{
    if (config_.options.maxConnections != 0 && refuseOverLimit(acceptingLoop, listener, fd, peer))
        return false;
    configureAccepted(fd, listener.network(), config_);
    const Network network = listener.network();
    if (acceptingLoop.index() >= 0) { // reuseport: the kernel already chose this loop
        acceptingLoop.connectionCount().fetch_add(1, std::memory_order_relaxed);
        acceptingLoop.adopt(fd, network, peer);
        return true;
    }
    LoadBalancing policy = LoadBalancing::RoundRobin;
    const std::size_t chosen = balancer_.pick(peer, counts_, &policy);
    recordDecision(policy, peer, chosen);
    EventLoop& target = *loops_[chosen];
    // Count it now, not when the loop gets to it: least-connections must see a burst of accepts.
    target.connectionCount().fetch_add(1, std::memory_order_relaxed);
    const auto pushed = target.post([&target, fd, network, peer](bool run) {
        if (run) {
            target.adopt(fd, network, peer);
        } else { // the loop stopped before it got to this socket
            ::close(fd);
            target.connectionCount().fetch_sub(1, std::memory_order_relaxed);
        }
    });
    if (pushed != Mailbox::Push::Queued) {
        if (pushed == Mailbox::Push::Full)
            config_.log(LogLevel::Warn,
                "loop " + std::to_string(target.index()) + "'s task queue is full; dropping a new connection from "
                    + peer.toString());
        ::close(fd);
        target.connectionCount().fetch_sub(1, std::memory_order_relaxed);
    }
    return true;
}

std::error_code EngineCore::execute(int loop, std::function<void()> task)
{
    if (loop < 0 || loop >= loopCount())
        return std::make_error_code(std::errc::invalid_argument);
    return pushError(loops_[static_cast<std::size_t>(loop)]->post([t = std::move(task)](bool run) {
        if (run)
            t();
    }));
}

TimerQueue::Id EngineCore::schedule(int loop, std::chrono::nanoseconds delay, std::function<void()> task,
    std::error_code& ec)
{
    if (loop < 0 || loop >= loopCount()) {
        ec = std::make_error_code(std::errc::invalid_argument);
        return 0;
    }
    EventLoop& target = *loops_[static_cast<std::size_t>(loop)];
    const TimerQueue::Id id = target.timers().reserveId();
    const auto due = Clock::now()
        + std::chrono::duration_cast<Clock::duration>(std::max(delay, std::chrono::nanoseconds(0)));
    ec = pushError(target.post([&target, id, due, t = std::move(task)](bool run) mutable {
        if (run)
            target.timers().scheduleWithId(id, due, std::move(t));
    }));
    return ec ? 0 : id;
}

std::error_code EngineCore::cancel(int loop, TimerQueue::Id id)
{
    if (loop < 0 || loop >= loopCount())
        return std::make_error_code(std::errc::invalid_argument);
    EventLoop& target = *loops_[static_cast<std::size_t>(loop)];
    return pushError(target.post([&target, id](bool run) {
        if (run)
            target.timers().cancel(id);
    }));
}

std::error_code EngineCore::submit(std::function<void()> task)
{
    if (!workers_)
        return Errc::UnsupportedOperation;
    if (stopRequested())
        return Errc::EngineStopped;
    return workers_->submit(std::move(task));
}

void EngineCore::closeListenerFd(int fd, ListenerProbe* probe) noexcept
{
    std::lock_guard lock(mutex_);
    if (probe)
        probe->fd.store(-1, std::memory_order_relaxed);
    ::close(fd);
}

ListenerProbe* EngineCore::probeFor(const ListenAddress& address, const SocketAddress& bound, int fd, int loop)
{
    auto& probe = listenerProbes_.emplace_back(std::make_unique<ListenerProbe>());
    probe->url = address.url(bound);
    probe->network = address.network();
    probe->loop = loop;
    probe->reusePort = loop >= 0;
    probe->fd.store(fd, std::memory_order_relaxed);
    return probe.get();
}

// Under mutex_, so that no listener's socket closes (and its number is reused) between reading the
// probe's descriptor and asking the kernel about it.
std::vector<ListenerStats> EngineCore::collectListeners()
{
    std::vector<ListenerStats> out;
    std::lock_guard lock(mutex_);
    out.reserve(listenerProbes_.size());
    for (const auto& probe : listenerProbes_) {
        ListenerStats& l = out.emplace_back();
        l.url = probe->url;
        l.network = probe->network;
        l.loop = probe->loop;
        l.reusePort = probe->reusePort;
        readAcceptQueue(probe->fd.load(std::memory_order_relaxed), probe->network, l.queueDepth, l.backlog);
        l.accepted = probe->accepted.load(std::memory_order_relaxed);
        l.refused = probe->refused.load(std::memory_order_relaxed);
        l.state = probe->state.load(std::memory_order_relaxed);
        l.backoffError = probe->backoffError.load(std::memory_order_relaxed);
        l.backoff = std::chrono::milliseconds(probe->backoffMs.load(std::memory_order_relaxed));
    }
    return out;
}

int EngineCore::dupListener(std::error_code& ec)
{
    if (addresses_.size() != 1) {
        ec = Errc::UnsupportedOperation;
        return -1;
    }
    std::lock_guard lock(mutex_);
    if (stopRequested()) {
        ec = Errc::EngineStopped;
        return -1;
    }
    const int copy = ::fcntl(primaryFds_.front(), F_DUPFD_CLOEXEC, 0);
    ec = copy < 0 ? errnoCode() : std::error_code();
    return copy;
}

int EngineCore::countConnections() const noexcept
{
    int total = 0;
    for (const auto& loop : loops_)
        total += loop->connectionCount().load(std::memory_order_relaxed);
    return total;
}

std::vector<int> EngineCore::connectionsPerLoop() const
{
    std::vector<int> counts;
    for (const auto& loop : loops_)
        counts.push_back(loop->connectionCount().load(std::memory_order_relaxed));
    return counts;
}

std::uint64_t EngineCore::truncatedDatagrams() const noexcept
{
    std::uint64_t total = 0;
    for (const auto& loop : loops_)
        total += loop->truncatedDatagrams();
    return total;
}

Backend EngineCore::backend() const noexcept
{
    return config_.options.backend; // what runs: chooseBackend() already applied any fallback
}

std::vector<std::string> EngineCore::listenUrls() const
{
    std::vector<std::string> urls;
    for (std::size_t i = 0; i < addresses_.size(); ++i)
        urls.push_back(addresses_[i].url(bound_[i]));
    return urls;
}

} // namespace qgnet::detail

namespace qgnet {

Engine Engine::start(EventHandler& handler, std::span<const std::string> addresses, const Options& options)
{
    auto core = detail::EngineCore::create(handler, addresses, options);
    core->start();
    return Engine(core.release(), true);
}

Engine Engine::start(EventHandler& handler, std::string_view address, const Options& options)
{
    const std::string one(address);
    return start(handler, std::span<const std::string>(&one, 1), options);
}

Engine::Engine() noexcept = default;

Engine::Engine(Engine&& other) noexcept : core_(other.core_), owner_(other.owner_)
{
    other.core_ = nullptr;
    other.owner_ = false;
}

Engine& Engine::operator=(Engine&& other) noexcept
{
    if (this != &other) {
        release();
        core_ = other.core_;
        owner_ = other.owner_;
        other.core_ = nullptr;
        other.owner_ = false;
    }
    return *this;
}

Engine::~Engine() { release(); }

void Engine::release() noexcept
{
    if (!owner_ || !core_)
        return;
    if (core_->isLoopThread()) {
        // Joining our own thread would deadlock, and deleting the core would pull the loop from
        // under the running callback. There is no safe way on: say so and stop.
        std::fputs("qgnet: an owning Engine handle was destroyed on one of its own loop threads\n", stderr);
        std::abort();
    }
    delete core_;
    core_ = nullptr;
    owner_ = false;
}

int Engine::countConnections() const noexcept { return core_ ? core_->countConnections() : -1; }
std::vector<int> Engine::connectionsPerLoop() const { return core_ ? core_->connectionsPerLoop() : std::vector<int>{}; }
int Engine::loopCount() const noexcept { return core_ ? core_->loopCount() : 0; }
std::vector<SocketAddress> Engine::listenAddresses() const
{
    return core_ ? core_->listenAddresses() : std::vector<SocketAddress>{};
}
std::vector<std::string> Engine::listenUrls() const { return core_ ? core_->listenUrls() : std::vector<std::string>{}; }

std::uint64_t Engine::truncatedDatagrams() const noexcept { return core_ ? core_->truncatedDatagrams() : 0; }
std::uint64_t Engine::refusedConnections() const noexcept { return core_ ? core_->refusedConnections() : 0; }

std::error_code Engine::pauseAccepting() { return core_ ? core_->setAccepting(false) : Errc::EngineStopped; }

std::error_code Engine::resumeAccepting() { return core_ ? core_->setAccepting(true) : Errc::EngineStopped; }

bool Engine::isAcceptingPaused() const noexcept { return core_ && core_->acceptingPaused(); }

std::error_code Engine::setLoadBalancing(LoadBalancing policy)
{
    return core_ ? core_->setLoadBalancing(policy) : Errc::EngineStopped;
}

LoadBalancing Engine::loadBalancing() const noexcept
{
    return core_ ? core_->loadBalancing() : LoadBalancing::RoundRobin;
}

std::error_code Engine::setWaterMarks(std::size_t high, std::size_t low)
{
    return core_ ? core_->setWaterMarks(high, low) : Errc::EngineStopped;
}

int Engine::dup(std::error_code& ec) const noexcept
{
    if (!core_) {
        ec = Errc::EngineStopped;
        return -1;
    }
    return core_->dupListener(ec);
}

int Engine::dup() const
{
    std::error_code ec;
    const int fd = dup(ec);
    if (ec)
        throw Error(ec, "Engine::dup failed: " + ec.message());
    return fd;
}

std::error_code Engine::validate() const noexcept
{
    if (!core_ || core_->stopRequested())
        return Errc::EngineStopped;
    return {};
}

void Engine::stop(std::chrono::milliseconds drainTimeout)
{
    if (!core_)
        return;
    core_->requestStop(drainTimeout);
    if (!core_->isLoopThread())
        core_->join();
}

void Engine::wait()
{
    if (core_ && !core_->isLoopThread())
        core_->wait();
}

std::error_code Engine::execute(int loop, std::function<void()> task) const
{
    return core_ ? core_->execute(loop, std::move(task)) : Errc::EngineStopped;
}

Engine::TimerId Engine::schedule(int loop, std::chrono::nanoseconds delay, std::function<void()> task,
    std::error_code& ec) const
{
    if (!core_) {
        ec = Errc::EngineStopped;
        return 0;
    }
    return core_->schedule(loop, delay, std::move(task), ec);
}

std::error_code Engine::cancel(int loop, TimerId id) const
{
    return core_ ? core_->cancel(loop, id) : Errc::EngineStopped;
}

std::error_code Engine::submit(std::function<void()> task) const
{
    return core_ ? core_->submit(std::move(task)) : Errc::EngineStopped;
}

void run(EventHandler& handler, std::string_view address, const Options& options)
{
    Engine::start(handler, address, options).wait();
}

void run(EventHandler& handler, std::span<const std::string> addresses, const Options& options)
{
    Engine::start(handler, addresses, options).wait();
}

} // namespace qgnet
