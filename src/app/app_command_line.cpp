// SPDX-License-Identifier: Apache-2.0
#include "app_command_line.h"

#include <cstdio>
#include <utility>

#include <QCoreApplication>
#include <QFile>
#include <QTranslator>

#include "qgnet_translations.h"

namespace qgnet::app {

namespace {

constexpr int UsageExitCode = 2;
constexpr int MaxLoops = 256;

QStringList rawArguments(int argc, char** argv)
{
    QStringList out;
    for (int i = 0; i < argc; ++i)
        out << QString::fromLocal8Bit(argv[i]);
    return out;
}

} // namespace

AppCommandLine::AppCommandLine(AppSpec spec, int argc, char** argv)
    : spec_(std::move(spec))
    , arguments_(rawArguments(argc, argv))
    , language_(languageArgument(arguments_))
    , translator_(loadTranslation(language_))
    , langOption_(QStringLiteral("lang"),
          translated(QT_TRANSLATE_NOOP("main", "User interface language, e.g. zh_CN or en (default: the system's).")),
          QStringLiteral("LANG"))
    , screenshotOption_(QStringLiteral("screenshot"),
          translated(QT_TRANSLATE_NOOP("main", "Save a PNG of the window to FILE and exit.")), QStringLiteral("FILE"))
    , afterOption_(QStringLiteral("after"),
          translated(QT_TRANSLATE_NOOP("main", "Seconds to run before --screenshot (default 3).")),
          QStringLiteral("SECONDS"), QStringLiteral("3"))
{
    // Both are static and may be set before the application object; --version and --help read them.
    QCoreApplication::setApplicationName(spec_.name);
    QCoreApplication::setApplicationVersion(spec_.version);
    if (spec_.description)
        parser_.setApplicationDescription(translated(spec_.description));
    parser_.addHelpOption();
    parser_.addVersionOption();
    if (spec_.tokenHelp) {
        tokenOption_.emplace(QStringLiteral("token"),
            translated(spec_.tokenHelp) + QLatin1Char(' ')
                + translated(QT_TRANSLATE_NOOP("main",
                    "Visible to every user in ps: prefer --token-file or QGNET_INSPECTOR_TOKEN.")),
            QStringLiteral("TOKEN"));
        tokenFileOption_.emplace(QStringLiteral("token-file"),
            translated(QT_TRANSLATE_NOOP("main",
                "Read the inspector token from the first line of FILE (or set QGNET_INSPECTOR_TOKEN).")),
            QStringLiteral("FILE"));
        parser_.addOption(*tokenOption_);
        parser_.addOption(*tokenFileOption_);
    }
    if (spec_.loopsHelp) {
        loopsOption_.emplace(QStringLiteral("loops"), translated(spec_.loopsHelp), QStringLiteral("N"),
            QStringLiteral("4"));
        parser_.addOption(*loopsOption_);
    }
    if (spec_.tabHelp) {
        tabOption_.emplace(QStringLiteral("tab"), translated(spec_.tabHelp), QStringLiteral("NAME"));
        parser_.addOption(*tabOption_);
    }
    parser_.addOptions({langOption_, screenshotOption_, afterOption_});
}

AppCommandLine::~AppCommandLine() = default;

QString AppCommandLine::translated(const char* source) const
{
    // QCoreApplication::translate needs the application object (its translators); before it
    // exists, ask --lang's translator directly.
    if (QCoreApplication::instance() == nullptr && translator_) {
        const QString text = translator_->translate("main", source);
        if (!text.isEmpty())
            return text;
    }
    return QCoreApplication::translate("main", source);
}

void AppCommandLine::addOption(const QCommandLineOption& option) { parser_.addOption(option); }

void AppCommandLine::addCheck(Check check) { checks_.push_back(std::move(check)); }

std::optional<int> AppCommandLine::parse() { return parseArguments(arguments_, false); }

std::optional<int> AppCommandLine::parseAgain()
{
    if (complete_)
        return std::nullopt;
    return parseArguments(QCoreApplication::arguments(), true);
}

std::optional<int> AppCommandLine::parseArguments(const QStringList& arguments, bool final)
{
    const bool parsed = parser_.parse(arguments);
    // --help and --version win over anything else on the line, as with QCommandLineParser::process.
    if (parser_.isSet(QStringLiteral("help"))) {
        QString help = parser_.helpText();
        // Without an application object Qt cannot name the program in the usage line.
        help.replace(QLatin1String("<executable_name>"), arguments.value(0, spec_.name));
        std::fputs(qPrintable(help), stdout);
        return 0;
    }
    if (parser_.isSet(QStringLiteral("help-all"))) {
        // Qt's own options are known only to the application object: list them from parseAgain.
        if (QCoreApplication::instance() == nullptr)
            return std::nullopt;
        parser_.process(*QCoreApplication::instance()); // prints everything and exits with 0
    }
    if (parser_.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(spec_.name), qPrintable(spec_.version));
        return 0;
    }
    if (!parsed) {
        // An option unknown here may be one of Qt's (-platform offscreen): the application object
        // takes those out, so ask again then.
        if (!final && !parser_.unknownOptionNames().isEmpty())
            return std::nullopt;
        return usageError(parser_.errorText());
    }
    complete_ = true;
    return validate();
}

