#pragma once

#include "keys.h"
#include "openssl_ptr.h"
#include "result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace tc {

// An X.509 certificate, parsed once. Cheap to copy (shared X509).
class Certificate
{
public:
    Certificate() = default;
    static Result<Certificate> fromDer(const QByteArray &der);
    static Result<Certificate> fromPem(const QByteArray &pem);
    static Certificate adopt(ossl::X509Ptr cert);

    bool isNull() const { return !m_cert; }
    QByteArray toDer() const { return m_der; }
    QByteArray toPem() const;

    // SHA-1 over the DER, upper-case hex: the "thumbprint" admins compare.
    QString thumbprint() const { return m_thumbprint; }
    // base64url(SHA-1(DER)): the JWS "x5t" header (RFC 7515 4.1.7).
    QByteArray x5t() const;
    QByteArray sha1() const { return m_sha1; }
    // base64url(SHA-256(DER)): the "x5t#S256" confirmation of RFC 8705 3.1,
    // by which a client token is bound to its device's certificate.
    QByteArray x5tS256() const;

    QString subject() const; // e.g. "CN=SMS Issuing, O=Token Console, OU=ABC"
    QString commonName() const;
    QString issuer() const;
    QString issuerCommonName() const;
    QString serialNumber() const; // upper-case hex
    QDateTime notBefore() const;
    QDateTime notAfter() const;
    int keyBits() const;
    QString signatureAlgorithm() const; // e.g. "sha256WithRSAEncryption"
    bool isCertificateAuthority() const;
    QStringList dnsNames() const; // subjectAltName DNS entries
    PublicKey publicKey() const;

    // True when issuer's key verifies this certificate's signature.
    bool isSignedBy(const Certificate &issuer) const;

    // Why this certificate cannot identify a device (empty when it can): it must
    // be self-signed with a signature that verifies under its own key, carry an
    // RSA key of at least 2048 bits or an EC P-256 key, and be valid at `at`.
    QString deviceCertificateProblem(const QDateTime &at) const;

    X509 *get() const { return m_cert.get(); }

private:
    std::shared_ptr<X509> m_cert;
    QByteArray m_der;
    QByteArray m_sha1;
    QString m_thumbprint;
};

// What a new certificate should say; the issuer and key come separately.
struct CertificateProfile
{
    QString commonName;
    QString organization = QStringLiteral("Token Console");
    QString organizationalUnit; // the site code
    QDateTime notBefore;
    QDateTime notAfter;
    bool certificateAuthority = false;
    // What the certificate is for, beyond signing: a TLS server (extended key
    // usage serverAuth; key usage also keyEncipherment for an RSA key) or a TLS client.
    enum class Purpose { Signing, TlsServer, TlsClient } purpose = Purpose::Signing;
    QStringList dnsNames; // subjectAltName DNS entries (a TLS server's host names)
};

namespace pki {

// A self-signed root (CA:TRUE, keyCertSign, cRLSign), RSA with SHA-256.
Result<Certificate> createRoot(const CertificateProfile &profile, const PrivateKey &key);

// A self-signed end-entity certificate (CA:FALSE): a device's identity.
Result<Certificate> createSelfSigned(const CertificateProfile &profile, const PrivateKey &key);

// A certificate for subjectKey issued by issuer/issuerKey. For a token signing
// certificate: CA:FALSE, digitalSignature only.
Result<Certificate> issue(const CertificateProfile &profile, const PublicKey &subjectKey, const Certificate &issuer,
                          const PrivateKey &issuerKey);

} // namespace pki

} // namespace tc
