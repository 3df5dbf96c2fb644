// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/filter_expression.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "stats_text.h"

namespace qgnet {

namespace {

using Now = std::chrono::system_clock::time_point;

/// FieldType says which operators and values a field takes.
enum class FieldType : std::uint8_t {
    Integer, ///< Unsigned counters and ids: compared exactly when the value is whole.
    Real,    ///< Seconds, percentages.
    Text,    ///< Addresses: ==, !=, ~, !~, case-insensitive.
    Choice,  ///< One of a fixed set of words (state, network): == and !=, the value checked at parse.
    Flag,    ///< Yes/no: alone, negated, or compared with true/false.
};

/// FieldValue is one field of one row; only the member of the field's type is set.
struct FieldValue {
    std::uint64_t integer = 0;
    double real = 0;
    QString text;
    bool flag = false;
};

FieldValue integer(std::uint64_t v)
{
    FieldValue f;
    f.integer = v;
    return f;
}
FieldValue real(double v)
{
    FieldValue f;
    f.real = v;
    return f;
}
FieldValue text(QString v)
{
    FieldValue f;
    f.text = std::move(v);
    return f;
}
FieldValue flag(bool v)
{
    FieldValue f;
    f.flag = v;
    return f;
}

QStringList stateChoices()
{
    return {QStringLiteral("connecting"), QStringLiteral("open"), QStringLiteral("draining"), QStringLiteral("closed")};
}
QStringList networkChoices() { return {QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("unix")}; }

/// Field is one name of the language. Adding a field is adding one line to kFields.
struct Field {
    const char16_t* name;
    const char16_t* alias; ///< A second name (the table's column key where it differs), or null.
    FieldType type;
    QStringList (*choices)(); ///< FieldType::Choice: the words it takes.
    FieldValue (*get)(const ConnectionStats&, Now);
};

// clang-format off
const Field kFields[] = {
    {u"id", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(c.id); }},
    {u"loop", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(static_cast<std::uint64_t>(std::max(0, c.loop))); }},
    {u"network", u"protocol", FieldType::Choice, networkChoices, [](const ConnectionStats& c, Now) { return text(qtdetail::protocolKey(c.network)); }},
    {u"state", nullptr, FieldType::Choice, stateChoices, [](const ConnectionStats& c, Now) { return text(qtdetail::stateKey(c.state)); }},
    {u"client", nullptr, FieldType::Flag, nullptr, [](const ConnectionStats& c, Now) { return flag(c.client); }},
    {u"paused", nullptr, FieldType::Flag, nullptr, [](const ConnectionStats& c, Now) { return flag(c.readingPaused); }},
    {u"local", nullptr, FieldType::Text, nullptr, [](const ConnectionStats& c, Now) { return text(qtdetail::addressText(c.local)); }},
    {u"remote", u"peer", FieldType::Text, nullptr, [](const ConnectionStats& c, Now) { return text(qtdetail::addressText(c.remote)); }},
    {u"bytesIn", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(c.bytesIn); }},
    {u"bytesOut", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(c.bytesOut); }},
    {u"inbound", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(c.inboundBuffered); }},
    {u"outbound", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(c.outboundRing + c.outboundSpilled); }},
    {u"outboundRing", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(c.outboundRing); }},
    {u"outboundSpilled", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(c.outboundSpilled); }},
    {u"highWaterHits", nullptr, FieldType::Integer, nullptr, [](const ConnectionStats& c, Now) { return integer(c.highWaterHits); }},
    {u"tls", nullptr, FieldType::Flag, nullptr, [](const ConnectionStats& c, Now) { return flag(c.tls.has_value()); }},
    {u"tlsVersion", nullptr, FieldType::Text, nullptr, [](const ConnectionStats& c, Now) { return text(c.tls ? QString::fromStdString(c.tls->version) : QString()); }},
    {u"cipher", nullptr, FieldType::Text, nullptr, [](const ConnectionStats& c, Now) { return text(c.tls ? QString::fromStdString(c.tls->cipher) : QString()); }},
    {u"alpn", nullptr, FieldType::Text, nullptr, [](const ConnectionStats& c, Now) { return text(c.tls ? QString::fromStdString(c.tls->alpn) : QString()); }},
    {u"sni", nullptr, FieldType::Text, nullptr, [](const ConnectionStats& c, Now) { return text(c.tls ? QString::fromStdString(c.tls->serverName) : QString()); }},
    {u"age", nullptr, FieldType::Real, nullptr, [](const ConnectionStats& c, Now now) { return real(std::max(0.0, std::chrono::duration<double>(now - c.opened).count())); }},
};
// clang-format on

