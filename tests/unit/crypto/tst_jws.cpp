// Compact JWS: the public JOSE vectors (RFC 7515 A.2 and A.5, RFC 7519 3.1),
// RS256 round trips, and refusals decided before any key is touched.
#include "base64url.h"
#include "jws.h"
#include "keys.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <openssl/err.h>

using namespace tc;

namespace {

QJsonObject loadVectors()
{
    QFile file(QStringLiteral(TC_TEST_DATA "/jose-public.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The failure code jws reports for a token verified with key.
QString outcome(const QByteArray &token, const PublicKey &key)
{
    const jws::Decoded d = jws::decode(token);
    if (d.failure != jws::Failure::None)
        return jws::failureCode(d.failure);
    return jws::verifyRs256(d, key) ? jws::failureCode(jws::Failure::None)
                                    : jws::failureCode(jws::Failure::BadSignature);
}

} // namespace

class TestJws : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_vectors;
    PublicKey m_rfcKey;
    PrivateKey m_key;
    PrivateKey m_otherKey;

private slots:
    void initTestCase()
    {
        m_vectors = loadVectors();
        QVERIFY2(!m_vectors.isEmpty(), "tests/data/jose-public.json is missing or not JSON");
        auto key = PublicKey::fromPem(m_vectors.value(QStringLiteral("rsa_public_key_pem")).toString().toLatin1());
        QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error()));
        m_rfcKey = *key;
        QCOMPARE(m_rfcKey.bits(), 2048);
        auto priv = PrivateKey::generateRsa(2048);
        auto other = PrivateKey::generateRsa(2048);
        QVERIFY(priv.ok() && other.ok());
        m_key = *priv;
        m_otherKey = *other;
    }

