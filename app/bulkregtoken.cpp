// bulkregtoken: the command-line tool for bulk registration tokens.
// It composes the models layer; every rule lives there.

#include "cliargs.h"
#include "jws.h"
#include "records.h"
#include "site.h"
#include "sitepki.h"
#include "tokenservice.h"
#include "batchverifier.h"
#include "wire.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QTextStream>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>
#else
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#endif

using namespace tc;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QString printable(const QString &text, bool escapeBackslash = true);

int fail(const QString &sentence, int code = kExitFailed)
{
    out().flush();
    QTextStream err(stderr);
    // Sentences quote what the user typed; keep them on one line, free of controls.
    err << "bulkregtoken: " << printable(sentence, false) << Qt::endl;
    return code;
}

int usageError(const QString &sentence)
{
    return fail(sentence + QStringLiteral(" Run 'bulkregtoken /?' for usage."), kExitUsage);
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out() << doc.toJson(QJsonDocument::Indented);
    out().flush();
}

const char kDescription[] =
    "Creates and manages bulk registration tokens for internet-based devices that\n"
    "register through a cloud management gateway.\n"
    "\n"
    "Commands (the original tool's switches work as before):\n"
    "  /new [/lifetime MINUTES] [--json]   Create a token (default 4320 minutes = 3 days,\n"
    "                                      at most 10080 = 7 days). The token is shown once\n"
    "                                      and is never stored.\n"
    "  init [--site-code ABC]              Create a site (done automatically on first use).\n"
    "  list [--type TYPE] [--status STATUS] [--json]\n"
    "                                      List site certificates and tokens. TYPE: bulk-token,\n"
    "                                      sms-issuing, sms-token-signing. STATUS: active,\n"
    "                                      blocked, expired, superseded.\n"
    "  show ID [--json] [--pem]            Show a token (by GUID) or certificate (by thumbprint);\n"
    "                                      --pem prints the certificate (never a private key).\n"
    "  block GUID... [--reason TEXT]       Block tokens; all or nothing, in one transaction.\n"
    "  unblock GUID...                     Unblock tokens.\n"
    "  verify [TOKEN|-] [--at TIME] [--json]\n"
    "                                      Verify a token as the management point would (stdin\n"
    "                                      when TOKEN is - or missing). Exit 0 only if valid.\n"
    "  verify --batch [--jobs N] [--at TIME]\n"
    "                                      Verify one token per line of stdin on N threads\n"
    "                                      (default: all cores); one JSON line per input line,\n"
    "                                      in input order. Exit 0 only if every token is valid.\n"
    "  renew-signing-cert                  Renew the SMS Token Signing Certificate; tokens signed\n"
    "                                      with the old one stop verifying.\n"
    "  renew-issuing-cert                  Renew the SMS Issuing root (and the signing certificate).\n"
    "  audit [--json]                      Show who created, blocked, unblocked and renewed what.\n"
    "\n"
    "The site folder is --site DIR, else $TOKENCONSOLE_SITE, else the application data folder.\n"
    "\n"
    "Examples:\n"
    "  bulkregtoken /new\n"
    "  bulkregtoken /new /lifetime 60 --json\n"
    "  bulkregtoken --site ~/site list --type bulk-token --status active\n"
    "  bulkregtoken block 0f8fad5b-d9cb-469f-a165-70867728950e --reason \"laptop lost\"\n"
    "  bulkregtoken verify - < token.txt\n"
    "  bulkregtoken verify \"$TOKEN\" --at 2026-12-01T12:00:00Z --json\n"
    "  bulkregtoken verify --batch --jobs 2 < tokens.txt > results.jsonl\n"
    "\n"
    "Exit status: 0 success (verify: token valid), 1 failure (verify: token refused), 2 usage error.";

