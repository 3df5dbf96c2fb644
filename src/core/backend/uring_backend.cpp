// SPDX-License-Identifier: Apache-2.0
// The completion backend: io_uring. Multishot accept, multishot recv into a provided buffer ring,
// one send per connection in flight, the mailbox's eventfd read through the ring, and the poll
// timeout as the wait's own timeout; everything queued during an iteration goes to the kernel in the
// one io_uring_enter that also waits. See backend.h for the contract and docs/architecture.md for the
// lifetime rules (a closed connection is freed only after its last completion).

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <liburing.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "backend/backend.h"
#include "backend/direct_send.h"
#include "backend/syscalls.h"
#include "backend/uring_buffer_ring.h"
#include "connection.h"
#include "engine_config.h"
#include "event_loop.h"
#include "listener.h"
#include "qgnet/error.h"
#include "socket_ops.h"

namespace qgnet::detail {

namespace {

// user_data is a pointer with the operation in its low three bits (every target is 8-byte aligned).
// Zero marks completions nobody waits for (the cancellations themselves).
// Poll is a connection's one poll: the connect watch while Connecting, the hang-up watch while its
// reading is paused (never both; backendState says which).
enum class Op : std::uint64_t {
    Ignore = 0,
    Wake = 1,
    Accept = 2,
    Recv = 3,
    Send = 4,
    Poll = 5,
    RecvMsg = 6,
    FilesUpdate = 7
};
constexpr std::uint64_t kOpMask = 7;

std::uint64_t tag(const void* target, Op op) noexcept
{
    return reinterpret_cast<std::uintptr_t>(target) | static_cast<std::uint64_t>(op);
}
Op opOf(std::uint64_t data) noexcept { return static_cast<Op>(data & kOpMask); }
template <typename T>
T* targetOf(std::uint64_t data) noexcept
{
    return reinterpret_cast<T*>(static_cast<std::uintptr_t>(data & ~kOpMask));
}

// Connection::backendState bits.
constexpr std::uint32_t kRecvArmed = 1u << 0;    // a multishot recv (or recvmsg) is in flight
constexpr std::uint32_t kSendInFlight = 1u << 1; // a send is in flight
constexpr std::uint32_t kFlushQueued = 1u << 2;  // on the list of sends to prepare before the next submit
constexpr std::uint32_t kRemoved = 1u << 3;      // removeConnection ran: completions are only counted
constexpr std::uint32_t kConnectWatch = 1u << 4; // the connect poll is in flight
constexpr std::uint32_t kStashed = 1u << 5;      // bytes arrived while paused sit in the inbound ring
constexpr std::uint32_t kRearm = 1u << 6;        // on the re-arm list (the recv ended, e.g. ENOBUFS)
constexpr std::uint32_t kFixed = 1u << 7;        // the socket has a fixed-file slot, its index above kIndexShift
constexpr std::uint32_t kHangupWatch = 1u << 8;  // the hang-up poll of a paused connection is in flight
constexpr std::uint32_t kIndexShift = 9;
constexpr std::uint32_t kFlagMask = (1u << kIndexShift) - 1;

// Ring sizes. The submission queue is flushed whenever it fills, so it only bounds a batch; the
// completion queue is larger because one iteration can complete a recv and a send per connection
// (and overflow is still handled, see reap()). QGNET_IO_URING_ENTRIES=N (a test hook) shrinks both
// to N, so that the tests can drive a full submission queue and an overflowing completion queue.
constexpr unsigned kSubmissionEntries = 1024;
constexpr unsigned kCompletionEntries = 8192;

struct RingSize {
    unsigned submission = kSubmissionEntries;
    unsigned completion = kCompletionEntries;
};

RingSize ringSize()
{
    RingSize size;
    if (const char* env = std::getenv("QGNET_IO_URING_ENTRIES"); env && *env) {
        const unsigned long n = std::strtoul(env, nullptr, 10);
        if (n >= 2 && n <= kCompletionEntries) {
            size.completion = static_cast<unsigned>(n);
            size.submission = std::min(size.completion, kSubmissionEntries);
        }
    }
    return size;
}
// The provided buffers. The kernel takes buffers from the ring's head and recycled ones go to its
// tail, so under load the whole ring is the working set of the recv copies and must stay small
// (1024 x 16 KiB measured 1.1x epoll's CPU per 4 KiB message at 1000 connections, from cache
// misses). With incremental consumption (kernel 6.12+): 1 MiB per loop of readBufferCap-sized
// buffers (at most 64 KiB, the default readBufferCap) filled piece by piece, so a bulk recv takes
// as much as a default epoll read and small messages sit next to each other. Without it: 512 buffers of at most 4 KiB
// (2 MiB), one per completion, which caps a recv at 4 KiB. A buffer is held only until the
// completion that finished it has been through onTraffic, so the ring runs dry only when one batch
// receives more than the ring holds; such a recv ends with ENOBUFS and is re-armed after the batch
// recycled its buffers (its bytes wait in the socket meanwhile); LoopStats::recvBuffersExhausted
// counts those recvs. QGNET_IO_URING_BUFFERS=N (a test hook, N a power of two) gives either ring N
// buffers of the same size, so that the tests can run it dry.
constexpr std::size_t kIncrementalRingBytes = 1024 * 1024;
constexpr std::size_t kIncrementalBuffersMin = 16; // so at most 64 KiB each
constexpr unsigned kProvidedBuffers = 512;
constexpr std::size_t kProvidedBufferMax = 4 * 1024;
constexpr unsigned kProvidedBuffersMaxHook = 32768; // the kernel's limit on a ring's entries

// The number of buffers of a provided-buffer ring: `normal`, or QGNET_IO_URING_BUFFERS where set to
// a power of two the kernel accepts (other values are ignored, as QGNET_IO_URING_ENTRIES's are).
unsigned providedBufferCount(unsigned normal)
{
    if (const char* env = std::getenv("QGNET_IO_URING_BUFFERS"); env && *env) {
        const unsigned long n = std::strtoul(env, nullptr, 10);
        if (n >= 1 && n <= kProvidedBuffersMaxHook && (n & (n - 1)) == 0)
            return static_cast<unsigned>(n);
    }
    return normal;
}
constexpr std::uint16_t kBufferGroup = 0;
// Writes this large skip the ring (see trySend): measured with 16 KiB-1 MiB echoes.
constexpr std::size_t kDirectSendMin = 16 * 1024;
// IORING_CQE_F_BUF_MORE (kernel 6.12; not in liburing 2.3's header): the buffer of this completion
// has room left and will carry more completions (incremental consumption only).
constexpr std::uint32_t kCqeBufferMore = 1u << 4;
// Fixed-file slots per loop (capped by RLIMIT_NOFILE); connections beyond them use their fd.
constexpr unsigned kFixedFiles = 16384;

std::error_code codeOf(int negativeErrno) { return {-negativeErrno, std::system_category()}; }

// Flag sets tried in order: the fastest first (task work only when the loop asks for completions,
// one thread submits), then plainer ones for kernels that refuse them. R_DISABLED because the ring is
// created on the engine's thread but must belong to the loop's thread (single issuer).
constexpr unsigned kFlagSets[] = {
    IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_R_DISABLED,
    IORING_SETUP_COOP_TASKRUN,
    0,
};

bool kernelAtLeast(int major, int minor)
{
    utsname u{};
    if (::uname(&u) != 0)
        return false;
    int ma = 0, mi = 0;
    if (std::sscanf(u.release, "%d.%d", &ma, &mi) != 2)
        return false;
    return ma > major || (ma == major && mi >= minor);
}

// Creates a ring with the best flag set the kernel accepts; returns 0 or -errno, and the flags used.
int initRing(io_uring& ring, unsigned& flagsUsed)
{
    int rc = -EINVAL;
    const RingSize size = ringSize();
    for (unsigned flags : kFlagSets) {
        io_uring_params params{};
        params.flags = flags | IORING_SETUP_CQSIZE | IORING_SETUP_SUBMIT_ALL;
        params.cq_entries = size.completion;
        rc = io_uring_queue_init_params(size.submission, &ring, &params);
        if (rc == 0) {
            flagsUsed = flags;
            if (!(params.features & IORING_FEAT_NODROP) || !(params.features & IORING_FEAT_EXT_ARG)) {
                io_uring_queue_exit(&ring);
                return -EOPNOTSUPP;
            }
            return 0;
        }
        if (rc != -EINVAL)
            return rc; // ENOSYS, EPERM, ENOMEM: another flag set will not help
    }
    return rc;
}

class UringBackend final : public IoBackend {
public:
    UringBackend(EventLoop& loop, const EngineConfig& config)
        : loop_(loop)
        , config_(config)
        , wakeFd_(loop.mailbox()->eventFd())
    {
        const int rc = initRing(ring_, flags_);
        if (rc < 0)
            throw Error(codeOf(rc), "io_uring_queue_init failed: " + codeOf(rc).message());
    }

