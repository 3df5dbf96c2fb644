// SPDX-License-Identifier: Apache-2.0
#include "filter_expression_edit.h"

namespace qgnet::inspector {

FilterExpressionEdit::FilterExpressionEdit(QWidget* parent) : QLineEdit(parent)
{
    setPlaceholderText(tr("Expression, e.g. loop == 2 && bytesIn > 1M && !paused"));
    setClearButtonEnabled(true);
    setToolTip(FilterExpression::helpText());
    connect(this, &QLineEdit::textChanged, this, &FilterExpressionEdit::reparse);
}

void FilterExpressionEdit::reparse(const QString& text)
{
    const FilterExpression parsed = FilterExpression::parse(text);
    const QString error = parsed.errorString();
    if (error != error_) {
        error_ = error;
        // A style sheet on this widget alone: the red frame is the one signal that works in every
        // style (a palette change of the base colour is ignored by some).
        setStyleSheet(error_.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 2px solid #c8372d; }"));
        setToolTip(error_.isEmpty() ? FilterExpression::helpText() : error_);
        emit errorChanged(error_);
    }
    if (parsed.isValid()) {
        expression_ = parsed;
        emit expressionChanged(expression_);
    }
}

} // namespace qgnet::inspector