// Free text (reasons, account names) in text output: control characters,
// Unicode bidirectional controls and the backslash are shown as escapes, so a
// reason cannot forge extra lines, recolour the terminal or reorder what is
// shown. JSON output carries the text exactly.
QString printable(const QString &text, bool escapeBackslash)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\\' && escapeBackslash)
            out += QStringLiteral("\\\\");
        else if (u == u'\n')
            out += QStringLiteral("\\n");
        else if (u == u'\r')
            out += QStringLiteral("\\r");
        else if (u == u'\t')
            out += QStringLiteral("\\t");
        else if (u < 0x20 || u == 0x7f)
            out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else if ((u >= 0x80 && u < 0xa0) || (u >= 0x200b && u <= 0x200f) || (u >= 0x2028 && u <= 0x202e)
                 || (u >= 0x2066 && u <= 0x2069) || u == 0xfeff)
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString lifetimeText(int minutes)
{
    const int days = minutes / 1440, hours = (minutes % 1440) / 60, mins = minutes % 60;
    QStringList parts;
    if (days)
        parts << QStringLiteral("%1 d").arg(days);
    if (hours)
        parts << QStringLiteral("%1 h").arg(hours);
    if (mins || parts.isEmpty())
        parts << QStringLiteral("%1 min").arg(mins);
    return parts.join(QLatin1Char(' '));
}

class Tool
{
public:
    explicit Tool(QCommandLineParser &parser) : m_parser(parser) {}

