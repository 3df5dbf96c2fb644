// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <memory>

#include "hex.h"

namespace qgnet::http {

using detail::hexValue;

namespace {

bool endsWith(std::string_view s, std::string_view suffix) noexcept
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string realPath(const std::string& path)
{
    std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr), &std::free);
    return resolved ? std::string(resolved.get()) : std::string();
}

} // namespace

std::string_view contentTypeFor(std::string_view name) noexcept
{
    if (endsWith(name, ".html") || endsWith(name, ".htm"))
        return "text/html; charset=utf-8";
    if (endsWith(name, ".css"))
        return "text/css; charset=utf-8";
    if (endsWith(name, ".js") || endsWith(name, ".mjs"))
        return "text/javascript; charset=utf-8";
    if (endsWith(name, ".json"))
        return "application/json";
    if (endsWith(name, ".txt"))
        return "text/plain; charset=utf-8";
    if (endsWith(name, ".svg"))
        return "image/svg+xml";
    if (endsWith(name, ".png"))
        return "image/png";
    if (endsWith(name, ".jpg") || endsWith(name, ".jpeg"))
        return "image/jpeg";
    if (endsWith(name, ".wasm"))
        return "application/wasm";
    return "application/octet-stream";
}

int resolveStaticPath(const std::string& realRoot, std::string_view urlPath, std::string& file)
{
    // Percent-decode, then look at each segment of the decoded path.
    std::string decoded;
    decoded.reserve(urlPath.size());
    for (std::size_t i = 0; i < urlPath.size(); ++i) {
        if (urlPath[i] == '%') {
            if (i + 2 >= urlPath.size() || hexValue(urlPath[i + 1]) < 0 || hexValue(urlPath[i + 2]) < 0)
                return 400;
            decoded.push_back(static_cast<char>(hexValue(urlPath[i + 1]) * 16 + hexValue(urlPath[i + 2])));
            i += 2;
        } else {
            decoded.push_back(urlPath[i]);
        }
    }
    if (decoded.find('\0') != std::string::npos || decoded.find('\\') != std::string::npos)
        return 400;
    std::string_view rest = decoded;
    while (!rest.empty()) {
        const std::size_t slash = rest.find('/');
        const std::string_view seg = rest.substr(0, slash);
        if (seg == "." || seg == "..")
            return 400;
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    std::string candidate = realRoot + "/" + decoded;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        candidate += "/index.html";
    // The real path (links resolved) must still be under the root.
    const std::string real = realPath(candidate);
    if (real.empty() || real.compare(0, realRoot.size() + 1, realRoot + "/") != 0)
        return 404;
    if (::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return 404;
    file = real;
    return 200;
}

RouteHandler staticFiles(std::string root, std::size_t maxFileSize)
{
    std::string realRoot = realPath(root);
    return [realRoot, maxFileSize](Request& request, Response& response) {
        if (realRoot.empty()) {
            response.send(404, "text/plain", "Not Found\n");
            return;
        }
        std::string file;
        const int status = resolveStaticPath(realRoot, request.param("path"), file);
        if (status != 200) {
            response.send(status, "text/plain", std::string(reasonPhrase(status)) + "\n");
            return;
        }
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat st {};
        if (fd < 0 || ::fstat(fd, &st) != 0) {
            if (fd >= 0)
                ::close(fd);
            response.send(404, "text/plain", "Not Found\n");
            return;
        }
        if (static_cast<std::size_t>(st.st_size) > maxFileSize) {
            ::close(fd);
            response.send(413, "text/plain", "Content Too Large\n");
            return;
        }
        std::string& body = response.body();
        body.resize(static_cast<std::size_t>(st.st_size));
        std::size_t got = 0;
        while (got < body.size()) {
            const ssize_t n = ::read(fd, body.data() + got, body.size() - got);
            if (n <= 0)
                break;
            got += static_cast<std::size_t>(n);
        }
        ::close(fd);
        body.resize(got);
        response.setStatus(200);
        response.addHeader("Content-Type", contentTypeFor(file));
    };
}

} // namespace qgnet::http