    ~UringBackend() override
    {
        // Exiting the ring cancels whatever is still in flight; only then may the buffers go.
        io_uring_queue_exit(&ring_);
        buffers_.reset();
        for (AcceptRecord* record : accepts_)
            delete record;
        for (AcceptRecord* record : orphanAccepts_)
            delete record;
        for (DatagramRecord* record : datagrams_)
            delete record;
    }
    UringBackend(const UringBackend&) = delete;
    UringBackend& operator=(const UringBackend&) = delete;

    std::string_view name() const noexcept override { return "io_uring"; }
    bool owesCompletions() const noexcept override { return !orphanAccepts_.empty(); }
    void releaseIdleMemory() noexcept override
    {
        if (buffers_)
            buffers_->releaseIdleMemory();
    }

    // ---- listeners ----

    std::error_code addListener(Listener& listener) override
    {
        enable();
        auto* record = new AcceptRecord{&listener};
        accepts_.push_back(record);
        armAccept(*record);
        return {};
    }

    void setListenerActive(Listener& listener, bool active) override
    {
        AcceptRecord* record = findAccept(listener);
        if (!record || record->active == active)
            return;
        record->active = active;
        if (active && !record->armed)
            armAccept(*record);
        else if (!active && record->armed)
            cancel(tag(record, Op::Accept));
    }