    QCommandLineOption site{QStringLiteral("site"), QStringLiteral("Site folder."), QStringLiteral("DIR")};
    QCommandLineOption newToken{QStringLiteral("new"), QStringLiteral("Create a new bulk registration token (also /new).")};
    QCommandLineOption lifetime{QStringLiteral("lifetime"),
                                QStringLiteral("Token lifetime in minutes, 1 to 10080; default 4320 (also /lifetime)."),
                                QStringLiteral("MINUTES")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
    QCommandLineOption siteCode{QStringLiteral("site-code"), QStringLiteral("Three-character site code for init."),
                                QStringLiteral("CODE"), QString::fromLatin1(Site::kDefaultSiteCode)};
    QCommandLineOption type{QStringLiteral("type"), QStringLiteral("list: only this type."), QStringLiteral("TYPE")};
    QCommandLineOption status{QStringLiteral("status"), QStringLiteral("list: only this status."), QStringLiteral("STATUS")};
    QCommandLineOption pem{QStringLiteral("pem"), QStringLiteral("show: print the certificate as PEM.")};
    QCommandLineOption reason{QStringLiteral("reason"), QStringLiteral("block: why (kept in the audit log)."),
                              QStringLiteral("TEXT")};
    QCommandLineOption at{QStringLiteral("at"), QStringLiteral("verify: as of this ISO-8601 time."), QStringLiteral("TIME")};
    QCommandLineOption batch{QStringLiteral("batch"), QStringLiteral("verify: one token per line of stdin, one JSON line out each.")};
    QCommandLineOption jobs{QStringLiteral("jobs"), QStringLiteral("verify --batch: threads (default: all cores)."),
                            QStringLiteral("N")};

    void addOptions()
    {
        m_parser.addOptions({site, newToken, lifetime, json, siteCode, type, status, pem, reason, at, batch, jobs});
    }

    int run()
    {
        if (m_parser.isSet(site) && m_parser.value(site).trimmed().isEmpty())
            return usageError(QStringLiteral("--site needs a folder."));
        // A repeated option is ambiguous ("/lifetime 60 /lifetime 6000", two --site): refuse, don't guess.
        for (const QCommandLineOption *o : {&site, &lifetime, &siteCode, &type, &status, &reason, &at, &jobs}) {
            if (m_parser.values(*o).size() > 1)
                return usageError(QStringLiteral("The option --%1 was given more than once.").arg(o->names().first()));
        }
        const QStringList args = m_parser.positionalArguments();
        if (m_parser.isSet(newToken) || (args.isEmpty() && m_parser.isSet(lifetime))) {
            if (!args.isEmpty())
                return usageError(QStringLiteral("/new takes no command; \"%1\" is extra.").arg(args.first()));
            return runNew();
        }
        if (args.isEmpty())
            return usageError(QStringLiteral("No command was given."));
        const QString verb = args.first();
        const QStringList rest = args.mid(1);
        if (verb == QLatin1String("init")) {
            if (int bad = allow(verb, {&siteCode}, rest, 0, 0))
                return bad;
            return runInit();
        }
        if (verb == QLatin1String("list")) {
            if (int bad = allow(verb, {&type, &status, &json}, rest, 0, 0))
                return bad;
            return runList();
        }
        if (verb == QLatin1String("show")) {
            if (int bad = allow(verb, {&json, &pem}, rest, 1, 1))
                return bad;
            return runShow(rest.first());
        }
        if (verb == QLatin1String("block")) {
            if (int bad = allow(verb, {&reason}, rest, 1, -1))
                return bad;
            return runBlock(rest, true);
        }
        if (verb == QLatin1String("unblock")) {
            if (int bad = allow(verb, {}, rest, 1, -1))
                return bad;
            return runBlock(rest, false);
        }
        if (verb == QLatin1String("verify") && m_parser.isSet(batch)) {
            if (int bad = allow(verb, {&at, &json, &batch, &jobs}, rest, 0, 1))
                return bad;
            if (!rest.isEmpty() && rest.first() != QLatin1String("-"))
                return usageError(QStringLiteral("verify --batch reads tokens from standard input, not from arguments."));
            return runVerifyBatch();
        }
        if (verb == QLatin1String("verify")) {
            if (int bad = allow(verb, {&at, &json}, rest, 0, 1))
                return bad;
            m_tokenGiven = !rest.isEmpty();
            return runVerify(rest.value(0, QStringLiteral("-")));
        }
        if (verb == QLatin1String("renew-signing-cert")) {
            if (int bad = allow(verb, {}, rest, 0, 0))
                return bad;
            return runRenew(false);
        }
        if (verb == QLatin1String("renew-issuing-cert")) {
            if (int bad = allow(verb, {}, rest, 0, 0))
                return bad;
            return runRenew(true);
        }
        if (verb == QLatin1String("audit")) {
            if (int bad = allow(verb, {&json}, rest, 0, 0))
                return bad;
            return runAudit();
        }
        return usageError(QStringLiteral("\"%1\" is not a command.").arg(verb));
    }

private:
    // 0 when the verb's arguments and options fit; otherwise the usage exit code.
    int allow(const QString &verb, std::initializer_list<const QCommandLineOption *> permitted, const QStringList &rest,
              int minArgs, int maxArgs)
    {
        for (const QCommandLineOption *o : {&lifetime, &json, &siteCode, &type, &status, &pem, &reason, &at, &batch, &jobs}) {
            if (m_parser.isSet(*o) && std::find(permitted.begin(), permitted.end(), o) == permitted.end())
                return usageError(QStringLiteral("The option --%1 does not apply to '%2'.").arg(o->names().first(), verb));
        }
        if (rest.size() < minArgs)
            return usageError(QStringLiteral("'%1' needs %2.").arg(verb, minArgs == 1 && maxArgs == 1 ? QStringLiteral("an ID")
                                                                                                      : QStringLiteral("at least one GUID")));
        if (maxArgs >= 0 && rest.size() > maxArgs)
            return usageError(QStringLiteral("'%1' got an unexpected argument \"%2\".").arg(verb, rest.value(maxArgs)));
        return 0;
    }

    QString folder() const { return Site::resolveFolder(m_parser.value(site)); }

    // Opens the site; only /new creates one on first use, so that a mistyped
    // --site path is reported instead of silently becoming a new, empty site.
    // nullptr after setting m_error.
    Site *openSite(bool createOnFirstUse = false)
    {
        const QString dir = folder();
        if (!createOnFirstUse && !Site::exists(dir)) {
            m_error = Site::missingSiteSentence(dir);
            return nullptr;
        }
        auto opened = createOnFirstUse ? Site::openOrCreate(dir) : Site::open(dir);
        if (!opened) {
            m_error = opened.error();
            return nullptr;
        }
        m_site = std::move(opened).value();
        return m_site.get();
    }

    int runNew()
    {
        int minutes = kDefaultLifetimeMinutes;
        if (m_parser.isSet(lifetime)) {
            auto parsed = TokenService::parseLifetime(m_parser.value(lifetime));
            if (!parsed)
                return usageError(parsed.error()); // before the site is touched: nothing is written
            minutes = *parsed;
        }
        for (const QCommandLineOption *o : {&siteCode, &type, &status, &pem, &reason, &at, &batch, &jobs}) {
            if (m_parser.isSet(*o))
                return usageError(QStringLiteral("The option --%1 does not apply to /new.").arg(o->names().first()));
        }
        Site *s = openSite(true);
        if (!s)
            return fail(m_error);
        TokenService service(*s);
        auto issued = service.issue(minutes);
        if (!issued)
            return fail(issued.error());
        if (m_parser.isSet(json)) {
            printJson(wire::issuedTokenJson(*issued));
            return kExitOk;
        }
        out() << "Bulk registration token created for site " << s->siteCode() << ".\n"
              << "GUID:        " << issued->guid << "\n"
              << "Valid from:  " << isoUtc(issued->notBefore) << "\n"
              << "Valid to:    " << isoUtc(issued->notAfter) << "  (" << issued->lifetimeMinutes << " minutes, "
              << lifetimeText(issued->lifetimeMinutes) << ")\n"
              << "Token:\n"
              << issued->token << "\n\n"
              << "The token is not stored anywhere, on this machine or in the site: copy it now and keep it\n"
                 "in a secure place. Block it with: bulkregtoken block "
              << issued->guid << "\n";
        out().flush();
        return kExitOk;
    }

    int runInit()
    {
        const auto code = Site::parseSiteCode(m_parser.value(siteCode));
        if (!code)
            return usageError(code.error());
        auto created = Site::create(folder(), *code);
        if (!created)
            return fail(created.error());
        out() << "Created site " << (*created)->siteCode() << " in " << (*created)->folder() << "\n"
              << "Tenant id:   " << (*created)->tenantId() << "\n";
        auto certs = (*created)->store().certificates();
        if (certs) {
            for (const StoredCertificate &sc : *certs)
                out() << sc.record.name << ": " << sc.certificate.thumbprint() << "\n";
        }
        out().flush();
        return kExitOk;
    }

    int runList()
    {
        CredentialFilter filter;
        if (m_parser.isSet(type)) {
            CredentialKind k;
            if (!parseKindCode(m_parser.value(type), &k))
                return usageError(QStringLiteral("The type \"%1\" is unknown; use bulk-token, sms-issuing or sms-token-signing.")
                                      .arg(m_parser.value(type)));
            filter.kind = k;
        }
        if (m_parser.isSet(status)) {
            DisplayStatus st;
            if (!parseStatusCode(m_parser.value(status), &st))
                return usageError(QStringLiteral("The status \"%1\" is unknown; use active, blocked, expired or superseded.")
                                      .arg(m_parser.value(status)));
            filter.status = st;
        }
        Site *s = openSite();
        if (!s)
            return fail(m_error);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QHash<QString, StoredCertificate> certs;
        if (auto all = s->store().certificates()) {
            for (const StoredCertificate &sc : *all)
                certs.insert(sc.certificate.thumbprint(), sc);
        }
        const bool asJson = m_parser.isSet(json);
        if (asJson)
            out() << "[";
        else
            out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                         .arg(QStringLiteral("TYPE"), -17)
                         .arg(QStringLiteral("GUID / THUMBPRINT"), -40)
                         .arg(QStringLiteral("STATUS"), -10)
                         .arg(QStringLiteral("VALID FROM"), -20)
                         .arg(QStringLiteral("VALID TO"), -20)
                         .arg(QStringLiteral("LIFETIME"));
        bool first = true;
        auto listed = s->store().forEach(filter, now, [&](const CredentialRecord &r) {
            if (asJson) {
                QJsonObject o = r.isToken() || !certs.contains(r.thumbprint)
                                    ? wire::recordJson(r, now)
                                    : wire::certificateJson(certs.value(r.thumbprint), now);
                out() << (first ? "\n" : ",\n") << QJsonDocument(o).toJson(QJsonDocument::Compact);
            } else {
                out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                             .arg(kindCode(r.kind), -17)
                             .arg(r.isToken() ? r.name : r.thumbprint, -40)
                             .arg(statusCode(r.statusAt(now)), -10)
                             .arg(isoUtc(r.notBefore), -20)
                             .arg(isoUtc(r.notAfter), -20)
                             .arg(lifetimeText(r.lifetimeMinutes));
            }
            first = false;
            return true;
        });
        if (asJson)
            out() << (first ? "]\n" : "\n]\n");
        out().flush();
        return listed ? kExitOk : fail(listed.error());
    }

    int runShow(const QString &id)
    {
        const QString guid = canonicalGuid(id);
        static const QRegularExpression thumb(QStringLiteral("^[0-9A-Fa-f]{40}$"));
        if (guid.isEmpty() && !thumb.match(id).hasMatch())
            return usageError(QStringLiteral("\"%1\" is neither a token GUID nor a certificate thumbprint (40 hex digits).")
                                  .arg(id.left(64)));
        if (!guid.isEmpty() && m_parser.isSet(pem))
            return usageError(QStringLiteral("--pem applies to certificates; a token has no PEM form."));
        Site *s = openSite();
        if (!s)
            return fail(m_error);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!guid.isEmpty()) {
            auto found = s->store().findToken(guid);
            if (!found)
                return fail(found.error());
            if (!found->has_value())
                return fail(QStringLiteral("No bulk registration token with GUID %1 exists on this site.").arg(guid));
            const CredentialRecord &r = **found;
            auto history = s->store().audit(r.name);
            if (m_parser.isSet(json)) {
                printJson(wire::tokenJson(r, history ? *history : QList<AuditEvent>(), now));
                return kExitOk;
            }
            out() << "Type:                Bulk Registration Token\n"
                  << "GUID:                " << r.name << "\n"
                  << "Status:              " << statusCode(r.statusAt(now)) << "\n"
                  << "Valid from:          " << isoUtc(r.notBefore) << "\n"
                  << "Valid to:            " << isoUtc(r.notAfter) << "\n"
                  << "Lifetime:            " << r.lifetimeMinutes << " minutes (" << lifetimeText(r.lifetimeMinutes) << ")\n"
                  << "Signed by:           " << r.issuer << " " << r.signerThumbprint << "\n"
                  << "Created:             " << isoUtc(r.createdAt) << " by " << printable(r.createdBy) << "\n";
            if (r.state == CredentialState::Blocked)
                out() << "Blocked:             " << isoUtc(r.blockedAt) << " by " << printable(r.blockedBy)
                      << (r.blockReason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(printable(r.blockReason))) << "\n";
            if (history) {
                out() << "History:\n";
                for (const AuditEvent &e : *history)
                    out() << "  " << isoUtc(e.at) << "  " << printable(e.actor) << "  " << e.action
                          << (e.detail.isEmpty() ? QString() : QStringLiteral("  ") + printable(e.detail)) << "\n";
            }
            out().flush();
            return kExitOk;
        }
        auto found = s->store().findCertificate(id);
        if (!found)
            return fail(found.error());
        if (!found->has_value())
            return fail(QStringLiteral("No site certificate with thumbprint %1 exists on this site.").arg(id.toUpper()));
        const StoredCertificate &sc = **found;
        if (m_parser.isSet(pem)) {
            out() << sc.certificate.toPem();
        } else if (m_parser.isSet(json)) {
            printJson(wire::certificateJson(sc, now));
        } else {
            out() << "Type:                " << kindDisplayName(sc.record.kind) << "\n"
                  << "Subject:             " << sc.certificate.subject() << "\n"
                  << "Issuer:              " << sc.certificate.issuer() << "\n"
                  << "Status:              " << statusCode(sc.record.statusAt(now)) << "\n"
                  << "Valid from:          " << isoUtc(sc.certificate.notBefore()) << "\n"
                  << "Valid to:            " << isoUtc(sc.certificate.notAfter()) << "\n"
                  << "Serial number:       " << sc.certificate.serialNumber() << "\n"
                  << "Thumbprint (SHA-1):  " << sc.certificate.thumbprint() << "\n"
                  << "x5t:                 " << sc.certificate.x5t() << "\n"
                  << "Key:                 RSA " << sc.certificate.keyBits() << " bits\n"
                  << "Signature algorithm: " << sc.certificate.signatureAlgorithm() << "\n";
        }
        out().flush();
        return kExitOk;
    }

