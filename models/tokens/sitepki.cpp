#include "sitepki.h"

#include "site.h"
#include "tokenlookup.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace tc {

const QString SitePki::kIssuingName = QStringLiteral("SMS Issuing");
const QString SitePki::kSigningName = QStringLiteral("SMS Token Signing Certificate");

namespace {

QDateTime nowSeconds()
{
    return fromUnix(QDateTime::currentSecsSinceEpoch());
}

AuditEvent auditEvent(AuditAction action, const QString &target, const QString &detail)
{
    return AuditEvent{0, nowSeconds(), currentOsUser(), action, target, detail};
}

} // namespace

Result<TokenSigner> SitePki::makeCertificate(CredentialKind kind, const TokenSigner *issuer, qint64 revision)
{
    auto key = PrivateKey::generateRsa(kKeyBits);
    if (!key)
        return key.takeError();
    const QDateTime now = nowSeconds();
    CertificateProfile profile;
    profile.organizationalUnit = m_site.siteCode();
    // Back-date a little so a verifier whose clock is slightly behind still accepts it.
    profile.notBefore = now.addSecs(-3600);
    if (kind == CredentialKind::IssuingRoot) {
        profile.commonName = kIssuingName;
        profile.notAfter = now.addYears(kRootYears);
        profile.certificateAuthority = true;
    } else {
        profile.commonName = kSigningName;
        profile.notAfter = std::min(now.addYears(kSigningYears), issuer->stored.certificate.notAfter());
    }
    auto cert = kind == CredentialKind::IssuingRoot
        ? pki::createRoot(profile, *key)
        : pki::issue(profile, key->publicKey(), issuer->stored.certificate, issuer->key);
    if (!cert)
        return cert.takeError();

    StoredCertificate stored;
    stored.certificate = *cert;
    stored.keyFile = cert->thumbprint() + QStringLiteral(".key");
    // The key file is written before the row that names it: a crash in between
    // leaves an unused key file, never a certificate without its key.
    if (auto written = m_site.writeKey(stored.keyFile, *key); !written)
        return written.takeError();

    CredentialRecord &r = stored.record;
    r.kind = kind;
    r.name = cert->commonName();
    r.notBefore = cert->notBefore();
    r.notAfter = cert->notAfter();
    r.lifetimeMinutes = int(std::min<qint64>(r.notBefore.secsTo(r.notAfter) / 60, std::numeric_limits<int>::max()));
    r.issuer = cert->issuerCommonName();
    r.thumbprint = cert->thumbprint();
    r.signerThumbprint = issuer ? issuer->stored.certificate.thumbprint() : cert->thumbprint();
    r.createdAt = now;
    r.createdBy = currentOsUser();
    r.changeSeq = revision;
    auto id = m_site.store().insert(r, revision);
    if (!id)
        return id.takeError();
    r.id = *id;
    if (auto done = m_site.store().insertCertificate(r.id, *cert, stored.keyFile); !done)
        return done.takeError();
    if (auto done = m_site.store().addAudit(
            auditEvent(kind == CredentialKind::IssuingRoot ? AuditAction::CreateIssuing : AuditAction::CreateSigning,
                       cert->thumbprint(), QStringLiteral("%1, valid until %2").arg(r.name, isoUtc(r.notAfter))));
        !done)
        return done.takeError();
    return TokenSigner{stored, *key};
}

