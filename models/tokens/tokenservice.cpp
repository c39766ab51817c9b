#include "tokenservice.h"

#include "base64url.h"
#include "bulktoken.h"
#include "devicestore.h"
#include "jws.h"
#include "site.h"
#include "siteverifier.h"

#include <QRandomGenerator>

#include <vector>

namespace tc {

TokenService::TokenService(Site &site) : m_site(site), m_signer(site) { }

TokenService::~TokenService() = default;

Result<int> TokenService::parseLifetime(const QString &text)
{
    bool ok = false;
    const QString trimmed = text.trimmed();
    const qlonglong value = trimmed.toLongLong(&ok);
    if (!ok || trimmed.startsWith(QLatin1Char('+')))
        return Error{QStringLiteral("The lifetime \"%1\" is not a whole number of minutes; give 1 to %2.")
                         .arg(text)
                         .arg(kMaxLifetimeMinutes),
                     ErrorKind::InvalidInput};
    if (value < 1 || value > kMaxLifetimeMinutes)
        return Error{QStringLiteral("The lifetime %1 is out of range; give 1 to %2 minutes (seven days).")
                         .arg(value)
                         .arg(kMaxLifetimeMinutes),
                     ErrorKind::InvalidInput};
    return int(value);
}

Result<QStringList> TokenService::parseGuids(const QStringList &texts)
{
    if (texts.isEmpty())
        return Error{QStringLiteral("No token GUID was given."), ErrorKind::InvalidInput};
    QStringList canonical;
    canonical.reserve(texts.size());
    for (const QString &text : texts) {
        const QString c = canonicalGuid(text);
        if (c.isEmpty())
            return Error{
                QStringLiteral("\"%1\" is not a GUID; a token GUID looks like 0f8fad5b-d9cb-469f-a165-70867728950e.")
                    .arg(text.left(64)),
                ErrorKind::InvalidInput};
        canonical << c;
    }
    return canonical;
}

Status TokenService::checkReason(const QString &reason)
{
    if (reason.size() > kMaxReasonLength)
        return Error{QStringLiteral("The reason is longer than %1 characters.").arg(kMaxReasonLength),
                     ErrorKind::InvalidInput};
    return {};
}

Status TokenService::checkOptions(const BulkTokenOptions &options)
{
    if (options.maxUses && (*options.maxUses < 1 || *options.maxUses > kMaxUsesLimit))
        return Error{QStringLiteral("The usage limit %1 is out of range; give 1 to %2 registrations.")
                         .arg(*options.maxUses)
                         .arg(kMaxUsesLimit),
                     ErrorKind::InvalidInput};
    if (!options.description.isNull() && options.description.trimmed().isEmpty())
        return Error{QStringLiteral("The description is empty; give a text or leave the option out."),
                     ErrorKind::InvalidInput};
    if (options.description.size() > kMaxDescriptionLength)
        return Error{QStringLiteral("The description is longer than %1 characters.").arg(kMaxDescriptionLength),
                     ErrorKind::InvalidInput};
    return {};
}

Result<IssuedToken> TokenService::issue(int lifetimeMinutes, const BulkTokenOptions &options)
{
    return issueAt(lifetimeMinutes, fromUnix(QDateTime::currentSecsSinceEpoch()), options);
}

Result<IssuedToken> TokenService::issueAt(int lifetimeMinutes, const QDateTime &now, const BulkTokenOptions &options)
{
    auto tokens = issueMany(1, lifetimeMinutes, now, options);
    if (!tokens)
        return tokens.takeError();
    return tokens->first();
}

Result<QList<IssuedToken>> TokenService::issueBatch(int count, int lifetimeMinutes)
{
    return issueMany(count, lifetimeMinutes, fromUnix(QDateTime::currentSecsSinceEpoch()), {});
}

Result<QList<IssuedToken>> TokenService::issueMany(int count, int lifetimeMinutes, const QDateTime &now,
                                                   const BulkTokenOptions &options)
{
    if (lifetimeMinutes < 1 || lifetimeMinutes > kMaxLifetimeMinutes)
        return Error{QStringLiteral("The lifetime %1 is out of range; give 1 to %2 minutes (seven days).")
                         .arg(lifetimeMinutes)
                         .arg(kMaxLifetimeMinutes),
                     ErrorKind::InvalidInput};
    if (count < 1)
        return Error{QStringLiteral("The number of tokens must be at least 1."), ErrorKind::InvalidInput};
    if (auto checked = checkOptions(options); !checked)
        return checked.takeError();
    auto signer = m_signer.current();
    if (!signer)
        return signer.takeError();
    const TokenSigner &current = **signer;

    const QString actor = currentOsUser();
    const QDateTime notAfter = now.addSecs(qint64(lifetimeMinutes) * 60);
    // Everything but the GUID is the same for every token of the batch: the
    // header segment, the payload around UniqueId, the record and the audit text.
    const QByteArray headerSegment = base64url::encode(bulktoken::headerJson(current.stored.certificate.x5t()));
    const bulktoken::PayloadWriter payload(m_site.tenantId(), now.toSecsSinceEpoch(), notAfter.toSecsSinceEpoch());
    CredentialRecord record;
    record.kind = CredentialKind::BulkToken;
    record.notBefore = now;
    record.notAfter = notAfter;
    record.lifetimeMinutes = lifetimeMinutes;
    record.issuer = current.stored.certificate.commonName();
    record.signerThumbprint = current.stored.certificate.thumbprint();
    record.createdAt = now;
    record.createdBy = actor;
    QString detail = QStringLiteral("lifetime %1 minutes, valid until %2, signed by %3")
                         .arg(lifetimeMinutes)
                         .arg(isoUtc(notAfter), record.signerThumbprint);
    if (options.maxUses)
        detail += QStringLiteral(", usage limit %1").arg(*options.maxUses);
    if (!options.description.isNull())
        detail += QStringLiteral(", description \"%1\"").arg(options.description);

    QList<IssuedToken> issued;
    QList<CredentialRecord> records;
    QList<AuditEvent> events;
    issued.reserve(count);
    records.reserve(count);
    events.reserve(count);
    QByteArray payloadBytes;
    std::vector<quint32> random(size_t(count) * 3); // one system call for the batch
    QRandomGenerator::system()->fillRange(random.data(), qsizetype(random.size()));
    for (int i = 0; i < count; ++i) {
        IssuedToken t;
        const QByteArray guid = bulktoken::newGuid(QDateTime::currentMSecsSinceEpoch(), random.data() + size_t(i) * 3);
        t.guid = QString::fromLatin1(guid);
        t.notBefore = now;
        t.notAfter = notAfter;
        t.lifetimeMinutes = lifetimeMinutes;
        payload.write(guid, payloadBytes);
        auto signedToken = jws::signRs256WithHeaderSegment(headerSegment, payloadBytes, current.key);
        if (!signedToken)
            return signedToken.takeError();
        t.token = std::move(signedToken).value();

        record.name = t.guid;
        records << record;
        events << AuditEvent{0, now, actor, AuditAction::CreateToken, t.guid, detail};
        issued << std::move(t);
    }

    WriteTransaction tx(m_site.database());
    if (!tx.status())
        return tx.status().takeError();
    // Signing happened outside the write lock; make sure no one renewed the
    // signing certificate meanwhile, or the tokens would be born refused.
    auto latest = SitePki(m_site).current(CredentialKind::TokenSigning);
    if (!latest)
        return latest.takeError();
    if (latest->certificate.thumbprint() != current.stored.certificate.thumbprint())
        return Error{
            QStringLiteral("The token signing certificate was renewed while the token was being created; try again."),
            ErrorKind::Conflict};
    if (auto done = m_site.store().insertMany(records, tx.revision()); !done)
        return done.takeError();
    if (options.maxUses || !options.description.isNull()) {
        DeviceStore usage(m_site.database());
        for (const CredentialRecord &r : records) {
            auto stored = m_site.store().findToken(r.name);
            if (!stored)
                return stored.takeError();
            if (!*stored)
                return Error{QStringLiteral("The new token %1 could not be read back.").arg(r.name)};
            if (auto done = usage.setOptions((*stored)->id, options); !done)
                return done.takeError();
        }
    }
    if (auto done = m_site.store().addAudit(events); !done)
        return done.takeError();
    if (auto done = tx.commit(); !done)
        return done.takeError();
    return issued;
}

Result<QStringList> changeByGuids(Site &site, const QStringList &guids, const QString &reason, AuditAction action,
                                  const ChangeStep &step)
{
    auto canonical = TokenService::parseGuids(guids);
    if (!canonical)
        return canonical.takeError();
    if (auto checked = TokenService::checkReason(reason); !checked)
        return checked.takeError();
    const QDateTime now = fromUnix(QDateTime::currentSecsSinceEpoch());
    const QString actor = currentOsUser();
    WriteTransaction tx(site.database());
    if (!tx.status())
        return tx.status().takeError();
    auto changed = step(*canonical, actor, now, tx.revision());
    if (!changed)
        return changed.takeError();
    QList<AuditEvent> events;
    events.reserve(changed->size());
    for (const QString &g : *changed)
        events << AuditEvent{0, now, actor, action, g, reason};
    if (auto done = site.store().addAudit(events); !done)
        return done.takeError();
    if (auto done = tx.commit(); !done)
        return done.takeError();
    return changed;
}

Result<QStringList> TokenService::setBlocked(const QStringList &guids, bool blocked, const QString &reason)
{
    return changeByGuids(
        m_site, guids, blocked ? reason : QString(), blocked ? AuditAction::Block : AuditAction::Unblock,
        [&](const QStringList &canonical, const QString &actor, const QDateTime &now, qint64 revision) {
            return m_site.store().setBlocked(canonical, blocked, actor, reason, now, revision);
        });
}

Result<QStringList> TokenService::block(const QStringList &guids, const QString &reason)
{
    return setBlocked(guids, true, reason);
}

Result<QStringList> TokenService::unblock(const QStringList &guids)
{
    return setBlocked(guids, false, QString());
}

VerifyResult TokenService::verify(QByteArrayView token, const QDateTime &at)
{
    if (!m_verifier)
        m_verifier = std::make_unique<SiteVerifier>(m_site);
    return m_verifier->verify(token, at);
}

Result<StoredCertificate> TokenService::renewSigningCertificate()
{
    m_signer.reset();
    if (m_verifier)
        m_verifier->reset();
    return SitePki(m_site).renewSigningCertificate();
}

Result<StoredCertificate> TokenService::renewIssuingCertificate()
{
    m_signer.reset();
    if (m_verifier)
        m_verifier->reset();
    return SitePki(m_site).renewIssuingCertificate();
}

} // namespace tc
