#pragma once

#include "openssl_ptr.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tc {

// An RSA public key. Cheap to copy: copies share one EVP_PKEY, which OpenSSL 3
// allows to be used from several threads at once for verification.
class PublicKey
{
public:
    PublicKey() = default;
    static Result<PublicKey> fromPem(const QByteArray &pem);
    static PublicKey adopt(ossl::PKeyPtr key);

    bool isNull() const { return !m_key; }
    int bits() const;
    bool isRsa() const;
    QByteArray toPem() const;

    // RSASSA-PKCS1-v1_5 with SHA-256. False for any failure, including a
    // signature of the wrong length; never throws.
    bool verifySha256(QByteArrayView data, QByteArrayView signature) const;

    EVP_PKEY *get() const { return m_key.get(); }

private:
    std::shared_ptr<EVP_PKEY> m_key;
    // Initialised once per key and copied per verification: OpenSSL 3 fetches
    // algorithms on every DigestVerifyInit, which costs as much as the RSA step.
    std::shared_ptr<EVP_MD_CTX> m_verifyTemplate;
};

// An RSA private key. Its PEM leaves this class only through toPemForKeyFile(),
// whose single caller writes the owner-only key file.
class PrivateKey
{
public:
    PrivateKey() = default;
    static Result<PrivateKey> generateRsa(int bits = 2048);
    // An EC key on P-256 (prime256v1), for device and TLS keys: made in well under
    // a millisecond where an RSA-2048 key takes tens. Never a token signing key
    // (tokens are RS256 only); fromPem() reads RSA keys only.
    static Result<PrivateKey> generateEcP256();
    static Result<PrivateKey> fromPem(const QByteArray &pem);

    bool isNull() const { return !m_key; }
    int bits() const;
    PublicKey publicKey() const;
    QByteArray toPemForKeyFile() const;

    // RSASSA-PKCS1-v1_5 with SHA-256 (the RS256 signature of RFC 7518 3.3).
    Result<QByteArray> signSha256(QByteArrayView data) const;

    EVP_PKEY *get() const { return m_key.get(); }

private:
    void setKey(ossl::PKeyPtr key);

    std::shared_ptr<EVP_PKEY> m_key;
    std::shared_ptr<EVP_MD_CTX> m_signTemplate; // as PublicKey::m_verifyTemplate
};

} // namespace tc
