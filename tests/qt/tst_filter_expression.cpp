// SPDX-License-Identifier: Apache-2.0
// FilterExpression, the inspectors' connection filter language, table-driven: what parses, what is
// refused and at which column, every field, precedence, number suffixes, and the bounds on length
// and nesting (a hostile "((((…" must be refused, not overflow the stack).
#include <QTest>

#include "qgnet/address.h"
#include "qgnet/qt/filter_expression.h"

using qgnet::ConnectionState;
using qgnet::ConnectionStats;
using qgnet::FilterExpression;
using qgnet::Network;

namespace {

const std::chrono::system_clock::time_point kNow = std::chrono::system_clock::time_point(std::chrono::hours(500000));

/// The rows every case is evaluated against; each case says which of them it keeps, as a string of
/// their letters.
std::vector<ConnectionStats> rows()
{
    std::vector<ConnectionStats> out;
    const auto make = [&](std::uint64_t id, int loop, Network net, ConnectionState state, bool client, bool paused,
                          const char* remote, std::uint64_t in, std::uint64_t out_, std::size_t inbound,
                          std::size_t ring, std::size_t spilled, std::uint64_t hits, int ageSeconds) {
        ConnectionStats c;
        c.id = id;
        c.loop = loop;
        c.network = net;
        c.state = state;
        c.client = client;
        c.readingPaused = paused;
        c.local = qgnet::ListenAddress::parse("tcp://127.0.0.1:9000").socketAddress();
        c.remote = qgnet::ListenAddress::parse(std::string("tcp://") + remote).socketAddress();
        c.opened = kNow - std::chrono::seconds(ageSeconds);
        c.bytesIn = in;
        c.bytesOut = out_;
        c.inboundBuffered = inbound;
        c.outboundRing = ring;
        c.outboundSpilled = spilled;
        c.highWaterHits = hits;
        if (id == 1) // a: a TLS 1.3 connection
            c.tls = qgnet::ConnectionTls{"TLSv1.3", "TLS_AES_256_GCM_SHA384", "h2", "example.org", "", {}};
        out.push_back(c);
    };
    // a: loop 2, big, open;  b: loop 0 draining;  c: loop 2 paused client, small;  d: udp loop 1, old
    make(1, 2, Network::Tcp4, ConnectionState::Open, false, false, "10.0.0.7:50001", 3u << 20, 1024, 0, 100, 0, 0, 5);
    make(2, 0, Network::Tcp4, ConnectionState::Draining, false, false, "192.168.1.9:40000", 512, 2048, 10, 0, 4096, 3,
        30);
    make(3, 2, Network::Tcp6, ConnectionState::Open, true, true, "[::1]:8080", 1023, 0, 0, 0, 0, 0, 1);
    make(4, 1, Network::Udp4, ConnectionState::Open, false, false, "10.0.1.2:53", 1u << 30, std::uint64_t(5) << 30,
        65536, 0, 0, 1, 3600);
    return out;
}

QString kept(const FilterExpression& e)
{
    QString s;
    const std::vector<ConnectionStats> all = rows();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (e.matches(all[i], kNow))
            s += QChar(u'a' + char16_t(i));
    }
    return s;
}

} // namespace

class TestFilterExpression : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void everyFieldIsUsable();
    void blankMatchesEverything();
    void deepNestingIsRefused();
    void longInputIsRefused();
    void longChainsAreNotDeep();
    void errorStringNamesTheColumn();
};

