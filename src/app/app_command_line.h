// SPDX-License-Identifier: Apache-2.0
#pragma once

// The command line of qgnet's GUI applications (qgnet-inspector, qgnet-inspector-quick,
// qgnet-demo): the options they share (--lang --screenshot --after --tab --token --token-file
// --loops), checked here once, and the parsing done before the QApplication/QGuiApplication exists, so that --help,
// --version and a usage error need no display.
//
//   AppCommandLine cl(spec, argc, argv);     // no application object yet
//   cl.addOption(...); cl.addCheck(...);     // the app's own options and their checks
//   if (auto rc = cl.parse()) return *rc;    // --help/--version: 0; bad usage: 2
//   QApplication app(argc, argv);
//   if (auto rc = cl.parseAgain()) return *rc;  // only if Qt's own options (-platform) were in the way
//
// Qt's own options (-platform, -style, ...) are known only to the application object, which takes
// them out of argv: when the first parse meets an option it does not know, it waits for
// parseAgain() over QCoreApplication::arguments() before it reports anything. --help-all, which
// lists Qt's options too, waits for the application object as well.

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

class QTranslator;

namespace qgnet::app {

/// AppSpec describes one application's command line. Texts are QT_TRANSLATE_NOOP("main", ...)
/// literals, translated into --lang's language by AppCommandLine.
struct AppSpec {
    QString name;                      ///< the program, for messages and --version
    QString version;                   ///< for --version
    const char* description = nullptr; ///< the first line of --help
    const char* tokenHelp = nullptr;   ///< --token TOKEN's help; null: no token options
    const char* loopsHelp = nullptr;   ///< --loops N's help; null: no --loops
    const char* tabHelp = nullptr;     ///< --tab NAME's help; null: no --tab
    QList<QStringList> tabs;           ///< for --tab: the names that select tab i, lower case
};

/// AppCommandLine parses and checks one application's command line.
class AppCommandLine {
public:
    /// MinTokenBytes is the shortest inspector token accepted (InspectorEndpoint::MinTokenBytes).
    static constexpr int MinTokenBytes = 16;
    /// MaxTokenFileBytes bounds what --token-file reads.
    static constexpr qint64 MaxTokenFileBytes = 4096;
    /// TokenVariable is the environment variable read when neither --token nor --token-file is given.
    static constexpr const char* TokenVariable = "QGNET_INSPECTOR_TOKEN";

    /// AppCommandLine reads argv (before the application object; it may exist already) and --lang
    /// in it. --lang, --screenshot and --after are always there; --token (with --token-file and
    /// QGNET_INSPECTOR_TOKEN), --loops and --tab as spec says.
    AppCommandLine(AppSpec spec, int argc, char** argv);
    ~AppCommandLine();
    AppCommandLine(const AppCommandLine&) = delete;
    AppCommandLine& operator=(const AppCommandLine&) = delete;

    /// translated is source (a QT_TRANSLATE_NOOP("main", ...) literal) in --lang's language; it works
    /// before the application object exists, for the app's own option descriptions.
    QString translated(const char* source) const;
    /// addOption adds an option of this application only (before parse).
    void addOption(const QCommandLineOption& option);
    /// Check is one of the application's own checks of its options: a usage error message (already
    /// translated), or an empty string when all is well.
    using Check = std::function<QString()>;
    /// addCheck adds a check, run after the shared options' checks in the order added (before parse).
    void addCheck(Check check);

    /// parse reads the command line given to the constructor. It returns the exit code when the
    /// program must end now: 0 after printing --help or --version, 2 after printing a usage error;
    /// std::nullopt to go on.
    std::optional<int> parse();
    /// parseAgain finishes a parse that met options it did not know, over the application's
    /// arguments (Qt's own options removed). Call it once the application object exists; it does
    /// nothing when parse() was complete. Returns as parse().
    std::optional<int> parseAgain();

    /// usageError prints "<name>: message" to stderr and returns 2, the exit code of bad usage.
    int usageError(const QString& message) const;

    // The values, once parsed (defaults otherwise).
    QString language() const { return language_; }
    QString screenshot() const;
    double after() const { return after_; } ///< seconds before the screenshot (default 3)
    /// token is the inspector token from --token-file FILE (its first line), --token TOKEN (warned
    /// about: argv is visible to every user in ps) or else QGNET_INSPECTOR_TOKEN; empty when none
    /// is given. A token that is given is at least MinTokenBytes long (a usage error otherwise).
    QString token() const { return token_; }
    int loops() const { return loops_; } ///< 1 to 256 (default 4)
    int tab() const { return tab_; }     ///< index into AppSpec::tabs; -1 without --tab
    bool isSet(const QCommandLineOption& option) const { return parser_.isSet(option); }
    QString value(const QCommandLineOption& option) const { return parser_.value(option); }

private:
    std::optional<int> parseArguments(const QStringList& arguments, bool final);
    std::optional<int> validate();
    std::optional<int> readToken();

    AppSpec spec_;
    QStringList arguments_;
    QString language_;
    std::unique_ptr<QTranslator> translator_; // --lang's, while there is no application object
    QCommandLineParser parser_;
    QCommandLineOption langOption_;
    QCommandLineOption screenshotOption_;
    QCommandLineOption afterOption_;
    std::optional<QCommandLineOption> tokenOption_;
    std::optional<QCommandLineOption> tokenFileOption_;
    QString token_;
    std::optional<QCommandLineOption> loopsOption_;
    std::optional<QCommandLineOption> tabOption_;
    std::vector<Check> checks_;
    bool complete_ = false;
    double after_ = 3.0;
    int loops_ = 4;
    int tab_ = -1;
};

} // namespace qgnet::app
