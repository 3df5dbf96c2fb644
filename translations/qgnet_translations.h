// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QString>
#include <QStringList>

class QCoreApplication;
class QTranslator;

namespace qgnet {

/// installTranslations makes every qgnet user interface (the Widgets inspector, the demo, the QML
/// inspector and the model column titles of QGnet::Qt) speak `language`: a locale name such as
/// "zh_CN" or "en", or empty for the system locale. It loads the translation compiled into the
/// qgnet_translations library (resource ":/i18n/qgnet_<lang>.qm") and Qt's own translation for the
/// standard dialogs when the system has one. Calling it again replaces what an earlier call
/// installed. Returns the name of the qgnet translation loaded ("zh_CN"), or an empty string when
/// the language is the source language (English) or has no translation, in which case the English
/// source strings show.
QString installTranslations(QCoreApplication& app, const QString& language = {});

/// loadTranslation loads the qgnet translation for `language` (as installTranslations, which uses
/// it) without installing it: a program may translate through it before its application object
/// exists (its command-line help). Null when there is none, not even the English plural forms.
std::unique_ptr<QTranslator> loadTranslation(const QString& language);

/// languageArgument is the value of `--lang NAME` or `--lang=NAME` in arguments, or an empty string.
/// Apps read it before they build their command-line parser so that --help is translated too.
QString languageArgument(const QStringList& arguments);

/// availableTranslations lists the languages compiled in ("en", "zh_CN").
QStringList availableTranslations();

} // namespace qgnet