void TestFilterExpression::valid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("rows");
    // The issue's examples.
    QTest::newRow("issue 1") << "loop == 2 && bytesIn > 1M"
                             << "a";
    QTest::newRow("issue 2") << "state == draining || paused"
                             << "bc";
    QTest::newRow("issue 3") << "remote ~ \"10.0.\""
                             << "ad";
    QTest::newRow("issue 4") << "!client"
                             << "abd";
    // Each number operator, exact at the boundary.
    QTest::newRow("==") << "id == 3"
                        << "c";
    QTest::newRow("!=") << "id != 3"
                        << "abd";
    QTest::newRow("<") << "bytesIn < 1023"
                       << "b";
    QTest::newRow("<=") << "bytesIn <= 1023"
                        << "bc";
    QTest::newRow(">") << "bytesIn > 1023"
                       << "ad";
    QTest::newRow(">=") << "bytesIn >= 512"
                        << "abcd";
    // Suffixes, 1024-based, either case, with i/iB/B.
    QTest::newRow("K") << "bytesIn == 1K"
                       << "";
    QTest::newRow("k") << "bytesOut == 1k"
                       << "a";
    QTest::newRow("KiB") << "bytesOut == 2KiB"
                         << "b";
    QTest::newRow("M") << "bytesIn == 3M"
                       << "a";
    QTest::newRow("Mi") << "bytesIn == 3Mi"
                        << "a";
    QTest::newRow("G") << "bytesIn == 1G"
                       << "d";
    QTest::newRow("GB") << "bytesOut == 5GB"
                        << "d";
    QTest::newRow("T") << "bytesOut < 1T"
                       << "abcd";
    QTest::newRow("fraction") << "bytesIn == 0.5K"
                              << "b";
    QTest::newRow("fraction not whole") << "bytesIn > 1022.5"
                                        << "acd";
    QTest::newRow("1.5G") << "bytesOut > 1.5G"
                          << "d";
    // Text: contains, not contains, equality; case-insensitive; single quotes; escapes; bare word.
    QTest::newRow("~") << "remote ~ '192.'"
                       << "b";
    QTest::newRow("!~") << "remote !~ \"10.0.\""
                        << "bc";
    QTest::newRow("text ==") << "remote == \"10.0.0.7:50001\""
                             << "a";
    QTest::newRow("text !=") << "remote != \"10.0.0.7:50001\""
                             << "bcd";
    QTest::newRow("ipv6") << "remote ~ \"[::1]\""
                          << "c";
    QTest::newRow("escape") << R"(remote ~ "\"")"
                            << "";
    QTest::newRow("bare word") << "local ~ unix"
                               << "";
    QTest::newRow("alias peer") << "peer ~ \"10.0.1\""
                                << "d";
    // Choices.
    QTest::newRow("state") << "state == open"
                           << "acd";
    QTest::newRow("state !=") << "state != open"
                              << "b";
    QTest::newRow("state quoted upper") << "state == \"DRAINING\""
                                        << "b";
    QTest::newRow("network") << "network == tcp"
                             << "abc";
    QTest::newRow("network udp") << "network == udp"
                                 << "d";
    QTest::newRow("alias protocol") << "protocol != tcp"
                                    << "d";
    // Flags.
    QTest::newRow("flag") << "client"
                          << "c";
    QTest::newRow("flag == true") << "paused == true"
                                  << "c";
    QTest::newRow("flag == false") << "paused == FALSE"
                                   << "abd";
    QTest::newRow("flag != true") << "client != true"
                                  << "abd";
    QTest::newRow("!!flag") << "!!client"
                            << "c";
    // Precedence: && binds tighter than ||; ! applies to what follows; parentheses group.
    QTest::newRow("&& over ||") << "loop == 0 || loop == 2 && client"
                                << "bc";
    QTest::newRow("parens") << "(loop == 0 || loop == 2) && !client"
                            << "ab";
    QTest::newRow("! comparison") << "!loop == 2"
                                  << "bd";
    QTest::newRow("! parens") << "!(loop == 2 || loop == 1)"
                              << "b";
    QTest::newRow("nested parens") << "((((id == 1))))"
                                   << "a";
    QTest::newRow("chain") << "id > 0 && id > 1 && id > 2 && id < 100"
                           << "cd";
    // Spacing and case of field names do not matter.
    QTest::newRow("no spaces") << "loop==2&&bytesIn>1M"
                               << "a";
    QTest::newRow("field case") << "BYTESIN > 1m"
                                << "ad";
    QTest::newRow("tabs") << "\tloop\t==\t1 "
                          << "d";
}

void TestFilterExpression::valid()
{
    QFETCH(QString, text);
    QFETCH(QString, rows);
    const FilterExpression e = FilterExpression::parse(text);
    QVERIFY2(e.isValid(), qPrintable(e.errorString()));
    QCOMPARE(e.errorColumn(), 0);
    QVERIFY(e.errorString().isEmpty());
    QCOMPARE(e.text(), text);
    QCOMPARE(kept(e), rows);
}