    int runBlock(const QStringList &guids, bool block)
    {
        // What the service would refuse is a usage error, said before the site is opened.
        if (auto parsed = TokenService::parseGuids(guids); !parsed)
            return usageError(parsed.error());
        const QString why = m_parser.value(reason);
        if (auto checked = TokenService::checkReason(why); !checked)
            return usageError(checked.error());
        Site *s = openSite();
        if (!s)
            return fail(m_error);
        TokenService service(*s);
        auto changed = block ? service.block(guids, why) : service.unblock(guids);
        if (!changed)
            return fail(changed.error());
        const qsizetype unchanged = QSet<QString>(guids.cbegin(), guids.cend()).size() - changed->size();
        out() << (block ? "Blocked " : "Unblocked ") << changed->size() << (changed->size() == 1 ? " token" : " tokens");
        if (unchanged > 0)
            out() << "; " << unchanged << (block ? " already blocked" : " not blocked");
        out() << ".\n";
        out().flush();
        return kExitOk;
    }

    // The moment to verify as of: --at (UTC when it names no offset), else now.
    // Invalid when --at is not ISO-8601.
    QDateTime verificationTime() const
    {
        if (!m_parser.isSet(at))
            return QDateTime::currentDateTimeUtc();
        QDateTime when = QDateTime::fromString(m_parser.value(at), Qt::ISODate);
        if (when.isValid() && when.timeSpec() == Qt::LocalTime)
            when.setTimeZone(QTimeZone::utc());
        return when;
    }

