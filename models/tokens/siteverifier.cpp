#include "siteverifier.h"

#include "site.h"

namespace tc {

SiteVerifier::SiteVerifier(const Site &site) : m_site(site), m_lookup(TokenLookup::create(site.database())) { }

SiteVerifier::~SiteVerifier() = default;

Status SiteVerifier::prepare()
{
    // Read before the certificates are: a change in between loads them again next time.
    auto revision = m_lookup->revision();
    auto stamp = m_lookup->certificatesStamp();
    m_certificatesStamp = stamp ? *stamp : std::pair<qint64, qint64>{-1, -1};
    auto verifier = TokenVerifier::forSite(m_site.tenantId(), m_site.store());
    if (!verifier)
        return verifier.takeError();
    m_verifier = std::move(verifier).value();
    // Without a revision every token's check 8 fails too (unknown-token):
    // verification goes on, refusing, and the caller hears why.
    m_verifierRevision = revision ? *revision : -1;
    if (!revision)
        return revision.takeError();
    return {};
}

VerifyResult SiteVerifier::check(QByteArrayView token, const QDateTime &at, std::optional<qint64> *revision)
{
    VerifyResult result = m_verifier->verifyExceptRecord(token, at);
    std::optional<TokenStanding> standing;
    if (result.valid()) {
        // 8. The site's record: issued here, and not blocked.
        if (revision) {
            if (auto read = m_lookup->revisionAndStanding(result.guid)) {
                *revision = read->revision;
                standing = read->standing;
            }
        } else if (auto read = m_lookup->standing(result.guid)) {
            standing = *read;
        }
    } else if (revision) {
        if (auto read = m_lookup->revision())
            *revision = *read;
    }
    TokenVerifier::applyStanding(result, standing);
    return result;
}

VerifyResult SiteVerifier::verify(QByteArrayView token, const QDateTime &at)
{
    for (int attempt = 0;; ++attempt) {
        if (!m_verifier)
            (void)prepare();
        if (!m_verifier) {
            VerifyResult refused;
            refused.reason = VerifyReason::UnknownSigningCertificate;
            return refused;
        }
        std::optional<qint64> revision;
        VerifyResult result = check(token, at, &revision);
        if ((revision && *revision == m_verifierRevision) || attempt > 0)
            return result;
        // The site changed since the certificates were loaded; only a change of
        // the certificates themselves makes them stale (every registration and
        // every token issued advances the revision).
        if (revision) {
            if (auto stamp = m_lookup->certificatesStamp(); stamp && *stamp == m_certificatesStamp) {
                m_verifierRevision = *revision;
                return result;
            }
        }
        m_verifier.reset(); // loaded before another process changed the certificates: check again
    }
}

ClientVerifyResult SiteVerifier::verifyClient(QByteArrayView token, const QDateTime &at)
{
    // Certificates loaded before a site certificate changed are loaded again
    // before the token is judged. The stamp, not the revision: every
    // registration and renewal advances the revision, and a management point
    // would read and parse the site's certificates again after each of them.
    auto stamp = m_lookup->certificatesStamp();
    if (!m_verifier || !stamp || *stamp != m_certificatesStamp)
        m_verifier.reset();
    if (!m_verifier)
        (void)prepare();
    if (!m_verifier) {
        ClientVerifyResult refused;
        refused.reason = VerifyReason::UnknownSigningCertificate;
        return refused;
    }
    return m_verifier->verifyClientExceptRecord(token, at);
}

void SiteVerifier::verifyMany(std::span<const QByteArray> tokens, const QDateTime &at, std::span<VerifyResult> results)
{
    // A renewal by another process changes the signing certificates; one
    // cheap read per batch notices it.
    if (auto revision = m_lookup->revision(); !m_verifier || (revision && *revision != m_verifierRevision))
        m_verifier.reset();
    if (!m_verifier)
        (void)prepare();
    if (!m_verifier) {
        for (VerifyResult &r : results)
            r = VerifyResult{VerifyReason::UnknownSigningCertificate, {}, {}, {}};
        return;
    }
    const bool snapshot = m_lookup->beginSnapshot().ok();
    for (size_t i = 0; i < tokens.size() && i < results.size(); ++i)
        results[i] = check(tokens[i], at, nullptr);
    if (snapshot)
        m_lookup->endSnapshot();
}

} // namespace tc