int findField(QStringView name)
{
    for (int i = 0; i < int(std::size(kFields)); ++i) {
        const Field& f = kFields[i];
        if (name.compare(QStringView(f.name), Qt::CaseInsensitive) == 0
            || (f.alias && name.compare(QStringView(f.alias), Qt::CaseInsensitive) == 0))
            return i;
    }
    return -1;
}

enum class Op : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge, Contains, NotContains };

/// Literal is a comparison's right-hand side.
struct Literal {
    double real = 0;
    std::optional<std::uint64_t> integer; ///< Set when the number is whole and fits.
    QString text;
    bool flag = false;
};

} // namespace

/// Data is the parsed form: nodes in a flat vector (children by index), the root last. And/Or are
/// n-ary, so a long chain `a && b && c…` is one node, and the tree's depth is the nesting depth.
struct FilterExpression::Data {
    enum class Kind : std::uint8_t { And, Or, Not, Compare, Flag };
    struct Node {
        Kind kind = Kind::Compare;
        int field = -1;
        Op op = Op::Eq;
        Literal value;
        std::vector<int> children;
    };
    QString text;
    std::vector<Node> nodes;
    int root = -1; ///< -1: blank, matches all.
    QString error;
    int errorColumn = 0;

    bool eval(int index, const ConnectionStats& c, Now now) const;
};

namespace {

/// Token is one lexical unit; column is 1-based.
struct Token {
    enum class Kind : std::uint8_t { End, Ident, Number, String, Compare, And, Or, Not, LParen, RParen };
    Kind kind = Kind::End;
    int column = 0;
    QString text; ///< Ident: the name; String: the unquoted value; Compare: the operator's spelling.
    Op op = Op::Eq;
    Literal number;
};

/// ParseError carries a refusal out of the recursive descent (caught in parse(), never escapes).
struct ParseError {
    QString message;
    int column;
};

bool isIdentStart(QChar c) { return c.isLetter() || c == u'_'; }
bool isIdentPart(QChar c) { return c.isLetterOrNumber() || c == u'_'; }

/// Lexer hands out tokens on demand, so the parser can explain a token in context (a number where
/// text was expected) before the lexer trips over what follows it.
class Lexer {
public:
    explicit Lexer(QStringView s) : s_(s) {}

    Token next()
    {
        while (pos_ < s_.size() && s_[pos_].isSpace())
            ++pos_;
        Token t;
        t.column = int(pos_) + 1;
        if (pos_ >= s_.size())
            return t;
        const QChar c = s_[pos_];
        const auto two = [&](char16_t second) { return pos_ + 1 < s_.size() && s_[pos_ + 1] == second; };
        const auto op = [&](Op o, int length) {
            t.kind = Token::Kind::Compare;
            t.op = o;
            t.text = s_.mid(pos_, length).toString();
            pos_ += length;
            return t;
        };
        if (c == u'(' || c == u')') {
            t.kind = c == u'(' ? Token::Kind::LParen : Token::Kind::RParen;
            ++pos_;
            return t;
        }
        if (c == u'&') {
            if (!two(u'&'))
                throw ParseError{FilterExpression::tr("use && for “and”"), t.column};
            t.kind = Token::Kind::And;
            pos_ += 2;
            return t;
        }
        if (c == u'|') {
            if (!two(u'|'))
                throw ParseError{FilterExpression::tr("use || for “or”"), t.column};
            t.kind = Token::Kind::Or;
            pos_ += 2;
            return t;
        }
        if (c == u'=') {
            if (!two(u'='))
                throw ParseError{FilterExpression::tr("use == to compare"), t.column};
            return op(Op::Eq, 2);
        }
        if (c == u'!') {
            if (two(u'='))
                return op(Op::Ne, 2);
            if (two(u'~'))
                return op(Op::NotContains, 2);
            t.kind = Token::Kind::Not;
            ++pos_;
            return t;
        }
        if (c == u'<')
            return two(u'=') ? op(Op::Le, 2) : op(Op::Lt, 1);
        if (c == u'>')
            return two(u'=') ? op(Op::Ge, 2) : op(Op::Gt, 1);
        if (c == u'~')
            return op(Op::Contains, 1);
        if (c == u'"' || c == u'\'')
            return quoted(t);
        if (c.isDigit())
            return number(t);
        if (isIdentStart(c)) {
            const qsizetype start = pos_;
            while (pos_ < s_.size() && isIdentPart(s_[pos_]))
                ++pos_;
            t.kind = Token::Kind::Ident;
            t.text = s_.mid(start, pos_ - start).toString();
            return t;
        }
        throw ParseError{FilterExpression::tr("unexpected “%1”").arg(c), t.column};
    }

private:
    Token quoted(Token& t)
    {
        const QChar quote = s_[pos_++];
        QString value;
        while (pos_ < s_.size() && s_[pos_] != quote) {
            if (s_[pos_] == u'\\' && pos_ + 1 < s_.size())
                ++pos_; // \" \' \\: the next character as it is
            value += s_[pos_++];
        }
        if (pos_ >= s_.size())
            throw ParseError{FilterExpression::tr("this quote is never closed"), t.column};
        ++pos_;
        t.kind = Token::Kind::String;
        t.text = value;
        return t;
    }

