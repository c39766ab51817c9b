#include "tokenverifier.h"

#include "bulktoken.h"
#include "clienttoken.h"
#include "device.h"
#include "jws.h"
#include "strictjson.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <string_view>

namespace tc {

namespace {

// Number.MAX_SAFE_INTEGER: beyond it, other JSON readers round exp and nbf.
constexpr qint64 kMaxSafeInteger = (qint64(1) << 53) - 1;

// The claims a bulk token must carry, read in one pass over the payload
// (strictjson::scanObject: no QJsonObject, no QString per member). Each string
// claim is compared as it is read; only UniqueId is kept.
struct ClaimsReader final : strictjson::MemberVisitor
{
    enum StringClaim { Category, Authority, License, Type, TenantId, UniqueId, Iss, Aud, kStringClaims };
    static constexpr std::string_view kNames[kStringClaims]
        = {"SCCMTokenCategory", "Authority", "License", "Type", "TenantId", "UniqueId", "iss", "aud"};

    // What the string claims must equal (UniqueId is checked by form instead).
    std::string_view expected[kStringClaims];
    bool isString[kStringClaims] = {};
    bool matches[kStringClaims] = {};
    bool uniqueIdCanonical = false;
    char uniqueId[36] = {};

    // exp and nbf must be written as integers: "exp":1.8e9 or 1800000000.0 is
    // refused, although Qt would store both as the integer 1800000000.
    bool expOk = false, nbfOk = false;
    qint64 exp = 0, nbf = 0;

    void member(const strictjson::Member &m) override
    {
        if (m.name == "exp" || m.name == "nbf") {
            const bool ok = m.kind == strictjson::MemberKind::Integer && m.integer >= 0 && m.integer <= kMaxSafeInteger;
            (m.name == "exp" ? expOk : nbfOk) = ok;
            (m.name == "exp" ? exp : nbf) = m.integer;
            return;
        }
        for (int i = 0; i < kStringClaims; ++i) {
            if (m.name != kNames[i])
                continue;
            isString[i] = m.kind == strictjson::MemberKind::String;
            if (!isString[i])
                return;
            if (i == UniqueId) {
                uniqueIdCanonical = isCanonicalGuid(m.text);
                if (uniqueIdCanonical)
                    std::copy(m.text.begin(), m.text.end(), uniqueId);
            } else {
                matches[i] = m.text == expected[i];
            }
            return;
        }
    }