void TestFilterExpression::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message"); // a part of the message
    QTest::newRow("unknown field") << "loop == 2 && lop == 1" << 14 << "unknown field “lop”";
    QTest::newRow("single =") << "loop = 2" << 6 << "use ==";
    QTest::newRow("single &") << "client & paused" << 8 << "use &&";
    QTest::newRow("single |") << "client | paused" << 8 << "use ||";
    QTest::newRow("missing value") << "loop ==" << 8 << "expected a value after “==”";
    QTest::newRow("missing value spaces") << "loop ==   " << 11 << "expected a value";
    QTest::newRow("ends after &&") << "client &&" << 10 << "ends early";
    QTest::newRow("empty parens") << "()" << 2 << "empty parentheses";
    QTest::newRow("unclosed paren") << "(client && paused" << 18 << "“(” at column 1";
    QTest::newRow("stray )") << "client)" << 7 << "has no “(”";
    QTest::newRow("two terms") << "client paused" << 8 << "expected && or ||";
    QTest::newRow("number alone") << "bytesIn" << 1 << "is a number";
    QTest::newRow("text alone") << "remote" << 1 << "is text";
    QTest::newRow("choice alone") << "state" << 1 << "needs a value";
    QTest::newRow("~ on number") << "loop ~ 2" << 6 << "is a number";
    QTest::newRow("< on text") << "remote < \"a\"" << 8 << "is text";
    QTest::newRow("< on choice") << "state < open" << 7 << "== or != only";
    QTest::newRow("~ on flag") << "client ~ true" << 8 << "== or != only";
    QTest::newRow("text for number") << "loop == two" << 9 << "expected a number";
    QTest::newRow("number for text") << "remote ~ 10.0." << 10 << "put text in quotes";
    QTest::newRow("bad choice") << "state == drainin" << 10 << "open, draining";
    QTest::newRow("bad flag value") << "client == yes" << 11 << "true or false";
    QTest::newRow("unclosed quote") << "remote ~ \"10.0." << 10 << "never closed";
    QTest::newRow("bad suffix") << "bytesIn > 1X" << 12 << "not a number suffix";
    QTest::newRow("suffix then letters") << "bytesIn > 1Mx" << 13 << "not a number suffix";
    QTest::newRow("too large") << "bytesIn > 99999999999999999999" << 11 << "too large";
    QTest::newRow("too large with suffix") << "bytesIn > 99999999999T" << 11 << "too large";
    QTest::newRow("unexpected char") << "loop == 2 # comment" << 11 << "unexpected “#”";
    QTest::newRow("negative") << "loop > -1" << 8 << "unexpected “-”";
    QTest::newRow("leading operator") << "== 2" << 1 << "expected a field";
    QTest::newRow("!= alone") << "!=" << 1 << "expected a field";
    QTest::newRow("non-ASCII column") << "remote ~ \"é\" && ü" << 17 << "unknown field “ü”";
}

void TestFilterExpression::invalid()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    QFETCH(QString, message);
    const FilterExpression e = FilterExpression::parse(text);
    QVERIFY(!e.isValid());
    QVERIFY(!e.isEmpty());
    QCOMPARE(e.errorColumn(), column);
    QVERIFY2(e.errorMessage().contains(message), qPrintable(e.errorMessage()));
    // A refused expression keeps nothing: callers keep their last valid filter instead.
    QCOMPARE(kept(e), QString());
}

void TestFilterExpression::everyFieldIsUsable()
{
    // Each field parses in a comparison that fits its type and picks the rows it should.
    const struct {
        const char* text;
        const char* rows;
    } cases[] = {
        {"id >= 2", "bcd"},
        {"loop == 2", "ac"},
        {"network == udp", "d"},
        {"state == draining", "b"},
        {"client", "c"},
        {"paused", "c"},
        {"local ~ \"127.0.0.1:9000\"", "abcd"},
        {"remote ~ \"192.168\"", "b"},
        {"bytesOut >= 1K", "abd"},
        {"inbound > 0", "bd"},
        {"outbound == 4K", "b"},
        {"outboundRing == 100", "a"},
        {"outboundSpilled > 0", "b"},
        {"highWaterHits > 0", "bd"},
        {"age > 10", "bd"},
        {"tls", "a"},
        {"tlsVersion == \"TLSv1.3\"", "a"},
        {"cipher ~ \"aes_256\"", "a"},
        {"alpn == \"h2\"", "a"},
        {"sni ~ \"example\"", "a"},
    };
    QStringList covered;
    for (const auto& c : cases) {
        const FilterExpression e = FilterExpression::parse(QString::fromUtf8(c.text));
        QVERIFY2(e.isValid(), qPrintable(QString::fromUtf8(c.text) + QStringLiteral(": ") + e.errorString()));
        QCOMPARE(kept(e), QString::fromLatin1(c.rows));
        covered << QString::fromUtf8(c.text).section(QLatin1Char(' '), 0, 0);
    }
    covered << QStringLiteral("bytesIn"); // by valid_data
    for (const QString& field : FilterExpression::fieldNames())
        QVERIFY2(covered.contains(field), qPrintable(field + QStringLiteral(" has no case")));
    QVERIFY(FilterExpression::helpText().contains(QStringLiteral("bytesIn")));
}