    Token number(Token& t)
    {
        const qsizetype start = pos_;
        std::uint64_t whole = 0;
        bool overflow = false;
        while (pos_ < s_.size() && s_[pos_].isDigit()) {
            const auto digit = static_cast<std::uint64_t>(s_[pos_].digitValue());
            overflow = overflow || whole > (std::numeric_limits<std::uint64_t>::max() - digit) / 10;
            whole = whole * 10 + digit;
            ++pos_;
        }
        bool fraction = false;
        if (pos_ + 1 < s_.size() && s_[pos_] == u'.' && s_[pos_ + 1].isDigit()) {
            fraction = true;
            ++pos_;
            while (pos_ < s_.size() && s_[pos_].isDigit())
                ++pos_;
        }
        // Suffix: K, M, G or T (either case), then optionally "i", then optionally "B". 1024-based.
        int shift = 0;
        if (pos_ < s_.size()) {
            switch (s_[pos_].toUpper().unicode()) {
            case u'K': shift = 10; break;
            case u'M': shift = 20; break;
            case u'G': shift = 30; break;
            case u'T': shift = 40; break;
            default: break;
            }
            if (shift) {
                ++pos_;
                if (pos_ < s_.size() && s_[pos_] == u'i')
                    ++pos_;
                if (pos_ < s_.size() && (s_[pos_] == u'B' || s_[pos_] == u'b'))
                    ++pos_;
            }
        }
        if (pos_ < s_.size() && isIdentPart(s_[pos_]))
            throw ParseError{FilterExpression::tr("“%1” is not a number suffix (K, M, G, T: 1024-based)")
                                 .arg(s_.mid(pos_, 1)),
                int(pos_) + 1};
        const double scale = std::ldexp(1.0, shift);
        const QStringView digits = s_.mid(start, pos_ - start);
        qsizetype end = 0;
        while (end < digits.size() && (digits[end].isDigit() || digits[end] == u'.'))
            ++end;
        t.kind = Token::Kind::Number;
        t.text = digits.toString();
        if (fraction) {
            t.number.real = digits.left(end).toDouble() * scale;
            if (t.number.real < 0x1p63 && t.number.real == std::floor(t.number.real))
                t.number.integer = static_cast<std::uint64_t>(t.number.real);
        } else {
            if (overflow || (shift && whole > (std::numeric_limits<std::uint64_t>::max() >> shift)))
                throw ParseError{FilterExpression::tr("this number is too large"), t.column};
            t.number.integer = whole << shift;
            t.number.real = static_cast<double>(*t.number.integer);
        }
        return t;
    }