    // verify --batch: one token per line of stdin, one compact JSON object per line
    // out, in input order. Lines are read and verified a block at a time, so any
    // number of lines streams through in bounded memory. Tokens are never echoed.
    int runVerifyBatch()
    {
        const QDateTime when = verificationTime();
        if (!when.isValid())
            return usageError(QStringLiteral("The time \"%1\" is not ISO-8601, such as 2026-12-01T12:00:00Z.")
                                  .arg(m_parser.value(at)));
        int threads = 0;
        if (m_parser.isSet(jobs)) {
            bool ok = false;
            threads = m_parser.value(jobs).toInt(&ok);
            if (!ok || threads < 1 || threads > 256)
                return usageError(QStringLiteral("--jobs takes a number of threads from 1 to 256, not \"%1\".")
                                      .arg(m_parser.value(jobs).left(32)));
        }
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return fail(QStringLiteral("Standard input cannot be read."));
        Site *s = openSite();
        if (!s)
            return fail(m_error);
        auto verifier = BatchVerifier::start(*s, threads);
        if (!verifier)
            return fail(verifier.error());

        constexpr int kLinesPerBlock = 4096;
        constexpr qsizetype kMaxLine = jws::kMaxCompactSize + 1; // longer: refused as malformed
        QFile output;
        if (!output.open(stdout, QIODevice::WriteOnly))
            return fail(QStringLiteral("Standard output cannot be written."));
        qint64 lineNumber = 0;
        bool allValid = true;
        QList<QByteArray> lines;
        bool atEnd = false; // atEnd() is not reliable on a pipe; an empty read is
        while (!atEnd) {
            lines.clear();
            while (lines.size() < kLinesPerBlock) {
                QByteArray line = in.readLine(kMaxLine + 1);
                if (line.isEmpty()) {
                    atEnd = true;
                    break;
                }
                if (line.size() >= kMaxLine && !line.endsWith('\n')) {
                    // An overlong line: keep a prefix the verifier refuses, skip the rest.
                    for (QByteArray rest = in.readLine(64 * 1024); !rest.isEmpty() && !rest.endsWith('\n');
                         rest = in.readLine(64 * 1024)) {
                    }
                }
                lines << line.trimmed();
            }
            if (lines.isEmpty())
                break;
            const QList<VerifyResult> results = (*verifier)->verify(lines, when);
            QByteArray text;
            for (const VerifyResult &r : results) {
                QJsonObject o = wire::verifyResultJson(r);
                o[QStringLiteral("line")] = ++lineNumber;
                text += QJsonDocument(o).toJson(QJsonDocument::Compact);
                text += '\n';
                allValid = allValid && r.valid();
            }
            if (output.write(text) != text.size() || !output.flush())
                return fail(QStringLiteral("Standard output cannot be written."));
        }
        return allValid ? kExitOk : kExitFailed;
    }

