#include "certificate.h"

#include "base64url.h"

#include <QTimeZone>

#include <string_view>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

namespace tc {

namespace {

QString nameToString(const X509_NAME *name)
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    // RFC 2253 escaping, in the order the name was built, so admins read "CN=…, O=…, OU=…".
    // (XN_FLAG_RFC2253 also reverses the order, which put OU first.) The ", "
    // separator comes from OpenSSL, so an escaped comma inside a value stays intact.
    constexpr unsigned long flags = (ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) | XN_FLAG_SEP_CPLUS_SPC
        | XN_FLAG_FN_SN | XN_FLAG_DUMP_UNKNOWN_FIELDS;
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0)
        return {};
    return QString::fromUtf8(ossl::bioContents(bio.get()));
}

QString commonNameOf(const X509_NAME *name)
{
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0)
        return {};
    QString cn = QString::fromUtf8(reinterpret_cast<const char *>(utf8), len);
    OPENSSL_free(utf8);
    return cn;
}

QDateTime asn1Time(const ASN1_TIME *t)
{
    struct tm tm = {};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                     QTimeZone::utc());
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    ossl::X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

const char *keyUsage(const CertificateProfile &profile, EVP_PKEY *subjectKey)
{
    if (profile.certificateAuthority)
        return "critical,keyCertSign,cRLSign";
    // keyEncipherment only where the key can encipher (RSA key transport of TLS 1.2).
    if (profile.purpose == CertificateProfile::Purpose::TlsServer && EVP_PKEY_is_a(subjectKey, "RSA") == 1)
        return "critical,digitalSignature,keyEncipherment";
    return "critical,digitalSignature";
}

// The extended key usage and the host names of a TLS certificate.
bool addPurpose(X509 *cert, X509 *issuer, const CertificateProfile &profile)
{
    using Purpose = CertificateProfile::Purpose;
    if (profile.purpose == Purpose::TlsServer && !addExtension(cert, issuer, NID_ext_key_usage, "serverAuth"))
        return false;
    if (profile.purpose == Purpose::TlsClient && !addExtension(cert, issuer, NID_ext_key_usage, "clientAuth"))
        return false;
    if (profile.dnsNames.isEmpty())
        return true;
    QStringList entries;
    for (const QString &name : profile.dnsNames)
        entries << QStringLiteral("DNS:") + name;
    return addExtension(cert, issuer, NID_subject_alt_name, entries.join(u',').toUtf8().constData());
}

ossl::X509NamePtr makeName(const CertificateProfile &profile)
{
    ossl::X509NamePtr name(X509_NAME_new());
    auto add = [&](const char *field, const QString &value) {
        if (value.isEmpty())
            return true;
        const QByteArray utf8 = value.toUtf8();
        return X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char *>(utf8.constData()), int(utf8.size()),
                                          -1, 0)
            == 1;
    };
    if (!name || !add("CN", profile.commonName) || !add("O", profile.organization)
        || !add("OU", profile.organizationalUnit))
        return nullptr;
    return name;
}

