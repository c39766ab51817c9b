#pragma once

#include "tokenlookup.h"
#include "tokenverifier.h"

#include <QByteArrayView>
#include <QDateTime>
#include <memory>
#include <optional>
#include <span>

namespace tc {

class Site;

// The one way a token is verified against a site: TokenService::verify (the
// CLI's verify), each BatchVerifier worker (verify --batch), the hostile-token
// corpus and the fuzzer all come here. Checks 1 to 7 are TokenVerifier's, on
// the site's signing certificates; check 8 is the site's record of the GUID,
// read through TokenLookup.
//
// The signing certificates change only on renewal, which advances the site's
// revision. Each verification reads the revision together with the token's
// standing (one read); when it moved since the certificates were loaded, they
// are loaded again and the token checked again. So a renewal or a block by
// another process takes effect from the next token.
//
// Bound to the thread and connection of its Site, which must outlive it.
class SiteVerifier
{
public:
    explicit SiteVerifier(const Site &site);
    ~SiteVerifier();

    VerifyResult verify(QByteArrayView token, const QDateTime &at);

    // A device's client token, checks 1 to 7 (TokenVerifier::verifyClientExceptRecord)
    // on the site's current signing certificates; its record is the caller's.
    ClientVerifyResult verifyClient(QByteArrayView token, const QDateTime &at);

    // Many tokens: the revision once, then every standing from one snapshot.
    void verifyMany(std::span<const QByteArray> tokens, const QDateTime &at, std::span<VerifyResult> results);

    // Loads the site's signing certificates now (verify() does it when needed):
    // an error says why no token could be verified.
    Status prepare();

    // Forget the loaded certificates (after this process renewed one).
    void reset() { m_verifier.reset(); }

private:
    VerifyResult check(QByteArrayView token, const QDateTime &at, std::optional<qint64> *revision);

    const Site &m_site;
    std::unique_ptr<TokenLookup> m_lookup;
    std::optional<TokenVerifier> m_verifier;
    qint64 m_verifierRevision = -1;
    std::pair<qint64, qint64> m_certificatesStamp{-1, -1}; // TokenLookup::certificatesStamp() when loaded
};

} // namespace tc
