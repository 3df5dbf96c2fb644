// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for address URLs (qgnet::ListenAddress): whatever the bytes, parse and resolveAll
// must not crash or read outside what they were given, and a URL that parses must come back from
// url() as a URL that parses to the same network and socket address. Host names go to a fixed
// resolver, never to DNS; its answer (which families, how many) is picked by the input's first byte,
// and resolveAll's order must be a permutation of it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "qgnet/address.h"

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const std::vector<std::string> answers[] = {
        {},
        {"127.0.0.1"},
        {"::1", "127.0.0.1"},
        {"::1", "::2", "127.0.0.1", "127.0.0.2"},
        {"127.0.0.3", "fe80::1%1"},
        {"not-an-address"},
    };
    const std::vector<std::string>& answer = answers[data[0] % std::size(answers)];
    const qgnet::Resolver resolver = [&answer](std::string_view) { return answer; };
    const std::string_view url(reinterpret_cast<const char*>(data + 1), size - 1);

    std::error_code ec;
    std::string detail;
    const qgnet::ListenAddress parsed = qgnet::ListenAddress::parse(url, ec, &detail, resolver);
    if (ec) {
        check(!detail.empty()); // every refusal explains itself
    } else {
        std::error_code again;
        const qgnet::ListenAddress back = qgnet::ListenAddress::parse(parsed.url(), again, nullptr, resolver);
        check(!again);
        check(back.network() == parsed.network());
        check(back.socketAddress() == parsed.socketAddress());
    }

    qgnet::Network network{};
    const std::vector<qgnet::SocketAddress> all = qgnet::ListenAddress::resolveAll(url, network, ec, nullptr, resolver);
    check(ec ? all.empty() : !all.empty());
    // interleaveFamilies reorders, never adds or drops.
    std::vector<qgnet::SocketAddress> again = qgnet::interleaveFamilies(all);
    check(again.size() == all.size());
    for (const qgnet::SocketAddress& a : all)
        check(std::count(again.begin(), again.end(), a) == std::count(all.begin(), all.end(), a));
    return 0;
}
