#include "jws.h"

#include "base64url.h"
#include "strictjson.h"

namespace tc::jws {

namespace {

Decoded refuse(Failure failure, const char *detail)
{
    Decoded d;
    d.failure = failure;
    d.detail = QString::fromLatin1(detail);
    return d;
}

} // namespace

Decoded decode(QByteArrayView compact)
{
    if (compact.size() > kMaxCompactSize)
        return refuse(Failure::Malformed, "The token is longer than any token this site issues.");
    const qsizetype dot1 = compact.indexOf('.');
    const qsizetype dot2 = dot1 < 0 ? -1 : compact.indexOf('.', dot1 + 1);
    if (dot1 < 0 || dot2 < 0 || compact.indexOf('.', dot2 + 1) >= 0)
        return refuse(Failure::Malformed, "The token does not have exactly three segments.");

    const QByteArrayView headerText = compact.first(dot1);
    const QByteArrayView payloadText = compact.sliced(dot1 + 1, dot2 - dot1 - 1);
    const QByteArrayView signatureText = compact.sliced(dot2 + 1);
    if (headerText.isEmpty() || payloadText.isEmpty())
        return refuse(Failure::Malformed, "The token has an empty header or payload segment.");

    const auto headerBytes = base64url::decode(headerText);
    if (!headerBytes)
        return refuse(Failure::Malformed, "The token header is not strict base64url.");
    auto header = strictjson::parseObject(*headerBytes);
    if (!header)
        return refuse(Failure::Malformed, "The token header is not a valid JSON object.");

    // The algorithm is decided here, from the header alone, before any key is used.
    const QJsonValue alg = header->value(QStringLiteral("alg"));
    if (!alg.isString() || alg.toString() != QLatin1String("RS256"))
        return refuse(Failure::UnsupportedAlgorithm, "The token algorithm is not RS256.");
    if (header->contains(QStringLiteral("crit")))
        return refuse(Failure::UnsupportedAlgorithm, "The token has critical header extensions.");

    // Only now: an alg "none" token, whose signature is empty, is refused as such above.
    if (signatureText.isEmpty())
        return refuse(Failure::Malformed, "The token has an empty signature segment.");
    const auto payloadBytes = base64url::decode(payloadText);
    if (!payloadBytes)
        return refuse(Failure::Malformed, "The token payload is not strict base64url.");
    const auto signatureBytes = base64url::decode(signatureText);
    if (!signatureBytes)
        return refuse(Failure::Malformed, "The token signature is not strict base64url.");

    Decoded d;
    d.failure = Failure::None;
    d.header = std::move(header).value();
    d.payload = *payloadBytes;
    d.signature = *signatureBytes;
    d.signingInput = compact.first(dot2).toByteArray();
    return d;
}

bool verifyRs256(const Decoded &token, const PublicKey &key)
{
    return token.failure == Failure::None && key.verifySha256(token.signingInput, token.signature);
}

Result<QByteArray> signRs256(QByteArrayView headerJson, QByteArrayView payloadJson, const PrivateKey &key)
{
    QByteArray out = base64url::encode(headerJson);
    out.append('.');
    out.append(base64url::encode(payloadJson));
    auto signature = key.signSha256(out);
    if (!signature)
        return signature.takeError();
    out.append('.');
    out.append(base64url::encode(*signature));
    return out;
}

QString failureCode(Failure failure)
{
    switch (failure) {
    case Failure::None: return QStringLiteral("valid");
    case Failure::Malformed: return QStringLiteral("malformed");
    case Failure::UnsupportedAlgorithm: return QStringLiteral("unsupported-algorithm");
    case Failure::BadSignature: return QStringLiteral("bad-signature");
    }
    return QStringLiteral("malformed");
}

} // namespace tc::jws
