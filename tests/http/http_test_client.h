// SPDX-License-Identifier: Apache-2.0
// A blocking HTTP/1.1 and WebSocket test client over a plain socket, for the http tests: it sends raw
// bytes (so malformed requests go out exactly as written), reads responses (Content-Length, chunked,
// or to EOF) and server WebSocket frames, and tells whether the server closed the connection.
// Every read waits up to a deadline with poll(); nothing sleeps.
#pragma once

#include <poll.h>
#include <sys/socket.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "qgnet_test_support.h"

namespace qgnet_test {

struct HttpResponse {
    int status = 0;
    std::string statusLine;
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    bool chunked = false;
    std::string header(const std::string& name) const
    {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class HttpTestClient {
public:
    bool connect(std::string_view url, std::string& err)
    {
        fd_ = connectUrl(url, deadlineIn(std::chrono::seconds(10)), err);
        return bool(fd_);
    }
    int fd() const { return fd_.get(); }

    bool send(std::string_view data, std::string& err)
    {
        return sendAll(fd_.get(), data, deadlineIn(std::chrono::seconds(30)), err);
    }

    /// fill reads more bytes into the buffer; false on EOF, error or deadline (eof_ tells which).
    bool fill(Deadline deadline, std::string& err)
    {
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) {
                err = "timed out waiting for data (" + std::to_string(buf_.size()) + " bytes buffered)";
                return false;
            }
            pollfd p{fd_.get(), POLLIN, 0};
            const int r = ::poll(&p, 1, static_cast<int>(left));
            if (r <= 0)
                continue;
            char tmp[65536];
            const ssize_t n = ::recv(fd_.get(), tmp, sizeof tmp, 0);
            if (n > 0) {
                buf_.append(tmp, static_cast<std::size_t>(n));
                return true;
            }
            if (n == 0 || errno == ECONNRESET) {
                eof_ = true;
                err = n == 0 ? "EOF" : "reset";
                return false;
            }
            if (errno != EINTR && errno != EAGAIN) {
                err = "recv failed";
                return false;
            }
        }
    }

    bool readLine(std::string& line, Deadline deadline, std::string& err)
    {
        for (;;) {
            const std::size_t eol = buf_.find("\r\n");
            if (eol != std::string::npos) {
                line = buf_.substr(0, eol);
                buf_.erase(0, eol + 2);
                return true;
            }
            if (!fill(deadline, err))
                return false;
        }
    }

    bool readExact(std::string& out, std::size_t n, Deadline deadline, std::string& err)
    {
        while (buf_.size() < n)
            if (!fill(deadline, err))
                return false;
        out = buf_.substr(0, n);
        buf_.erase(0, n);
        return true;
    }

