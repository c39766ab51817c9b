#include "records.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimeZone>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace tc {

DisplayStatus CredentialRecord::statusAt(const QDateTime &now) const
{
    if (state == CredentialState::Blocked)
        return DisplayStatus::Blocked;
    if (state == CredentialState::Superseded)
        return DisplayStatus::Superseded;
    if (notAfter.isValid() && now >= notAfter)
        return DisplayStatus::Expired;
    return DisplayStatus::Active;
}

bool CredentialRecord::expiresSoonAt(const QDateTime &now) const
{
    return isToken() && statusAt(now) == DisplayStatus::Active && notAfter.isValid()
        && now.secsTo(notAfter) < kExpiringSoonSeconds;
}

QString expiresSoonDisplayName()
{
    return QCoreApplication::translate("tc::Records", "Expires soon");
}

QString auditActionCode(AuditAction action)
{
    switch (action) {
    case AuditAction::CreateSite: return QStringLiteral("init");
    case AuditAction::CreateIssuing: return QStringLiteral("create-issuing");
    case AuditAction::CreateSigning: return QStringLiteral("create-signing");
    case AuditAction::CreateToken: return QStringLiteral("create");
    case AuditAction::Block: return QStringLiteral("block");
    case AuditAction::Unblock: return QStringLiteral("unblock");
    case AuditAction::RenewSigning: return QStringLiteral("renew-signing");
    case AuditAction::RenewIssuing: return QStringLiteral("renew-issuing");
    case AuditAction::RegisterDevice: return QStringLiteral("register-device");
    case AuditAction::ApproveDevice: return QStringLiteral("approve-device");
    case AuditAction::BlockDevice: return QStringLiteral("block-device");
    case AuditAction::UnblockDevice: return QStringLiteral("unblock-device");
    }
    return {};
}

QString auditActionDisplayName(AuditAction action)
{
    switch (action) {
    case AuditAction::CreateSite: return QCoreApplication::translate("tc::Records", "Create site");
    case AuditAction::CreateIssuing: return QCoreApplication::translate("tc::Records", "Create issuing certificate");
    case AuditAction::CreateSigning: return QCoreApplication::translate("tc::Records", "Create signing certificate");
    case AuditAction::CreateToken: return QCoreApplication::translate("tc::Records", "Create token");
    case AuditAction::Block: return QCoreApplication::translate("tc::Records", "Block");
    case AuditAction::Unblock: return QCoreApplication::translate("tc::Records", "Unblock");
    case AuditAction::RenewSigning: return QCoreApplication::translate("tc::Records", "Renew signing certificate");
    case AuditAction::RenewIssuing: return QCoreApplication::translate("tc::Records", "Renew issuing certificate");
    case AuditAction::RegisterDevice: return QCoreApplication::translate("tc::Records", "Register device");
    case AuditAction::ApproveDevice: return QCoreApplication::translate("tc::Records", "Approve device");
    case AuditAction::BlockDevice: return QCoreApplication::translate("tc::Records", "Block device");
    case AuditAction::UnblockDevice: return QCoreApplication::translate("tc::Records", "Unblock device");
    }
    return {};
}

bool parseAuditActionCode(const QString &text, AuditAction *action)
{
    for (AuditAction a : kAllAuditActions) {
        if (auditActionCode(a) == text) {
            *action = a;
            return true;
        }
    }
    return false;
}

QString kindCode(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::BulkToken: return QStringLiteral("bulk-token");
    case CredentialKind::IssuingRoot: return QStringLiteral("sms-issuing");
    case CredentialKind::TokenSigning: return QStringLiteral("sms-token-signing");
    }
    return {};
}

QString kindDisplayName(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::BulkToken: return QCoreApplication::translate("tc::Records", "Bulk Registration Token");
    case CredentialKind::IssuingRoot: return QCoreApplication::translate("tc::Records", "SMS Issuing");
    case CredentialKind::TokenSigning: return QCoreApplication::translate("tc::Records", "SMS Token Signing");
    }
    return {};
}

QString statusDisplayName(DisplayStatus status)
{
    switch (status) {
    case DisplayStatus::Active: return QCoreApplication::translate("tc::Records", "Active");
    case DisplayStatus::Blocked: return QCoreApplication::translate("tc::Records", "Blocked");
    case DisplayStatus::Expired: return QCoreApplication::translate("tc::Records", "Expired");
    case DisplayStatus::Superseded: return QCoreApplication::translate("tc::Records", "Superseded");
    }
    return {};
}

QString statusCode(DisplayStatus status)
{
    switch (status) {
    case DisplayStatus::Active: return QStringLiteral("active");
    case DisplayStatus::Blocked: return QStringLiteral("blocked");
    case DisplayStatus::Expired: return QStringLiteral("expired");
    case DisplayStatus::Superseded: return QStringLiteral("superseded");
    }
    return {};
}

bool parseKindCode(const QString &text, CredentialKind *kind)
{
    for (auto k : {CredentialKind::BulkToken, CredentialKind::IssuingRoot, CredentialKind::TokenSigning}) {
        if (text.compare(kindCode(k), Qt::CaseInsensitive) == 0) {
            *kind = k;
            return true;
        }
    }
    return false;
}

bool parseStatusCode(const QString &text, DisplayStatus *status)
{
    for (auto s : {DisplayStatus::Active, DisplayStatus::Blocked, DisplayStatus::Expired, DisplayStatus::Superseded}) {
        if (text.compare(statusCode(s), Qt::CaseInsensitive) == 0) {
            *status = s;
            return true;
        }
    }
    return false;
}

QString canonicalGuid(const QString &text)
{
    // \z, not $: PCRE's $ also matches before a final newline ("<guid>\n").
    static const QRegularExpression guid(
        QStringLiteral("\\A\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\}?\\z"));
    const auto match = guid.match(text);
    if (!match.hasMatch() || (text.startsWith(QLatin1Char('{')) != text.endsWith(QLatin1Char('}'))))
        return {};
    return match.captured(1).toLower();
}

QDateTime fromUnix(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
}

QString isoUtc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QString currentOsUser()
{
#ifdef Q_OS_UNIX
    if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
#endif
    for (const char *name : {"USERNAME", "USER", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("unknown");
}

} // namespace tc
