// Hostile tokens against a real site's verifier: every row is a token an
// attacker (or a broken client) could present, and the exact reason code of
// DESIGN.md section 1 the management point must answer with.
//
// Codes chosen where DESIGN.md is silent (documented here and in tokenverifier.h):
// - alg missing, null, a number or an array: unsupported-algorithm (it is not
//   exactly the string "RS256"), decided before the payload is even decoded;
// - an empty signature segment after an RS256 header: malformed (RS256 always
//   has a 256-byte signature); after an alg "none" header: unsupported-algorithm;
// - x5t missing or not a string: malformed (a required header member);
//   x5t present but naming no signing certificate (hex text, padding, the root's
//   thumbprint, another site's): unknown-signing-certificate;
// - duplicate member names anywhere: malformed (ambiguous: parsers disagree);
// - exp / nbf must be JSON integers written without fraction or exponent, in
//   0 .. 2^53-1 (Number.MAX_SAFE_INTEGER), with exp > nbf; otherwise malformed;
// - UniqueId must be a lower-case canonical GUID; otherwise malformed;
// - unknown header members (kid, jku, jwk, x5u) are ignored: they never
//   choose a key; only x5t does, and only among this site's certificates.

#include "base64url.h"
#include "bulktoken.h"
#include "jws.h"
#include "records.h"
#include "site.h"
#include "sitepki.h"
#include "strictjson.h"
#include "tokenservice.h"
#include "tokenverifier.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <memory>
#include <optional>

using namespace tc;

namespace {

constexpr qint64 kT0 = 1800000000; // 2027-01-15T08:00:00Z: the fixture's "now"
constexpr qint64 kLifetime = 3600; // the fixture tokens live one hour
constexpr qint64 kAt = kT0 + 60;   // default verification time

// A JSON object written member by member, so that rows can repeat, drop or
// mistype members exactly as an attacker would.
struct RawObject
{
    QList<QPair<QByteArray, QByteArray>> members; // name (unquoted), raw JSON value text

    RawObject &set(const QByteArray &name, const QByteArray &raw)
    {
        for (auto &m : members) {
            if (m.first == name) {
                m.second = raw;
                return *this;
            }
        }
        members.append({name, raw});
        return *this;
    }
    RawObject &remove(const QByteArray &name)
    {
        members.removeIf([&](const auto &m) { return m.first == name; });
        return *this;
    }
    RawObject &add(const QByteArray &name, const QByteArray &raw)
    {
        members.append({name, raw});
        return *this;
    }
    QByteArray json() const
    {
        QByteArray out = "{";
        for (const auto &m : members) {
            if (out.size() > 1)
                out += ',';
            out += '"' + m.first + "\":" + m.second;
        }
        return out + '}';
    }
};

QByteArray quoted(const QByteArray &s)
{
    return '"' + s + '"';
}

QByteArray b64(const QByteArray &bytes)
{
    return base64url::encode(bytes);
}

QByteArray join(const QByteArray &header, const QByteArray &payload, const QByteArray &signature)
{
    return header + '.' + payload + '.' + signature;
}

// Signs signingInput with key using digest md, optionally with RSA-PSS padding.
QByteArray evpSign(EVP_PKEY *key, const EVP_MD *md, const QByteArray &input, bool pss = false)
{
    ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key) != 1)
        return {};
    if (pss
        && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1))
        return {};
    size_t len = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, data, size_t(input.size())) != 1)
        return {};
    QByteArray sig(qsizetype(len), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, data, size_t(input.size())) != 1)
        return {};
    sig.resize(qsizetype(len));
    return sig;
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &input)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()),
              reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()), out, &len))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(len));
}

// Replaces the last character of a base64url segment by one that sets the
// lowest unused bit: same bytes, a second (non-canonical) spelling.
QByteArray nonCanonical(QByteArray segment)
{
    static const QByteArray alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const int v = alphabet.indexOf(segment.back());
    segment.back() = alphabet.at(v | 1);
    return segment;
}

} // namespace

