#pragma once

#include "keys.h"

#include <QByteArray>
#include <QByteArrayView>

// The floor the token service is measured against: RSA-2048 PKCS#1 v1.5 with
// SHA-256 done as cheaply as OpenSSL 3 allows (the digest fetched once and a
// context initialised once, then copied per operation), with nothing around it.
// Deliberately independent of crypto/keys.cpp, so a slow keys.cpp shows up as
// a low efficiency instead of a slow baseline.
namespace bench {

class RawSigner
{
public:
    explicit RawSigner(const tc::PrivateKey &key);
    ~RawSigner();
    bool ok() const { return m_template != nullptr; }
    QByteArray sign(QByteArrayView data) const;

private:
    EVP_MD_CTX *m_template = nullptr;
};

class RawVerifier
{
public:
    explicit RawVerifier(const tc::PublicKey &key);
    ~RawVerifier();
    bool ok() const { return m_template != nullptr; }
    bool verify(QByteArrayView data, QByteArrayView signature) const;

private:
    EVP_MD_CTX *m_template = nullptr;
};

} // namespace bench