// Builds, extends and signs one certificate. issuer == nullptr means self-signed.
Result<Certificate> build(const CertificateProfile &profile, EVP_PKEY *subjectKey, const Certificate *issuer,
                          const PrivateKey &signingKey)
{
    const QString what = QStringLiteral("The certificate \"%1\" could not be created").arg(profile.commonName);
    if (!profile.notBefore.isValid() || !profile.notAfter.isValid() || profile.notAfter <= profile.notBefore)
        return Error{what + QStringLiteral(": its validity period is empty.")};
    ossl::X509Ptr cert(X509_new());
    auto name = makeName(profile);
    unsigned char serial[16];
    if (!cert || !name || RAND_bytes(serial, sizeof serial) != 1)
        return ossl::error(what);
    serial[0] &= 0x7f; // positive, as RFC 5280 4.1.2.2 requires
    ossl::BnPtr bn(BN_bin2bn(serial, sizeof serial, nullptr));
    ossl::Asn1IntPtr serialInt(bn ? BN_to_ASN1_INTEGER(bn.get(), nullptr) : nullptr);
    X509 *issuerCert = issuer ? issuer->get() : cert.get();
    const bool ok = serialInt && X509_set_version(cert.get(), X509_VERSION_3) == 1
        && X509_set_serialNumber(cert.get(), serialInt.get()) == 1
        && ASN1_TIME_set(X509_getm_notBefore(cert.get()), profile.notBefore.toSecsSinceEpoch())
        && ASN1_TIME_set(X509_getm_notAfter(cert.get()), profile.notAfter.toSecsSinceEpoch())
        && X509_set_subject_name(cert.get(), name.get()) == 1
        && X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->get()) : name.get()) == 1
        && X509_set_pubkey(cert.get(), subjectKey) == 1
        && addExtension(cert.get(), issuerCert, NID_basic_constraints,
                        profile.certificateAuthority ? "critical,CA:TRUE" : "critical,CA:FALSE")
        && addExtension(cert.get(), issuerCert, NID_key_usage, keyUsage(profile, subjectKey))
        && addPurpose(cert.get(), issuerCert, profile)
        && addExtension(cert.get(), issuerCert, NID_subject_key_identifier, "hash")
        && addExtension(cert.get(), issuerCert, NID_authority_key_identifier, "keyid:always")
        && X509_sign(cert.get(), signingKey.get(), EVP_sha256()) > 0;
    if (!ok)
        return ossl::error(what);
    return Certificate::adopt(std::move(cert));
}

} // namespace

Certificate Certificate::adopt(ossl::X509Ptr cert)
{
    Certificate c;
    unsigned char *der = nullptr;
    const int len = i2d_X509(cert.get(), &der);
    if (len <= 0)
        return c;
    c.m_der = QByteArray(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char *>(c.m_der.constData()), size_t(c.m_der.size()), digest);
    c.m_sha1 = QByteArray(reinterpret_cast<const char *>(digest), sizeof digest);
    c.m_thumbprint = QString::fromLatin1(c.m_sha1.toHex().toUpper());
    c.m_cert = std::shared_ptr<X509>(cert.release(), X509_free);
    return c;
}

Result<Certificate> Certificate::fromDer(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    ossl::X509Ptr cert(d2i_X509(nullptr, &p, long(der.size())));
    if (!cert)
        return ossl::error(QStringLiteral("The certificate could not be read"));
    if (p != reinterpret_cast<const unsigned char *>(der.constData()) + der.size())
        return Error{QStringLiteral("The certificate has trailing bytes after its DER encoding.")};
    return adopt(std::move(cert));
}

Result<Certificate> Certificate::fromPem(const QByteArray &pem)
{
    auto bio = ossl::readBio(pem);
    ossl::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert)
        return ossl::error(QStringLiteral("The certificate could not be read"));
    return adopt(std::move(cert));
}

QByteArray Certificate::toPem() const
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!m_cert || !bio || PEM_write_bio_X509(bio.get(), m_cert.get()) != 1)
        return {};
    return ossl::bioContents(bio.get());
}

QByteArray Certificate::x5t() const
{
    return base64url::encode(m_sha1);
}

QString Certificate::subject() const
{
    return m_cert ? nameToString(X509_get_subject_name(m_cert.get())) : QString();
}

QString Certificate::commonName() const
{
    return m_cert ? commonNameOf(X509_get_subject_name(m_cert.get())) : QString();
}

QString Certificate::issuer() const
{
    return m_cert ? nameToString(X509_get_issuer_name(m_cert.get())) : QString();
}

QString Certificate::issuerCommonName() const
{
    return m_cert ? commonNameOf(X509_get_issuer_name(m_cert.get())) : QString();
}

QString Certificate::serialNumber() const
{
    if (!m_cert)
        return {};
    ossl::BnPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_cert.get()), nullptr));
    if (!bn)
        return {};
    char *hex = BN_bn2hex(bn.get());
    QString s = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return s;
}

