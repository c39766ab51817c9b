#pragma once

#include "certificate.h"
#include "credentialstore.h"
#include "keys.h"
#include "result.h"

#include <optional>

namespace tc {

class Site;

// The certificate that signs tokens now, with its private key loaded.
struct TokenSigner
{
    StoredCertificate stored;
    PrivateKey key;
};

// The site's certificates: the SMS Issuing root and the SMS Token Signing
// certificate it issues. Creates them, renews them, and loads the current signer.
class SitePki
{
public:
    static constexpr int kRootYears = 30;
    static constexpr int kSigningYears = 5;
    static constexpr int kKeyBits = 2048;
    static const QString kIssuingName; // "SMS Issuing"
    static const QString kSigningName; // "SMS Token Signing Certificate"

    explicit SitePki(Site &site) : m_site(site) { }

    // A new site's root and signing certificate, site information and first audit event.
    Status initialise();

    // New key and certificate for token signing; the old one becomes superseded,
    // and tokens signed with it stop verifying. Returns the new certificate.
    Result<StoredCertificate> renewSigningCertificate();
    // New SMS Issuing root, and with it a new signing certificate.
    Result<StoredCertificate> renewIssuingCertificate();

    Result<TokenSigner> currentSigner() const;
    Result<StoredCertificate> current(CredentialKind kind) const;

private:
    Result<TokenSigner> makeCertificate(CredentialKind kind, const TokenSigner *issuer, qint64 revision);

    Site &m_site;
};

// The current signer, loaded once and loaded again when the site's current
// signing certificate changed (a renewal here or by another process): one
// small read per use, the key file only after a renewal.
class SignerCache
{
public:
    explicit SignerCache(Site &site) : m_site(site) { }
    Result<const TokenSigner *> current();
    void reset() { m_signer.reset(); }

private:
    Site &m_site;
    std::optional<TokenSigner> m_signer;
};

} // namespace tc
