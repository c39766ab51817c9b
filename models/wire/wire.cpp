#include "wire.h"

#include "credentialstore.h"
#include "device.h"
#include "records.h"
#include "tokenservice.h"
#include "tokenverifier.h"

namespace tc::wire {

QJsonObject recordJson(const CredentialRecord &record, const QDateTime &now)
{
    QJsonObject o;
    o[QStringLiteral("type")] = kindCode(record.kind);
    o[QStringLiteral("status")] = statusCode(record.statusAt(now));
    o[QStringLiteral("notBefore")] = isoUtc(record.notBefore);
    o[QStringLiteral("notAfter")] = isoUtc(record.notAfter);
    o[QStringLiteral("createdBy")] = record.createdBy;
    o[QStringLiteral("createdAt")] = isoUtc(record.createdAt);
    if (record.isToken()) {
        o[QStringLiteral("guid")] = record.name;
        o[QStringLiteral("lifetimeMinutes")] = record.lifetimeMinutes;
        o[QStringLiteral("signingCertificate")] = record.signerThumbprint;
        if (record.state == CredentialState::Blocked) {
            o[QStringLiteral("blockedBy")] = record.blockedBy;
            o[QStringLiteral("blockedAt")] = isoUtc(record.blockedAt);
            if (!record.blockReason.isEmpty())
                o[QStringLiteral("blockReason")] = record.blockReason;
        }
    } else {
        o[QStringLiteral("thumbprint")] = record.thumbprint;
        o[QStringLiteral("issuerThumbprint")] = record.signerThumbprint;
    }
    return o;
}

QJsonObject certificateJson(const StoredCertificate &certificate, const QDateTime &now)
{
    const Certificate &c = certificate.certificate;
    QJsonObject o = recordJson(certificate.record, now);
    o[QStringLiteral("subject")] = c.subject();
    o[QStringLiteral("issuer")] = c.issuer();
    o[QStringLiteral("serialNumber")] = c.serialNumber();
    o[QStringLiteral("keyBits")] = c.keyBits();
    o[QStringLiteral("signatureAlgorithm")] = c.signatureAlgorithm();
    o[QStringLiteral("x5t")] = QString::fromLatin1(c.x5t());
    return o;
}

QJsonObject tokenJson(const CredentialRecord &token, const QList<AuditEvent> &history, const QDateTime &now)
{
    QJsonObject o = recordJson(token, now);
    o[QStringLiteral("history")] = auditEventsJson(history, AuditFields::WithoutTarget);
    return o;
}

QJsonObject issuedTokenJson(const IssuedToken &issued)
{
    QJsonObject o;
    o[QStringLiteral("guid")] = issued.guid;
    o[QStringLiteral("notBefore")] = isoUtc(issued.notBefore);
    o[QStringLiteral("notAfter")] = isoUtc(issued.notAfter);
    o[QStringLiteral("lifetimeMinutes")] = issued.lifetimeMinutes;
    o[QStringLiteral("token")] = QString::fromLatin1(issued.token);
    return o;
}

QJsonObject verifyResultJson(const VerifyResult &result)
{
    QJsonObject o;
    o[QStringLiteral("valid")] = result.valid();
    o[QStringLiteral("reason")] = reasonCode(result.reason);
    if (!result.guid.isEmpty())
        o[QStringLiteral("guid")] = result.guid;
    if (result.notBefore.isValid()) {
        o[QStringLiteral("notBefore")] = isoUtc(result.notBefore);
        o[QStringLiteral("notAfter")] = isoUtc(result.notAfter);
    }
    return o;
}

QJsonObject auditEventJson(const AuditEvent &event, AuditFields fields)
{
    QJsonObject o{{QStringLiteral("at"), isoUtc(event.at)},
                  {QStringLiteral("actor"), event.actor},
                  {QStringLiteral("action"), auditActionCode(event.action)},
                  {QStringLiteral("detail"), event.detail}};
    if (fields == AuditFields::WithTarget)
        o[QStringLiteral("target")] = event.target;
    return o;
}

QJsonArray auditEventsJson(const QList<AuditEvent> &events, AuditFields fields)
{
    QJsonArray array;
    for (const AuditEvent &e : events)
        array.append(auditEventJson(e, fields));
    return array;
}

void addUsage(QJsonObject &o, const BulkTokenUsage &usage)
{
    o[QStringLiteral("registrations")] = usage.registrations;
    if (usage.lastUsedAt.isValid())
        o[QStringLiteral("lastUsed")] = isoUtc(usage.lastUsedAt);
    if (usage.maxUses)
        o[QStringLiteral("maxUses")] = *usage.maxUses;
    if (!usage.description.isEmpty())
        o[QStringLiteral("description")] = usage.description;
}

QJsonObject deviceJson(const DeviceDetails &details, DeviceFields fields)
{
    const DeviceRecord &d = details.device;
    QJsonObject o{
        {QStringLiteral("deviceId"), d.guid},
        {QStringLiteral("name"), d.name},
        {QStringLiteral("status"), deviceStatusCode(details.status)},
        {QStringLiteral("certificateThumbprint"), d.certificateThumbprint},
        {QStringLiteral("registeredAt"), isoUtc(d.registeredAt)},
        {QStringLiteral("registeredVia"), d.internal() ? QStringLiteral("internal-network") : d.registeredVia},
        {QStringLiteral("renewals"), d.renewals}};
    auto addTime = [&o](const char *name, const QDateTime &t) {
        if (t.isValid())
            o[QLatin1String(name)] = isoUtc(t);
    };
    addTime("tokenNotAfter", d.tokenNotAfter);
    addTime("lastSeen", d.lastSeenAt);
    if (d.approvedAt.isValid()) {
        o[QStringLiteral("approvedBy")] = d.approvedBy;
        addTime("approvedAt", d.approvedAt);
    }
    if (d.blocked()) {
        o[QStringLiteral("blockedBy")] = d.blockedBy;
        addTime("blockedAt", d.blockedAt);
        if (!d.blockReason.isEmpty())
            o[QStringLiteral("blockReason")] = d.blockReason;
    }
    if (fields == DeviceFields::WithDetails) {
        QJsonArray tokens;
        for (const ClientTokenRecord &t : details.tokens)
            tokens.append(QJsonObject{{QStringLiteral("guid"), t.guid},
                                      {QStringLiteral("notBefore"), isoUtc(t.notBefore)},
                                      {QStringLiteral("notAfter"), isoUtc(t.notAfter)},
                                      {QStringLiteral("signingCertificate"), t.signerThumbprint}});
        o[QStringLiteral("clientTokens")] = tokens;
        o[QStringLiteral("history")] = auditEventsJson(details.history, AuditFields::WithoutTarget);
    }
    return o;
}

QJsonObject refusalJson(const QString &code, const QString &message)
{
    return QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}};
}

} // namespace tc::wire