    void removeListener(Listener& listener) override
    {
        AcceptRecord* record = findAccept(listener);
        if (!record)
            return;
        record->listener = nullptr; // its completions only close what they accepted from now on
        std::erase(accepts_, record);
        if (record->armed) {
            cancel(tag(record, Op::Accept));
            orphanAccepts_.push_back(record); // freed by its last completion (or the destructor)
        } else {
            delete record;
        }
    }

    // ---- connections ----

    std::error_code addConnection(Connection& conn) override
    {
        enable();
        conn.backendState &= ~kRemoved;
        if (conn.kind == IoHandle::Kind::Datagram) {
            auto* record = new DatagramRecord(conn, config_.options.readBufferCap);
            datagrams_.push_back(record);
            armRecvMsg(*record);
            return {};
        }
        if (!buffers_) {
            std::error_code ec = createBuffers();
            if (!buffers_)
                return ec;
        }
        registerFixed(conn);
        if (conn.wantsRead())
            armRecv(conn);
        return {};
    }

    std::error_code watchConnect(Connection& conn) override
    {
        enable();
        conn.backendState &= ~kRemoved;
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return std::make_error_code(std::errc::resource_unavailable_try_again);
        io_uring_prep_poll_add(sqe, conn.socketFd, POLLOUT);
        io_uring_sqe_set_data64(sqe, tag(&conn, Op::Poll));
        conn.backendState |= kConnectWatch;
        ++conn.inFlight;
        return {};
    }

    void removeConnection(Connection& conn) override
    {
        conn.backendState |= kRemoved;
        if (conn.backendState & (kConnectWatch | kHangupWatch))
            cancel(tag(&conn, Op::Poll));
        if (conn.kind == IoHandle::Kind::Datagram) {
            if (DatagramRecord* record = findDatagram(conn); record && record->armed)
                cancel(tag(record, Op::RecvMsg));
            return;
        }
        if (conn.backendState & kRecvArmed)
            cancel(tag(&conn, Op::Recv));
        if (conn.backendState & kSendInFlight)
            cancel(tag(&conn, Op::Send));
        releaseFixed(conn);
    }

    void setReading(Connection& conn, bool on) override
    {
        if (conn.backendState & kRemoved)
            return;
        if (on) {
            if (!conn.wantsRead())
                return; // draining or closing: reading does not come back
            if (conn.backendState & kHangupWatch)
                cancel(tag(&conn, Op::Poll)); // the recv sees the peer's end from now on
            if (!(conn.backendState & kRecvArmed))
                armRecv(conn);
            if (conn.backendState & kStashed)
                loop_.queueReadAgain(conn); // deliver what arrived while paused, outside this call
            return;
        }
        if (conn.backendState & kRecvArmed)
            cancel(tag(&conn, Op::Recv)); // its final completion arrives with ECANCELED
        if (conn.state() == Connection::State::Open && conn.readingStopped())
            armHangupWatch(conn);
    }

    void readMore(Connection& conn) override
    {
        if (conn.backendState & kStashed) {
            conn.backendState &= ~kStashed;
            loop_.handleReceived(conn, {}); // onTraffic sees what the inbound ring holds
        }
        if (conn.wantsRead() && !(conn.backendState & (kRecvArmed | kRemoved)))
            armRecv(conn);
    }

    // ---- writes: queued, submitted with the next wait; large ones at once ----

    // A write of kDirectSendMin bytes or more goes out at once, as on epoll: one system call costs
    // little next to copying it into the outbound buffer and waiting a completion per send. Only
    // with no send of the connection in flight or queued, so that nothing is overtaken.
    IoResult trySend(Connection& conn, Bytes data) override
    {
        if (data.size() < kDirectSendMin || (conn.backendState & (kSendInFlight | kFlushQueued | kRemoved)))
            return {};
        return sendNow(conn.socketFd, data);
    }

    IoResult trySendv(Connection& conn, std::span<const iovec> parts) override
    {
        if (conn.backendState & (kSendInFlight | kFlushQueued | kRemoved))
            return {};
        std::size_t total = 0;
        for (const iovec& part : parts)
            total += part.iov_len;
        return total < kDirectSendMin ? IoResult{} : sendvNow(conn.socketFd, parts);
    }

    IoResult trySendTo(Connection& conn, const SocketAddress& to, Bytes data) override
    {
        return sendDatagramNow(conn.socketFd, to, data); // datagrams are never buffered (backend.h)
    }

