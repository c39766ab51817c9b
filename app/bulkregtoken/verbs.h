#pragma once

// bulkregtoken's commands as one table: for each verb, the options it accepts,
// its arguments, its lines in the usage text and the function that runs it.
// The parser's options, the usage text, "does not apply" refusals and argument
// counts all come from the table.

#include <QList>
#include <QString>
#include <QStringList>

class QCommandLineOption;
class QCommandLineParser;
class QTextStream;

namespace tc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1; // verify: the token was refused
inline constexpr int kExitUsage = 2;

// Every option, in the order the usage text lists them.
enum class Opt {
    Site,
    New,
    Lifetime,
    Json,
    SiteCode,
    Type,
    Status,
    Pem,
    Reason,
    At,
    Batch,
    Jobs,
    MaxUses,
    Description,
    Device,
    BulkToken
};

// The parsed command line, as a verb's function reads it.
class Command
{
public:
    Command(const QCommandLineParser &parser, QStringList arguments);

    bool isSet(Opt option) const;
    QString value(Opt option) const; // its default when not given
    // The positional arguments after the command word.
    const QStringList &arguments() const { return m_arguments; }

private:
    const QCommandLineParser &m_parser;
    QStringList m_arguments;
};

// How many positional arguments follow a verb's command word.
struct Arguments
{
    int min = 0;
    int max = 0;                 // -1: any number
    const char *needs = nullptr; // what the refusal names when fewer than min are given: "an ID"
};

struct Verb
{
    // The command word. A name starting with '/' is the original tool's switch
    // (/new): no command word is typed, and its selectors choose it.
    const char *name = "";
    // For a switch: the first chooses it, any of them does when no command word
    // is given ("/lifetime 60" alone means /new). For a command word: all must be
    // set as well, so one word can have entries that take different options
    // ("verify --batch").
    QList<Opt> selectors = {};
    QList<Opt> options = {}; // accepted besides the selectors and --site
    Arguments arguments = {};
    const char *usage = ""; // what follows the name in the usage text
    const char *help = "";  // its description there, one line per '\n'
    // Refusals the verb makes before the option and argument checks, or nullptr.
    int (*precheck)(const Command &) = nullptr;
    int (*run)(const Command &) = nullptr;
};

// In the order the usage text lists them.
const QList<Verb> &verbs();
QList<QCommandLineOption> options(); // in Opt order
QString description();               // the usage text above the options
QString commandNames();              // the command words, as "init, list, ..."

// Chooses the verb the parsed command line names, refuses what its entry does
// not allow, and runs it. Returns the exit status.
int dispatch(const QCommandLineParser &parser);

QTextStream &out(); // standard output
// "bulkregtoken: " and the sentence on stderr, on one line; returns code.
int fail(const QString &sentence, int code = kExitFailed);
// fail() with a pointer to the usage text and kExitUsage.
int usageError(const QString &sentence);

} // namespace tc::cli
