// SPDX-License-Identifier: Apache-2.0
#include "attach_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace qgnet::inspector {

AttachDialog::AttachDialog(QWidget* parent)
    : QDialog(parent)
    , address_(new QLineEdit(this))
    , token_(new QLineEdit(this))
{
    setWindowTitle(tr("Attach to a process"));
    auto* form = new QFormLayout(this);
    auto* hint = new QLabel(tr("Address of the process's inspector endpoint, as given to its --inspect option, "
                               "e.g. tcp://127.0.0.1:9100 or unix:/tmp/qgnet.sock"),
        this);
    hint->setWordWrap(true);
    form->addRow(hint);
    address_->setObjectName(QStringLiteral("attachAddress"));
    address_->setPlaceholderText(QStringLiteral("tcp://127.0.0.1:9100"));
    token_->setObjectName(QStringLiteral("attachToken"));
    token_->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Address:"), address_);
    form->addRow(tr("Token:"), token_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto validate = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!address_->text().trimmed().isEmpty());
    };
    connect(address_, &QLineEdit::textChanged, this, validate);
    validate();
    resize(460, sizeHint().height());
}

QString AttachDialog::address() const { return address_->text().trimmed(); }

QString AttachDialog::token() const { return token_->text(); }

void AttachDialog::setAddress(const QString& address) { address_->setText(address); }

} // namespace qgnet::inspector