    void joseVectors_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("expect");
        const QJsonArray cases = m_vectors.value(QStringLiteral("cases")).toArray();
        QCOMPARE(cases.size(), 4);
        for (const QJsonValue &c : cases) {
            const QJsonObject o = c.toObject();
            QTest::newRow(qPrintable(o.value(QStringLiteral("name")).toString()))
                << o.value(QStringLiteral("token")).toString().toLatin1()
                << o.value(QStringLiteral("expect")).toString();
        }
    }
    void joseVectors()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, expect);
        QCOMPARE(outcome(token, m_rfcKey), expect);
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void rfc7515A2VerifiesOverSegmentsAsSent()
    {
        const QJsonObject a2 = m_vectors.value(QStringLiteral("cases")).toArray().at(0).toObject();
        const QByteArray token = a2.value(QStringLiteral("token")).toString().toLatin1();
        const jws::Decoded d = jws::decode(token);
        QCOMPARE(d.failure, jws::Failure::None);
        QCOMPARE(d.header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
        // The payload has CR LF: it is kept byte for byte, never re-serialised.
        const QByteArray expected
            = QByteArray::fromBase64(a2.value(QStringLiteral("payload_bytes_base64")).toString().toLatin1());
        QCOMPARE(d.payload, expected);
        QVERIFY(d.payload.contains("\r\n"));
        QCOMPARE(d.signingInput, token.left(token.lastIndexOf('.')));
        QCOMPARE(d.signature.size(), 256);
        QVERIFY(jws::verifyRs256(d, m_rfcKey));
        QVERIFY(!jws::verifyRs256(d, m_key.publicKey())); // wrong key
    }

    void algorithmDecidedBeforeAnyKey_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("HS256") << QByteArray(R"({"alg":"HS256"})");
        QTest::newRow("none") << QByteArray(R"({"alg":"none"})");
        QTest::newRow("rs256 lower case") << QByteArray(R"({"alg":"rs256"})");
        QTest::newRow("RS384") << QByteArray(R"({"alg":"RS384"})");
        QTest::newRow("PS256") << QByteArray(R"({"alg":"PS256"})");
        QTest::newRow("alg missing") << QByteArray(R"({"typ":"JWT"})");
        QTest::newRow("alg not a string") << QByteArray(R"({"alg":256})");
        QTest::newRow("alg array") << QByteArray(R"({"alg":["RS256"]})");
        QTest::newRow("alg with space") << QByteArray(R"({"alg":"RS256 "})");
        QTest::newRow("crit") << QByteArray(R"({"alg":"RS256","crit":["exp"]})");
    }
    void algorithmDecidedBeforeAnyKey()
    {
        QFETCH(QByteArray, header);
        // Even with a valid RS256 signature over the segments, decode() refuses:
        // it takes no key, so nothing about the key can have been used.
        const QByteArray token = *jws::signRs256(header, R"({"sub":"x"})", m_key);
        const jws::Decoded d = jws::decode(token);
        QCOMPARE(d.failure, jws::Failure::UnsupportedAlgorithm);
        QVERIFY(!jws::verifyRs256(d, m_key.publicKey()));
        jws::PartsBuffer buffer;
        const jws::Parts parts = jws::decodeParts(token, buffer);
        QCOMPARE(parts.failure, jws::Failure::UnsupportedAlgorithm);
        QVERIFY(!jws::verifyRs256(parts, m_key.publicKey()));
        QCOMPARE(jws::failureCode(d.failure), QStringLiteral("unsupported-algorithm"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("minimal") << QByteArray(R"({"alg":"RS256"})") << QByteArray("{}");
        QTest::newRow("bulk token shape")
            << QByteArray(R"({"typ":"JWT","alg":"RS256","x5t":"IwbIohl0I5VgWHxOhuckMTOfVBI"})")
            << QByteArray(R"({"UniqueId":"97b544df-6680-4627-825d-8e7c3acfad1a","exp":1796255776,"nbf":1795996576})");
        QTest::newRow("whitespace kept") << QByteArray("{ \"alg\" : \"RS256\" }") << QByteArray("{\r\n \"a\": 1\r\n}");
        QTest::newRow("unicode") << QByteArray(R"({"alg":"RS256"})")
                                 << QByteArray("{\"name\":\"J\xc3\xbcrgen \xf0\x9f\x94\x91\"}");
        // Escaped member names and values: decoded before they are compared.
        QTest::newRow("escaped header") << QByteArray(
            "{\"\\u0061lg\":\"RS\\u0032\\u00356\",\"x5t\":\"\\u0041b\\/c\",\"typ\":\"JWT\"}")
                                        << QByteArray("{}");
    }
    void roundTrip()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, payload);
        auto token = jws::signRs256(header, payload, m_key);
        QVERIFY(token.ok());
        const QList<QByteArray> parts = token->split('.');
        QCOMPARE(parts.size(), 3);
        QCOMPARE(*base64url::decode(parts[0]), header);
        QCOMPARE(*base64url::decode(parts[1]), payload);
        const jws::Decoded d = jws::decode(*token);
        QCOMPARE(d.failure, jws::Failure::None);
        QCOMPARE(d.payload, payload);
        QVERIFY(jws::verifyRs256(d, m_key.publicKey()));
        QVERIFY(!jws::verifyRs256(d, m_otherKey.publicKey()));

        // The hot-path decoder: the same parts, without a QJsonObject.
        jws::PartsBuffer buffer;
        const jws::Parts p = jws::decodeParts(*token, buffer);
        QCOMPARE(p.failure, jws::Failure::None);
        QCOMPARE(p.header.toByteArray(), header);
        QCOMPARE(p.payload.toByteArray(), payload);
        QCOMPARE(p.signature.toByteArray(), d.signature);
        QCOMPARE(p.signingInput.toByteArray(), d.signingInput);
        QCOMPARE(p.x5tIsString, d.header.value(QStringLiteral("x5t")).isString());
        QCOMPARE(QString::fromUtf8(p.x5t), d.header.value(QStringLiteral("x5t")).toString());
        QVERIFY(jws::verifyRs256(p, m_key.publicKey()));
        QVERIFY(!jws::verifyRs256(p, m_otherKey.publicKey()));

        // Signing with the header segment encoded once gives the same token
        // (RSASSA-PKCS1-v1_5 is deterministic).
        auto again = jws::signRs256WithHeaderSegment(base64url::encode(header), payload, m_key);
        QVERIFY(again.ok());
        QCOMPARE(*again, *token);
        QCOMPARE(ERR_peek_error(), 0ul);
    }

    void tamperingRefused_data()
    {
        QTest::addColumn<int>("segment");
        QTest::addColumn<QString>("expect");
        QTest::newRow("payload changed") << 1 << QStringLiteral("bad-signature");
        QTest::newRow("signature changed") << 2 << QStringLiteral("bad-signature");
    }
    void tamperingRefused()
    {
        QFETCH(int, segment);
        QFETCH(QString, expect);
        const QByteArray token = *jws::signRs256(R"({"alg":"RS256"})", R"({"admin":false})", m_key);
        QList<QByteArray> parts = token.split('.');
        if (segment == 1)
            parts[1] = base64url::encode(R"({"admin":true})");
        else
            parts[2][5] = parts[2][5] == 'A' ? 'B' : 'A';
        QCOMPARE(outcome(parts.join('.'), m_key.publicKey()), expect);
    }

    void malformedRefused_data()
    {
        const QByteArray h = base64url::encode(R"({"alg":"RS256"})");
        const QByteArray p = base64url::encode("{}");
        const QByteArray s = base64url::encode(QByteArray(256, 'x'));
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one segment") << h;
        QTest::newRow("two segments") << h + "." + p;
        QTest::newRow("four segments") << h + "." + p + "." + s + "." + s;
        QTest::newRow("empty header") << "." + p + "." + s;
        QTest::newRow("empty payload") << h + ".." + s;
        QTest::newRow("padded header") << base64url::encode(R"({"alg":"RS256"})") + "=." + p + "." + s;
        QTest::newRow("space") << h + " ." + p + "." + s;
        QTest::newRow("newline") << h + "." + p + "." + s + "\n";
        QTest::newRow("standard base64") << h + "." + p + "." + QByteArray(256, 'x').toBase64();
        QTest::newRow("header not json") << base64url::encode("alg=RS256") + "." + p + "." + s;
        QTest::newRow("header array") << base64url::encode(R"(["RS256"])") + "." + p + "." + s;
        QTest::newRow("duplicate alg") << base64url::encode(R"({"alg":"none","alg":"RS256"})") + "." + p + "." + s;
        QTest::newRow("too long") << h + "." + QByteArray(jws::kMaxCompactSize, 'A') + "." + s;
    }
    void malformedRefused()
    {
        QFETCH(QByteArray, token);
        const jws::Decoded d = jws::decode(token);
        QCOMPARE(jws::failureCode(d.failure), QStringLiteral("malformed"));
        QVERIFY(!d.detail.isEmpty());
        QVERIFY(!jws::verifyRs256(d, m_key.publicKey()));
        jws::PartsBuffer buffer;
        const jws::Parts parts = jws::decodeParts(token, buffer);
        QCOMPARE(parts.failure, jws::Failure::Malformed);
        QCOMPARE(QString::fromLatin1(parts.detail), d.detail);
        QVERIFY(!jws::verifyRs256(parts, m_key.publicKey()));
    }

    void signatureOverSegmentsAsSent()
    {
        // Two encodings of the same JSON are different tokens: the signature
        // covers the bytes sent, so a re-serialised header does not verify.
        const QByteArray token = *jws::signRs256("{\"alg\":\"RS256\"}", "{\"a\":1}", m_key);
        QList<QByteArray> parts = token.split('.');
        parts[1] = base64url::encode("{\"a\": 1}");
        QCOMPARE(outcome(parts.join('.'), m_key.publicKey()), QStringLiteral("bad-signature"));
    }
};

QTEST_GUILESS_MAIN(TestJws)
#include "tst_jws.moc"