    // Output not yet handed to the kernel would die with the socket: write it directly. A send of
    // ours in flight must not be overtaken: if its completion is already in the queue (it went out
    // at submission), the rest follows it; if it is parked on a full socket, nothing more fits now.
    IoResult sendBeforeClose(Connection& conn, std::span<const iovec> parts) override
    {
        if (conn.backendState & kRemoved)
            return {};
        if (!(conn.backendState & kSendInFlight))
            return sendvNow(conn.socketFd, parts);
        const io_uring_cqe* done = queuedCompletion(tag(&conn, Op::Send));
        if (!done || done->res <= 0)
            return {};
        // Count its bytes as sent here (onSend ignores a closed connection) and follow them.
        conn.backendState &= ~kSendInFlight;
        std::size_t skip = static_cast<std::size_t>(done->res);
        const std::size_t sent = skip;
        std::size_t first = 0;
        while (first < parts.size() && skip >= parts[first].iov_len)
            skip -= parts[first++].iov_len;
        if (first == parts.size())
            return {sent, 0};
        std::vector<iovec> rest(parts.begin() + static_cast<std::ptrdiff_t>(first), parts.end()); // a rare path
        rest[0].iov_base = static_cast<char*>(rest[0].iov_base) + skip;
        rest[0].iov_len -= skip;
        const IoResult more = sendvNow(conn.socketFd, rest);
        return {sent + more.bytes, more.error};
    }

    void requestFlush(Connection& conn) override
    {
        if (conn.backendState & (kRemoved | kFlushQueued | kSendInFlight))
            return;
        conn.backendState |= kFlushQueued;
        conn.sendQueued = true;
        ++conn.inFlight; // the queue holds the pointer: the loop must not free it yet
        flushQueue_.push_back(&conn);
    }

    void flushDone(Connection&) override {}

    // ---- the wait ----

    void poll(std::chrono::milliseconds timeout) override
    {
        enable();
        prepareSends();
        if (buffers_)
            buffers_->publish();
        io_uring_cqe* cqe = nullptr;
        __kernel_timespec ts{};
        if (timeout.count() >= 0) {
            ts.tv_sec = timeout.count() / 1000;
            ts.tv_nsec = (timeout.count() % 1000) * 1000000;
        }
        const int rc = io_uring_submit_and_wait_timeout(&ring_, &cqe, 1, timeout.count() >= 0 ? &ts : nullptr, nullptr);
        loop_.pollReturned();
        freeFixed_.insert(freeFixed_.end(), releasedFixed_.begin(), releasedFixed_.end());
        releasedFixed_.clear();
        if (rc < 0 && rc != -ETIME && rc != -EINTR && rc != -EBUSY && rc != -EAGAIN)
            config_.log(LogLevel::Error, "io_uring_submit_and_wait failed: " + codeOf(rc).message());
        reap();
    }

    void wakeup() noexcept override { loop_.mailbox()->wakeup(); }

    void submitPending() override
    {
        if (!started_)
            return;
        prepareSends();
        (void)io_uring_submit(&ring_);
        freeFixed_.insert(freeFixed_.end(), releasedFixed_.begin(), releasedFixed_.end());
        releasedFixed_.clear();
    }

private:
    struct AcceptRecord {
        Listener* listener; // null once removed
        bool active = true;
        bool armed = false;
    };

    struct DatagramRecord {
        DatagramRecord(Connection& c, std::size_t size)
            : conn(&c)
            , buffer(std::make_unique_for_overwrite<std::byte[]>(size))
            , capacity(size)
        {
        }
        Connection* conn;
        std::unique_ptr<std::byte[]> buffer;
        std::size_t capacity;
        iovec iov{};
        msghdr msg{};
        sockaddr_storage from{};
        bool armed = false;
    };

    // The loop thread's first call: enable the ring (created disabled: the loop thread must be its
    // single issuer), register the ring fd (no fd lookup per io_uring_enter) and a sparse table of
    // fixed files (no fget/fput per send and recv), and arm the wake-up read.
    void enable()
    {
        if (started_)
            return;
        started_ = true;
        // liburing 2.3 declares io_uring_enable_rings but does not export it: the register call itself.
        if ((flags_ & IORING_SETUP_R_DISABLED)
            && ::syscall(__NR_io_uring_register, ring_.ring_fd, IORING_REGISTER_ENABLE_RINGS, nullptr, 0) < 0)
            config_.log(LogLevel::Error, "enabling the io_uring failed: " + errnoCode().message());
        (void)io_uring_register_ring_fd(&ring_); // an optimisation only
        rlimit files{};
        const unsigned wanted = ::getrlimit(RLIMIT_NOFILE, &files) == 0
            ? static_cast<unsigned>(std::min<rlim_t>(files.rlim_cur, kFixedFiles))
            : 0;
        if (wanted > 0 && io_uring_register_files_sparse(&ring_, wanted) == 0) {
            fixedValue_.assign(wanted, -1);
            freeFixed_.reserve(wanted);
            for (unsigned i = wanted; i > 0; --i)
                freeFixed_.push_back(i - 1);
        }
        armWake();
    }

