// SPDX-License-Identifier: Apache-2.0
// Built against an installed QGnet::Http: a server answers GET /hello, checked over a plain socket.
#include <cstdio>
#include <cstring>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <qgnet/http/server.h>

int main()
{
    qgnet::http::Server server;
    server.router().get("/hello", [](qgnet::http::Request&, qgnet::http::Response& res) {
        res.send(200, "text/plain", "hello from an installed QGnet::Http");
    });
    const std::string address = "tcp://127.0.0.1:0";
    server.listen(std::span<const std::string>(&address, 1));
    const std::uint16_t port = server.engine().listenAddresses().at(0).port();

    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0)
        return 1;
    const char request[] = "GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    if (::send(fd, request, sizeof request - 1, 0) != static_cast<ssize_t>(sizeof request - 1))
        return 1;
    std::string response;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        response.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    server.engine().stop();
    const bool ok = response.starts_with("HTTP/1.1 200") && response.ends_with("hello from an installed QGnet::Http");
    std::printf("http-consumer: %s\n", ok ? "GET ok" : response.c_str());
    return ok ? 0 : 1;
}