QDateTime Certificate::notBefore() const
{
    return m_cert ? asn1Time(X509_get0_notBefore(m_cert.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_cert ? asn1Time(X509_get0_notAfter(m_cert.get())) : QDateTime();
}

int Certificate::keyBits() const
{
    return m_cert ? EVP_PKEY_get_bits(X509_get0_pubkey(m_cert.get())) : 0;
}

QString Certificate::signatureAlgorithm() const
{
    return m_cert ? QString::fromLatin1(OBJ_nid2ln(X509_get_signature_nid(m_cert.get()))) : QString();
}

bool Certificate::isCertificateAuthority() const
{
    return m_cert && X509_check_ca(m_cert.get()) > 0;
}

QStringList Certificate::dnsNames() const
{
    QStringList names;
    if (!m_cert)
        return names;
    auto *altNames
        = static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(m_cert.get(), NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; altNames && i < sk_GENERAL_NAME_num(altNames); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(altNames, i);
        if (name->type == GEN_DNS)
            names << QString::fromLatin1(reinterpret_cast<const char *>(ASN1_STRING_get0_data(name->d.dNSName)),
                                         ASN1_STRING_length(name->d.dNSName));
    }
    GENERAL_NAMES_free(altNames);
    return names;
}

PublicKey Certificate::publicKey() const
{
    if (!m_cert)
        return {};
    EVP_PKEY *key = X509_get_pubkey(m_cert.get()); // new reference
    return PublicKey::adopt(ossl::PKeyPtr(key));
}

bool Certificate::isSignedBy(const Certificate &issuer) const
{
    if (!m_cert || issuer.isNull())
        return false;
    const bool ok = X509_verify(m_cert.get(), X509_get0_pubkey(issuer.get())) == 1;
    ERR_clear_error();
    return ok;
}

QByteArray Certificate::x5tS256() const
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(m_der.constData()), size_t(m_der.size()), digest);
    return base64url::encode(QByteArray(reinterpret_cast<const char *>(digest), sizeof digest));
}

QString Certificate::deviceCertificateProblem(const QDateTime &at) const
{
    if (!m_cert)
        return QStringLiteral("No certificate was given.");
    const EVP_PKEY *key = X509_get0_pubkey(m_cert.get());
    if (!key)
        return QStringLiteral("The certificate's public key cannot be read.");
    const int type = EVP_PKEY_get_base_id(key);
    if (type == EVP_PKEY_RSA) {
        if (EVP_PKEY_get_bits(key) < 2048)
            return QStringLiteral("The certificate's RSA key has %1 bits; at least 2048 are required.")
                .arg(EVP_PKEY_get_bits(key));
    } else if (type == EVP_PKEY_EC) {
        char curve[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof curve, &length) != 1
            || std::string_view(curve) != "prime256v1")
            return QStringLiteral("The certificate's EC key is not on the P-256 curve.");
    } else {
        return QStringLiteral("The certificate's key is neither RSA nor EC P-256.");
    }
    if (X509_NAME_cmp(X509_get_subject_name(m_cert.get()), X509_get_issuer_name(m_cert.get())) != 0)
        return QStringLiteral("The certificate is not self-signed.");
    if (!isSignedBy(*this))
        return QStringLiteral("The certificate's self-signature does not verify.");
    if (at < notBefore())
        return QStringLiteral("The certificate is not valid yet.");
    if (at >= notAfter())
        return QStringLiteral("The certificate has expired.");
    return {};
}

namespace pki {

Result<Certificate> createSelfSigned(const CertificateProfile &profile, const PrivateKey &key)
{
    if (key.isNull())
        return Error{QStringLiteral("No key was given for the certificate.")};
    CertificateProfile endEntity = profile;
    endEntity.certificateAuthority = false;
    return build(endEntity, key.get(), nullptr, key);
}

Result<Certificate> createRoot(const CertificateProfile &profile, const PrivateKey &key)
{
    if (key.isNull())
        return Error{QStringLiteral("No key was given for the root certificate.")};
    return build(profile, key.get(), nullptr, key);
}

Result<Certificate> issue(const CertificateProfile &profile, const PublicKey &subjectKey, const Certificate &issuer,
                          const PrivateKey &issuerKey)
{
    if (subjectKey.isNull() || issuer.isNull() || issuerKey.isNull())
        return Error{QStringLiteral("A key or the issuing certificate is missing.")};
    return build(profile, subjectKey.get(), &issuer, issuerKey);
}

} // namespace pki

} // namespace tc