Status SitePki::initialise()
{
    WriteTransaction tx(m_site.database());
    if (!tx.status())
        return tx.status();
    auto info = m_site.database().prepare(QStringLiteral("INSERT INTO site_info (name, value) VALUES (?, ?)"));
    if (!info)
        return info.takeError();
    const QList<std::pair<QString, QString>> values = {
        {QStringLiteral("site_code"), m_site.siteCode()},
        {QStringLiteral("tenant_id"), m_site.tenantId()},
        {QStringLiteral("created_at"), isoUtc(nowSeconds())},
        {QStringLiteral("created_by"), currentOsUser()},
    };
    for (const auto &[name, value] : values) {
        info->bindValue(0, name);
        info->bindValue(1, value);
        if (auto done = SiteDatabase::exec(*info, QStringLiteral("record the site information")); !done)
            return done;
    }
    auto root = makeCertificate(CredentialKind::IssuingRoot, nullptr, tx.revision());
    if (!root)
        return root.takeError();
    auto signing = makeCertificate(CredentialKind::TokenSigning, &*root, tx.revision());
    if (!signing)
        return signing.takeError();
    if (auto done = m_site.store().addAudit(
            auditEvent(AuditAction::CreateSite, m_site.siteCode(), QStringLiteral("tenant %1").arg(m_site.tenantId())));
        !done)
        return done;
    return tx.commit();
}

Result<StoredCertificate> SitePki::current(CredentialKind kind) const
{
    auto all = m_site.store().certificates();
    if (!all)
        return all.takeError();
    for (auto it = all->crbegin(); it != all->crend(); ++it) {
        if (it->record.kind == kind && it->record.state == CredentialState::Active)
            return *it;
    }
    return Error{QStringLiteral("The site has no current %1 certificate; restore the site from a backup.")
                     .arg(kind == CredentialKind::IssuingRoot ? kIssuingName : kSigningName)};
}

Result<TokenSigner> SitePki::currentSigner() const
{
    auto stored = current(CredentialKind::TokenSigning);
    if (!stored)
        return stored.takeError();
    auto key = m_site.loadKey(stored->keyFile);
    if (!key)
        return key.takeError();
    if (key->publicKey().toPem() != stored->certificate.publicKey().toPem())
        return Error{QStringLiteral("The private key file %1 does not belong to the current signing certificate.")
                         .arg(stored->keyFile)};
    return TokenSigner{*stored, *key};
}

Result<StoredCertificate> SitePki::renewSigningCertificate()
{
    auto root = current(CredentialKind::IssuingRoot);
    if (!root)
        return root.takeError();
    auto rootKey = m_site.loadKey(root->keyFile);
    if (!rootKey)
        return rootKey.takeError();
    auto old = current(CredentialKind::TokenSigning);
    if (!old)
        return old.takeError();

    WriteTransaction tx(m_site.database());
    if (!tx.status())
        return tx.status().takeError();
    const TokenSigner issuer{*root, *rootKey};
    auto renewed = makeCertificate(CredentialKind::TokenSigning, &issuer, tx.revision());
    if (!renewed)
        return renewed.takeError();
    if (auto done = m_site.store().markSuperseded(old->record.id, tx.revision()); !done)
        return done.takeError();
    if (auto done = m_site.store().addAudit(
            auditEvent(AuditAction::RenewSigning, old->certificate.thumbprint(),
                       QStringLiteral("superseded by %1").arg(renewed->stored.certificate.thumbprint())));
        !done)
        return done.takeError();
    if (auto done = tx.commit(); !done)
        return done.takeError();
    return renewed->stored;
}

Result<StoredCertificate> SitePki::renewIssuingCertificate()
{
    auto oldRoot = current(CredentialKind::IssuingRoot);
    if (!oldRoot)
        return oldRoot.takeError();
    auto oldSigning = current(CredentialKind::TokenSigning);
    if (!oldSigning)
        return oldSigning.takeError();

    WriteTransaction tx(m_site.database());
    if (!tx.status())
        return tx.status().takeError();
    auto root = makeCertificate(CredentialKind::IssuingRoot, nullptr, tx.revision());
    if (!root)
        return root.takeError();
    auto signing = makeCertificate(CredentialKind::TokenSigning, &*root, tx.revision());
    if (!signing)
        return signing.takeError();
    for (const StoredCertificate *old : {&*oldRoot, &*oldSigning}) {
        if (auto done = m_site.store().markSuperseded(old->record.id, tx.revision()); !done)
            return done.takeError();
    }
    if (auto done = m_site.store().addAudit(
            auditEvent(AuditAction::RenewIssuing, oldRoot->certificate.thumbprint(),
                       QStringLiteral("superseded by %1").arg(root->stored.certificate.thumbprint())));
        !done)
        return done.takeError();
    if (auto done = tx.commit(); !done)
        return done.takeError();
    return root->stored;
}

