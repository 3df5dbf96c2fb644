// SPDX-License-Identifier: Apache-2.0
//
// One server under load: its address, its connections (each running the
// closed loop of one message in flight, fully compared on return) and the
// clock of its process's CPU time. With WebSocket framing a connection first
// upgrades (GET /ws) and each message then travels as one masked binary frame,
// its echo as one unmasked frame (websocket_client.h). The load generator owns the epoll set and
// the schedule; a target only reacts to its connections' events and can be
// told to start or to stop feeding messages.
#pragma once

#include <sys/socket.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client_tls.h"
#include "process_cpu.h"

namespace qgnet_bench {

class EchoTarget {
public:
    // Connections are not opened yet; `id` is this target's number in the
    // epoll data (see event_key). server_pid 0: no CPU clock. tls: null for
    // plain TCP, else every connection handshakes before it counts as connected.
    // websocket: the connection counts as connected once the upgrade is answered.
    EchoTarget(std::size_t id, std::string host, unsigned port, pid_t server_pid, int conns, std::size_t size, int epfd,
        const ClientTls* tls, bool websocket = false);
    EchoTarget(const EchoTarget&) = delete;
    EchoTarget& operator=(const EchoTarget&) = delete;
    ~EchoTarget();

    // epoll_event.data.u64 of connection `conn` of target `target`.
    static std::uint64_t event_key(std::size_t target, std::size_t conn)
    {
        return (std::uint64_t{target} << 32) | conn;
    }
    static std::size_t target_of(std::uint64_t key) { return static_cast<std::size_t>(key >> 32); }

    // Starts a non-blocking connect for every connection (registered for
    // EPOLLOUT); handle() counts them up as they complete.
    void start_connecting();
    bool all_connected() const { return connected_ == conns_.size(); }
    std::size_t connected() const { return connected_; }

    // start(): every connection sends its first message, and each completed
    // message is followed by the next. stop(): completed messages are no longer
    // followed, so in_flight() falls to zero as the echoes come back.
    void start();
    void stop() { feeding_ = false; }
    std::size_t in_flight() const { return in_flight_; }

    // Handles one epoll event of one of this target's connections.
    void handle(std::uint64_t key, std::uint32_t events);

    // Echoes completed and fully checked since the start.
    std::uint64_t completed() const { return completed_; }

    bool has_server_clock() const { return server_clock_.has_value(); }
    // The server's CPU seconds (all threads); fatal if the process is gone.
    double server_cpu_seconds() const;
    const char* server_cpu_source() const { return server_clock_ ? server_clock_->source() : "none"; }

    unsigned port() const { return port_; }

    // Abortive close (RST) so that long benchmark runs do not pile up
    // TIME_WAIT sockets; the measurement is already over when this runs.
    void close_all();

private:
    struct Connection {
        int fd = -1;
        SSL* ssl = nullptr;          // with --tls, from the end of the TCP connect
        bool connected = false;      // TCP connected and, with TLS, handshaken (and upgraded)
        bool upgrading = false;      // WebSocket: the upgrade request is out, its answer not yet in
        std::string upgrade_in;      // WebSocket: the answer so far
        bool read_wants_out = false; // TLS: a read must wait for EPOLLOUT
        bool out_armed = false;
        bool busy = false; // a message is in flight
        std::size_t sent = 0;
        std::size_t received = 0;
        std::uint64_t seq = 0;
        std::unique_ptr<unsigned char[]> tx;     // the message in flight, as sent
        std::unique_ptr<unsigned char[]> rx;     // what has come back of it
        std::unique_ptr<unsigned char[]> expect; // WebSocket: the echo frame due (plain: tx)
        unsigned char mask[4] = {};              // WebSocket: this connection's masking key
    };

    sockaddr_storage resolve(socklen_t& len) const;
    void ctl(int op, std::size_t idx, std::uint32_t ev);
    void finish_connect(std::size_t idx);
    // TCP (and TLS) is up: counts the connection, or first sends the upgrade.
    void transport_ready(std::size_t idx);
    void read_upgrade(std::size_t idx);
    void continue_handshake(std::size_t idx);
    void update_interest(std::size_t idx);
    // One write or read of the connection, plain or TLS: bytes moved, or 0
    // when it would block (read: `eof` set at the end of the stream).
    std::size_t write_some(std::size_t idx, const unsigned char* p, std::size_t n);
    std::size_t read_some(std::size_t idx, unsigned char* p, std::size_t n, bool& eof);
    void begin_message(std::size_t idx);
    void send_some(std::size_t idx);
    void receive_some(std::size_t idx);
    void reject_idle_data(std::size_t idx);

    std::size_t id_;
    std::string host_;
    unsigned port_;
    pid_t server_pid_;
    std::size_t size_; // payload bytes per message
    bool websocket_;
    std::size_t tx_size_;    // bytes on the wire per message: size_ plus any frame header
    std::size_t rx_size_;    // bytes of its echo
    std::size_t tx_payload_; // where the payload starts in tx
    std::size_t rx_payload_; // ... and in the echo
    int epfd_;
    const ClientTls* tls_;
    std::vector<Connection> conns_;
    std::optional<ProcessCpuClock> server_clock_;
    std::size_t connected_ = 0;
    std::size_t in_flight_ = 0;
    bool feeding_ = false;
    std::uint64_t completed_ = 0;
};

} // namespace qgnet_bench
