// X.509: the site PKI's root and signing certificates, thumbprints, x5t, parsing
// and its error paths (truncated DER, garbage PEM).
#include "base64url.h"
#include "certificate.h"
#include "keys.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <openssl/err.h>
#include <openssl/x509v3.h>

using namespace tc;

class TestCertificate : public QObject
{
    Q_OBJECT

private:
    PrivateKey m_rootKey;
    PrivateKey m_signingKey;
    Certificate m_root;
    Certificate m_signing;
    QDateTime m_notBefore;

    static CertificateProfile profile(const QString &cn, bool ca, const QDateTime &from)
    {
        CertificateProfile p;
        p.commonName = cn;
        p.organizationalUnit = QStringLiteral("ABC");
        p.notBefore = from;
        p.notAfter = from.addYears(ca ? 30 : 5);
        p.certificateAuthority = ca;
        return p;
    }

private slots:
    void initTestCase()
    {
        m_notBefore = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), QTimeZone::utc());
        auto rootKey = PrivateKey::generateRsa(2048);
        auto signingKey = PrivateKey::generateRsa(2048);
        QVERIFY(rootKey.ok() && signingKey.ok());
        m_rootKey = *rootKey;
        m_signingKey = *signingKey;
        auto root = pki::createRoot(profile(QStringLiteral("SMS Issuing"), true, m_notBefore), m_rootKey);
        QVERIFY2(root.ok(), qPrintable(root.ok() ? QString() : root.error()));
        m_root = *root;
        auto signing = pki::issue(profile(QStringLiteral("SMS Token Signing Certificate"), false, m_notBefore),
                                  m_signingKey.publicKey(), m_root, m_rootKey);
        QVERIFY2(signing.ok(), qPrintable(signing.ok() ? QString() : signing.error()));
        m_signing = *signing;
    }

    void rootIsSelfSignedCa()
    {
        QVERIFY(m_root.isCertificateAuthority());
        QVERIFY(m_root.isSignedBy(m_root));
        QCOMPARE(m_root.subject(), m_root.issuer());
        QCOMPARE(m_root.commonName(), QStringLiteral("SMS Issuing"));
        QCOMPARE(m_root.issuerCommonName(), QStringLiteral("SMS Issuing"));
        QCOMPARE(X509_get_extension_flags(m_root.get()) & EXFLAG_SS, uint32_t(EXFLAG_SS));
        const uint32_t usage = X509_get_key_usage(m_root.get());
        QVERIFY(usage & KU_KEY_CERT_SIGN);
        QVERIFY(usage & KU_CRL_SIGN);
        // basicConstraints CA:TRUE, explicitly and critical.
        int critical = -1;
        auto *bc = static_cast<BASIC_CONSTRAINTS *>(
            X509_get_ext_d2i(m_root.get(), NID_basic_constraints, &critical, nullptr));
        QVERIFY(bc);
        QVERIFY(bc->ca);
        QCOMPARE(critical, 1);
        BASIC_CONSTRAINTS_free(bc);
    }

    void signingCertIssuedByRoot()
    {
        QVERIFY(!m_signing.isCertificateAuthority());
        QVERIFY(m_signing.isSignedBy(m_root));
        QVERIFY(!m_signing.isSignedBy(m_signing));
        QVERIFY(!m_root.isSignedBy(m_signing));
        QCOMPARE(m_signing.issuer(), m_root.subject());
        QCOMPARE(m_signing.issuerCommonName(), QStringLiteral("SMS Issuing"));
        QCOMPARE(m_signing.commonName(), QStringLiteral("SMS Token Signing Certificate"));
        QCOMPARE(m_signing.publicKey().toPem(), m_signingKey.publicKey().toPem());
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void signingCertProfile()
    {
        QCOMPARE(m_signing.keyBits(), 2048);
        QCOMPARE(m_root.keyBits(), 2048);
        QCOMPARE(m_signing.signatureAlgorithm(), QStringLiteral("sha256WithRSAEncryption"));
        QCOMPARE(m_root.signatureAlgorithm(), QStringLiteral("sha256WithRSAEncryption"));
        QCOMPARE(X509_get_key_usage(m_signing.get()), uint32_t(KU_DIGITAL_SIGNATURE));
        QCOMPARE(X509_get_version(m_signing.get()), long(X509_VERSION_3));
        QCOMPARE(m_signing.notBefore(), m_notBefore);
        QCOMPARE(m_signing.notAfter(), m_notBefore.addYears(5));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-F]+$")).match(m_signing.serialNumber()).hasMatch());
        QVERIFY(m_signing.serialNumber() != m_root.serialNumber());
    }

    void subjectNamesCommonNameFirst()
    {
        QCOMPARE(m_root.subject(), QStringLiteral("CN=SMS Issuing, O=Token Console, OU=ABC"));
    }

    void thumbprintAndX5t()
    {
        const QByteArray der = m_signing.toDer();
        const QByteArray sha1 = QCryptographicHash::hash(der, QCryptographicHash::Sha1);
        QCOMPARE(m_signing.sha1(), sha1);
        QCOMPARE(m_signing.thumbprint(), QString::fromLatin1(sha1.toHex().toUpper()));
        QCOMPARE(m_signing.thumbprint().size(), 40);
        QCOMPARE(m_signing.x5t(), sha1.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QCOMPARE(m_signing.x5t(), base64url::encode(sha1));
        QCOMPARE(m_signing.x5t().size(), 27);
        QVERIFY(m_signing.thumbprint() != m_root.thumbprint());
    }

    void derAndPemRoundTrip()
    {
        auto fromDer = Certificate::fromDer(m_signing.toDer());
        QVERIFY(fromDer.ok());
        QCOMPARE(fromDer->thumbprint(), m_signing.thumbprint());
        const QByteArray pem = m_signing.toPem();
        QVERIFY(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
        QVERIFY(pem.endsWith("-----END CERTIFICATE-----\n"));
        auto fromPem = Certificate::fromPem(pem);
        QVERIFY(fromPem.ok());
        QCOMPARE(fromPem->toDer(), m_signing.toDer());
        QVERIFY(fromPem->isSignedBy(m_root));
    }

    void truncatedDerRefused_data()
    {
        QTest::addColumn<int>("keep");
        QTest::newRow("empty") << 0;
        QTest::newRow("one byte") << 1;
        QTest::newRow("half") << -2;
        QTest::newRow("all but one") << -1;
    }
    void truncatedDerRefused()
    {
        QFETCH(int, keep);
        const QByteArray der = m_signing.toDer();
        const QByteArray cut = keep == -2 ? der.left(der.size() / 2) : keep == -1 ? der.chopped(1) : der.left(keep);
        auto parsed = Certificate::fromDer(cut);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().startsWith(QLatin1String("The certificate could not be read")),
                 qPrintable(parsed.error()));
        if (!cut.isEmpty())
            QVERIFY2(parsed.error().contains(QLatin1String(": error:")), qPrintable(parsed.error()));
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void trailingBytesRefused()
    {
        auto parsed = Certificate::fromDer(m_signing.toDer() + QByteArray("\0", 1));
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().contains(QLatin1String("trailing bytes")));
    }

    void garbagePemRefused_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("not a certificate");
        QTest::newRow("bad body") << QByteArray("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        QTest::newRow("key not cert") << m_signingKey.publicKey().toPem();
    }
    void garbagePemRefused()
    {
        QFETCH(QByteArray, pem);
        auto parsed = Certificate::fromPem(pem);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().startsWith(QLatin1String("The certificate could not be read")),
                 qPrintable(parsed.error()));
        QVERIFY2(parsed.error().contains(QLatin1String(": error:"))
                     || parsed.error().contains(QLatin1String("OpenSSL gave no reason")),
                 qPrintable(parsed.error()));
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void emptyValidityRefused()
    {
        CertificateProfile p = profile(QStringLiteral("Empty"), true, m_notBefore);
        p.notAfter = p.notBefore;
        auto cert = pki::createRoot(p, m_rootKey);
        QVERIFY(!cert.ok());
        QVERIFY(cert.error().contains(QLatin1String("validity period is empty")));
    }

    void missingKeysRefused()
    {
        const CertificateProfile p = profile(QStringLiteral("X"), false, m_notBefore);
        QVERIFY(!pki::createRoot(p, PrivateKey()).ok());
        QVERIFY(!pki::issue(p, PublicKey(), m_root, m_rootKey).ok());
        QVERIFY(!pki::issue(p, m_signingKey.publicKey(), Certificate(), m_rootKey).ok());
        QVERIFY(!pki::issue(p, m_signingKey.publicKey(), m_root, PrivateKey()).ok());
    }

    void nullCertificate()
    {
        const Certificate none;
        QVERIFY(none.isNull());
        QVERIFY(none.toPem().isEmpty());
        QVERIFY(!none.isSignedBy(m_root));
        QVERIFY(!m_root.isSignedBy(none));
        QVERIFY(none.publicKey().isNull());
    }
};

QTEST_GUILESS_MAIN(TestCertificate)
#include "tst_certificate.moc"
