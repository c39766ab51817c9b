#include "keys.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace tc {

namespace {

std::shared_ptr<EVP_PKEY> share(ossl::PKeyPtr key)
{
    return std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
}

bool isRsa(EVP_PKEY *key)
{
    return EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA;
}

} // namespace

Result<PublicKey> PublicKey::fromPem(const QByteArray &pem)
{
    auto bio = ossl::readBio(pem);
    ossl::PKeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return Error{ossl::errorText(QStringLiteral("The public key could not be read"))};
    if (!isRsa(key.get()))
        return Error{QStringLiteral("The public key is not an RSA key.")};
    return adopt(std::move(key));
}

PublicKey PublicKey::adopt(ossl::PKeyPtr key)
{
    PublicKey k;
    k.m_key = share(std::move(key));
    return k;
}

int PublicKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray PublicKey::toPem() const
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!m_key || !bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
        return {};
    return ossl::bioContents(bio.get());
}

bool PublicKey::verifySha256(QByteArrayView data, QByteArrayView signature) const
{
    if (!m_key || signature.size() != EVP_PKEY_get_size(m_key.get()))
        return false;
    ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok = ctx
        && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()))
            == 1;
    ERR_clear_error(); // a bad signature is an answer, not an error to report later
    return ok;
}

Result<PrivateKey> PrivateKey::generateRsa(int bits)
{
    ossl::PKeyCtxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr));
    EVP_PKEY *raw = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1
        || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1
        || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
        return Error{ossl::errorText(QStringLiteral("An RSA key could not be generated"))};
    }
    PrivateKey k;
    k.m_key = share(ossl::PKeyPtr(raw));
    return k;
}

Result<PrivateKey> PrivateKey::fromPem(const QByteArray &pem)
{
    auto bio = ossl::readBio(pem);
    ossl::PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return Error{ossl::errorText(QStringLiteral("The private key could not be read"))};
    if (!isRsa(key.get()))
        return Error{QStringLiteral("The private key is not an RSA key.")};
    PrivateKey k;
    k.m_key = share(std::move(key));
    return k;
}

int PrivateKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

PublicKey PrivateKey::publicKey() const
{
    if (!m_key)
        return {};
    // Round-trip through DER so the public key holds no private material.
    unsigned char *der = nullptr;
    const int len = i2d_PUBKEY(m_key.get(), &der);
    if (len <= 0)
        return {};
    const unsigned char *p = der;
    ossl::PKeyPtr pub(d2i_PUBKEY(nullptr, &p, len));
    OPENSSL_free(der);
    return PublicKey::adopt(std::move(pub));
}

QByteArray PrivateKey::toPemForKeyFile() const
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!m_key || !bio
        || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return ossl::bioContents(bio.get());
}

Result<QByteArray> PrivateKey::signSha256(QByteArrayView data) const
{
    if (!m_key)
        return Error{QStringLiteral("No signing key is loaded.")};
    ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t size = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(data.data());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &size, in, size_t(data.size())) != 1) {
        return Error{ossl::errorText(QStringLiteral("The data could not be signed"))};
    }
    QByteArray signature(qsizetype(size), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &size, in,
                       size_t(data.size()))
        != 1) {
        return Error{ossl::errorText(QStringLiteral("The data could not be signed"))};
    }
    signature.resize(qsizetype(size));
    return signature;
}

} // namespace tc