    int runVerify(const QString &tokenArg)
    {
        const QDateTime when = verificationTime();
        if (!when.isValid())
            return usageError(QStringLiteral("The time \"%1\" is not ISO-8601, such as 2026-12-01T12:00:00Z.")
                                  .arg(m_parser.value(at)));
        QByteArray token;
        if (tokenArg == QLatin1String("-")) {
            if (!m_tokenGiven && isatty(fileno(stdin)))
                return usageError(QStringLiteral("'verify' needs a token: give it as an argument, or - to read it from standard input."));
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly))
                return fail(QStringLiteral("Standard input cannot be read."));
            token = in.read(jws::kMaxCompactSize + 4).trimmed();
        } else {
            token = tokenArg.trimmed().toUtf8(); // a pasted token often carries a trailing space
        }
        Site *s = openSite();
        if (!s)
            return fail(m_error);
        TokenService service(*s);
        const VerifyResult result = service.verify(token, when);
        if (m_parser.isSet(json)) {
            printJson(wire::verifyResultJson(result));
        } else {
            out() << reasonCode(result.reason);
            if (!result.guid.isEmpty())
                out() << " " << result.guid;
            out() << "\n" << reasonDescription(result.reason) << "\n";
            out().flush();
        }
        return result.valid() ? kExitOk : kExitFailed;
    }

    int runRenew(bool issuing)
    {
        Site *s = openSite();
        if (!s)
            return fail(m_error);
        TokenService service(*s);
        auto renewed = issuing ? service.renewIssuingCertificate() : service.renewSigningCertificate();
        if (!renewed)
            return fail(renewed.error());
        out() << "Renewed " << renewed->record.name << ".\n"
              << "New thumbprint: " << renewed->certificate.thumbprint() << "\n"
              << "Valid to:       " << isoUtc(renewed->certificate.notAfter()) << "\n"
              << "Tokens signed with the previous certificate no longer verify; create new tokens.\n";
        out().flush();
        return kExitOk;
    }

    int runAudit()
    {
        Site *s = openSite();
        if (!s)
            return fail(m_error);
        auto events = s->store().audit();
        if (!events)
            return fail(events.error());
        if (m_parser.isSet(json)) {
            printJson(wire::auditEventsJson(*events, wire::AuditFields::WithTarget));
            return kExitOk;
        }
        for (const AuditEvent &e : *events)
            out() << isoUtc(e.at) << "  " << printable(e.actor) << "  " << e.action << "  " << printable(e.target)
                  << (e.detail.isEmpty() ? QString() : QStringLiteral("  ") + printable(e.detail)) << "\n";
        out().flush();
        return kExitOk;
    }

    QCommandLineParser &m_parser;
    std::unique_ptr<Site> m_site;
    bool m_tokenGiven = false;
    QString m_error;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenconsole"));
    QCoreApplication::setOrganizationName(QStringLiteral("TokenConsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("init, list, show, block, unblock, verify, "
                                                                           "renew-signing-cert, renew-issuing-cert, audit"));
    Tool tool(parser);
    tool.addOptions();
    const QStringList args = cli::normalizeArguments(QCoreApplication::arguments());
    if (!parser.parse(args))
    {
        QString text = parser.errorText();
        return usageError(text.endsWith(QLatin1Char('.')) ? text : text + QLatin1Char('.'));
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        return kExitOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << "bulkregtoken " << QCoreApplication::applicationVersion() << "\n";
        out().flush();
        return kExitOk;
    }
    return tool.run();
}
