// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <chrono>
#include <memory>

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QStringView>

#include "qgnet/stats.h"

namespace qgnet {

/// FilterExpression is a parsed filter over the inspector's connection rows, the language of the
/// inspectors' "Expression" box: `loop == 2 && bytesIn > 1M && !paused`, `state == draining || paused`,
/// `remote ~ "10.0."`, `!client`.
///
/// A comparison is a field, an operator and a value: numbers with `==`, `!=`, `<`, `<=`, `>`, `>=`
/// (a value may end in K, M, G or T, optionally followed by `i`/`iB`/`B`: 1024-based, so 1M is
/// 1048576); text with `==`, `!=` and `~`/`!~` (contains / does not contain), case-insensitively, its
/// value in double or single quotes (a bare word also works); choices (state, network) with `==` and
/// `!=`; yes/no fields stand alone (`paused`, `!client`) or compare with `true`/`false`. `&&` binds
/// tighter than `||`; `!` negates what follows; parentheses group. Field names ignore case.
///
/// parse() never throws: a refused text gives an error message and the 1-based column where it
/// went wrong. Input is bounded (kMaxLength characters, kMaxDepth nested parentheses and `!`), so
/// neither parsing nor evaluation can run out of stack on hostile input. A default-constructed or
/// blank expression is valid and matches every row. Copies share the parsed form (cheap).
class QGNET_QT_EXPORT FilterExpression {
    Q_DECLARE_TR_FUNCTIONS(FilterExpression)
public:
    /// kMaxLength: longer texts are refused (a filter is typed by hand; this bounds the work per row).
    static constexpr qsizetype kMaxLength = 1024;
    /// kMaxDepth: parentheses and `!` nested deeper than this are refused (bounds the recursion).
    static constexpr int kMaxDepth = 64;

    FilterExpression();

    /// parse reads text; see isValid() and errorString() for the outcome.
    static FilterExpression parse(QStringView text);

    /// isValid is false when the text was refused.
    bool isValid() const;
    /// isEmpty: the text was blank (valid, matches everything).
    bool isEmpty() const;
    /// text is what was parsed.
    QString text() const;
    /// errorMessage says what is wrong (translated), without the column; empty when valid.
    QString errorMessage() const;
    /// errorColumn is the 1-based column (character) of the error; 0 when valid.
    int errorColumn() const;
    /// errorString is "Column N: message" (translated); empty when valid.
    QString errorString() const;

    /// matches is whether connection passes; `now` is the snapshot's wall time, for `age`. An
    /// invalid expression matches nothing (callers keep their last valid one instead).
    bool matches(const ConnectionStats& connection, std::chrono::system_clock::time_point now) const;

    /// fieldNames lists the fields (their canonical names), for help texts and completion.
    static QStringList fieldNames();
    /// helpText is a short translated description of the language, for tooltips.
    static QString helpText();

    struct Data;

private:
    std::shared_ptr<const Data> d_;
};

} // namespace qgnet