    // What canonicalGuid() returns unchanged: 8-4-4-4-12 lower-case hex digits.
    static bool isCanonicalGuid(std::string_view t)
    {
        if (t.size() != 36)
            return false;
        for (size_t i = 0; i < t.size(); ++i) {
            const char c = t[i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-')
                    return false;
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
};

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), size_t(bytes.size()));
}

VerifyResult refused(VerifyReason reason, const QString &guid = {})
{
    VerifyResult r;
    r.reason = reason;
    r.guid = guid;
    return r;
}

} // namespace

QString reasonCode(VerifyReason reason)
{
    switch (reason) {
    case VerifyReason::Valid: return QStringLiteral("valid");
    case VerifyReason::Malformed: return QStringLiteral("malformed");
    case VerifyReason::UnsupportedAlgorithm: return QStringLiteral("unsupported-algorithm");
    case VerifyReason::UnknownSigningCertificate: return QStringLiteral("unknown-signing-certificate");
    case VerifyReason::SigningCertificateRenewed: return QStringLiteral("signing-certificate-renewed");
    case VerifyReason::BadSignature: return QStringLiteral("bad-signature");
    case VerifyReason::WrongIssuer: return QStringLiteral("wrong-issuer");
    case VerifyReason::WrongAudience: return QStringLiteral("wrong-audience");
    case VerifyReason::WrongTenant: return QStringLiteral("wrong-tenant");
    case VerifyReason::WrongType: return QStringLiteral("wrong-type");
    case VerifyReason::NotYetValid: return QStringLiteral("not-yet-valid");
    case VerifyReason::Expired: return QStringLiteral("expired");
    case VerifyReason::LifetimeTooLong: return QStringLiteral("lifetime-too-long");
    case VerifyReason::UnknownToken: return QStringLiteral("unknown-token");
    case VerifyReason::Blocked: return QStringLiteral("blocked");
    }
    return QStringLiteral("malformed");
}

QString reasonDescription(VerifyReason reason)
{
    const char *text = "";
    switch (reason) {
    case VerifyReason::Valid: text = QT_TRANSLATE_NOOP("tc::Verify", "The token is valid."); break;
    case VerifyReason::Malformed:
        text = QT_TRANSLATE_NOOP("tc::Verify", "The text is not a well-formed bulk registration token.");
        break;
    case VerifyReason::UnsupportedAlgorithm:
        text = QT_TRANSLATE_NOOP("tc::Verify", "The token uses an algorithm other than RS256.");
        break;
    case VerifyReason::UnknownSigningCertificate:
        text = QT_TRANSLATE_NOOP("tc::Verify", "The token was not signed by a signing certificate of this site.");
        break;
    case VerifyReason::SigningCertificateRenewed:
        text = QT_TRANSLATE_NOOP("tc::Verify",
                                 "The token was signed with a signing certificate that has since been renewed.");
        break;
    case VerifyReason::BadSignature:
        text = QT_TRANSLATE_NOOP("tc::Verify", "The token's signature does not verify.");
        break;
    case VerifyReason::WrongIssuer: text = QT_TRANSLATE_NOOP("tc::Verify", "The token names another issuer."); break;
    case VerifyReason::WrongAudience:
        text = QT_TRANSLATE_NOOP("tc::Verify", "The token is meant for another audience.");
        break;
    case VerifyReason::WrongTenant:
        text = QT_TRANSLATE_NOOP("tc::Verify", "The token belongs to another tenant.");
        break;
    case VerifyReason::WrongType:
        text = QT_TRANSLATE_NOOP("tc::Verify", "The token is not a bulk registration token.");
        break;
    case VerifyReason::NotYetValid: text = QT_TRANSLATE_NOOP("tc::Verify", "The token is not valid yet."); break;
    case VerifyReason::Expired: text = QT_TRANSLATE_NOOP("tc::Verify", "The token has expired."); break;
    case VerifyReason::LifetimeTooLong:
        text = QT_TRANSLATE_NOOP("tc::Verify", "The token's lifetime is longer than seven days.");
        break;
    case VerifyReason::UnknownToken:
        text = QT_TRANSLATE_NOOP("tc::Verify", "This site never issued a token with this GUID.");
        break;
    case VerifyReason::Blocked: text = QT_TRANSLATE_NOOP("tc::Verify", "The token has been blocked."); break;
    }
    return QCoreApplication::translate("tc::Verify", text);
}

TokenVerifier::TokenVerifier(QString tenantId, QHash<QByteArray, SigningKey> keysByX5t)
    : m_tenantId(std::move(tenantId)), m_issuer(bulktoken::issuerFor(m_tenantId)), m_tenantUtf8(m_tenantId.toUtf8()),
      m_issuerUtf8(m_issuer.toUtf8()), m_keys(std::move(keysByX5t))
{ }

Result<TokenVerifier> TokenVerifier::forSite(const QString &tenantId, const CredentialStore &store)
{
    auto certs = store.certificates();
    if (!certs)
        return certs.takeError();
    QHash<QByteArray, SigningKey> keys;
    for (const StoredCertificate &sc : *certs) {
        if (sc.record.kind != CredentialKind::TokenSigning)
            continue;
        keys.insert(sc.certificate.x5t(),
                    SigningKey{sc.certificate.publicKey(), sc.record.state == CredentialState::Superseded});
    }
    return TokenVerifier(tenantId, std::move(keys));
}

void TokenVerifier::applyStanding(VerifyResult &result, std::optional<TokenStanding> standing)
{
    if (!result.valid())
        return;
    if (!standing || *standing == TokenStanding::Unknown)
        result.reason = VerifyReason::UnknownToken;
    else if (*standing == TokenStanding::Blocked)
        result.reason = VerifyReason::Blocked;
}

VerifyResult TokenVerifier::verifyExceptRecord(QByteArrayView token, const QDateTime &at) const
{
    // 1. Structure and algorithm: decided from the header alone, before any key.
    jws::PartsBuffer buffer;
    const jws::Parts decoded = jws::decodeParts(token, buffer);
    if (decoded.failure == jws::Failure::UnsupportedAlgorithm)
        return refused(VerifyReason::UnsupportedAlgorithm);
    if (decoded.failure != jws::Failure::None)
        return refused(VerifyReason::Malformed);

    // 2. Required header member and claims, each of the right JSON type.
    if (!decoded.x5tIsString)
        return refused(VerifyReason::Malformed);
    ClaimsReader claims;
    claims.expected[ClaimsReader::Category] = bulktoken::kCategory;
    claims.expected[ClaimsReader::Authority] = bulktoken::kAuthority;
    claims.expected[ClaimsReader::License] = bulktoken::kLicense;
    claims.expected[ClaimsReader::Type] = bulktoken::kType;
    claims.expected[ClaimsReader::TenantId] = view(m_tenantUtf8);
    claims.expected[ClaimsReader::Iss] = view(m_issuerUtf8);
    claims.expected[ClaimsReader::Aud] = bulktoken::kAudience;
    if (!strictjson::scanObject(decoded.payload, claims))
        return refused(VerifyReason::Malformed);
    for (bool isString : claims.isString) {
        if (!isString)
            return refused(VerifyReason::Malformed);
    }
    if (!claims.expOk || !claims.nbfOk)
        return refused(VerifyReason::Malformed);
    if (!claims.uniqueIdCanonical)
        return refused(VerifyReason::Malformed);
    const QString uniqueId = QString::fromLatin1(claims.uniqueId, 36);
    const qint64 exp = claims.exp;
    const qint64 nbf = claims.nbf;
    if (exp <= nbf)
        return refused(VerifyReason::Malformed, uniqueId);

    // 3. The signing certificate, by x5t.
    const auto key = m_keys.constFind(decoded.x5t);
    if (key == m_keys.cend())
        return refused(VerifyReason::UnknownSigningCertificate, uniqueId);
    if (key->superseded)
        return refused(VerifyReason::SigningCertificateRenewed, uniqueId);

    // 4. The signature over the segments exactly as sent.
    if (!jws::verifyRs256(decoded, key->key))
        return refused(VerifyReason::BadSignature, uniqueId);

    // 5. Claims that must match this site.
    if (!claims.matches[ClaimsReader::Iss] || !claims.matches[ClaimsReader::Authority]
        || !claims.matches[ClaimsReader::License])
        return refused(VerifyReason::WrongIssuer, uniqueId);
    if (!claims.matches[ClaimsReader::Aud])
        return refused(VerifyReason::WrongAudience, uniqueId);
    if (!claims.matches[ClaimsReader::TenantId])
        return refused(VerifyReason::WrongTenant, uniqueId);
    if (!claims.matches[ClaimsReader::Type] || !claims.matches[ClaimsReader::Category])
        return refused(VerifyReason::WrongType, uniqueId);

    // 6. Validity period, with the documented leeway for clock skew.
    VerifyResult result = refused(VerifyReason::Valid, uniqueId);
    // Qt::UTC, not fromUnix()'s QTimeZone::utc(): the same instant without a
    // time-zone object per value (a sixth of the cost, on every verification).
    result.notBefore = QDateTime::fromSecsSinceEpoch(nbf, Qt::UTC);
    result.notAfter = QDateTime::fromSecsSinceEpoch(exp, Qt::UTC);
    const qint64 now = at.toSecsSinceEpoch();
    if (now < nbf - kLeewaySeconds)
        result.reason = VerifyReason::NotYetValid;
    else if (now >= exp + kLeewaySeconds)
        result.reason = VerifyReason::Expired;
    // 7. No token this site issues lives longer than seven days.
    else if (exp - nbf > qint64(kMaxLifetimeMinutes) * 60)
        result.reason = VerifyReason::LifetimeTooLong;
    return result; // check 8 (the site's record) is verify()'s or the batch's
}

ClientVerifyResult TokenVerifier::verifyClientExceptRecord(QByteArrayView token, const QDateTime &at) const
{
    ClientVerifyResult result;
    auto refuse = [&result](VerifyReason reason) {
        result.reason = reason;
        return result;
    };
    // 1. Structure and algorithm, before any key.
    jws::PartsBuffer buffer;
    const jws::Parts decoded = jws::decodeParts(token, buffer);
    if (decoded.failure == jws::Failure::UnsupportedAlgorithm)
        return refuse(VerifyReason::UnsupportedAlgorithm);
    if (decoded.failure != jws::Failure::None || !decoded.x5tIsString)
        return refuse(VerifyReason::Malformed);

    // 2. The claims both kinds of token carry, each of the right JSON type.
    QSet<QString> integers;
    auto parsed = strictjson::parseObject(decoded.payload, &integers);
    if (!parsed)
        return refuse(VerifyReason::Malformed);
    const QJsonObject &claims = *parsed;
    static const char *const kStrings[]
        = {"SCCMTokenCategory", "Authority", "License", "Type", "TenantId", "UniqueId", "iss", "aud"};
    for (const char *name : kStrings) {
        if (!claims.value(QLatin1String(name)).isString())
            return refuse(VerifyReason::Malformed);
    }
    auto integerClaim = [&](const char *name, qint64 *out) {
        const QString key = QLatin1String(name);
        if (!integers.contains(key))
            return false;
        *out = claims.value(key).toInteger();
        return *out >= 0 && *out <= kMaxSafeInteger;
    };
    qint64 exp = 0, nbf = 0;
    if (!integerClaim("exp", &exp) || !integerClaim("nbf", &nbf))
        return refuse(VerifyReason::Malformed);
    const QString uniqueId = claims.value(QLatin1String("UniqueId")).toString();
    if (!ClaimsReader::isCanonicalGuid(uniqueId.toStdString()) || exp <= nbf)
        return refuse(VerifyReason::Malformed);
    result.guid = uniqueId;

    // 3. and 4. The signing certificate and the signature.
    const auto key = m_keys.constFind(decoded.x5t);
    if (key == m_keys.cend())
        return refuse(VerifyReason::UnknownSigningCertificate);
    if (key->superseded)
        return refuse(VerifyReason::SigningCertificateRenewed);
    if (!jws::verifyRs256(decoded, key->key))
        return refuse(VerifyReason::BadSignature);

    // 5. Claims that must match this site, then the kind of token.
    auto is = [&claims](const char *name, const QString &expected) {
        return claims.value(QLatin1String(name)).toString() == expected;
    };
    if (!is("iss", m_issuer) || !is("Authority", QLatin1String(bulktoken::kAuthority))
        || !is("License", QLatin1String(bulktoken::kLicense)))
        return refuse(VerifyReason::WrongIssuer);
    if (!is("aud", QLatin1String(bulktoken::kAudience)))
        return refuse(VerifyReason::WrongAudience);
    if (!is("TenantId", m_tenantId))
        return refuse(VerifyReason::WrongTenant);
    if (!is("Type", QLatin1String(clienttoken::kType))
        || !is("SCCMTokenCategory", QLatin1String(clienttoken::kCategory)))
        return refuse(VerifyReason::WrongType);
    const QJsonValue deviceId = claims.value(QLatin1String("DeviceId"));
    const QJsonValue thumbprint = claims.value(QLatin1String("cnf")).toObject().value(QLatin1String("x5t#S256"));
    if (!deviceId.isString() || !ClaimsReader::isCanonicalGuid(deviceId.toString().toStdString())
        || !thumbprint.isString() || thumbprint.toString().isEmpty())
        return refuse(VerifyReason::Malformed);
    result.deviceId = deviceId.toString();
    result.certificateThumbprint = thumbprint.toString().toLatin1();

    // 6. and 7. Validity period with the leeway, and the lifetime bound.
    result.notBefore = QDateTime::fromSecsSinceEpoch(nbf, Qt::UTC);
    result.notAfter = QDateTime::fromSecsSinceEpoch(exp, Qt::UTC);
    const qint64 now = at.toSecsSinceEpoch();
    if (now < nbf - kLeewaySeconds)
        return refuse(VerifyReason::NotYetValid);
    if (now >= exp + kLeewaySeconds)
        return refuse(VerifyReason::Expired);
    if (exp - nbf > kClientTokenLifetimeSeconds)
        return refuse(VerifyReason::LifetimeTooLong);
    result.reason = VerifyReason::Valid;
    return result;
}

} // namespace tc