    QStringView s_;
    qsizetype pos_ = 0;
};

QString fieldList()
{
    QStringList names;
    for (const Field& f : kFields)
        names << QString::fromUtf16(f.name);
    return names.join(QStringLiteral(", "));
}

QString describe(const Token& t)
{
    switch (t.kind) {
    case Token::Kind::End: return FilterExpression::tr("the end");
    case Token::Kind::Ident: return QStringLiteral("“%1”").arg(t.text);
    case Token::Kind::Number: return QStringLiteral("“%1”").arg(t.text);
    case Token::Kind::String: return QStringLiteral("\"%1\"").arg(t.text);
    case Token::Kind::Compare: return QStringLiteral("“%1”").arg(t.text);
    case Token::Kind::And: return QStringLiteral("“&&”");
    case Token::Kind::Or: return QStringLiteral("“||”");
    case Token::Kind::Not: return QStringLiteral("“!”");
    case Token::Kind::LParen: return QStringLiteral("“(”");
    case Token::Kind::RParen: return QStringLiteral("“)”");
    }
    return {};
}

/// Parser is a recursive descent over the grammar
///   or := and ("||" and)* ;  and := unary ("&&" unary)* ;  unary := "!" unary | "(" or ")" | term
///   term := field [op value]
/// with the depth of "!" and "(" counted against kMaxDepth.
class Parser {
public:
    Parser(QStringView text, FilterExpression::Data& d) : lexer_(text), d_(d) { advance(); }

    int parseAll()
    {
        if (tok_.kind == Token::Kind::End)
            return -1;
        const int root = parseOr(0);
        if (tok_.kind == Token::Kind::RParen)
            throw ParseError{FilterExpression::tr("this “)” has no “(”"), tok_.column};
        if (tok_.kind != Token::Kind::End)
            throw ParseError{FilterExpression::tr("expected && or || before %1").arg(describe(tok_)), tok_.column};
        return root;
    }

private:
    using Kind = FilterExpression::Data::Kind;

    void advance() { tok_ = lexer_.next(); }

    int add(FilterExpression::Data::Node node)
    {
        d_.nodes.push_back(std::move(node));
        return int(d_.nodes.size()) - 1;
    }

    int parseOr(int depth)
    {
        std::vector<int> terms{parseAnd(depth)};
        while (tok_.kind == Token::Kind::Or) {
            advance();
            terms.push_back(parseAnd(depth));
        }
        if (terms.size() == 1)
            return terms.front();
        FilterExpression::Data::Node n;
        n.kind = Kind::Or;
        n.children = std::move(terms);
        return add(std::move(n));
    }

    int parseAnd(int depth)
    {
        std::vector<int> terms{parseUnary(depth)};
        while (tok_.kind == Token::Kind::And) {
            advance();
            terms.push_back(parseUnary(depth));
        }
        if (terms.size() == 1)
            return terms.front();
        FilterExpression::Data::Node n;
        n.kind = Kind::And;
        n.children = std::move(terms);
        return add(std::move(n));
    }

    int parseUnary(int depth)
    {
        if (tok_.kind == Token::Kind::Not || tok_.kind == Token::Kind::LParen) {
            if (depth >= FilterExpression::kMaxDepth)
                throw ParseError{FilterExpression::tr("nested deeper than %1 levels").arg(FilterExpression::kMaxDepth),
                    tok_.column};
        }
        if (tok_.kind == Token::Kind::Not) {
            advance();
            FilterExpression::Data::Node n;
            n.kind = Kind::Not;
            n.children = {parseUnary(depth + 1)};
            return add(std::move(n));
        }
        if (tok_.kind == Token::Kind::LParen) {
            const int open = tok_.column;
            advance();
            if (tok_.kind == Token::Kind::RParen)
                throw ParseError{FilterExpression::tr("empty parentheses"), tok_.column};
            const int inner = parseOr(depth + 1);
            if (tok_.kind != Token::Kind::RParen)
                throw ParseError{FilterExpression::tr("expected “)” for the “(” at column %1, found %2")
                                     .arg(open)
                                     .arg(describe(tok_)),
                    tok_.column};
            advance();
            return inner;
        }
        return parseTerm();
    }

