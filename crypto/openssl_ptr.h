#pragma once

#include "result.h"

#include <QString>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace tc::ossl {

// Stateless deleters so every OpenSSL object has exactly one owner.
template <class T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};

template <class T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using PKeyPtr = Owned<EVP_PKEY, EVP_PKEY_free>;
using PKeyCtxPtr = Owned<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using MdCtxPtr = Owned<EVP_MD_CTX, EVP_MD_CTX_free>;
using X509Ptr = Owned<X509, X509_free>;
using X509NamePtr = Owned<X509_NAME, X509_NAME_free>;
using X509ExtPtr = Owned<X509_EXTENSION, X509_EXTENSION_free>;
using BioPtr = Owned<BIO, BIO_free_all>;
using BnPtr = Owned<BIGNUM, BN_free>;
using Asn1IntPtr = Owned<ASN1_INTEGER, ASN1_INTEGER_free>;

// Drains OpenSSL's error queue into one message: "<what>: <openssl reasons>".
// The queue is always emptied, and an empty queue still yields a sentence.
QString errorText(const QString &what);
// errorText() as an Error of kind Crypto.
Error error(const QString &what);

// A memory BIO reading from bytes the caller keeps alive.
BioPtr readBio(const QByteArray &bytes);
// Everything written to a memory BIO.
QByteArray bioContents(BIO *bio);

} // namespace tc::ossl
