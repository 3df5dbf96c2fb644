// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/request.h"

namespace qgnet::http {

namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

std::string_view Request::header(std::string_view name) const noexcept
{
    for (const Header& h : headers)
        if (equalsIgnoreCase(h.name, name))
            return h.value;
    return {};
}

bool Request::hasHeader(std::string_view name) const noexcept
{
    for (const Header& h : headers)
        if (equalsIgnoreCase(h.name, name))
            return true;
    return false;
}

bool Request::hasToken(std::string_view name, std::string_view token) const noexcept
{
    for (const Header& h : headers) {
        if (!equalsIgnoreCase(h.name, name))
            continue;
        std::string_view rest = h.value;
        while (!rest.empty()) {
            const std::size_t comma = rest.find(',');
            if (equalsIgnoreCase(trim(rest.substr(0, comma)), token))
                return true;
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
    }
    return false;
}

std::string_view Request::param(std::string_view name) const noexcept
{
    for (const auto& [key, value] : params)
        if (key == name)
            return value;
    return {};
}

} // namespace qgnet::http