    int parseTerm()
    {
        if (tok_.kind != Token::Kind::Ident) {
            if (tok_.kind == Token::Kind::End)
                throw ParseError{FilterExpression::tr("the expression ends early: expected a field"), tok_.column};
            throw ParseError{FilterExpression::tr("expected a field, “!” or “(”, found %1").arg(describe(tok_)),
                tok_.column};
        }
        const Token name = tok_;
        const int index = findField(name.text);
        if (index < 0)
            throw ParseError{FilterExpression::tr("unknown field “%1” (fields: %2)").arg(name.text, fieldList()),
                name.column};
        const Field& field = kFields[index];
        const QString fname = QString::fromUtf16(field.name);
        advance();

        FilterExpression::Data::Node n;
        n.field = index;
        if (tok_.kind != Token::Kind::Compare) {
            // A field alone: only yes/no fields stand for a condition.
            switch (field.type) {
            case FieldType::Flag: n.kind = Kind::Flag; return add(std::move(n));
            case FieldType::Integer:
            case FieldType::Real:
                throw ParseError{FilterExpression::tr("“%1” is a number: compare it, e.g. %1 > 0").arg(fname),
                    name.column};
            case FieldType::Text:
                throw ParseError{FilterExpression::tr("“%1” is text: compare it, e.g. %1 ~ \"10.0.\"").arg(fname),
                    name.column};
            case FieldType::Choice:
                throw ParseError{FilterExpression::tr("“%1” needs a value, e.g. %1 == %2")
                                     .arg(fname, field.choices().value(0)),
                    name.column};
            }
        }
        const Token op = tok_;
        n.kind = Kind::Compare;
        n.op = op.op;
        const bool ordering = op.op == Op::Lt || op.op == Op::Le || op.op == Op::Gt || op.op == Op::Ge;
        const bool contains = op.op == Op::Contains || op.op == Op::NotContains;
        switch (field.type) {
        case FieldType::Integer:
        case FieldType::Real:
            if (contains)
                throw ParseError{FilterExpression::tr("“%1” is a number: use ==, !=, <, <=, > or >=").arg(fname),
                    op.column};
            break;
        case FieldType::Text:
            if (ordering)
                throw ParseError{FilterExpression::tr("“%1” is text: use ==, !=, ~ or !~").arg(fname), op.column};
            break;
        case FieldType::Choice:
        case FieldType::Flag:
            if (ordering || contains)
                throw ParseError{FilterExpression::tr("“%1” takes == or != only").arg(fname), op.column};
            break;
        }
        advance();
        const Token value = tok_;
        if (value.kind == Token::Kind::End)
            throw ParseError{FilterExpression::tr("expected a value after “%1”").arg(op.text), value.column};
        switch (field.type) {
        case FieldType::Integer:
        case FieldType::Real:
            if (value.kind != Token::Kind::Number)
                throw ParseError{FilterExpression::tr("“%1” is a number: expected a number after “%2”, found %3")
                                     .arg(fname, op.text, describe(value)),
                    value.column};
            n.value = value.number;
            break;
        case FieldType::Text:
            if (value.kind == Token::Kind::Number)
                throw ParseError{FilterExpression::tr("put text in quotes, e.g. %1 ~ \"10.0.\"").arg(fname),
                    value.column};
            if (value.kind != Token::Kind::String && value.kind != Token::Kind::Ident)
                throw ParseError{FilterExpression::tr("expected text after “%1”, found %2")
                                     .arg(op.text, describe(value)),
                    value.column};
            n.value.text = value.text;
            break;
        case FieldType::Choice: {
            const QStringList choices = field.choices();
            const QString word = value.text.toLower();
            if ((value.kind != Token::Kind::String && value.kind != Token::Kind::Ident) || !choices.contains(word))
                throw ParseError{FilterExpression::tr("“%1” is one of: %2")
                                     .arg(fname, choices.join(QStringLiteral(", "))),
                    value.column};
            n.value.text = word;
            break;
        }
        case FieldType::Flag: {
            const QString word = value.text.toLower();
            if (value.kind != Token::Kind::Ident || (word != u"true" && word != u"false"))
                throw ParseError{FilterExpression::tr("“%1” is yes or no: compare it with true or false").arg(fname),
                    value.column};
            n.value.flag = word == u"true";
            break;
        }
        }
        advance();
        return add(std::move(n));
    }

