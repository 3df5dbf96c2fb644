// SPDX-License-Identifier: Apache-2.0
#include "backend/uring_buffer_ring.h"

#include <cerrno>

#include <sys/mman.h>
#include <unistd.h>

namespace qgnet::detail {

namespace {
// IOU_PBUF_RING_INC (kernel 6.12), in io_uring_buf_reg's flags, which liburing 2.3's header still
// calls `pad`.
constexpr std::uint16_t kIncrementalFlag = 2;
} // namespace

UringBufferRing::UringBufferRing(io_uring& ring, std::uint16_t groupId, unsigned count, std::size_t size,
    bool incremental) noexcept
    : ring_(&ring)
    , groupId_(groupId)
    , count_(count)
    , size_(size)
    , mask_(io_uring_buf_ring_mask(count))
    , incremental_(incremental)
{
}

std::unique_ptr<UringBufferRing> UringBufferRing::create(io_uring& ring, std::uint16_t groupId, unsigned count,
    std::size_t size, bool incremental, std::error_code& error)
{
    std::unique_ptr<UringBufferRing> self(new UringBufferRing(ring, groupId, count, size, incremental));
    // The kernel wants the ring page-aligned: an anonymous mapping is.
    self->sharedBytes_ = count * sizeof(io_uring_buf);
    void* shared = ::mmap(nullptr, self->sharedBytes_, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (shared == MAP_FAILED) {
        error = std::error_code(errno, std::system_category());
        return nullptr;
    }
    self->shared_ = static_cast<io_uring_buf_ring*>(shared);
    io_uring_buf_ring_init(self->shared_);

    io_uring_buf_reg reg{};
    reg.ring_addr = reinterpret_cast<std::uintptr_t>(shared);
    reg.ring_entries = count;
    reg.bgid = groupId;
    reg.pad = incremental ? kIncrementalFlag : 0;
    if (const int rc = io_uring_register_buf_ring(&ring, &reg, 0); rc < 0) {
        error = std::error_code(-rc, std::system_category());
        return nullptr;
    }
    self->registered_ = true;
    self->storage_ = std::make_unique_for_overwrite<std::byte[]>(count * size);
    if (incremental)
        self->filled_ = std::make_unique<std::uint32_t[]>(count);
    for (unsigned id = 0; id < count; ++id)
        self->recycle(static_cast<std::uint16_t>(id));
    self->publish();
    return self;
}

UringBufferRing::~UringBufferRing()
{
    if (registered_)
        (void)io_uring_unregister_buf_ring(ring_, groupId_);
    if (shared_)
        ::munmap(shared_, sharedBytes_);
}

void UringBufferRing::recycle(std::uint16_t id) noexcept
{
    if (incremental_)
        filled_[id] = 0;
    io_uring_buf_ring_add(shared_, storage_.get() + static_cast<std::size_t>(id) * size_, static_cast<unsigned>(size_),
        id, mask_, pending_);
    ++pending_;
}

void UringBufferRing::publish() noexcept
{
    if (pending_ == 0)
        return;
    io_uring_buf_ring_advance(shared_, pending_);
    pending_ = 0;
}

void UringBufferRing::releaseIdleMemory() noexcept
{
    // The whole pages inside the buffers' allocation (malloc's header and neighbours stay untouched).
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(storage_.get());
    const std::uintptr_t first = (begin + page - 1) & ~(page - 1);
    const std::uintptr_t last = (begin + static_cast<std::uintptr_t>(count_) * size_) & ~(page - 1);
    if (last > first)
        (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

} // namespace qgnet::detail