std::optional<int> AppCommandLine::validate()
{
    // The token first: its warning must reach the user even when another option is wrong.
    if (const auto rc = readToken())
        return rc;
    bool ok = true;
    after_ = parser_.value(afterOption_).toDouble(&ok);
    if (!ok || after_ < 0)
        return usageError(translated(QT_TRANSLATE_NOOP("main", "--after needs a number of seconds, 0 or more")));
    if (loopsOption_) {
        loops_ = parser_.value(*loopsOption_).toInt(&ok);
        if (!ok || loops_ < 1 || loops_ > MaxLoops)
            return usageError(translated(QT_TRANSLATE_NOOP("main", "--loops needs a number from 1 to 256")));
    }
    if (tabOption_ && parser_.isSet(*tabOption_)) {
        const QString name = parser_.value(*tabOption_).toLower();
        tab_ = -1;
        for (qsizetype i = 0; i < spec_.tabs.size() && tab_ < 0; ++i) {
            if (spec_.tabs.at(i).contains(name))
                tab_ = static_cast<int>(i);
        }
        if (tab_ < 0)
            return usageError(translated(QT_TRANSLATE_NOOP("main", "Unknown tab: %1")).arg(parser_.value(*tabOption_)));
    }
    for (const Check& check : checks_) {
        if (const QString error = check(); !error.isEmpty())
            return usageError(error);
    }
    return std::nullopt;
}

int AppCommandLine::usageError(const QString& message) const
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(spec_.name), qPrintable(message));
    return UsageExitCode;
}

QString AppCommandLine::screenshot() const { return parser_.value(screenshotOption_); }

std::optional<int> AppCommandLine::readToken()
{
    token_.clear();
    if (!tokenOption_)
        return std::nullopt;
    const bool inArgv = parser_.isSet(*tokenOption_);
    const bool inFile = parser_.isSet(*tokenFileOption_);
    QString source;
    if (inArgv && inFile)
        return usageError(translated(QT_TRANSLATE_NOOP("main", "give --token or --token-file, not both")));
    if (inFile) {
        const QString name = parser_.value(*tokenFileOption_);
        QFile file(name);
        if (!file.open(QIODevice::ReadOnly))
            return usageError(translated(QT_TRANSLATE_NOOP("main", "cannot read the token file %1: %2"))
                                  .arg(name, file.errorString()));
        // The first line, without its line end and surrounding blanks (editors add a final newline).
        const QByteArray content = file.read(MaxTokenFileBytes);
        const qsizetype lineEnd = content.indexOf('\n');
        token_ = QString::fromUtf8(lineEnd < 0 ? content : content.first(lineEnd)).trimmed();
        if (token_.isEmpty())
            return usageError(translated(QT_TRANSLATE_NOOP("main", "the token file %1 is empty")).arg(name));
        source = name;
    } else if (inArgv) {
        token_ = parser_.value(*tokenOption_);
        std::fprintf(stderr, "%s: %s\n", qPrintable(spec_.name),
            qPrintable(translated(QT_TRANSLATE_NOOP("main",
                "warning: --token shows the token to every user of this machine (ps, /proc/PID/cmdline); "
                "use --token-file FILE or QGNET_INSPECTOR_TOKEN instead"))));
        source = QStringLiteral("--token");
    } else {
        token_ = qEnvironmentVariable(TokenVariable);
        source = QString::fromLatin1(TokenVariable);
    }
    if (!token_.isEmpty() && token_.toUtf8().size() < MinTokenBytes)
        return usageError(translated(QT_TRANSLATE_NOOP("main", "the token from %1 has %2 bytes; it needs at least %3"))
                              .arg(source)
                              .arg(token_.toUtf8().size())
                              .arg(MinTokenBytes));
    return std::nullopt;
}

} // namespace qgnet::app
