// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the inspectors' filter expressions (qgnet::FilterExpression): whatever the
// bytes (read as UTF-8), parse must not crash, overflow the stack (nesting is bounded) or hang, and:
// a refused text names a column within it (1 to its length + 1) and a message; an accepted one
// evaluates against a handful of rows without crashing, gives the same answers when parsed again,
// and its negation "!(text)" (when that still fits the bounds) gives the opposite answer on every row.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <QString>

#include "qgnet/address.h"
#include "qgnet/qt/filter_expression.h"

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

const std::vector<qgnet::ConnectionStats>& rows()
{
    static const std::vector<qgnet::ConnectionStats> all = [] {
        std::vector<qgnet::ConnectionStats> out;
        const char* remotes[] = {"tcp://10.0.0.7:50001", "tcp://[::1]:8080", "udp://192.168.1.9:53"};
        for (int i = 0; i < 3; ++i) {
            qgnet::ConnectionStats c;
            c.id = static_cast<std::uint64_t>(i + 1);
            c.loop = i;
            c.network = i == 2 ? qgnet::Network::Udp4 : qgnet::Network::Tcp;
            c.state = static_cast<qgnet::ConnectionState>(i);
            c.client = i == 1;
            c.readingPaused = i == 2;
            c.remote = qgnet::ListenAddress::parse(remotes[i]).socketAddress();
            c.bytesIn = std::uint64_t(1) << (i * 20);
            c.bytesOut = ~std::uint64_t(0) >> i;
            c.inboundBuffered = static_cast<std::size_t>(i) * 4096;
            out.push_back(c);
        }
        return out;
    }();
    return all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto now = std::chrono::system_clock::time_point(std::chrono::hours(500000));
    const qgnet::FilterExpression e = qgnet::FilterExpression::parse(text);
    if (!e.isValid()) {
        check(e.errorColumn() >= 1 && e.errorColumn() <= text.size() + 1);
        check(!e.errorMessage().isEmpty());
        for (const qgnet::ConnectionStats& c : rows())
            check(!e.matches(c, now));
        return 0;
    }
    check(text.size() <= qgnet::FilterExpression::kMaxLength);
    const qgnet::FilterExpression again = qgnet::FilterExpression::parse(text);
    check(again.isValid());
    const QString negated = QStringLiteral("!(") + text + QStringLiteral(")");
    const qgnet::FilterExpression inverse = qgnet::FilterExpression::parse(negated);
    // "!(" adds two levels of nesting and three characters: it may pass a bound the text was within.
    // And a blank text cannot be negated: "!()" is refused, as empty parentheses.
    const bool negatable = inverse.isValid();
    check(negatable || e.isEmpty() || negated.size() > qgnet::FilterExpression::kMaxLength
        || inverse.errorMessage().contains(QStringLiteral("nested")));
    for (const qgnet::ConnectionStats& c : rows()) {
        const bool m = e.matches(c, now);
        check(again.matches(c, now) == m);
        if (negatable)
            check(inverse.matches(c, now) == !m);
    }
    return 0;
}