    // The loop's provided-buffer ring, incremental when the kernel has it (see kIncrementalRingBytes).
    // QGNET_IO_URING_NO_INCREMENTAL=1 (a test hook) makes it use the plain ring, so that the tests
    // also cover what kernels before 6.12 run.
    std::error_code createBuffers()
    {
        std::error_code ec;
        const std::size_t cap = config_.options.readBufferCap; // a power of two
        const char* plain = std::getenv("QGNET_IO_URING_NO_INCREMENTAL");
        if (!plain || !*plain || std::strcmp(plain, "0") == 0) {
            const std::size_t size = std::min(cap, kIncrementalRingBytes / kIncrementalBuffersMin);
            const auto count = providedBufferCount(static_cast<unsigned>(kIncrementalRingBytes / size));
            buffers_ = UringBufferRing::create(ring_, kBufferGroup, count, size, true, ec);
            if (buffers_ || ec != std::errc::invalid_argument)
                return ec; // ready, or a failure that the plain ring would meet as well
            ec.clear();
        }
        buffers_ = UringBufferRing::create(ring_, kBufferGroup, providedBufferCount(kProvidedBuffers),
            std::min(cap, kProvidedBufferMax), false, ec);
        return ec;
    }

    // Puts conn's socket in the fixed-file table (if a slot is free); the update goes to the kernel
    // ahead of the operations that use it, in the same submission.
    void registerFixed(Connection& conn)
    {
        if (freeFixed_.empty())
            return;
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return;
        const std::uint32_t index = freeFixed_.back();
        freeFixed_.pop_back();
        fixedValue_[index] = conn.socketFd;
        io_uring_prep_files_update(sqe, &fixedValue_[index], 1, static_cast<int>(index));
        io_uring_sqe_set_data64(sqe, static_cast<std::uint64_t>(Op::FilesUpdate));
        conn.backendState = (conn.backendState & kFlagMask) | kFixed | (index << kIndexShift);
    }

    // Empties conn's fixed-file slot (after its cancellations, in submission order); the slot is
    // reused only after that update was submitted, because the update reads fixedValue_ then.
    void releaseFixed(Connection& conn)
    {
        if (!(conn.backendState & kFixed))
            return;
        const std::uint32_t index = conn.backendState >> kIndexShift;
        conn.backendState &= kFlagMask & ~kFixed;
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return; // the slot stays taken: better than closing a socket behind a live entry
        fixedValue_[index] = -1;
        io_uring_prep_files_update(sqe, &fixedValue_[index], 1, static_cast<int>(index));
        io_uring_sqe_set_data64(sqe, static_cast<std::uint64_t>(Op::FilesUpdate));
        releasedFixed_.push_back(index);
    }

    // Points sqe at conn's socket: its fixed-file slot when it has one.
    static void setFile(io_uring_sqe* sqe, const Connection& conn) noexcept
    {
        if (conn.backendState & kFixed) {
            sqe->fd = static_cast<int>(conn.backendState >> kIndexShift);
            sqe->flags |= IOSQE_FIXED_FILE;
        }
    }

    // A free submission slot; a full queue is submitted first (without waiting). Null only when the
    // ring refuses submissions altogether (logged): the operation is then not made, and a connection
    // that waits for it is freed with the ring at the end rather than by its last completion.
    io_uring_sqe* nextSqe()
    {
        for (int attempt = 0; attempt < 4; ++attempt) {
            if (io_uring_sqe* sqe = io_uring_get_sqe(&ring_))
                return sqe;
            if (const int rc = io_uring_submit(&ring_); rc < 0 && rc != -EINTR && rc != -EAGAIN && rc != -EBUSY) {
                config_.log(LogLevel::Error, "io_uring_submit failed: " + codeOf(rc).message());
                break;
            }
        }
        return nullptr;
    }

    // The completion with this user data among those the kernel posted and reap() has not consumed
    // (the batch being dispatched included), or null.
    const io_uring_cqe* queuedCompletion(std::uint64_t data)
    {
        unsigned head = 0;
        io_uring_cqe* cqe = nullptr;
        io_uring_for_each_cqe(&ring_, head, cqe)
        {
            if (cqe->user_data == data)
                return cqe;
        }
        return nullptr;
    }

    void cancel(std::uint64_t target)
    {
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return;
        io_uring_prep_cancel64(sqe, target, 0);
        io_uring_sqe_set_data64(sqe, static_cast<std::uint64_t>(Op::Ignore));
    }

    void armWake()
    {
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return;
        io_uring_prep_read(sqe, wakeFd_, &wakeCount_, sizeof wakeCount_, 0);
        io_uring_sqe_set_data64(sqe, static_cast<std::uint64_t>(Op::Wake));
    }

