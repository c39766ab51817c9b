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

// SHA-256 fetched from the provider once. EVP_sha256() hands OpenSSL 3 a legacy
// method that it fetches again on every DigestSignInit/DigestVerifyInit.
const EVP_MD *sha256()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

// A digest-sign or digest-verify context initialised once for a key. Each
// operation copies it (EVP_MD_CTX_copy_ex), which duplicates the provider's
// context without fetching anything, and only reads the template, so copies
// may be made from several threads at once. Null when initialisation failed;
// callers then fail the operation like any other OpenSSL error.
std::shared_ptr<EVP_MD_CTX> contextTemplate(EVP_PKEY *key, bool forSigning)
{
    ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    const EVP_MD *md = sha256();
    const bool ok = ctx && md && key
        && (forSigning ? EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key)
                       : EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key))
            == 1;
    if (!ok) {
        ERR_clear_error();
        return {};
    }
    return std::shared_ptr<EVP_MD_CTX>(ctx.release(), EVP_MD_CTX_free);
}

// A fresh context for one operation, copied from the template.
ossl::MdCtxPtr contextFrom(const std::shared_ptr<EVP_MD_CTX> &tmpl)
{
    ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || !tmpl || EVP_MD_CTX_copy_ex(ctx.get(), tmpl.get()) != 1)
        return {};
    return ctx;
}

} // namespace

Result<PublicKey> PublicKey::fromPem(const QByteArray &pem)
{
    auto bio = ossl::readBio(pem);
    ossl::PKeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return ossl::error(QStringLiteral("The public key could not be read"));
    if (!tc::isRsa(key.get()))
        return Error{QStringLiteral("The public key is not an RSA key.")};
    return adopt(std::move(key));
}

PublicKey PublicKey::adopt(ossl::PKeyPtr key)
{
    PublicKey k;
    k.m_key = share(std::move(key));
    k.m_verifyTemplate = contextTemplate(k.m_key.get(), false);
    return k;
}

int PublicKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

bool PublicKey::isRsa() const
{
    return m_key && tc::isRsa(m_key.get());
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
    ossl::MdCtxPtr ctx = contextFrom(m_verifyTemplate);
    const bool ok = ctx
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(data.data()),
                            size_t(data.size()))
            == 1;
    ERR_clear_error(); // a bad signature is an answer, not an error to report later
    return ok;
}

Result<PrivateKey> PrivateKey::generateRsa(int bits)
{
    ossl::PKeyCtxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr));
    EVP_PKEY *raw = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1
        || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
        return ossl::error(QStringLiteral("An RSA key could not be generated"));
    }
    PrivateKey k;
    k.setKey(ossl::PKeyPtr(raw));
    return k;
}

Result<PrivateKey> PrivateKey::generateEcP256()
{
    ossl::PKeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return ossl::error(QStringLiteral("An EC P-256 key could not be generated"));
    PrivateKey k;
    k.setKey(std::move(key));
    return k;
}

Result<PrivateKey> PrivateKey::fromPem(const QByteArray &pem)
{
    auto bio = ossl::readBio(pem);
    ossl::PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return ossl::error(QStringLiteral("The private key could not be read"));
    if (!tc::isRsa(key.get()))
        return Error{QStringLiteral("The private key is not an RSA key.")};
    PrivateKey k;
    k.setKey(std::move(key));
    return k;
}

void PrivateKey::setKey(ossl::PKeyPtr key)
{
    m_key = share(std::move(key));
    m_signTemplate = contextTemplate(m_key.get(), true);
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
    if (!m_key || !bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return ossl::bioContents(bio.get());
}

Result<QByteArray> PrivateKey::signSha256(QByteArrayView data) const
{
    if (!m_key)
        return Error{QStringLiteral("No signing key is loaded.")};
    ossl::MdCtxPtr ctx = contextFrom(m_signTemplate);
    size_t size = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(data.data());
    if (!ctx || EVP_DigestSign(ctx.get(), nullptr, &size, in, size_t(data.size())) != 1) {
        return ossl::error(QStringLiteral("The data could not be signed"));
    }
    QByteArray signature(qsizetype(size), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &size, in, size_t(data.size()))
        != 1) {
        return ossl::error(QStringLiteral("The data could not be signed"));
    }
    signature.resize(qsizetype(size));
    return signature;
}

} // namespace tc
