#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace tc {

// What an item of the Certificates node is. Stored as these numbers.
enum class CredentialKind : int {
    BulkToken = 0,
    IssuingRoot = 1,  // "SMS Issuing"
    TokenSigning = 2, // "SMS Token Signing Certificate"
};

// The stored state. "Expired" is not stored: it depends on the clock.
enum class CredentialState : int {
    Active = 0,
    Blocked = 1,
    Superseded = 2,
};

// What an administrator sees in the Status column.
enum class DisplayStatus { Active, Blocked, Expired, Superseded };

// Bulk registration token lifetimes, in minutes (DESIGN.md section 1).
inline constexpr int kDefaultLifetimeMinutes = 4320;
inline constexpr int kMaxLifetimeMinutes = 10080;

// An active token this close to its expiry is shown as "Expires soon".
inline constexpr qint64 kExpiringSoonSeconds = 24 * 3600;

// One row of the Certificates node: a site certificate or a bulk token's metadata.
// A token's row never holds the token itself.
struct CredentialRecord
{
    qint64 id = 0;
    CredentialKind kind = CredentialKind::BulkToken;
    QString name; // token GUID (lower case) or certificate common name
    CredentialState state = CredentialState::Active;
    QDateTime notBefore;
    QDateTime notAfter;
    int lifetimeMinutes = 0;
    QString issuer;           // common name of the issuing/signing certificate
    QString thumbprint;       // certificates: their own SHA-1 thumbprint
    QString signerThumbprint; // thumbprint of the certificate that signed this item
    QDateTime createdAt;
    QString createdBy;
    QDateTime blockedAt;
    QString blockedBy;
    QString blockReason;
    qint64 changeSeq = 0;

    bool isToken() const { return kind == CredentialKind::BulkToken; }
    DisplayStatus statusAt(const QDateTime &now) const;
    // An active token that expires within kExpiringSoonSeconds of now.
    bool expiresSoonAt(const QDateTime &now) const;
};

// What an audit entry records. Stored by code (auditActionCode); shown by
// auditActionDisplayName in the Audit Log and the details history alike.
enum class AuditAction {
    CreateSite,     // "init"
    CreateIssuing,  // "create-issuing": the SMS Issuing root
    CreateSigning,  // "create-signing": an SMS Token Signing certificate
    CreateToken,    // "create": a bulk registration token
    Block,          // "block"
    Unblock,        // "unblock"
    RenewSigning,   // "renew-signing"
    RenewIssuing,   // "renew-issuing"
    RegisterDevice, // "register-device": by the management point (target: device GUID)
    ApproveDevice,  // "approve-device"
    BlockDevice,    // "block-device"
    UnblockDevice,  // "unblock-device"
};
inline constexpr AuditAction kAllAuditActions[] = {
    AuditAction::CreateSite,     AuditAction::CreateIssuing, AuditAction::CreateSigning, AuditAction::CreateToken,
    AuditAction::Block,          AuditAction::Unblock,       AuditAction::RenewSigning,  AuditAction::RenewIssuing,
    AuditAction::RegisterDevice, AuditAction::ApproveDevice, AuditAction::BlockDevice,   AuditAction::UnblockDevice,
};

struct AuditEvent
{
    qint64 id = 0;
    QDateTime at;
    QString actor; // operating-system user
    AuditAction action = AuditAction::CreateToken;
    QString target; // token GUID, certificate thumbprint or site code
    QString detail;
};

// Stable names used by the CLI, JSON output and the audit log.
QString kindCode(CredentialKind kind);           // "bulk-token", "sms-issuing", "sms-token-signing"
QString kindDisplayName(CredentialKind kind);    // translated "Bulk Registration Token", ...
QString statusCode(DisplayStatus status);        // "active", "blocked", "expired", "superseded"
QString statusDisplayName(DisplayStatus status); // translated "Active", ...
QString expiresSoonDisplayName();                // translated "Expires soon": the Status of such a token
QString auditActionCode(AuditAction action);     // "init", "create", "renew-signing", ...
QString
auditActionDisplayName(AuditAction action); // translated "Create site", "Block", "Renew signing certificate", ...
bool parseKindCode(const QString &text, CredentialKind *kind);
bool parseAuditActionCode(const QString &text, AuditAction *action);
bool parseStatusCode(const QString &text, DisplayStatus *status);

// A token GUID in canonical form (lower case, 8-4-4-4-12), or empty if text is
// not a GUID. Braces and upper case are accepted on input.
QString canonicalGuid(const QString &text);

// Unix seconds <-> UTC date-times, as stored.
QDateTime fromUnix(qint64 seconds);
QString isoUtc(const QDateTime &t); // "2026-11-29T23:42:59Z"

// Who is doing this: the operating-system account name.
QString currentOsUser();

} // namespace tc
