#include "jws.h"

#include "base64url.h"
#include "strictjson.h"

namespace tc::jws {

namespace {

Parts refuse(Failure failure, const char *detail)
{
    Parts p;
    p.failure = failure;
    p.detail = detail;
    return p;
}

// The three header members that decide anything; duplicates never get here.
struct HeaderReader final : strictjson::MemberVisitor
{
    bool algIsRs256 = false;
    bool crit = false;
    bool x5tIsString = false;
    QByteArray x5t;

    void member(const strictjson::Member &m) override
    {
        if (m.name == "alg") {
            algIsRs256 = m.kind == strictjson::MemberKind::String && m.text == "RS256";
        } else if (m.name == "crit") {
            crit = true;
        } else if (m.name == "x5t") {
            x5tIsString = m.kind == strictjson::MemberKind::String;
            if (x5tIsString)
                x5t = QByteArray(m.text.data(), qsizetype(m.text.size()));
        }
    }
};

// Decodes a segment into the buffer at *used; empty view and false when refused.
bool decodeSegment(QByteArrayView text, PartsBuffer &buffer, qsizetype &used, QByteArrayView &out)
{
    if (used + base64url::decodedSizeBound(text.size()) > qsizetype(buffer.size()))
        return false; // cannot happen within kMaxCompactSize; refuse rather than overrun
    char *begin = buffer.data() + used;
    const qsizetype size = base64url::decodeTo(text, begin);
    if (size < 0)
        return false;
    used += size;
    out = QByteArrayView(begin, size);
    return true;
}

} // namespace

Parts decodeParts(QByteArrayView compact, PartsBuffer &buffer)
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

    qsizetype used = 0;
    QByteArrayView header, payload, signature;
    if (!decodeSegment(headerText, buffer, used, header))
        return refuse(Failure::Malformed, "The token header is not strict base64url.");
    HeaderReader reader;
    if (!strictjson::scanObject(header, reader))
        return refuse(Failure::Malformed, "The token header is not a valid JSON object.");

    // The algorithm is decided here, from the header alone, before any key is used.
    if (!reader.algIsRs256)
        return refuse(Failure::UnsupportedAlgorithm, "The token algorithm is not RS256.");
    if (reader.crit)
        return refuse(Failure::UnsupportedAlgorithm, "The token has critical header extensions.");

    // Only now: an alg "none" token, whose signature is empty, is refused as such above.
    if (signatureText.isEmpty())
        return refuse(Failure::Malformed, "The token has an empty signature segment.");
    if (!decodeSegment(payloadText, buffer, used, payload))
        return refuse(Failure::Malformed, "The token payload is not strict base64url.");
    if (!decodeSegment(signatureText, buffer, used, signature))
        return refuse(Failure::Malformed, "The token signature is not strict base64url.");

    Parts p;
    p.failure = Failure::None;
    p.x5tIsString = reader.x5tIsString;
    p.x5t = std::move(reader.x5t);
    p.header = header;
    p.payload = payload;
    p.signature = signature;
    p.signingInput = compact.first(dot2);
    return p;
}

Decoded decode(QByteArrayView compact)
{
    PartsBuffer buffer;
    const Parts parts = decodeParts(compact, buffer);
    Decoded d;
    d.failure = parts.failure;
    if (parts.failure != Failure::None) {
        d.detail = QString::fromLatin1(parts.detail);
        return d;
    }
    auto header = strictjson::parseObject(parts.header);
    if (!header) { // scanObject accepted it; the two share one grammar
        d.failure = Failure::Malformed;
        d.detail = QStringLiteral("The token header is not a valid JSON object.");
        return d;
    }
    d.header = std::move(header).value();
    d.payload = parts.payload.toByteArray();
    d.signature = parts.signature.toByteArray();
    d.signingInput = parts.signingInput.toByteArray();
    return d;
}

bool verifyRs256(const Decoded &token, const PublicKey &key)
{
    return token.failure == Failure::None && key.verifySha256(token.signingInput, token.signature);
}

bool verifyRs256(const Parts &token, const PublicKey &key)
{
    return token.failure == Failure::None && key.verifySha256(token.signingInput, token.signature);
}

Result<QByteArray> signRs256(QByteArrayView headerJson, QByteArrayView payloadJson, const PrivateKey &key)
{
    return signRs256WithHeaderSegment(base64url::encode(headerJson), payloadJson, key);
}

Result<QByteArray> signRs256WithHeaderSegment(QByteArrayView headerSegment, QByteArrayView payloadJson,
                                              const PrivateKey &key)
{
    QByteArray out;
    // RSA-2048: a 256-byte signature, 342 characters.
    out.reserve(headerSegment.size() + 1 + (payloadJson.size() * 4 + 2) / 3 + 1 + 342);
    out.append(headerSegment);
    out.append('.');
    base64url::appendEncoded(out, payloadJson);
    auto signature = key.signSha256(out);
    if (!signature)
        return signature.takeError();
    out.append('.');
    base64url::appendEncoded(out, *signature);
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