class TestHostileTokens : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;
    std::unique_ptr<Site> m_otherSite;
    std::optional<TokenSigner> m_signer;      // current signing key of m_site
    std::optional<TokenSigner> m_otherSigner; // another site's signing key
    QByteArray m_x5t;
    QByteArray m_oldX5t; // superseded by renewal
    QByteArray m_rootX5t;
    QString m_guidA, m_guidB, m_guidBlocked, m_guidUnblocked, m_guidLong;
    QByteArray m_tokenA, m_tokenB, m_tokenOld, m_tokenBlocked, m_tokenUnblocked, m_tokenLong;

    RawObject header() const
    {
        RawObject h;
        h.add("typ", quoted("JWT")).add("alg", quoted("RS256")).add("x5t", quoted(m_x5t));
        return h;
    }
    RawObject claims(const QString &guid = {}) const
    {
        const QByteArray tenant = m_site->tenantId().toLatin1();
        RawObject c;
        c.add("SCCMTokenCategory", quoted("SCCMPreAuthToken"))
            .add("Authority", quoted("SCCM"))
            .add("License", quoted("SCCM"))
            .add("Type", quoted("BulkRegistration"))
            .add("TenantId", quoted(tenant))
            .add("UniqueId", quoted((guid.isEmpty() ? m_guidA : guid).toLatin1()))
            .add("iss", quoted("urn:sccm:oauth2:" + tenant.toLower()))
            .add("aud", quoted("urn:sccm:service"))
            .add("exp", QByteArray::number(kT0 + kLifetime))
            .add("nbf", QByteArray::number(kT0));
        return c;
    }
    // RS256 with the site's current signing key over exactly these bytes.
    QByteArray forge(const QByteArray &headerJson, const QByteArray &payloadJson, const PrivateKey *key = nullptr) const
    {
        auto t = jws::signRs256(headerJson, payloadJson, key ? *key : m_signer->key);
        return t ? *t : QByteArray();
    }
    QByteArray forge(const RawObject &h, const RawObject &p) const { return forge(h.json(), p.json()); }
    // header.payload signed by an arbitrary signature function.
    template <class Sign>
    QByteArray forgeWith(const RawObject &h, const RawObject &p, Sign sign) const
    {
        const QByteArray input = b64(h.json()) + '.' + b64(p.json());
        return input + '.' + b64(sign(input));
    }

    VerifyResult verifyNow(const QByteArray &token, qint64 at) const
    {
        // The shipped path: what bulkregtoken verify and verify --batch use.
        return TokenService(*m_site).verify(token, fromUnix(at));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("HTK"));
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
        m_site = std::move(site).value();
        auto other = Site::create(m_dir.filePath(QStringLiteral("other")), QStringLiteral("OTH"));
        QVERIFY2(other, qPrintable(other ? QString() : other.error()));
        m_otherSite = std::move(other).value();

        TokenService service(*m_site);
        const QDateTime t0 = fromUnix(kT0);
        auto old = service.issueAt(60, t0);
        QVERIFY2(old, qPrintable(old ? QString() : old.error()));
        m_tokenOld = old->token;
        m_oldX5t = SitePki(*m_site).current(CredentialKind::TokenSigning)->certificate.x5t();
        auto renewed = service.renewSigningCertificate();
        QVERIFY2(renewed, qPrintable(renewed ? QString() : renewed.error()));

        auto signer = SitePki(*m_site).currentSigner();
        QVERIFY2(signer, qPrintable(signer ? QString() : signer.error()));
        m_signer = std::move(signer).value();
        m_x5t = m_signer->stored.certificate.x5t();
        QVERIFY(m_x5t != m_oldX5t);
        auto otherSigner = SitePki(*m_otherSite).currentSigner();
        QVERIFY(otherSigner);
        m_otherSigner = std::move(otherSigner).value();
        m_rootX5t = SitePki(*m_site).current(CredentialKind::IssuingRoot)->certificate.x5t();

        auto issue = [&](QString &guid, QByteArray &token, int minutes) {
            auto t = service.issueAt(minutes, t0);
            QVERIFY2(t, qPrintable(t ? QString() : t.error()));
            guid = t->guid;
            token = t->token;
        };
        issue(m_guidA, m_tokenA, 60);
        issue(m_guidB, m_tokenB, 60);
        issue(m_guidBlocked, m_tokenBlocked, 60);
        issue(m_guidUnblocked, m_tokenUnblocked, 60);
        issue(m_guidLong, m_tokenLong, kMaxLifetimeMinutes);
        QVERIFY(service.block({m_guidBlocked}, QStringLiteral("lost laptop")));
        QVERIFY(service.block({m_guidUnblocked}));
        QVERIFY(service.unblock({m_guidUnblocked}));

        // The fixture itself must be sound, or every row below proves nothing.
        QCOMPARE(reasonCode(verifyNow(m_tokenA, kAt).reason), QStringLiteral("valid"));
        QCOMPARE(reasonCode(verifyNow(forge(header(), claims()), kAt).reason), QStringLiteral("valid"));
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<qint64>("at");
        QTest::addColumn<QString>("reason");

        auto row = [](const char *name, const QByteArray &token, const char *reason, qint64 at = kAt) {
            QTest::newRow(name) << token << at << QString::fromLatin1(reason);
        };
        const QList<QByteArray> partsA = m_tokenA.split('.');
        const QList<QByteArray> partsB = m_tokenB.split('.');
        const QByteArray hA = partsA[0], pA = partsA[1], sA = partsA[2];
        const PrivateKey &key = m_signer->key;
        const qint64 nbf = kT0, exp = kT0 + kLifetime;

        // Baselines: a real token, and a forgery with the site's own key (which is
        // what issuing is), so that every refusal below is caused by its mutation.
        row("issued token", m_tokenA, "valid");
        row("forged with site key, recorded GUID", forge(header(), claims()), "valid");
        row("insignificant JSON whitespace",
            forge("{ \"typ\" : \"JWT\" ,\n\"alg\":\"RS256\",\"x5t\":\"" + m_x5t + "\" }", claims().json()), "valid");
        row("member order changed", forge(RawObject{{{"x5t", quoted(m_x5t)}, {"alg", quoted("RS256")}}}, claims()),
            "valid");
        row("unknown header member kid ignored", forge(header().add("kid", quoted("attacker")), claims()), "valid");
        row("unblocked token", m_tokenUnblocked, "valid");
        row("lifetime exactly 10080 minutes", m_tokenLong, "valid", kT0 + 1);

        // alg: anything but the exact string "RS256" is refused before a key is touched.
        for (const char *alg : {"none", "None", "NONE", "nOnE"}) {
            const QByteArray h = header().set("alg", quoted(alg)).json();
            QTest::newRow(qPrintable(QStringLiteral("alg %1, no signature").arg(QLatin1String(alg))))
                << QByteArray(b64(h) + '.' + pA + '.') << kAt << QStringLiteral("unsupported-algorithm");
        }
        row("alg none with RS256 signature", join(b64(header().set("alg", quoted("none")).json()), pA, sA),
            "unsupported-algorithm");
        row("alg empty string", forge(header().set("alg", quoted("")), claims()), "unsupported-algorithm");
        row("alg number", forge(header().set("alg", "256"), claims()), "unsupported-algorithm");
        row("alg array", forge(header().set("alg", "[\"RS256\"]"), claims()), "unsupported-algorithm");
        row("alg object", forge(header().set("alg", "{\"RS256\":true}"), claims()), "unsupported-algorithm");
        row("alg null", forge(header().set("alg", "null"), claims()), "unsupported-algorithm");
        row("alg missing", forge(header().remove("alg"), claims()), "unsupported-algorithm");
        row("alg lower case rs256", forge(header().set("alg", quoted("rs256")), claims()), "unsupported-algorithm");
        row("alg with trailing space", forge(header().set("alg", quoted("RS256 ")), claims()), "unsupported-algorithm");
        row("alg with escaped NUL", forge(header().set("alg", quoted("RS256\\u0000")), claims()),
            "unsupported-algorithm");
        row("alg none, payload garbage", b64(header().set("alg", quoted("none")).json()) + ".!!!.",
            "unsupported-algorithm");

        // Key confusion: HS256 with the public certificate as the HMAC secret.
        const QByteArray pem = m_signer->stored.certificate.toPem();
        const QByteArray der = m_signer->stored.certificate.toDer();
        const RawObject hs = header().set("alg", quoted("HS256"));
        row("HS256, HMAC key = certificate PEM",
            forgeWith(hs, claims(), [&](const QByteArray &in) { return hmacSha256(pem, in); }),
            "unsupported-algorithm");
        row("HS256, HMAC key = certificate DER",
            forgeWith(hs, claims(), [&](const QByteArray &in) { return hmacSha256(der, in); }),
            "unsupported-algorithm");
        row("HS256, HMAC key = public key PEM",
            forgeWith(hs, claims(), [&](const QByteArray &in) { return hmacSha256(key.publicKey().toPem(), in); }),
            "unsupported-algorithm");
        row("RS384 by the site key",
            forgeWith(header().set("alg", quoted("RS384")), claims(),
                      [&](const QByteArray &in) { return evpSign(key.get(), EVP_sha384(), in); }),
            "unsupported-algorithm");
        row("PS256 by the site key",
            forgeWith(header().set("alg", quoted("PS256")), claims(),
                      [&](const QByteArray &in) { return evpSign(key.get(), EVP_sha256(), in, true); }),
            "unsupported-algorithm");
        {
            ossl::PKeyPtr ec(EVP_EC_gen("P-256"));
            QVERIFY(ec);
            row("ES256 by an EC key",
                forgeWith(header().set("alg", quoted("ES256")), claims(),
                          [&](const QByteArray &in) { return evpSign(ec.get(), EVP_sha256(), in); }),
                "unsupported-algorithm");
        }
        row("RS256 header, PS256 signature",
            forgeWith(header(), claims(),
                      [&](const QByteArray &in) { return evpSign(key.get(), EVP_sha256(), in, true); }),
            "bad-signature");
        row("RS256 header, RS384 signature",
            forgeWith(header(), claims(), [&](const QByteArray &in) { return evpSign(key.get(), EVP_sha384(), in); }),
            "bad-signature");
        row("crit header", forge(header().add("crit", "[\"exp\"]").add("exp", "1"), claims()), "unsupported-algorithm");
        row("crit empty array", forge(header().add("crit", "[]"), claims()), "unsupported-algorithm");
        row("crit null", forge(header().add("crit", "null"), claims()), "unsupported-algorithm");

        // Segments.
        row("empty text", QByteArray(), "malformed");
        row("one segment", hA, "malformed");
        row("two segments", hA + '.' + pA, "malformed");
        row("four segments", m_tokenA + ".AAAA", "malformed");
        row("five segments", m_tokenA + ".AAAA.AAAA", "malformed");
        row("only dots", "..", "malformed");
        row("empty header segment", join({}, pA, sA), "malformed");
        row("empty payload segment", join(hA, {}, sA), "malformed");
        row("empty signature segment", join(hA, pA, {}), "malformed");
        row("trailing dot", m_tokenA + '.', "malformed");
        row("leading dot", '.' + m_tokenA, "malformed");

        // Strict base64url: one spelling per byte string.
        row("padding on signature", m_tokenA + "==", "malformed");
        row("padding on header", join(hA + '=', pA, sA), "malformed");
        row("plus in signature", join(hA, pA, QByteArray(sA).replace(10, 1, "+")), "malformed");
        row("slash in payload", join(hA, QByteArray(pA).replace(4, 1, "/"), sA), "malformed");
        row("space inside", join(hA, pA, QByteArray(sA).insert(20, ' ')), "malformed");
        row("trailing newline", m_tokenA + '\n', "malformed");
        row("leading space", ' ' + m_tokenA, "malformed");
        row("tab between segments", hA + ".\t" + pA + '.' + sA, "malformed");
        row("NUL byte appended", m_tokenA + QByteArray(1, '\0'), "malformed");
        row("non-canonical signature bits", join(hA, pA, nonCanonical(sA)), "malformed");
        {
            // A header whose encoding ends in a partial group (length not 0 mod 3).
            RawObject h = header().add("p", quoted(""));
            while (h.json().size() % 3 == 0)
                h.set("p", quoted(h.members.back().second.mid(1, h.members.back().second.size() - 2) + "x"));
            const QByteArray t = forge(h, claims());
            const QList<QByteArray> parts = t.split('.');
            row("non-canonical header bits", join(nonCanonical(parts[0]), parts[1], parts[2]), "malformed");
        }
        row("length 1 mod 4 signature", m_tokenA + "AAA", "malformed");
        row("signature one byte longer", m_tokenA + 'A', "bad-signature");
        row("Latin-1 byte in signature", join(hA, pA, sA + "\xe9"), "malformed");

        // Header or payload that is not a JSON object.
        row("header is the number 1 (MQ)", join("MQ", pA, sA), "malformed");
        row("header is []", join(b64("[]"), pA, sA), "malformed");
        row("header is null", join(b64("null"), pA, sA), "malformed");
        row("header is a string", join(b64("\"RS256\""), pA, sA), "malformed");
        row("header is not JSON", join(b64("alg=RS256"), pA, sA), "malformed");
        row("header has a BOM", forge("\xef\xbb\xbf" + header().json(), claims().json()), "malformed");
        row("header followed by text", forge(header().json() + "x", claims().json()), "malformed");
        row("header followed by second object", forge(header().json() + "{}", claims().json()), "malformed");
        row("payload is the number 1", forge(header().json(), "1"), "malformed");
        row("payload is []", forge(header().json(), "[]"), "malformed");
        row("payload is null", forge(header().json(), "null"), "malformed");
        row("payload is a string", forge(header().json(), "\"BulkRegistration\""), "malformed");
        row("payload is empty", join(hA, b64(""), sA), "malformed");
        row("payload truncated JSON", forge(header().json(), claims().json().chopped(1)), "malformed");
        row("payload with trailing comma", forge(header().json(), claims().json().chopped(1) + ",}"), "malformed");
        row("payload with comment", forge(header().json(), claims().json().chopped(1) + "/*x*/}"), "malformed");
        row("payload with single quotes", forge(header().json(), "{'exp':1}"), "malformed");

        // Duplicate member names: ambiguous, so refused outright.
        row("duplicate alg none then RS256",
            forge(RawObject{{{"alg", quoted("none")}, {"alg", quoted("RS256")}, {"x5t", quoted(m_x5t)}}}, claims()),
            "malformed");
        row("duplicate alg RS256 then none", forge(header().add("alg", quoted("none")), claims()), "malformed");
        row("duplicate x5t", forge(header().add("x5t", quoted(m_oldX5t)), claims()), "malformed");
        row("duplicate UniqueId", forge(header(), claims().add("UniqueId", quoted(m_guidB.toLatin1()))), "malformed");
        row("duplicate exp", forge(header(), claims().add("exp", QByteArray::number(exp + 86400))), "malformed");
        row("duplicate TenantId",
            forge(header(), claims().add("TenantId", quoted("00000000-0000-0000-0000-000000000000"))), "malformed");
        row("duplicate via escape", forge(header(), claims().add("\\u0065xp", QByteArray::number(exp))), "malformed");

        // Invalid UTF-8 and bad escapes in a claim.
        row("overlong UTF-8 in Type", forge(header(), claims().set("Type", quoted("Bulk\xc0\xafRegistration"))),
            "malformed");
        row("lone continuation byte", forge(header(), claims().set("Type", quoted("\x80"))), "malformed");
        row("truncated UTF-8 sequence", forge(header(), claims().set("Type", quoted("\xe2\x82"))), "malformed");
        row("UTF-8 encoded surrogate", forge(header(), claims().set("Type", quoted("\xed\xa0\x80"))), "malformed");
        row("byte 0xFF", forge(header(), claims().set("Type", quoted("\xff"))), "malformed");
        row("code point above U+10FFFF", forge(header(), claims().set("Type", quoted("\xf4\x90\x80\x80"))),
            "malformed");
        row("lone high surrogate escape", forge(header(), claims().set("Type", quoted("\\ud800"))), "malformed");
        row("lone low surrogate escape", forge(header(), claims().set("Type", quoted("\\udc00x"))), "malformed");
        row("raw control character", forge(header(), claims().set("Type", quoted("Bulk\nRegistration"))), "malformed");
        row("unknown escape", forge(header(), claims().set("Type", quoted("\\x41"))), "malformed");
        row("valid UTF-8 but wrong Type", forge(header(), claims().set("Type", quoted("Bulk\xc3\xa9"))), "wrong-type");

        // Each required claim missing, and each of the wrong JSON type.
        for (const char *name : {"SCCMTokenCategory", "Authority", "License", "Type", "TenantId", "UniqueId", "iss",
                                 "aud", "exp", "nbf"}) {
            QTest::newRow(qPrintable(QStringLiteral("missing %1").arg(QLatin1String(name))))
                << forge(header(), claims().remove(name)) << kAt << QStringLiteral("malformed");
        }
        for (const char *name :
             {"SCCMTokenCategory", "Authority", "License", "Type", "TenantId", "UniqueId", "iss", "aud"}) {
            QTest::newRow(qPrintable(QStringLiteral("%1 as a number").arg(QLatin1String(name))))
                << forge(header(), claims().set(name, "1")) << kAt << QStringLiteral("malformed");
            QTest::newRow(qPrintable(QStringLiteral("%1 as an array").arg(QLatin1String(name))))
                << forge(header(), claims().set(name, "[\"SCCM\"]")) << kAt << QStringLiteral("malformed");
        }
        row("Type null", forge(header(), claims().set("Type", "null")), "malformed");
        row("exp as a string", forge(header(), claims().set("exp", quoted(QByteArray::number(exp)))), "malformed");
        row("exp as a float", forge(header(), claims().set("exp", QByteArray::number(exp) + ".0")), "malformed");
        row("exp with exponent", forge(header(), claims().set("exp", "1.8000036e9")), "malformed");
        row("exp fractional", forge(header(), claims().set("exp", QByteArray::number(exp) + ".5")), "malformed");
        row("exp negative", forge(header(), claims().set("exp", "-1")), "malformed");
        row("exp -0", forge(header(), claims().set("exp", "-0").set("nbf", "0")), "malformed");
        row("exp 2^53 (beyond safe integers)", forge(header(), claims().set("exp", "9007199254740992")), "malformed");
        row("exp 2^53+1", forge(header(), claims().set("exp", "9007199254740993")), "malformed");
        row("exp 2^63 overflows int64", forge(header(), claims().set("exp", "9223372036854775808")), "malformed");
        row("exp 20 digits", forge(header(), claims().set("exp", "18000036000000000000")), "malformed");
        row("exp 1e400 (infinite)", forge(header(), claims().set("exp", "1e400")), "malformed");
        row("exp leading zero", forge(header(), claims().set("exp", "0" + QByteArray::number(exp))), "malformed");
        row("exp plus sign", forge(header(), claims().set("exp", "+" + QByteArray::number(exp))), "malformed");
        row("exp true", forge(header(), claims().set("exp", "true")), "malformed");
        row("exp null", forge(header(), claims().set("exp", "null")), "malformed");
        row("exp object", forge(header(), claims().set("exp", "{}")), "malformed");
        row("exp hex", forge(header(), claims().set("exp", "0x6b49d200")), "malformed");
        row("exp NaN", forge(header(), claims().set("exp", "NaN")), "malformed");
        row("exp 2^53-1 (largest safe)", forge(header(), claims().set("exp", "9007199254740991")), "lifetime-too-long");
        row("nbf as a string", forge(header(), claims().set("nbf", quoted(QByteArray::number(nbf)))), "malformed");
        row("nbf as a float", forge(header(), claims().set("nbf", QByteArray::number(nbf) + ".0")), "malformed");
        row("nbf negative", forge(header(), claims().set("nbf", "-3600")), "malformed");
        row("exp equals nbf", forge(header(), claims().set("exp", QByteArray::number(nbf))), "malformed");
        row("exp before nbf", forge(header(), claims().set("exp", QByteArray::number(nbf - 1))), "malformed");
        row("UniqueId upper case", forge(header(), claims().set("UniqueId", quoted(m_guidA.toUpper().toLatin1()))),
            "malformed");
        row("UniqueId in braces", forge(header(), claims().set("UniqueId", quoted("{" + m_guidA.toLatin1() + "}"))),
            "malformed");
        row("UniqueId with newline", forge(header(), claims().set("UniqueId", quoted(m_guidA.toLatin1() + "\\n"))),
            "malformed");
        row("UniqueId SQL injection", forge(header(), claims().set("UniqueId", quoted("' OR '1'='1"))), "malformed");
        row("UniqueId empty", forge(header(), claims().set("UniqueId", quoted(""))), "malformed");

        // x5t: which certificate signed it.
        row("x5t missing", forge(header().remove("x5t"), claims()), "malformed");
        row("x5t a number", forge(header().set("x5t", "1"), claims()), "malformed");
        row("x5t null", forge(header().set("x5t", "null"), claims()), "malformed");
        row("x5t unknown", forge(header().set("x5t", quoted(b64(QByteArray(20, '\x42')))), claims()),
            "unknown-signing-certificate");
        row("x5t empty", forge(header().set("x5t", quoted("")), claims()), "unknown-signing-certificate");
        row("x5t of superseded certificate (renewed)", m_tokenOld, "signing-certificate-renewed");
        row("x5t superseded, signed with current key", forge(header().set("x5t", quoted(m_oldX5t)), claims()),
            "signing-certificate-renewed");
        row("x5t = base64url of the hex thumbprint",
            forge(header().set("x5t", quoted(b64(m_signer->stored.certificate.thumbprint().toLatin1()))), claims()),
            "unknown-signing-certificate");
        row("x5t = hex thumbprint",
            forge(header().set("x5t", quoted(m_signer->stored.certificate.thumbprint().toLatin1())), claims()),
            "unknown-signing-certificate");
        row("x5t = standard base64 with padding",
            forge(header().set("x5t", quoted(m_signer->stored.certificate.sha1().toBase64())), claims()),
            "unknown-signing-certificate");
        row("x5t of SHA-256 (x5t#S256 value)",
            forge(header().set("x5t", quoted(b64(QCryptographicHash::hash(der, QCryptographicHash::Sha256)))),
                  claims()),
            "unknown-signing-certificate");
        row("x5t of the SMS Issuing root", forge(header().set("x5t", quoted(m_rootX5t)), claims()),
            "unknown-signing-certificate");
        row("x5t with non-Latin-1 character", forge(header().set("x5t", quoted(m_x5t + "\xe2\x82\xac")), claims()),
            "unknown-signing-certificate");

        // Signatures that do not belong.
        row("payload of A, signature of B", join(hA, pA, partsB[2]), "bad-signature");
        row("payload of B, signature of A", join(partsB[0], partsB[1], sA), "bad-signature");
        row("payload changed after signing",
            join(hA, b64(claims().set("exp", QByteArray::number(exp + 86400)).json()), sA), "bad-signature");
        row("signature truncated by one byte", join(hA, pA, b64(base64url::decode(sA)->chopped(1))), "bad-signature");
        row("signature doubled", join(hA, pA, b64(*base64url::decode(sA) + *base64url::decode(sA))), "bad-signature");
        row("signature all zero", join(hA, pA, b64(QByteArray(256, '\0'))), "bad-signature");
        row("signature one byte", join(hA, pA, "AA"), "bad-signature");
        row("another site's key, this site's x5t", forge(header().json(), claims().json(), &m_otherSigner->key),
            "bad-signature");
        row("another site's key and x5t",
            forge(header().set("x5t", quoted(m_otherSigner->stored.certificate.x5t())).json(), claims().json(),
                  &m_otherSigner->key),
            "unknown-signing-certificate");
        row("attacker jwk in header is ignored",
            forge(header().add("jwk", "{\"kty\":\"RSA\"}").add("jku", quoted("https://evil.example/jwks")).json(),
                  claims().json(), &m_otherSigner->key),
            "bad-signature");

        // Claims that name another site, audience or kind of token.
        row("issuer of another tenant",
            forge(header(), claims().set("iss", quoted("urn:sccm:oauth2:00000000-0000-0000-0000-000000000000"))),
            "wrong-issuer");
        row("issuer upper case",
            forge(header(), claims().set("iss", quoted("urn:sccm:oauth2:" + m_site->tenantId().toLatin1()))),
            "wrong-issuer");
        row("Authority other", forge(header(), claims().set("Authority", quoted("AzureAD"))), "wrong-issuer");
        row("License other", forge(header(), claims().set("License", quoted("None"))), "wrong-issuer");
        row("audience other", forge(header(), claims().set("aud", quoted("urn:sccm:client"))), "wrong-audience");
        row("audience as array", forge(header(), claims().set("aud", "[\"urn:sccm:service\"]")), "malformed");
        row("tenant of another site",
            forge(header(), claims().set("TenantId", quoted(m_otherSite->tenantId().toLatin1()))), "wrong-tenant");
        row("tenant lower case",
            forge(header(), claims().set("TenantId", quoted(m_site->tenantId().toLower().toLatin1()))), "wrong-tenant");
        row("Type other", forge(header(), claims().set("Type", quoted("ClientToken"))), "wrong-type");
        row("Type with NUL", forge(header(), claims().set("Type", quoted("BulkRegistration\\u0000"))), "wrong-type");
        row("category other", forge(header(), claims().set("SCCMTokenCategory", quoted("SCCMClientToken"))),
            "wrong-type");

        // Validity period: valid iff nbf - 300 <= at < exp + 300.
        row("at nbf-301", m_tokenA, "not-yet-valid", nbf - 301);
        row("at nbf-300 (leeway edge)", m_tokenA, "valid", nbf - 300);
        row("at nbf-299", m_tokenA, "valid", nbf - 299);
        row("at nbf", m_tokenA, "valid", nbf);
        row("at exp-1", m_tokenA, "valid", exp - 1);
        row("at exp (within leeway)", m_tokenA, "valid", exp);
        row("at exp+299", m_tokenA, "valid", exp + 299);
        row("at exp+300 (leeway edge)", m_tokenA, "expired", exp + 300);
        row("at exp+301", m_tokenA, "expired", exp + 301);
        row("a year later", m_tokenA, "expired", exp + 365 * 86400);
        row("at unix 0", m_tokenA, "not-yet-valid", 0);
        row("blocked and expired: time first", m_tokenBlocked, "expired", exp + 300);
        row("unknown GUID and not yet valid: time first",
            forge(header(), claims(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"))), "not-yet-valid",
            nbf - 301);

        // Lifetime bound (exp - nbf <= 10,080 minutes).
        row("lifetime 10080 minutes + 1 s",
            forge(header(), claims(m_guidLong).set("exp", QByteArray::number(nbf + kMaxLifetimeMinutes * 60 + 1))),
            "lifetime-too-long");
        row("lifetime 10080 minutes (forged, recorded GUID)",
            forge(header(), claims(m_guidLong).set("exp", QByteArray::number(nbf + kMaxLifetimeMinutes * 60))),
            "valid");
        row("lifetime of years", forge(header(), claims().set("exp", QByteArray::number(nbf + 10LL * 365 * 86400))),
            "lifetime-too-long");

        // The site's record of the GUID.
        row("GUID never recorded", forge(header(), claims(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"))),
            "unknown-token");
        row("GUID of another site's token shape",
            forge(header(), claims(QStringLiteral("00000000-0000-0000-0000-000000000000"))), "unknown-token");
        row("blocked GUID", m_tokenBlocked, "blocked");
        row("blocked GUID, re-forged with new times",
            forge(header(), claims(m_guidBlocked).set("exp", QByteArray::number(exp + 60))), "blocked");

        // Size and depth bounds.
        row("1 MB token", hA + '.' + QByteArray(1024 * 1024, 'A') + '.' + sA, "malformed");
        row("one byte over the size bound", QByteArray(jws::kMaxCompactSize + 1, 'A'), "malformed");
        {
            QByteArray deep(strictjson::kMaxDepth + 1, '[');
            deep += QByteArray(strictjson::kMaxDepth + 1, ']');
            row("header nested one level too deep", forge(header().add("n", deep), claims()), "malformed");
            row("payload nested one level too deep", forge(header(), claims().add("n", deep)), "malformed");
            QByteArray ok(strictjson::kMaxDepth - 1, '[');
            ok += QByteArray(strictjson::kMaxDepth - 1, ']');
            row("payload nested at the depth bound", forge(header(), claims().add("n", ok)), "valid");
            QByteArray veryDeep(3000, '[');
            row("header 3000 unclosed brackets", forge(header().add("n", veryDeep), claims()), "malformed");
            QByteArray objects;
            for (int i = 0; i < 500; ++i)
                objects += "{\"a\":";
            row("payload 500 nested objects", forge(header(), claims().add("n", objects)), "malformed");
        }
        {
            RawObject many = claims();
            for (int i = 0; i < strictjson::kMaxMembers; ++i)
                many.add("m" + QByteArray::number(i), "0");
            row("payload with too many members", forge(header(), many), "malformed");
        }
    }
    void refuses()
    {
        QFETCH(QByteArray, token);
        QFETCH(qint64, at);
        QFETCH(QString, reason);
        QVERIFY2(!token.isNull() || QTest::currentDataTag() == QByteArray("empty text"), "the row could not be forged");
        const VerifyResult result = verifyNow(token, at);
        QCOMPARE(reasonCode(result.reason), reason);
        QCOMPARE(result.valid(), reason == QLatin1String("valid"));
    }

    // The size bound is the first check: a 1 MB token is refused by jws::decode
    // from its length alone, before base64url, JSON or any RSA operation.
    void hugeTokenRefusedBySizeFirst()
    {
        const QByteArray partsHeader = m_tokenA.split('.').first();
        const QByteArray huge = partsHeader + '.' + QByteArray(1024 * 1024, 'A') + '.' + m_tokenA.split('.').last();
        const jws::Decoded decoded = jws::decode(huge);
        QCOMPARE(decoded.failure, jws::Failure::Malformed);
        QVERIFY(decoded.header.isEmpty());
        QVERIFY(decoded.signature.isEmpty());
        QCOMPARE(decoded.detail, jws::decode(QByteArray(jws::kMaxCompactSize + 1, '.')).detail);
        // The largest token that is not refused by size alone is judged on its content.
        const jws::Decoded atBound = jws::decode(QByteArray(jws::kMaxCompactSize, 'A'));
        QCOMPARE(atBound.failure, jws::Failure::Malformed);
        QVERIFY(atBound.detail != decoded.detail);
    }

    // Deep nesting is refused by the depth bound, not by running out of stack.
    void deepNestingRefusedByDepthBound()
    {
        QByteArray deep = "{\"a\":";
        deep += QByteArray(jws::kMaxCompactSize, '[');
        auto parsed = strictjson::parseObject(deep);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(QLatin1String("nested too deeply")), qPrintable(parsed.error()));
    }

    // exp and nbf are checked by how they were written, not by what Qt stored:
    // QJsonValue keeps 1.0 and 1e3 as integers, so strictjson reports the text.
    void integerMembersFollowTheText_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("integer");
        QTest::newRow("1") << QByteArray("1") << true;
        QTest::newRow("-0") << QByteArray("-0") << true;
        QTest::newRow("unix time") << QByteArray("1800000000") << true;
        QTest::newRow("int64 max") << QByteArray("9223372036854775807") << true;
        QTest::newRow("beyond int64") << QByteArray("9223372036854775808") << false;
        QTest::newRow("1.0") << QByteArray("1.0") << false;
        QTest::newRow("1e3") << QByteArray("1e3") << false;
        QTest::newRow("10E-1") << QByteArray("10E-1") << false;
        QTest::newRow("1.5") << QByteArray("1.5") << false;
        QTest::newRow("string") << QByteArray("\"1\"") << false;
        QTest::newRow("array of one integer") << QByteArray("[1]") << false;
        QTest::newRow("object with an integer") << QByteArray("{\"n\":1}") << false;
        QTest::newRow("true") << QByteArray("true") << false;
        QTest::newRow("null") << QByteArray("null") << false;
    }
    void integerMembersFollowTheText()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, integer);
        QSet<QString> integers{QStringLiteral("stale")};
        auto parsed = strictjson::parseObject("{\"a\":0,\"n\":" + value + ",\"z\":\"x\"}", &integers);
        QVERIFY(parsed);
        QCOMPARE(integers.contains(QStringLiteral("n")), integer);
        QVERIFY(integers.contains(QStringLiteral("a")));
        QVERIFY(!integers.contains(QStringLiteral("stale")));
        QVERIFY(!strictjson::parseObject("{\"n\":" + value + ",}", &integers));
        QVERIFY(integers.isEmpty());
    }

    // A fuzz finding (fuzz_strictjson, oracle): a number such as
    // 183720005166972150782e-3 is integral and above 2^53; Qt's parser stores it
    // as an integer and QJsonValue(double) as a double. Both read back the same
    // value, and the verifier refuses it for exp because it is not written as an
    // integer.
    void bigExponentNumberIsNotAnIntegerClaim()
    {
        QSet<QString> integers;
        auto parsed = strictjson::parseObject("{\"exp\":183720005166972150782e-3}", &integers);
        QVERIFY(parsed);
        QVERIFY(integers.isEmpty());
        QCOMPARE(parsed->value(QStringLiteral("exp")).toDouble(), 183720005166972150782e-3);
        const QByteArray token = forge(header(), claims().set("exp", "183720005166972150782e-3"));
        QCOMPARE(verifyNow(token, kAt).reason, VerifyReason::Malformed);
    }

    // The rejection reason never carries the token, and the GUID only once the
    // payload could be read (so logs of refusals cannot leak a token).
    void resultCarriesNoToken()
    {
        const VerifyResult r = verifyNow(m_tokenBlocked, kAt);
        QCOMPARE(r.reason, VerifyReason::Blocked);
        QCOMPARE(r.guid, m_guidBlocked);
        QCOMPARE(r.notBefore, fromUnix(kT0));
        QCOMPARE(r.notAfter, fromUnix(kT0 + kLifetime));
        QVERIFY(verifyNow(join(b64(header().set("alg", quoted("none")).json()), m_tokenA.split('.')[1], {}), kAt)
                    .guid.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHostileTokens)
#include "tst_hostiletokens.moc"
