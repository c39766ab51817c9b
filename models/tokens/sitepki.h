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

// The management point's TLS server certificate and key, as files in the site folder.
struct ServerCredentials
{
    QString certificateFile; // PEM, 0600
    QString keyFile;         // PEM, 0600, in the keys folder
    Certificate certificate;
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

    // The management point's server certificate for hostNames, issued by SMS
    // Issuing: the one in the site folder when it names the same hosts, chains
    // to the current root, has an EC key and is valid for kServerRenewDays more;
    // else a new one with a new EC P-256 key.
    Result<ServerCredentials> serverCredentials(const QStringList &hostNames);
    static constexpr int kServerDays = 397; // the longest a browser accepts
    static constexpr int kServerRenewDays = 30;
    static constexpr auto kServerCertificateFile = "mp-server.pem";
    static constexpr auto kServerKeyFile = "mp-server.key";
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
    explicit SignerCache(Site &site);
    ~SignerCache();
    // The current signer; the certificates are read and parsed again only when
    // TokenLookup::certificatesStamp() moved (one cheap query otherwise).
    Result<const TokenSigner *> current();
    void reset() { m_signer.reset(); }

private:
    Site &m_site;
    std::pair<qint64, qint64> m_stamp{-1, -1};
    std::optional<TokenSigner> m_signer;
};

} // namespace tc