Result<ServerCredentials> SitePki::serverCredentials(const QStringList &hostNames)
{
    auto root = current(CredentialKind::IssuingRoot);
    if (!root)
        return root.takeError();
    ServerCredentials out;
    out.certificateFile = QDir(m_site.folder()).filePath(QLatin1String(kServerCertificateFile));
    out.keyFile = QDir(m_site.folder())
                      .filePath(QLatin1String(Site::kKeysFolder) + QLatin1Char('/') + QLatin1String(kServerKeyFile));
    QStringList wanted = hostNames;
    wanted.sort();
    const QDateTime now = nowSeconds();
    if (QFile file(out.certificateFile); file.open(QIODevice::ReadOnly) && QFile::exists(out.keyFile)) {
        if (auto existing = Certificate::fromPem(file.readAll())) {
            QStringList names = existing->dnsNames();
            names.sort();
            // An RSA key from an older version is replaced by an EC one.
            if (names == wanted && existing->isSignedBy(root->certificate) && !existing->publicKey().isRsa()
                && existing->notAfter() > now.addDays(kServerRenewDays)) {
                out.certificate = *existing;
                return out;
            }
        }
    }
    auto rootKey = m_site.loadKey(root->keyFile);
    if (!rootKey)
        return rootKey.takeError();
    // EC P-256: every new device connection is a full handshake, and an ECDSA
    // signature costs a small fraction of an RSA-2048 one (the client token's
    // own RS256 signature is the work that should bound registrations).
    auto key = PrivateKey::generateEcP256();
    if (!key)
        return key.takeError();
    CertificateProfile profile;
    profile.commonName = hostNames.value(0, QStringLiteral("localhost"));
    profile.organizationalUnit = m_site.siteCode();
    profile.notBefore = now.addSecs(-3600);
    profile.notAfter = std::min(now.addDays(kServerDays), root->certificate.notAfter());
    profile.purpose = CertificateProfile::Purpose::TlsServer;
    profile.dnsNames = hostNames;
    auto cert = pki::issue(profile, key->publicKey(), root->certificate, *rootKey);
    if (!cert)
        return cert.takeError();
    // The key first: a certificate on disk always has its key.
    if (auto written = m_site.writeKey(QLatin1String(kServerKeyFile), *key); !written)
        return written.takeError();
    QSaveFile file(out.certificateFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(cert->toPem()) < 0
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || !file.commit())
        return Error{QStringLiteral("The server certificate %1 could not be written: %2.")
                         .arg(out.certificateFile, file.errorString()),
                     ErrorKind::Io};
    out.certificate = *cert;
    return out;
}

SignerCache::SignerCache(Site &site) : m_site(site) { }

SignerCache::~SignerCache() = default;

Result<const TokenSigner *> SignerCache::current()
{
    // Read before the certificates are: a change in between is seen next time.
    // A lookup of its own each time: no statement outlives this call (a cache
    // may outlive its Site, and a kept statement would hold the connection open).
    auto stamp = TokenLookup::create(m_site.database())->certificatesStamp();
    if (!stamp)
        return stamp.takeError();
    if (m_signer && *stamp == m_stamp)
        return &*m_signer;
    auto current = SitePki(m_site).current(CredentialKind::TokenSigning);
    if (!current)
        return current.takeError();
    if (!m_signer || m_signer->stored.certificate.thumbprint() != current->certificate.thumbprint()) {
        auto signer = SitePki(m_site).currentSigner();
        if (!signer)
            return signer.takeError();
        m_signer = std::move(signer).value();
    }
    m_stamp = *stamp;
    return &*m_signer;
}

} // namespace tc