    Lexer lexer_;
    FilterExpression::Data& d_;
    Token tok_;
};

template <typename T>
bool compare(Op op, const T& a, const T& b)
{
    switch (op) {
    case Op::Eq: return a == b;
    case Op::Ne: return a != b;
    case Op::Lt: return a < b;
    case Op::Le: return a <= b;
    case Op::Gt: return a > b;
    case Op::Ge: return a >= b;
    case Op::Contains:
    case Op::NotContains: break;
    }
    return false;
}

} // namespace

bool FilterExpression::Data::eval(int index, const ConnectionStats& c, Now now) const
{
    const Node& n = nodes[static_cast<std::size_t>(index)];
    switch (n.kind) {
    case Kind::And: return std::all_of(n.children.begin(), n.children.end(), [&](int i) { return eval(i, c, now); });
    case Kind::Or: return std::any_of(n.children.begin(), n.children.end(), [&](int i) { return eval(i, c, now); });
    case Kind::Not: return !eval(n.children.front(), c, now);
    case Kind::Flag: return kFields[n.field].get(c, now).flag;
    case Kind::Compare: break;
    }
    const Field& field = kFields[n.field];
    const FieldValue v = field.get(c, now);
    switch (field.type) {
    case FieldType::Integer:
        if (n.value.integer)
            return compare(n.op, v.integer, *n.value.integer);
        return compare(n.op, static_cast<double>(v.integer), n.value.real);
    case FieldType::Real: return compare(n.op, v.real, n.value.real);
    case FieldType::Choice:
    case FieldType::Text:
        switch (n.op) {
        case Op::Contains: return v.text.contains(n.value.text, Qt::CaseInsensitive);
        case Op::NotContains: return !v.text.contains(n.value.text, Qt::CaseInsensitive);
        case Op::Eq: return v.text.compare(n.value.text, Qt::CaseInsensitive) == 0;
        case Op::Ne: return v.text.compare(n.value.text, Qt::CaseInsensitive) != 0;
        default: return false;
        }
    case FieldType::Flag: return n.op == Op::Eq ? v.flag == n.value.flag : v.flag != n.value.flag;
    }
    return false;
}

FilterExpression::FilterExpression() : d_(std::make_shared<const Data>()) {}

FilterExpression FilterExpression::parse(QStringView text)
{
    auto d = std::make_shared<Data>();
    d->text = text.toString();
    if (text.size() > kMaxLength) {
        d->error = tr("longer than %1 characters").arg(kMaxLength);
        d->errorColumn = int(kMaxLength) + 1;
    } else {
        try {
            Parser parser(text, *d);
            d->root = parser.parseAll();
        } catch (const ParseError& e) {
            d->error = e.message;
            d->errorColumn = e.column;
            d->nodes.clear();
            d->root = -1;
        }
    }
    FilterExpression out;
    out.d_ = std::move(d);
    return out;
}

bool FilterExpression::isValid() const { return d_->errorColumn == 0; }

bool FilterExpression::isEmpty() const { return isValid() && d_->root < 0; }

QString FilterExpression::text() const { return d_->text; }

QString FilterExpression::errorMessage() const { return d_->error; }

int FilterExpression::errorColumn() const { return d_->errorColumn; }

QString FilterExpression::errorString() const
{
    return isValid() ? QString() : tr("Column %1: %2").arg(d_->errorColumn).arg(d_->error);
}

bool FilterExpression::matches(const ConnectionStats& connection, Now now) const
{
    if (!isValid())
        return false;
    return d_->root < 0 || d_->eval(d_->root, connection, now);
}

QStringList FilterExpression::fieldNames()
{
    QStringList names;
    for (const Field& f : kFields)
        names << QString::fromUtf16(f.name);
    return names;
}

QString FilterExpression::helpText()
{
    return tr("Filter expression, e.g. loop == 2 && bytesIn > 1M && !paused\n"
              "Fields: %1\n"
              "Numbers: == != < <= > >=, with K, M, G, T suffixes (1024-based: 1M = 1048576)\n"
              "Text: == != ~ (contains) !~, in quotes: remote ~ \"10.0.\"\n"
              "Combine with && || ! and parentheses.")
        .arg(fieldList());
}

} // namespace qgnet
