// The verbs of bulkregtoken and the table that drives it. Each verb composes
// the models layer, where every rule lives; this file says how a command line
// maps onto models and how the answer is shown.

#include "verbs.h"

#include "batchverifier.h"
#include "deviceservice.h"
#include "devicestore.h"
#include "jws.h"
#include "records.h"
#include "site.h"
#include "sitepki.h"
#include "tokenservice.h"
#include "wire.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>
#include <variant>

#ifdef Q_OS_UNIX
#include <unistd.h>
#else
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#endif

namespace tc::cli {

namespace {

// What the parser knows of each option; indexed by Opt.
struct OptionSpec
{
    const char *name;
    const char *description;
    const char *valueName; // nullptr: a switch
};

constexpr OptionSpec kOptions[] = {
    {"site", "Site folder.", "DIR"},
    {"new", "Create a new bulk registration token (also /new).", nullptr},
    {"lifetime", "Token lifetime in minutes, 1 to 10080; default 4320 (also /lifetime).", "MINUTES"},
    {"json", "Print JSON.", nullptr},
    {"site-code", "Three-character site code for init.", "CODE"},
    {"type", "list: only this type.", "TYPE"},
    {"status", "list: only this status.", "STATUS"},
    {"pem", "show: print the certificate as PEM.", nullptr},
    {"reason", "block: why (kept in the audit log).", "TEXT"},
    {"at", "verify: as of this ISO-8601 time.", "TIME"},
    {"batch", "verify: one token per line of stdin, one JSON line out each.", nullptr},
    {"jobs", "verify --batch: threads (default: all cores).", "N"},
    {"max-uses", "/new: how many devices may register with the token (1 to 1000000).", "N"},
    {"description", "/new: what the token is for (kept with it).", "TEXT"},
    {"device", "block, unblock: the GUIDs name devices, not tokens.", nullptr},
    {"bulk-token", "devices: only those registered with this bulk token.", "GUID"},
};
constexpr int kOptionCount = int(std::size(kOptions));
static_assert(int(Opt::BulkToken) + 1 == kOptionCount, "one OptionSpec per Opt, in order");

const OptionSpec &spec(Opt option)
{
    return kOptions[int(option)];
}

QString optionName(Opt option)
{
    return QString::fromLatin1(spec(option).name);
}

// The usage text around the commands, which come from the table.
const char kIntro[] = "Creates and manages bulk registration tokens for internet-based devices that\n"
                      "register through a cloud management gateway.\n"
                      "\n"
                      "Commands (the original tool's switches work as before):\n";

const char kOutro[] = "\n"
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

// The column where a command's description starts in the usage text.
constexpr int kHelpColumn = 38;

bool isSwitch(const Verb &verb)
{
    return verb.name[0] == '/';
}

// Free text (reasons, account names) in text output: control characters,
// Unicode bidirectional controls and the backslash are shown as escapes, so a
// reason cannot forge extra lines, recolour the terminal or reorder what is
// shown. JSON output carries the text exactly.
QString printable(const QString &text, bool escapeBackslash = true)
{
    QString shown;
    shown.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\\' && escapeBackslash)
            shown += QStringLiteral("\\\\");
        else if (u == u'\n')
            shown += QStringLiteral("\\n");
        else if (u == u'\r')
            shown += QStringLiteral("\\r");
        else if (u == u'\t')
            shown += QStringLiteral("\\t");
        else if (u < 0x20 || u == 0x7f)
            shown += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else if ((u >= 0x80 && u < 0xa0) || (u >= 0x200b && u <= 0x200f) || (u >= 0x2028 && u <= 0x202e)
                 || (u >= 0x2066 && u <= 0x2069) || u == 0xfeff)
            shown += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    return shown;
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out() << doc.toJson(QJsonDocument::Indented);
    out().flush();
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

// One audit entry as a line of text. With tc::wire::auditEventJson, the only
// place that reads an entry's action.
QString auditLine(const AuditEvent &e, wire::AuditFields fields)
{
    QString line
        = isoUtc(e.at) + QStringLiteral("  ") + printable(e.actor) + QStringLiteral("  ") + auditActionCode(e.action);
    if (fields == wire::AuditFields::WithTarget)
        line += QStringLiteral("  ") + printable(e.target);
    if (!e.detail.isEmpty())
        line += QStringLiteral("  ") + printable(e.detail);
    return line;
}

// Opens the site; only /new creates one on first use, so that a mistyped
// --site path is reported instead of silently becoming a new, empty site.
Result<std::unique_ptr<Site>> openSite(const Command &command, bool createOnFirstUse = false)
{
    const QString folder = Site::resolveFolder(command.value(Opt::Site));
    if (!createOnFirstUse && !Site::exists(folder))
        return Error{Site::missingSiteSentence(folder)};
    return createOnFirstUse ? Site::openOrCreate(folder) : Site::open(folder);
}

// The moment to verify as of: --at (UTC when it names no offset), else now.
// Invalid when --at is not ISO-8601.
QDateTime verificationTime(const Command &command)
{
    if (!command.isSet(Opt::At))
        return QDateTime::currentDateTimeUtc();
    QDateTime when = QDateTime::fromString(command.value(Opt::At), Qt::ISODate);
    if (when.isValid() && when.timeSpec() == Qt::LocalTime)
        when.setTimeZone(QTimeZone::utc());
    return when;
}

int badTime(const Command &command)
{
    return usageError(
        QStringLiteral("The time \"%1\" is not ISO-8601, such as 2026-12-01T12:00:00Z.").arg(command.value(Opt::At)));
}

// --- The verbs ---

// The original tool refused a bad /lifetime before anything else; so does /new.
// /new's --max-uses and --description, as the token service takes them.
Result<BulkTokenOptions> newTokenOptions(const Command &command)
{
    BulkTokenOptions options;
    if (command.isSet(Opt::MaxUses)) {
        bool ok = false;
        const int n = command.value(Opt::MaxUses).toInt(&ok);
        if (!ok)
            return Error{QStringLiteral("The usage limit \"%1\" is not a whole number.")
                             .arg(command.value(Opt::MaxUses).left(64)),
                         ErrorKind::InvalidInput};
        options.maxUses = n;
    }
    if (command.isSet(Opt::Description))
        options.description
            = command.value(Opt::Description).isNull() ? QStringLiteral("") : command.value(Opt::Description);
    if (auto checked = TokenService::checkOptions(options); !checked)
        return checked.takeError();
    return options;
}

int checkLifetime(const Command &command)
{
    if (auto options = newTokenOptions(command); !options)
        return usageError(options.error());
    if (!command.isSet(Opt::Lifetime))
        return kExitOk;
    auto parsed = TokenService::parseLifetime(command.value(Opt::Lifetime));
    return parsed ? kExitOk : usageError(parsed.error()); // before the site is touched: nothing is written
}

int runNew(const Command &command)
{
    int minutes = kDefaultLifetimeMinutes;
    if (command.isSet(Opt::Lifetime))
        minutes = *TokenService::parseLifetime(command.value(Opt::Lifetime)); // checkLifetime has accepted it
    auto site = openSite(command, true);
    if (!site)
        return fail(site.error());
    TokenService service(**site);
    auto issued = service.issue(minutes, *newTokenOptions(command)); // checkLifetime has accepted them
    if (!issued)
        return fail(issued.error());
    if (command.isSet(Opt::Json)) {
        printJson(wire::issuedTokenJson(*issued));
        return kExitOk;
    }
    out() << "Bulk registration token created for site " << (*site)->siteCode() << ".\n"
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

int runInit(const Command &command)
{
    const auto code = Site::parseSiteCode(command.value(Opt::SiteCode));
    if (!code)
        return usageError(code.error());
    auto created = Site::create(Site::resolveFolder(command.value(Opt::Site)), *code);
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

int runList(const Command &command)
{
    CredentialFilter filter;
    if (command.isSet(Opt::Type)) {
        CredentialKind k;
        if (!parseKindCode(command.value(Opt::Type), &k))
            return usageError(
                QStringLiteral("The type \"%1\" is unknown; use bulk-token, sms-issuing or sms-token-signing.")
                    .arg(command.value(Opt::Type)));
        filter.kind = k;
    }
    if (command.isSet(Opt::Status)) {
        DisplayStatus st;
        if (!parseStatusCode(command.value(Opt::Status), &st))
            return usageError(
                QStringLiteral("The status \"%1\" is unknown; use active, blocked, expired or superseded.")
                    .arg(command.value(Opt::Status)));
        filter.status = st;
    }
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    Site &s = **site;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QHash<QString, StoredCertificate> certs;
    if (auto all = s.store().certificates()) {
        for (const StoredCertificate &sc : *all)
            certs.insert(sc.certificate.thumbprint(), sc);
    }
    auto usage = DeviceStore(s.database()).allUsage();
    if (!usage)
        return fail(usage.error());
    const bool asJson = command.isSet(Opt::Json);
    if (asJson)
        out() << "[";
    else
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                     .arg(QStringLiteral("TYPE"), -17)
                     .arg(QStringLiteral("GUID / THUMBPRINT"), -40)
                     .arg(QStringLiteral("STATUS"), -10)
                     .arg(QStringLiteral("VALID FROM"), -20)
                     .arg(QStringLiteral("VALID TO"), -20)
                     .arg(QStringLiteral("LIFETIME"), -14)
                     .arg(QStringLiteral("REGISTRATIONS (LAST)"));
    bool first = true;
    // One compact object per line, written as the rows are read: a million
    // tokens never sit in memory as one JSON document.
    auto listed = s.store().forEach(filter, now, [&](const CredentialRecord &r) {
        const BulkTokenUsage used = usage->value(r.id);
        if (asJson) {
            QJsonObject o = r.isToken() || !certs.contains(r.thumbprint)
                ? wire::recordJson(r, now)
                : wire::certificateJson(certs.value(r.thumbprint), now);
            if (r.isToken())
                wire::addUsage(o, used);
            out() << (first ? "\n" : ",\n") << QJsonDocument(o).toJson(QJsonDocument::Compact);
        } else {
            QString uses;
            if (r.isToken()) {
                uses = QString::number(used.registrations);
                if (used.maxUses)
                    uses += QStringLiteral(" of %1").arg(*used.maxUses);
                if (used.lastUsedAt.isValid())
                    uses += QStringLiteral(" (%1)").arg(isoUtc(used.lastUsedAt));
            }
            out() << QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                         .arg(kindCode(r.kind), -17)
                         .arg(r.isToken() ? r.name : r.thumbprint, -40)
                         .arg(statusCode(r.statusAt(now)), -10)
                         .arg(isoUtc(r.notBefore), -20)
                         .arg(isoUtc(r.notAfter), -20)
                         .arg(lifetimeText(r.lifetimeMinutes), -14)
                         .arg(uses)
                         .trimmed()
                  << "\n";
        }
        first = false;
        return true;
    });
    if (asJson)
        out() << (first ? "]\n" : "\n]\n");
    out().flush();
    return listed ? kExitOk : fail(listed.error());
}

int showToken(const Command &command, Site &s, const QString &guid)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto found = s.store().findToken(guid);
    if (!found)
        return fail(found.error());
    if (!found->has_value())
        return fail(QStringLiteral("No bulk registration token with GUID %1 exists on this site.").arg(guid));
    const CredentialRecord &r = **found;
    auto history = s.store().audit(r.name);
    auto used = DeviceStore(s.database()).usage(r.id);
    if (!used)
        return fail(used.error());
    DeviceService devices(s);
    auto registered = devices.list(DeviceFilter{r.name}, std::nullopt, now);
    if (!registered)
        return fail(registered.error());
    if (command.isSet(Opt::Json)) {
        QJsonObject o = wire::tokenJson(r, history ? *history : QList<AuditEvent>(), now);
        wire::addUsage(o, *used);
        QJsonArray list;
        for (const DeviceDetails &d : *registered)
            list.append(wire::deviceJson(d, wire::DeviceFields::Summary));
        o[QStringLiteral("devices")] = list;
        printJson(o);
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
    if (!used->description.isEmpty())
        out() << "Description:         " << printable(used->description) << "\n";
    out() << "Registrations:       " << used->registrations
          << (used->maxUses ? QStringLiteral(" of at most %1").arg(*used->maxUses) : QString())
          << (used->lastUsedAt.isValid() ? QStringLiteral(", last on %1").arg(isoUtc(used->lastUsedAt)) : QString())
          << "\n";
    for (const DeviceDetails &d : *registered)
        out() << "  device " << d.device.guid << "  " << deviceStatusCode(d.status) << "  " << printable(d.device.name)
              << "\n";
    if (history) {
        out() << "History:\n";
        for (const AuditEvent &e : *history)
            out() << "  " << auditLine(e, wire::AuditFields::WithoutTarget) << "\n";
    }
    out().flush();
    return kExitOk;
}

int showDevice(const Command &command, const DeviceDetails &details)
{
    if (command.isSet(Opt::Json)) {
        printJson(wire::deviceJson(details, wire::DeviceFields::WithDetails));
        return kExitOk;
    }
    const DeviceRecord &d = details.device;
    out() << "Type:                Device\n"
          << "Device ID:           " << d.guid << "\n"
          << "Name:                " << printable(d.name) << "\n"
          << "Status:              " << deviceStatusCode(details.status) << "\n"
          << "Certificate:         " << d.certificateThumbprint << " (x5t#S256)\n"
          << "Registered:          " << isoUtc(d.registeredAt) << " "
          << (d.internal() ? QStringLiteral("on the internal network")
                           : QStringLiteral("with bulk token %1").arg(d.registeredVia))
          << "\n";
    if (d.approvedAt.isValid())
        out() << "Approved:            " << isoUtc(d.approvedAt) << " by " << printable(d.approvedBy) << "\n";
    if (d.tokenNotAfter.isValid())
        out() << "Token valid to:      " << isoUtc(d.tokenNotAfter) << "\n";
    out() << "Renewals:            " << d.renewals << "\n";
    if (d.lastSeenAt.isValid())
        out() << "Last seen:           " << isoUtc(d.lastSeenAt) << "\n";
    if (d.blocked())
        out() << "Blocked:             " << isoUtc(d.blockedAt) << " by " << printable(d.blockedBy)
              << (d.blockReason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(printable(d.blockReason))) << "\n";
    out() << "Client tokens (metadata; the tokens are not stored):\n";
    for (const ClientTokenRecord &t : details.tokens)
        out() << "  " << t.guid << "  " << isoUtc(t.notBefore) << " .. " << isoUtc(t.notAfter) << "  signed by "
              << t.signerThumbprint << "\n";
    out() << "History:\n";
    for (const AuditEvent &e : details.history)
        out() << "  " << auditLine(e, wire::AuditFields::WithoutTarget) << "\n";
    out().flush();
    return kExitOk;
}

int showCertificate(const Command &command, Site &s, const QString &thumbprint)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto found = s.store().findCertificate(thumbprint);
    if (!found)
        return fail(found.error());
    if (!found->has_value())
        return fail(
            QStringLiteral("No site certificate with thumbprint %1 exists on this site.").arg(thumbprint.toUpper()));
    const StoredCertificate &sc = **found;
    if (command.isSet(Opt::Pem)) {
        out() << sc.certificate.toPem();
    } else if (command.isSet(Opt::Json)) {
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

int runShow(const Command &command)
{
    const QString id = command.arguments().first();
    const QString guid = canonicalGuid(id);
    static const QRegularExpression thumb(QStringLiteral("^[0-9A-Fa-f]{40}$"));
    if (guid.isEmpty() && !thumb.match(id).hasMatch())
        return usageError(QStringLiteral("\"%1\" is neither a token GUID nor a certificate thumbprint (40 hex digits).")
                              .arg(id.left(64)));
    if (!guid.isEmpty() && command.isSet(Opt::Pem))
        return usageError(QStringLiteral("--pem applies to certificates; a token has no PEM form."));
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    if (guid.isEmpty())
        return showCertificate(command, **site, id);
    // A GUID names a token or a device.
    auto token = (*site)->store().findToken(guid);
    if (!token)
        return fail(token.error());
    if (!token->has_value()) {
        DeviceService devices(**site);
        auto device = devices.find(guid, QDateTime::currentDateTimeUtc());
        if (!device)
            return fail(device.error());
        if (device->has_value())
            return showDevice(command, **device);
    }
    return showToken(command, **site, guid);
}

int changeDevices(const Command &command, const char *verb)
{
    const QStringList &guids = command.arguments();
    if (auto parsed = TokenService::parseGuids(guids); !parsed)
        return usageError(parsed.error());
    const QString why = command.value(Opt::Reason);
    if (auto checked = TokenService::checkReason(why); !checked)
        return usageError(checked.error());
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    DeviceService service(**site);
    const QString v = QLatin1String(verb);
    auto changed = v == QLatin1String("approve") ? service.approve(guids)
        : v == QLatin1String("block")            ? service.block(guids, why)
                                                 : service.unblock(guids);
    if (!changed)
        return fail(changed.error());
    const qsizetype unchanged = QSet<QString>(guids.cbegin(), guids.cend()).size() - changed->size();
    const char *done = v == QLatin1String("approve") ? "Approved "
        : v == QLatin1String("block")                ? "Blocked "
                                                     : "Unblocked ";
    const char *already = v == QLatin1String("approve") ? " not pending"
        : v == QLatin1String("block")                   ? " already blocked"
                                                        : " not blocked";
    out() << done << changed->size() << (changed->size() == 1 ? " device" : " devices");
    if (unchanged > 0)
        out() << "; " << unchanged << already;
    out() << ".\n";
    out().flush();
    return kExitOk;
}

int runApprove(const Command &command)
{
    return changeDevices(command, "approve");
}

int runBlockDevices(const Command &command)
{
    return changeDevices(command, "block");
}

int runUnblockDevices(const Command &command)
{
    return changeDevices(command, "unblock");
}

int runDevices(const Command &command)
{
    std::optional<DeviceStatus> status;
    if (command.isSet(Opt::Status)) {
        DeviceStatus st;
        if (!parseDeviceStatusCode(command.value(Opt::Status), &st))
            return usageError(QStringLiteral("The device status \"%1\" is unknown; use active, blocked, "
                                             "pending-approval, must-re-register or token-expired.")
                                  .arg(command.value(Opt::Status).left(64)));
        status = st;
    }
    DeviceFilter filter;
    if (command.isSet(Opt::BulkToken)) {
        filter.bulkTokenGuid = canonicalGuid(command.value(Opt::BulkToken));
        if (filter.bulkTokenGuid.isEmpty())
            return usageError(
                QStringLiteral("\"%1\" is not a token GUID.").arg(command.value(Opt::BulkToken).left(64)));
    }
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    DeviceService service(**site);
    auto devices = service.list(filter, status, QDateTime::currentDateTimeUtc());
    if (!devices)
        return fail(devices.error());
    if (command.isSet(Opt::Json)) {
        QJsonArray list;
        for (const DeviceDetails &d : *devices)
            list.append(wire::deviceJson(d, wire::DeviceFields::Summary));
        printJson(list);
        return kExitOk;
    }
    out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                 .arg(QStringLiteral("DEVICE ID"), -36)
                 .arg(QStringLiteral("STATUS"), -16)
                 .arg(QStringLiteral("REGISTERED"), -20)
                 .arg(QStringLiteral("VIA"), -36)
                 .arg(QStringLiteral("TOKEN VALID TO"), -20)
                 .arg(QStringLiteral("NAME"));
    for (const DeviceDetails &d : *devices)
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                     .arg(d.device.guid, -36)
                     .arg(deviceStatusCode(d.status), -16)
                     .arg(isoUtc(d.device.registeredAt), -20)
                     .arg(d.device.internal() ? QStringLiteral("internal-network") : d.device.registeredVia, -36)
                     .arg(d.device.tokenNotAfter.isValid() ? isoUtc(d.device.tokenNotAfter) : QStringLiteral("-"), -20)
                     .arg(printable(d.device.name));
    out().flush();
    return kExitOk;
}

int setBlocked(const Command &command, bool block)
{
    const QStringList &guids = command.arguments();
    // What the service would refuse is a usage error, said before the site is opened.
    if (auto parsed = TokenService::parseGuids(guids); !parsed)
        return usageError(parsed.error());
    const QString why = command.value(Opt::Reason);
    if (auto checked = TokenService::checkReason(why); !checked)
        return usageError(checked.error());
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    TokenService service(**site);
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

int runBlock(const Command &command)
{
    return setBlocked(command, true);
}

int runUnblock(const Command &command)
{
    return setBlocked(command, false);
}

// verify --batch: one token per line of stdin, one compact JSON object per line
// out, in input order. Lines are read and verified a block at a time, so any
// number of lines streams through in bounded memory. Tokens are never echoed.
int runVerifyBatch(const Command &command)
{
    if (!command.arguments().isEmpty() && command.arguments().first() != QLatin1String("-"))
        return usageError(QStringLiteral("verify --batch reads tokens from standard input, not from arguments."));
    const QDateTime when = verificationTime(command);
    if (!when.isValid())
        return badTime(command);
    int threads = 0;
    if (command.isSet(Opt::Jobs)) {
        bool ok = false;
        threads = command.value(Opt::Jobs).toInt(&ok);
        if (!ok || threads < 1 || threads > 256)
            return usageError(QStringLiteral("--jobs takes a number of threads from 1 to 256, not \"%1\".")
                                  .arg(command.value(Opt::Jobs).left(32)));
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return fail(QStringLiteral("Standard input cannot be read."));
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    auto verifier = BatchVerifier::start(**site, threads);
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
                     rest = in.readLine(64 * 1024)) { }
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

int runVerify(const Command &command)
{
    const QDateTime when = verificationTime(command);
    if (!when.isValid())
        return badTime(command);
    const bool tokenGiven = !command.arguments().isEmpty();
    const QString tokenArg = command.arguments().value(0, QStringLiteral("-"));
    QByteArray token;
    if (tokenArg == QLatin1String("-")) {
        if (!tokenGiven && isatty(fileno(stdin)))
            return usageError(
                QStringLiteral("'verify' needs a token: give it as an argument, or - to read it from standard input."));
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return fail(QStringLiteral("Standard input cannot be read."));
        token = in.read(jws::kMaxCompactSize + 4).trimmed();
        // An empty file or variable piped in is a mistake in the command, not a
        // malformed token: say so, before the site is opened.
        if (token.isEmpty())
            return usageError(QStringLiteral("'verify' needs a token, and standard input held none."));
    } else {
        token = tokenArg.trimmed().toUtf8(); // a pasted token often carries a trailing space
    }
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    TokenService service(**site);
    const VerifyResult result = service.verify(token, when);
    if (command.isSet(Opt::Json)) {
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

int renew(const Command &command, bool issuing)
{
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    TokenService service(**site);
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

int runRenewSigning(const Command &command)
{
    return renew(command, false);
}

int runRenewIssuing(const Command &command)
{
    return renew(command, true);
}

int runAudit(const Command &command)
{
    auto site = openSite(command);
    if (!site)
        return fail(site.error());
    auto events = (*site)->store().audit();
    if (!events)
        return fail(events.error());
    if (command.isSet(Opt::Json)) {
        printJson(wire::auditEventsJson(*events, wire::AuditFields::WithTarget));
        return kExitOk;
    }
    for (const AuditEvent &e : *events)
        out() << auditLine(e, wire::AuditFields::WithTarget) << "\n";
    out().flush();
    return kExitOk;
}

// --- Choosing and checking a verb ---

// The verb the command line names, or the exit status of a usage error.
std::variant<const Verb *, int> choose(const Command &command, const QStringList &positional)
{
    for (const Verb &verb : verbs()) {
        if (!isSwitch(verb))
            continue;
        const bool named = command.isSet(verb.selectors.first());
        const bool implied = positional.isEmpty()
            && std::any_of(verb.selectors.cbegin(), verb.selectors.cend(), [&](Opt o) { return command.isSet(o); });
        if (!named && !implied)
            continue;
        if (!positional.isEmpty())
            return usageError(QStringLiteral("%1 takes no command; \"%2\" is extra.")
                                  .arg(QLatin1String(verb.name), positional.first()));
        return &verb;
    }
    if (positional.isEmpty())
        return usageError(QStringLiteral("No command was given."));
    // Of the entries for the word whose selectors are all set, the one with the
    // most: "verify --batch" rather than "verify".
    const QString &word = positional.first();
    const Verb *best = nullptr;
    for (const Verb &verb : verbs()) {
        if (isSwitch(verb) || word != QLatin1String(verb.name))
            continue;
        const bool selected
            = std::all_of(verb.selectors.cbegin(), verb.selectors.cend(), [&](Opt o) { return command.isSet(o); });
        if (selected && (!best || verb.selectors.size() > best->selectors.size()))
            best = &verb;
    }
    if (best)
        return best;
    return usageError(QStringLiteral("\"%1\" is not a command.").arg(word));
}

// Refuses an option the verb does not take, then a wrong number of arguments.
int checkAgainst(const Verb &verb, const Command &command)
{
    const QString shown
        = isSwitch(verb) ? QString::fromLatin1(verb.name) : QStringLiteral("'%1'").arg(QLatin1String(verb.name));
    for (int i = 0; i < kOptionCount; ++i) {
        const Opt o = Opt(i);
        if (o == Opt::Site || !command.isSet(o) || verb.options.contains(o) || verb.selectors.contains(o))
            continue;
        return usageError(QStringLiteral("The option --%1 does not apply to %2.").arg(optionName(o), shown));
    }
    const QStringList &args = command.arguments();
    if (args.size() < verb.arguments.min)
        return usageError(QStringLiteral("%1 needs %2.").arg(shown, QLatin1String(verb.arguments.needs)));
    if (verb.arguments.max >= 0 && args.size() > verb.arguments.max)
        return usageError(
            QStringLiteral("%1 got an unexpected argument \"%2\".").arg(shown, args.at(verb.arguments.max)));
    return kExitOk;
}

} // namespace

const QList<Verb> &verbs()
{
    using enum Opt;
    static const QList<Verb> table = {
        {.name = "/new",
         .selectors = {New, Lifetime},
         .options = {Json, MaxUses, Description},
         .usage = "[/lifetime MINUTES] [--max-uses N] [--description TEXT] [--json]",
         .help = "Create a token (default 4320 minutes = 3 days,\n"
                 "at most 10080 = 7 days), optionally for at most N\n"
                 "devices. The token is shown once and is never stored.",
         .precheck = checkLifetime,
         .run = runNew},
        {.name = "init",
         .options = {SiteCode},
         .usage = "[--site-code ABC]",
         .help = "Create a site (done automatically on first use).",
         .run = runInit},
        {.name = "list",
         .options = {Type, Status, Json},
         .usage = "[--type TYPE] [--status STATUS] [--json]",
         .help = "List site certificates and tokens. TYPE: bulk-token,\n"
                 "sms-issuing, sms-token-signing. STATUS: active,\n"
                 "blocked, expired, superseded.",
         .run = runList},
        {.name = "show",
         .options = {Json, Pem},
         .arguments = {.min = 1, .max = 1, .needs = "an ID"},
         .usage = "ID [--json] [--pem]",
         .help = "Show a token or device (by GUID) or a certificate (by\n"
                 "thumbprint); --pem prints the certificate (never a key).",
         .run = runShow},
        {.name = "block",
         .options = {Reason},
         .arguments = {.min = 1, .max = -1, .needs = "at least one GUID"},
         .usage = "GUID... [--reason TEXT]",
         .help = "Block tokens; all or nothing, in one transaction.",
         .run = runBlock},
        {.name = "unblock",
         .arguments = {.min = 1, .max = -1, .needs = "at least one GUID"},
         .usage = "GUID...",
         .help = "Unblock tokens.",
         .run = runUnblock},
        {.name = "devices",
         .options = {Status, BulkToken, Json},
         .usage = "[--status STATUS] [--bulk-token GUID] [--json]",
         .help = "List registered devices. STATUS: active, blocked,\n"
                 "pending-approval, must-re-register, token-expired.",
         .run = runDevices},
        {.name = "approve",
         .arguments = {.min = 1, .max = -1, .needs = "at least one device ID"},
         .usage = "DEVICE-ID...",
         .help = "Approve devices waiting after an internal-network\n"
                 "registration; all or nothing.",
         .run = runApprove},
        {.name = "block",
         .selectors = {Device},
         .options = {Reason},
         .arguments = {.min = 1, .max = -1, .needs = "at least one device ID"},
         .usage = "--device DEVICE-ID... [--reason TEXT]",
         .help = "Block devices: refused everything from now on.",
         .run = runBlockDevices},
        {.name = "unblock",
         .selectors = {Device},
         .arguments = {.min = 1, .max = -1, .needs = "at least one device ID"},
         .usage = "--device DEVICE-ID...",
         .help = "Unblock devices.",
         .run = runUnblockDevices},
        {.name = "verify",
         .options = {At, Json},
         .arguments = {.min = 0, .max = 1},
         .usage = "[TOKEN|-] [--at TIME] [--json]",
         .help = "Verify a token as the management point would (stdin\n"
                 "when TOKEN is - or missing). Exit 0 only if valid.",
         .run = runVerify},
        // --json is accepted: the output is JSON lines either way.
        {.name = "verify",
         .selectors = {Batch},
         .options = {At, Json, Jobs},
         .arguments = {.min = 0, .max = 1},
         .usage = "--batch [--jobs N] [--at TIME]",
         .help = "Verify one token per line of stdin on N threads\n"
                 "(default: all cores); one JSON line per input line,\n"
                 "in input order. Exit 0 only if every token is valid.",
         .run = runVerifyBatch},
        {.name = "renew-signing-cert",
         .help = "Renew the SMS Token Signing Certificate; tokens signed\n"
                 "with the old one stop verifying.",
         .run = runRenewSigning},
        {.name = "renew-issuing-cert",
         .help = "Renew the SMS Issuing root (and the signing certificate).",
         .run = runRenewIssuing},
        {.name = "audit",
         .options = {Json},
         .usage = "[--json]",
         .help = "Show who created, blocked, unblocked and renewed what.",
         .run = runAudit},
    };
    return table;
}

QList<QCommandLineOption> options()
{
    QList<QCommandLineOption> list;
    for (const OptionSpec &o : kOptions) {
        const QString name = QString::fromLatin1(o.name);
        const QString help = QString::fromLatin1(o.description);
        list << (o.valueName ? QCommandLineOption(name, help, QString::fromLatin1(o.valueName))
                             : QCommandLineOption(name, help));
    }
    list[int(Opt::SiteCode)].setDefaultValue(QString::fromLatin1(Site::kDefaultSiteCode));
    return list;
}

QString description()
{
    QString text = QString::fromLatin1(kIntro);
    for (const Verb &verb : verbs()) {
        QString head = QStringLiteral("  ") + QLatin1String(verb.name);
        if (*verb.usage)
            head += QLatin1Char(' ') + QLatin1String(verb.usage);
        const QStringList lines = QString::fromLatin1(verb.help).split(QLatin1Char('\n'));
        // A usage too long to leave two spaces before the description gets a line of its own.
        const bool ownLine = head.size() > kHelpColumn - 2;
        const QString indent(kHelpColumn, QLatin1Char(' '));
        text += ownLine ? head + QLatin1Char('\n') + indent : head.leftJustified(kHelpColumn);
        text += lines.join(QLatin1Char('\n') + indent) + QLatin1Char('\n');
    }
    return text + QLatin1String(kOutro);
}

QString commandNames()
{
    QStringList names;
    for (const Verb &verb : verbs()) {
        const QString name = QLatin1String(verb.name);
        if (!isSwitch(verb) && !names.contains(name))
            names << name;
    }
    return names.join(QStringLiteral(", "));
}

Command::Command(const QCommandLineParser &parser, QStringList arguments)
    : m_parser(parser), m_arguments(std::move(arguments))
{ }

bool Command::isSet(Opt option) const
{
    return m_parser.isSet(optionName(option));
}

QString Command::value(Opt option) const
{
    return m_parser.value(optionName(option));
}

int dispatch(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    const Command whole(parser, positional);
    if (whole.isSet(Opt::Site) && whole.value(Opt::Site).trimmed().isEmpty())
        return usageError(QStringLiteral("--site needs a folder."));
    // A repeated option is ambiguous ("/lifetime 60 /lifetime 6000", two --site): refuse, don't guess.
    for (const OptionSpec &o : kOptions) {
        if (o.valueName && parser.values(QString::fromLatin1(o.name)).size() > 1)
            return usageError(QStringLiteral("The option --%1 was given more than once.").arg(QLatin1String(o.name)));
    }
    const auto chosen = choose(whole, positional);
    if (const int *refused = std::get_if<int>(&chosen))
        return *refused;
    const Verb &verb = *std::get<const Verb *>(chosen);
    const Command command(parser, isSwitch(verb) ? QStringList() : positional.mid(1));
    if (verb.precheck) {
        if (const int refused = verb.precheck(command))
            return refused;
    }
    if (const int refused = checkAgainst(verb, command))
        return refused;
    return verb.run(command);
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

int fail(const QString &sentence, int code)
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

} // namespace tc::cli
