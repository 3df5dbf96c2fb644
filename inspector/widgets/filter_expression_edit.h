// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLineEdit>

#include "qgnet/qt/filter_expression.h"

namespace qgnet::inspector {

/// FilterExpressionEdit is the Connections tab's "Expression" box: a line edit that parses what is
/// typed as a qgnet::FilterExpression at each change. A valid (or blank) text is announced with
/// expressionChanged; a refused one turns the border red, puts "Column N: why" in the tooltip and
/// errorChanged, and announces nothing, so the table keeps the last valid filter while the user types.
class FilterExpressionEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit FilterExpressionEdit(QWidget* parent = nullptr);

    /// expression is the last valid expression (blank at first).
    const FilterExpression& expression() const { return expression_; }
    /// errorString is what is wrong with the text as typed ("Column 9: …"); empty when it is valid.
    QString errorString() const { return error_; }

Q_SIGNALS:
    void expressionChanged(const qgnet::FilterExpression& expression);
    void errorChanged(const QString& error);

private:
    void reparse(const QString& text);

    FilterExpression expression_;
    QString error_;
};

} // namespace qgnet::inspector
