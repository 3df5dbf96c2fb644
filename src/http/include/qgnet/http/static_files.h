// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <string>
#include <string_view>

#include "qgnet/http/router.h"

namespace qgnet::http {

/// staticFiles returns a handler that serves the files under root for a route whose pattern ends in
/// a rest parameter named path ("/{path...}" or "/static/{path...}"). It cannot leave its root: the
/// path is percent-decoded, segments "." and ".." and NUL are refused (400), and the file's real path
/// (symbolic links resolved) must lie under root's (404 otherwise). Directories serve their
/// index.html. Files are read whole into the response, up to maxFileSize (413 beyond; mind the
/// blocking read on the loop thread: this is for small assets).
QGNET_HTTP_EXPORT RouteHandler staticFiles(std::string root, std::size_t maxFileSize = 16 * 1024 * 1024);

/// resolveStaticPath maps a URL path below root to a file, with the rules above; it returns the
/// status to answer with (200 when file was set).
QGNET_HTTP_EXPORT int resolveStaticPath(const std::string& realRoot, std::string_view urlPath, std::string& file);

/// contentTypeFor guesses a Content-Type from a file name's extension.
QGNET_HTTP_EXPORT std::string_view contentTypeFor(std::string_view fileName) noexcept;

} // namespace qgnet::http
