// RSA keys: generation, PEM round trips, RS256 signatures, and the error paths
// (garbage PEM, wrong key) with OpenSSL's reason carried and its queue drained.
#include "keys.h"
#include "openssl_ptr.h"

#include <QRegularExpression>
#include <QTest>

#include <openssl/err.h>
#include <openssl/pem.h>

using namespace tc;

class TestKeys : public QObject
{
    Q_OBJECT

private:
    PrivateKey m_key;
    PrivateKey m_otherKey;

    // "error:1E08010C:DECODER routines::unsupported": the form ERR_error_string_n gives.
    static bool carriesOpenSslReason(const QString &message)
    {
        static const QRegularExpression reason(QStringLiteral("error:[0-9A-F]{8}:"));
        return reason.match(message).hasMatch();
    }

private slots:
    void initTestCase()
    {
        auto key = PrivateKey::generateRsa(2048);
        QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error()));
        m_key = *key;
        auto other = PrivateKey::generateRsa(2048);
        QVERIFY(other.ok());
        m_otherKey = *other;
    }

    void generatedKeyIsRsa2048()
    {
        QCOMPARE(m_key.bits(), 2048);
        QCOMPARE(m_key.publicKey().bits(), 2048);
        QVERIFY(!m_key.publicKey().isNull());
    }

    void privatePemRoundTrip()
    {
        const QByteArray pem = m_key.toPemForKeyFile();
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        auto again = PrivateKey::fromPem(pem);
        QVERIFY(again.ok());
        QCOMPARE(again->publicKey().toPem(), m_key.publicKey().toPem());
    }

    void publicKeyHoldsNoPrivateMaterial()
    {
        const QByteArray pem = m_key.publicKey().toPem();
        QVERIFY(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
        QVERIFY(!pem.contains("PRIVATE"));
        auto parsed = PublicKey::fromPem(pem);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->toPem(), pem);
        // A public key PEM is not a private key.
        QVERIFY(!PrivateKey::fromPem(pem).ok());
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void signVerifyRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("eyJhbGciOiJSUzI1NiJ9.e30");
        QTest::newRow("binary") << QByteArray("\0\x01\xff\xfe", 4);
        QTest::newRow("large") << QByteArray(100000, 'x');
    }
    void signVerifyRoundTrip()
    {
        QFETCH(QByteArray, data);
        auto signature = m_key.signSha256(data);
        QVERIFY(signature.ok());
        QCOMPARE(signature->size(), 256); // RSA-2048
        QVERIFY(m_key.publicKey().verifySha256(data, *signature));
        // PKCS#1 v1.5 is deterministic: the same input gives the same signature.
        QCOMPARE(*m_key.signSha256(data), *signature);
        QVERIFY(!m_key.publicKey().verifySha256(data + "x", *signature));
    }

    void wrongKeyRefuses()
    {
        const QByteArray data("header.payload");
        auto signature = m_key.signSha256(data);
        QVERIFY(signature.ok());
        QVERIFY(!m_otherKey.publicKey().verifySha256(data, *signature));
        QCOMPARE(ERR_peek_error(), 0ul); // a refusal leaves nothing in OpenSSL's queue
    }

    void badSignatureShapesRefuse_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("empty") << 0;
        QTest::newRow("truncated") << 1;
        QTest::newRow("one byte longer") << 2;
        QTest::newRow("bit flipped") << 3;
        QTest::newRow("all zero") << 4;
    }
    void badSignatureShapesRefuse()
    {
        QFETCH(int, kind);
        const QByteArray data("header.payload");
        QByteArray signature = *m_key.signSha256(data);
        switch (kind) {
        case 0: signature.clear(); break;
        case 1: signature.chop(1); break;
        case 2: signature.append('\0'); break;
        case 3: signature[100] = char(signature[100] ^ 0x01); break;
        case 4: signature.fill('\0'); break;
        }
        QVERIFY(!m_key.publicKey().verifySha256(data, signature));
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void nullKeys()
    {
        const PrivateKey none;
        QVERIFY(none.isNull());
        QVERIFY(!none.signSha256("x").ok());
        QVERIFY(none.publicKey().isNull());
        QVERIFY(!PublicKey().verifySha256("x", QByteArray(256, 'a')));
        QVERIFY(none.toPemForKeyFile().isEmpty());
    }

    void garbagePemRefusedWithOpenSslReason_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("this is not a key");
        QTest::newRow("bad base64") << QByteArray("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");
        QTest::newRow("no end line") << QByteArray("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n");
    }
    void garbagePemRefusedWithOpenSslReason()
    {
        QFETCH(QByteArray, pem);
        auto priv = PrivateKey::fromPem(pem);
        QVERIFY(!priv.ok());
        QVERIFY2(priv.error().startsWith(QLatin1String("The private key could not be read")), qPrintable(priv.error()));
        QVERIFY2(carriesOpenSslReason(priv.error()) || priv.error().contains(QLatin1String("OpenSSL gave no reason")),
                 qPrintable(priv.error()));
        QCOMPARE(ERR_peek_error(), 0ul); // drained into the message

        auto pub = PublicKey::fromPem(pem);
        QVERIFY(!pub.ok());
        QVERIFY2(pub.error().startsWith(QLatin1String("The public key could not be read")), qPrintable(pub.error()));
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void textPemNamesOpenSslReason()
    {
        // A PEM reader that finds no PEM block at all reports "no start line".
        auto priv = PrivateKey::fromPem("garbage");
        QVERIFY(!priv.ok());
        QVERIFY2(carriesOpenSslReason(priv.error()), qPrintable(priv.error()));
    }

    void truncatedPemRefused()
    {
        const QByteArray pem = m_key.toPemForKeyFile();
        const QByteArray cut = pem.left(pem.size() / 2) + "\n-----END PRIVATE KEY-----\n";
        auto priv = PrivateKey::fromPem(cut);
        QVERIFY(!priv.ok());
        QVERIFY2(carriesOpenSslReason(priv.error()), qPrintable(priv.error()));
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void errorTextDrainsQueue()
    {
        ERR_raise_data(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE, "first");
        ERR_raise_data(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, "second");
        const QString text = ossl::errorText(QStringLiteral("Something failed"));
        QVERIFY2(text.startsWith(QLatin1String("Something failed: error:")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("; error:")), qPrintable(text)); // both reasons
        QVERIFY(text.endsWith(QLatin1Char('.')));
        QCOMPARE(ERR_peek_error(), 0ul);

        // An empty queue still gives a full sentence.
        QCOMPARE(ossl::errorText(QStringLiteral("Something failed")),
                 QStringLiteral("Something failed (OpenSSL gave no reason)."));
    }

    void refusesNonRsaKey()
    {
        ossl::PKeyCtxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
        EVP_PKEY *raw = nullptr;
        QVERIFY(ctx && EVP_PKEY_keygen_init(ctx.get()) == 1 && EVP_PKEY_keygen(ctx.get(), &raw) == 1);
        ossl::PKeyPtr ed(raw);
        ossl::BioPtr bio(BIO_new(BIO_s_mem()));
        QVERIFY(PEM_write_bio_PrivateKey(bio.get(), ed.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1);
        auto priv = PrivateKey::fromPem(ossl::bioContents(bio.get()));
        QVERIFY(!priv.ok());
        QCOMPARE(priv.error(), QStringLiteral("The private key is not an RSA key."));
    }
};

QTEST_GUILESS_MAIN(TestKeys)
#include "tst_keys.moc"
