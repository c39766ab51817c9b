#pragma once

// The JSON shapes of records, certificates, verification results and audit
// entries: what `bulkregtoken ... --json` prints, and what any other front end
// that answers in JSON must send, so that scripts read one format everywhere.
// Member names are stable; times are ISO-8601 UTC ("2026-11-29T23:42:59Z").

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace tc {
struct AuditEvent;
struct BulkTokenUsage;
struct DeviceDetails;
struct DeviceRecord;
struct CredentialRecord;
struct IssuedToken;
struct StoredCertificate;
struct VerifyResult;
} // namespace tc

namespace tc::wire {

// type, status (as of now), notBefore, notAfter, createdBy, createdAt; a token
// adds guid, lifetimeMinutes, signingCertificate and, when blocked, blockedBy,
// blockedAt and blockReason (if one was given); a certificate adds thumbprint
// and issuerThumbprint. Never the token itself: a record does not hold it.
QJsonObject recordJson(const CredentialRecord &record, const QDateTime &now);

// recordJson of the certificate's row, plus subject, issuer, serialNumber,
// keyBits, signatureAlgorithm and x5t.
QJsonObject certificateJson(const StoredCertificate &certificate, const QDateTime &now);

// A token's record with its audit history ("history": entries without target,
// which is the token itself).
QJsonObject tokenJson(const CredentialRecord &token, const QList<AuditEvent> &history, const QDateTime &now);

// A freshly issued token: guid, notBefore, notAfter, lifetimeMinutes and the
// token text. The one shape that carries a token: send it once, to the one who
// asked for it.
QJsonObject issuedTokenJson(const IssuedToken &issued);

// valid, reason and, once the token could be read, guid, notBefore and notAfter.
QJsonObject verifyResultJson(const VerifyResult &result);

// Which members an audit entry has. In a token's own history the target is
// that token, so it is left out.
enum class AuditFields {
    WithTarget,    // at, actor, action, target, detail
    WithoutTarget, // at, actor, action, detail
};

QJsonObject auditEventJson(const AuditEvent &event, AuditFields fields);
QJsonArray auditEventsJson(const QList<AuditEvent> &events, AuditFields fields);

// A bulk token's usage, added to its record: registrations, lastUsed (once
// used), maxUses and description (when given).
void addUsage(QJsonObject &record, const BulkTokenUsage &usage);

// deviceId, name, status, certificateThumbprint (x5t#S256), registeredAt,
// registeredVia (a bulk token GUID, or "internal-network"), renewals and, when
// known, tokenNotAfter, lastSeen, approvedBy/approvedAt, blockedBy/blockedAt/
// blockReason. With details: "clientTokens" (guid, notBefore, notAfter,
// signingCertificate: never the token) and "history" (audit entries).
enum class DeviceFields { Summary, WithDetails };
QJsonObject deviceJson(const DeviceDetails &device, DeviceFields fields);

// What the management point sends for a refusal: {"error": code, "message": sentence}.
QJsonObject refusalJson(const QString &code, const QString &message);

} // namespace tc::wire
