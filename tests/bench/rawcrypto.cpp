#include "rawcrypto.h"

#include <openssl/err.h>
#include <openssl/evp.h>

namespace bench {

namespace {

EVP_MD *sha256()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

} // namespace

RawSigner::RawSigner(const tc::PrivateKey &key)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx && sha256() && EVP_DigestSignInit(ctx, nullptr, sha256(), nullptr, key.get()) == 1)
        m_template = ctx;
    else
        EVP_MD_CTX_free(ctx);
    ERR_clear_error();
}

RawSigner::~RawSigner()
{
    EVP_MD_CTX_free(m_template);
}

QByteArray RawSigner::sign(QByteArrayView data) const
{
    QByteArray out(512, Qt::Uninitialized);
    size_t size = size_t(out.size());
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = ctx && EVP_MD_CTX_copy_ex(ctx, m_template) == 1
        && EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(out.data()), &size,
                          reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok)
        return {};
    out.resize(qsizetype(size));
    return out;
}

RawVerifier::RawVerifier(const tc::PublicKey &key)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx && sha256() && EVP_DigestVerifyInit(ctx, nullptr, sha256(), nullptr, key.get()) == 1)
        m_template = ctx;
    else
        EVP_MD_CTX_free(ctx);
    ERR_clear_error();
}

RawVerifier::~RawVerifier()
{
    EVP_MD_CTX_free(m_template);
}

bool RawVerifier::verify(QByteArrayView data, QByteArrayView signature) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = ctx && EVP_MD_CTX_copy_ex(ctx, m_template) == 1
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.data()), size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

} // namespace bench