    /// readResponse reads one response; head: it answers a HEAD request (no body whatever the headers).
    bool readResponse(HttpResponse& r, std::string& err, bool head = false,
        std::chrono::milliseconds timeout = std::chrono::seconds(30))
    {
        const Deadline deadline = deadlineIn(timeout);
        r = HttpResponse{};
        if (!readLine(r.statusLine, deadline, err))
            return false;
        if (r.statusLine.size() < 12 || r.statusLine.compare(0, 7, "HTTP/1.") != 0) {
            err = "bad status line: " + r.statusLine;
            return false;
        }
        r.status = std::stoi(r.statusLine.substr(9, 3));
        for (;;) {
            std::string line;
            if (!readLine(line, deadline, err))
                return false;
            if (line.empty())
                break;
            const std::size_t colon = line.find(':');
            std::string name = line.substr(0, colon);
            for (char& c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::string value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.erase(0, 1);
            r.headers[name] = value;
        }
        if (head || r.status < 200 || r.status == 204 || r.status == 304)
            return true;
        if (r.header("transfer-encoding") == "chunked") {
            r.chunked = true;
            for (;;) {
                std::string line;
                if (!readLine(line, deadline, err))
                    return false;
                const std::size_t size = std::stoul(line, nullptr, 16);
                if (size == 0) {
                    std::string end;
                    return readLine(end, deadline, err);
                }
                std::string data, crlf;
                if (!readExact(data, size, deadline, err) || !readExact(crlf, 2, deadline, err))
                    return false;
                r.body += data;
            }
        }
        if (r.headers.count("content-length"))
            return readExact(r.body, std::stoul(r.header("content-length")), deadline, err);
        // No length: the body ends with the connection.
        while (fill(deadline, err)) {}
        r.body = buf_;
        buf_.clear();
        return eof_;
    }

    /// closedByPeer waits for EOF (or reset) with nothing more buffered or arriving.
    bool closedByPeer(std::string& err, std::chrono::milliseconds timeout = std::chrono::seconds(30))
    {
        const Deadline deadline = deadlineIn(timeout);
        while (!eof_) {
            if (!fill(deadline, err) && !eof_)
                return false;
        }
        if (!buf_.empty()) {
            err = "unexpected bytes before EOF: " + buf_.substr(0, 80);
            return false;
        }
        return true;
    }

    // ---- WebSocket ------------------------------------------------------------------------------------

    /// upgrade sends a WebSocket handshake for path and reads the 101.
    bool upgrade(std::string_view path, HttpResponse& r, std::string& err, std::string_view extra = {})
    {
        std::string req = "GET " + std::string(path)
            + " HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n";
        req.append(extra).append("\r\n");
        return send(req, err) && readResponse(r, err, true);
    }

    /// sendFrame sends one masked client frame.
    bool sendFrame(std::uint8_t opcode, std::string_view payload, std::string& err, bool fin = true)
    {
        return send(maskedFrame(opcode, payload, fin), err);
    }

    static std::string maskedFrame(std::uint8_t opcode, std::string_view payload, bool fin = true)
    {
        std::string f;
        f.push_back(static_cast<char>((fin ? 0x80 : 0) | opcode));
        if (payload.size() <= 125) {
            f.push_back(static_cast<char>(0x80 | payload.size()));
        } else if (payload.size() <= 0xffff) {
            f.push_back(static_cast<char>(0x80 | 126));
            f.push_back(static_cast<char>(payload.size() >> 8));
            f.push_back(static_cast<char>(payload.size() & 0xff));
        } else {
            f.push_back(static_cast<char>(0x80 | 127));
            for (int shift = 56; shift >= 0; shift -= 8)
                f.push_back(static_cast<char>((static_cast<std::uint64_t>(payload.size()) >> shift) & 0xff));
        }
        const char key[4] = {'\x12', '\x34', '\x56', '\x78'};
        f.append(key, 4);
        for (std::size_t i = 0; i < payload.size(); ++i)
            f.push_back(static_cast<char>(payload[i] ^ key[i & 3]));
        return f;
    }

    /// readFrame reads one server frame (which must be unmasked).
    bool readFrame(std::uint8_t& opcode, std::string& payload, std::string& err, bool* fin = nullptr)
    {
        const Deadline deadline = deadlineIn(std::chrono::seconds(30));
        std::string h;
        if (!readExact(h, 2, deadline, err))
            return false;
        opcode = static_cast<std::uint8_t>(h[0]) & 0x0f;
        if (fin)
            *fin = (static_cast<std::uint8_t>(h[0]) & 0x80) != 0;
        if (static_cast<std::uint8_t>(h[1]) & 0x80) {
            err = "masked server frame";
            return false;
        }
        std::uint64_t len = static_cast<std::uint8_t>(h[1]) & 0x7f;
        std::string ext;
        if (len == 126) {
            if (!readExact(ext, 2, deadline, err))
                return false;
            len = (static_cast<std::uint64_t>(static_cast<std::uint8_t>(ext[0])) << 8)
                | static_cast<std::uint8_t>(ext[1]);
        } else if (len == 127) {
            if (!readExact(ext, 8, deadline, err))
                return false;
            len = 0;
            for (const char c : ext)
                len = (len << 8) | static_cast<std::uint8_t>(c);
        }
        return readExact(payload, static_cast<std::size_t>(len), deadline, err);
    }

private:
    Fd fd_;
    std::string buf_;
    bool eof_ = false;
};

} // namespace qgnet_test
