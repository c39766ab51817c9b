// bulkregtoken: the command-line tool for bulk registration tokens.
// It composes the models layer; every rule lives there, and every command is
// an entry of the verb table in verbs.cpp.

#include "cliargs.h"
#include "verbs.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace tc;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenconsole"));
    QCoreApplication::setOrganizationName(QStringLiteral("TokenConsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(cli::description());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), cli::commandNames());
    parser.addOptions(cli::options());
    if (!parser.parse(cli::normalizeArguments(QCoreApplication::arguments()))) {
        const QString text = parser.errorText();
        return cli::usageError(text.endsWith(QLatin1Char('.')) ? text : text + QLatin1Char('.'));
    }
    if (parser.isSet(QStringLiteral("help"))) {
        cli::out() << parser.helpText();
        cli::out().flush();
        return cli::kExitOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        cli::out() << "bulkregtoken " << QCoreApplication::applicationVersion() << "\n";
        cli::out().flush();
        return cli::kExitOk;
    }
    return cli::dispatch(parser);
}