void TestFilterExpression::blankMatchesEverything()
{
    for (const QString& text : {QString(), QStringLiteral("   "), QStringLiteral("\t\n")}) {
        const FilterExpression e = FilterExpression::parse(text);
        QVERIFY(e.isValid());
        QVERIFY(e.isEmpty());
        QCOMPARE(kept(e), QStringLiteral("abcd"));
    }
    QVERIFY(FilterExpression().isValid());
    QCOMPARE(kept(FilterExpression()), QStringLiteral("abcd"));
}

void TestFilterExpression::deepNestingIsRefused()
{
    // Exactly the limit parses; one more is refused at the parenthesis that goes past it.
    const int max = FilterExpression::kMaxDepth;
    const QString ok = QString(max, u'(') + QStringLiteral("client") + QString(max, u')');
    QVERIFY2(FilterExpression::parse(ok).isValid(), qPrintable(FilterExpression::parse(ok).errorString()));
    QCOMPARE(kept(FilterExpression::parse(ok)), QStringLiteral("c"));
    const QString deep = QString(max + 1, u'(') + QStringLiteral("client") + QString(max + 1, u')');
    const FilterExpression e = FilterExpression::parse(deep);
    QVERIFY(!e.isValid());
    QCOMPARE(e.errorColumn(), max + 1);
    QVERIFY(e.errorMessage().contains(QStringLiteral("nested deeper")));
    // "!" counts too, and mixed with parentheses.
    QVERIFY(FilterExpression::parse(QString(max, u'!') + QStringLiteral("client")).isValid());
    QCOMPARE(FilterExpression::parse(QString(max + 1, u'!') + QStringLiteral("client")).errorColumn(), max + 1);
    QString mixed;
    for (int i = 0; i <= max; ++i)
        mixed += QChar(i % 2 ? u'(' : u'!');
    QCOMPARE(FilterExpression::parse(mixed + QStringLiteral("client")).errorColumn(), max + 1);
    // The hostile case: as deep as the length allows, unclosed. Refused at the limit, no crash.
    const FilterExpression hostile = FilterExpression::parse(QString(FilterExpression::kMaxLength, u'('));
    QVERIFY(!hostile.isValid());
    QCOMPARE(hostile.errorColumn(), max + 1);
}

void TestFilterExpression::longInputIsRefused()
{
    // Up to the limit parses (padded with spaces); one character more is refused at that column.
    const QString base = QStringLiteral("client");
    const QString atLimit = base + QString(FilterExpression::kMaxLength - base.size(), u' ');
    QVERIFY(FilterExpression::parse(atLimit).isValid());
    const FilterExpression e = FilterExpression::parse(atLimit + u' ');
    QVERIFY(!e.isValid());
    QCOMPARE(e.errorColumn(), int(FilterExpression::kMaxLength) + 1);
    QVERIFY(e.errorMessage().contains(QString::number(FilterExpression::kMaxLength)));
    QCOMPARE(kept(e), QString());
    // A megabyte is refused as quickly.
    QVERIFY(!FilterExpression::parse(QString(1 << 20, u'(')).isValid());
}

void TestFilterExpression::longChainsAreNotDeep()
{
    // "id > 0 && id > 0 && …" up to the length limit: && is one n-ary node, so a chain is not nesting.
    QString chain = QStringLiteral("id > 0");
    while (chain.size() + 12 <= FilterExpression::kMaxLength)
        chain += QStringLiteral(" && id > 0");
    const FilterExpression e = FilterExpression::parse(chain);
    QVERIFY2(e.isValid(), qPrintable(e.errorString()));
    QCOMPARE(kept(e), QStringLiteral("abcd"));
    QString ors = QStringLiteral("id == 9");
    while (ors.size() + 12 <= FilterExpression::kMaxLength)
        ors += QStringLiteral(" || id == 9");
    QCOMPARE(kept(FilterExpression::parse(ors + QStringLiteral(" || client"))), QString());
}

void TestFilterExpression::errorStringNamesTheColumn()
{
    const FilterExpression e = FilterExpression::parse(QStringLiteral("loop =="));
    QCOMPARE(e.errorString(), QStringLiteral("Column 8: expected a value after “==”"));
    // Copies share the parsed form.
    const FilterExpression copy = e;
    QCOMPARE(copy.errorColumn(), 8);
}

QTEST_GUILESS_MAIN(TestFilterExpression)
#include "tst_filter_expression.moc"
