// SPDX-License-Identifier: Apache-2.0
#include "qgnet_translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace qgnet {

namespace {

// The translators installed by the last call, so that a second call replaces rather than stacks.
QPointer<QTranslator> g_qgnet;
QPointer<QTranslator> g_qt;

void removeInstalled()
{
    for (QPointer<QTranslator>* t : {&g_qgnet, &g_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete t->data();
        }
    }
}

} // namespace

QString installTranslations(QCoreApplication& app, const QString& language)
{
    removeInstalled();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (std::unique_ptr<QTranslator> ours = loadTranslation(language)) {
        ours->setParent(&app);
        QCoreApplication::installTranslator(ours.get());
        g_qgnet = ours.release();
    }
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qt = qt;
    } else {
        delete qt;
    }

    if (!g_qgnet)
        return {};
    // The file that was loaded names the language (":/i18n/qgnet_zh_CN.qm" -> "zh_CN").
    QString name = QFileInfo(g_qgnet->filePath()).completeBaseName();
    name.remove(0, int(qstrlen("qgnet_")));
    return name == QLatin1String("en") ? QString() : name;
}

std::unique_ptr<QTranslator> loadTranslation(const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto ours = std::make_unique<QTranslator>();
    // QTranslator::load(locale, ...) tries the locale's UI languages in order, e.g. zh_Hans_CN, zh_CN, zh.
    // Without a translation for the locale (or with the "C" locale) the English set gives the
    // plural forms of the source texts ("1 connection", "2 connections").
    if (ours->load(locale, QStringLiteral("qgnet"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || ours->load(QStringLiteral(":/i18n/qgnet_en.qm")))
        return ours;
    return nullptr;
}

QString languageArgument(const QStringList& arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments[i + 1];
        if (a.startsWith(QLatin1String("--lang=")))
            return a.mid(7);
    }
    return {};
}

QStringList availableTranslations()
{
    QStringList out;
    const QStringList files
        = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("qgnet_*.qm")}, QDir::Files, QDir::Name);
    for (const QString& f : files)
        out << QFileInfo(f).completeBaseName().mid(6);
    return out;
}

} // namespace qgnet