    void armAccept(AcceptRecord& record)
    {
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return;
        // No address: one buffer cannot serve many completions; the peer comes from getpeername.
        io_uring_prep_multishot_accept(sqe, record.listener->socketFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        io_uring_sqe_set_data64(sqe, tag(&record, Op::Accept));
        record.armed = true;
    }

    void armRecv(Connection& conn)
    {
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return;
        io_uring_prep_recv_multishot(sqe, conn.socketFd, nullptr, 0, 0);
        setFile(sqe, conn);
        sqe->flags |= IOSQE_BUFFER_SELECT;
        sqe->buf_group = kBufferGroup;
        io_uring_sqe_set_data64(sqe, tag(&conn, Op::Recv));
        conn.backendState |= kRecvArmed;
        ++conn.inFlight;
    }

    // Paused, a connection has no recv in flight, so nothing would notice its peer leave: a poll for
    // no event completes on the hang-up or error that poll always reports (io_uring adds EPOLLRDHUP too).
    void armHangupWatch(Connection& conn)
    {
        if (conn.backendState & (kHangupWatch | kRemoved))
            return;
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return;
        io_uring_prep_poll_add(sqe, conn.socketFd, 0);
        io_uring_sqe_set_data64(sqe, tag(&conn, Op::Poll));
        conn.backendState |= kHangupWatch;
        ++conn.inFlight;
    }

    void onHangupWatch(Connection& conn, const io_uring_cqe& cqe)
    {
        conn.backendState &= ~kHangupWatch;
        --conn.inFlight;
        if ((conn.backendState & kRemoved) || conn.state() != Connection::State::Open || !conn.readingStopped())
            return;                  // gone, or reading again: the recv sees the peer's end
        if (cqe.res == -ECANCELED) { // a resume cancelled it, and reading was paused again since
            armHangupWatch(conn);
            return;
        }
        if (cqe.res < 0)
            return;
        const auto events = static_cast<unsigned>(cqe.res);
        if (events & (POLLERR | POLLHUP))
            (void)loop_.handlePeerGoneWhilePaused(conn, (events & POLLERR) != 0);
        else
            conn.peerEnded = true; // only the peer's FIN: its data and the EOF wait for resumeRead
        // Not re-armed: the condition stays, and a poll would complete again at once.
    }

    void armRecvMsg(DatagramRecord& record)
    {
        record.iov = {record.buffer.get(), record.capacity};
        record.msg = {};
        record.msg.msg_name = &record.from;
        record.msg.msg_namelen = sizeof record.from;
        record.msg.msg_iov = &record.iov;
        record.msg.msg_iovlen = 1;
        io_uring_sqe* sqe = nextSqe();
        if (!sqe)
            return;
        io_uring_prep_recvmsg(sqe, record.conn->socketFd, &record.msg, MSG_TRUNC);
        io_uring_sqe_set_data64(sqe, tag(&record, Op::RecvMsg));
        record.armed = true;
        ++record.conn->inFlight;
    }

    // One send per queued connection: the front of its outbound buffer, which does not move until
    // handleSent consumed it (see OutboundBuffer). What does not fit goes with the next send.
    void prepareSends()
    {
        for (Connection* conn : flushQueue_) {
            conn->backendState &= ~kFlushQueued;
            conn->sendQueued = false;
            --conn->inFlight;
            if ((conn->backendState & (kRemoved | kSendInFlight)) || conn->state() == Connection::State::Closed)
                continue;
            iovec front{};
            std::size_t bytes = 0;
            if (conn->gatherOutbound(&front, 1, bytes) == 0)
                continue;
            io_uring_sqe* sqe = nextSqe();
            if (!sqe)
                continue;
            io_uring_prep_send(sqe, conn->socketFd, front.iov_base, front.iov_len, MSG_NOSIGNAL);
            setFile(sqe, *conn);
            io_uring_sqe_set_data64(sqe, tag(conn, Op::Send));
            conn->backendState |= kSendInFlight;
            ++conn->inFlight;
        }
        flushQueue_.clear();
    }

    // Takes every completion there is, in batches. A completion queue that overflowed (the kernel
    // kept the extra completions aside, FEAT_NODROP) is flushed by io_uring_peek_batch_cqe itself once
    // the queue is empty; the flag is looked at first so that the loop's statistics can count it.
    void reap()
    {
        io_uring_cqe* batch[256];
        bool overflowed = false;
        for (;;) {
            overflowed = overflowed || io_uring_cq_has_overflow(&ring_);
            const unsigned n = io_uring_peek_batch_cqe(&ring_, batch, std::size(batch));
            if (n == 0)
                break;
            for (unsigned i = 0; i < n; ++i)
                dispatch(*batch[i]);
            io_uring_cq_advance(&ring_, n);
            if (buffers_)
                buffers_->publish();
        }
        if (overflowed)
            LoopCounters::add(loop_.mutableCounters().completionOverflows, 1);
        rearmRecvs();
    }

    void rearmRecvs()
    {
        for (Connection* conn : rearm_) {
            conn->backendState &= ~kRearm;
            --conn->inFlight;
            if (conn->wantsRead() && !(conn->backendState & (kRecvArmed | kRemoved)))
                armRecv(*conn);
        }
        rearm_.clear();
    }

    void queueRearm(Connection& conn)
    {
        if (conn.backendState & kRearm)
            return;
        conn.backendState |= kRearm;
        ++conn.inFlight;
        rearm_.push_back(&conn);
    }

    void dispatch(const io_uring_cqe& cqe)
    {
        const std::uint64_t data = io_uring_cqe_get_data64(&cqe);
        switch (opOf(data)) {
        case Op::Ignore: return;
        case Op::Wake:
            if (cqe.res < 0 && cqe.res != -EINTR && cqe.res != -EAGAIN && cqe.res != -ECANCELED)
                config_.log(LogLevel::Error, "reading the wake-up eventfd failed: " + codeOf(cqe.res).message());
            armWake();
            loop_.handleWakeup();
            return;
        case Op::Accept: onAccept(*targetOf<AcceptRecord>(data), cqe); return;
        case Op::Recv: onRecv(*targetOf<Connection>(data), cqe); return;
        case Op::Send: onSend(*targetOf<Connection>(data), cqe); return;
        case Op::Poll: {
            auto& conn = *targetOf<Connection>(data);
            if (conn.backendState & kHangupWatch) {
                onHangupWatch(conn, cqe);
                return;
            }
            conn.backendState &= ~kConnectWatch;
            --conn.inFlight;
            if (!(conn.backendState & kRemoved) && conn.state() == Connection::State::Connecting)
                loop_.handleConnectReady(conn);
            return;
        }
        case Op::RecvMsg: onRecvMsg(*targetOf<DatagramRecord>(data), cqe); return;
        case Op::FilesUpdate:
            // A failed update leaves the slot empty: that connection's operations fail with EBADF
            // and it closes with that error; nobody else is affected.
            if (cqe.res < 0)
                config_.log(LogLevel::Error, "io_uring fixed-file update failed: " + codeOf(cqe.res).message());
            return;
        }
    }

    void onAccept(AcceptRecord& record, const io_uring_cqe& cqe)
    {
        const bool more = cqe.flags & IORING_CQE_F_MORE;
        if (!more)
            record.armed = false;
        if (!record.listener) { // removed: nothing more to hand out
            if (cqe.res >= 0)
                ::close(cqe.res);
            if (!more) {
                std::erase(orphanAccepts_, &record);
                delete &record;
            }
            return;
        }
        Listener& listener = *record.listener;
        if (cqe.res >= 0)
            listener.acceptCompleted(loop_, cqe.res, 0);
        else if (cqe.res != -ECANCELED)
            listener.acceptCompleted(loop_, -1, -cqe.res); // may pause the listener (back-off)
        // The listener may have been removed by what that caused (a shutdown): look again.
        if (findAccept(listener) == &record && !record.armed && record.active)
            armAccept(record);
    }

    void onRecv(Connection& conn, const io_uring_cqe& cqe)
    {
        const bool more = cqe.flags & IORING_CQE_F_MORE;
        if (!more) {
            conn.backendState &= ~kRecvArmed;
            --conn.inFlight;
        }
        if (cqe.res > 0) {
            const auto id = static_cast<std::uint16_t>(cqe.flags >> IORING_CQE_BUFFER_SHIFT);
            deliver(conn, buffers_->take(id, static_cast<std::size_t>(cqe.res)));
            if (!(cqe.flags & kCqeBufferMore))
                buffers_->recycle(id);
        } else if (cqe.res == 0) {
            if (!(conn.backendState & kRemoved) && conn.state() != Connection::State::Closed)
                onEof(conn);
            return; // EOF: nothing to re-arm
        } else if (cqe.res == -ENOBUFS) {
            LoopCounters::add(loop_.mutableCounters().recvBuffersExhausted, 1);
        } else if (cqe.res != -ECANCELED) {
            if (!(conn.backendState & kRemoved) && conn.state() != Connection::State::Closed)
                loop_.handleError(conn, codeOf(cqe.res));
            return;
        }
        // The multishot recv ended (no buffer left, cancelled by a pause that was since lifted, or
        // the kernel's own reasons): arm a new one once this batch has recycled its buffers.
        if (!more && conn.wantsRead() && !(conn.backendState & kRemoved))
            queueRearm(conn);
    }

    // The peer's EOF, behind the bytes of this batch. Those that arrived after a pause was asked for
    // (before the recv's cancellation took effect) wait in the inbound ring: closing over them lost the
    // tail of the stream. A resumeRead whose read-again has not run yet: they go to the handler now.
    // Still paused: the connection stays open while the handler has input left unseen (as after the
    // hang-up watch), and the recv that resumeRead arms reads the EOF again, after them.
    void onEof(Connection& conn)
    {
        if ((conn.backendState & kStashed) && conn.wantsRead()) {
            conn.backendState &= ~kStashed;
            loop_.handleReceived(conn, {});
            if ((conn.backendState & kRemoved) || conn.state() == Connection::State::Closed)
                return;
        }
        if (conn.state() == Connection::State::Open && conn.readingStopped())
            (void)loop_.handlePeerGoneWhilePaused(conn, false);
        else
            loop_.handlePeerClosed(conn);
    }

    // Shows received bytes to the handler; a paused or draining connection keeps them in its inbound
    // ring (what arrived before the cancellation took effect), delivered when reading resumes.
    void deliver(Connection& conn, Bytes data)
    {
        if ((conn.backendState & kRemoved) || conn.state() == Connection::State::Closed)
            return;
        if (conn.wantsRead()) {
            loop_.handleReceived(conn, data);
            return;
        }
        conn.beginTraffic(data);
        conn.endCallback(); // copies into the inbound ring (and enforces maxInputBuffered)
        conn.backendState |= kStashed;
    }

    void onSend(Connection& conn, const io_uring_cqe& cqe)
    {
        conn.backendState &= ~kSendInFlight;
        --conn.inFlight;
        if ((conn.backendState & kRemoved) || conn.state() == Connection::State::Closed)
            return;
        if (cqe.res >= 0)
            loop_.handleSent(conn, static_cast<std::size_t>(cqe.res));
        else if (cqe.res != -ECANCELED)
            loop_.handleError(conn, codeOf(cqe.res));
    }

    void onRecvMsg(DatagramRecord& record, const io_uring_cqe& cqe)
    {
        Connection& conn = *record.conn;
        record.armed = false;
        --conn.inFlight;
        const bool live = !(conn.backendState & kRemoved) && conn.state() != Connection::State::Closed;
        if (!live) {
            std::erase(datagrams_, &record);
            delete &record;
            return;
        }
        if (cqe.res >= 0) {
            const bool truncated = (record.msg.msg_flags & MSG_TRUNC) != 0;
            const SocketAddress peer(reinterpret_cast<const sockaddr*>(&record.from), record.msg.msg_namelen);
            loop_.handleDatagram(conn,
                Bytes(record.buffer.get(), std::min<std::size_t>(static_cast<std::size_t>(cqe.res), record.capacity)),
                peer, truncated);
        } else if (cqe.res != -ECANCELED && conn.isConnectedDatagram()) {
            // An ICMP error on a connected socket concerns it; on a server's socket, one peer only.
            loop_.handleError(conn, codeOf(cqe.res));
        }
        if (!(conn.backendState & kRemoved) && conn.state() != Connection::State::Closed)
            armRecvMsg(record);
        else {
            std::erase(datagrams_, &record);
            delete &record;
        }
    }

    AcceptRecord* findAccept(const Listener& listener) const noexcept
    {
        for (AcceptRecord* record : accepts_)
            if (record->listener == &listener)
                return record;
        return nullptr;
    }

    DatagramRecord* findDatagram(const Connection& conn) const noexcept
    {
        for (DatagramRecord* record : datagrams_)
            if (record->conn == &conn)
                return record;
        return nullptr;
    }

    EventLoop& loop_;
    const EngineConfig& config_;
    const int wakeFd_;
    io_uring ring_{};
    unsigned flags_ = 0;
    bool started_ = false;
    std::vector<int> fixedValue_; // what each fixed-file slot is set to (read at submission)
    std::vector<std::uint32_t> freeFixed_;
    std::vector<std::uint32_t> releasedFixed_; // emptied in this batch: free again after the submit
    std::uint64_t wakeCount_ = 0;
    std::unique_ptr<UringBufferRing> buffers_;
    std::vector<AcceptRecord*> accepts_;
    std::vector<AcceptRecord*> orphanAccepts_;
    std::vector<DatagramRecord*> datagrams_;
    std::vector<Connection*> flushQueue_;
    std::vector<Connection*> rearm_;
};

} // namespace

std::unique_ptr<IoBackend> makeUringBackend(EventLoop& loop, const EngineConfig& config)
{
    return std::make_unique<UringBackend>(loop, config);
}

std::string uringUnavailableReason()
{
    if (const char* simulate = std::getenv("QGNET_SIMULATE_IO_URING_FAILURE");
        simulate && *simulate && std::strcmp(simulate, "0") != 0)
        return "io_uring_queue_init failed: simulated by QGNET_SIMULATE_IO_URING_FAILURE";
    if (!kernelAtLeast(6, 0))
        return "the kernel is older than 6.0 (multishot recv is missing)";
    io_uring ring{};
    unsigned flags = 0;
    if (const int rc = initRing(ring, flags); rc < 0)
        return "io_uring_queue_init failed: " + codeOf(rc).message();
    std::string reason;
    if (io_uring_probe* probe = io_uring_get_probe_ring(&ring)) {
        for (int op : {IORING_OP_ACCEPT, IORING_OP_RECV, IORING_OP_SEND, IORING_OP_RECVMSG, IORING_OP_READ,
                 IORING_OP_POLL_ADD, IORING_OP_ASYNC_CANCEL}) {
            if (!io_uring_opcode_supported(probe, op)) {
                reason = "the kernel lacks io_uring opcode " + std::to_string(op);
                break;
            }
        }
        io_uring_free_probe(probe);
    } else {
        reason = "cannot probe io_uring opcodes";
    }
    io_uring_queue_exit(&ring);
    return reason;
}

} // namespace qgnet::detail
