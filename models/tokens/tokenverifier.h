#pragma once

#include "credentialstore.h"
#include "keys.h"
#include "tokenlookup.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QHash>

#include <optional>

namespace tc {

// Why a token is refused: the first failing check, in this order.
enum class VerifyReason {
    Valid,
    Malformed,
    UnsupportedAlgorithm,
    UnknownSigningCertificate,
    SigningCertificateRenewed,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    WrongTenant,
    WrongType,
    NotYetValid,
    Expired,
    LifetimeTooLong,
    UnknownToken,
    Blocked,
};

QString reasonCode(VerifyReason reason);        // "malformed", "blocked", ... (stable)
QString reasonDescription(VerifyReason reason); // one translated sentence

struct VerifyResult
{
    VerifyReason reason = VerifyReason::Malformed;
    QString guid; // the token's UniqueId, once the payload could be read
    QDateTime notBefore;
    QDateTime notAfter;
    bool valid() const { return reason == VerifyReason::Valid; }
};

// A client token's result: a VerifyResult plus the claims that bind it.
struct ClientVerifyResult : VerifyResult
{
    QString deviceId;                 // the DeviceId claim, once the token is otherwise valid
    QByteArray certificateThumbprint; // cnf x5t#S256
};

// What the management point does when a device presents a bulk token.
// Checks, in order: structure and algorithm (before any key is touched),
// required claims and their JSON types, x5t names a current signing
// certificate, the RS256 signature over the segments as sent, issuer /
// audience / tenant / type, the validity period with kLeewaySeconds of
// clock skew, the lifetime bound, then the site's record of the GUID.
//
// Time rule: valid when nbf - leeway <= at < exp + leeway (RFC 7519: a token
// must not be accepted on or after exp; the leeway only absorbs clock skew).
//
// Where DESIGN.md is silent (tests/tst_hostiletokens.cpp holds every case):
// alg missing or not a string is unsupported-algorithm; an empty signature
// after an RS256 header, x5t missing or not a string, duplicate member names,
// exp/nbf not written as integers in 0..2^53-1, exp <= nbf, and a UniqueId
// that is not a lower-case GUID are malformed; unknown header members (kid,
// jku, jwk) are ignored and never choose a key.
//
// This class holds checks 1 to 7 (no database); SiteVerifier adds check 8
// and is the entry point every caller uses.
class TokenVerifier
{
public:
    static constexpr qint64 kLeewaySeconds = 300;

    struct SigningKey
    {
        PublicKey key;
        bool superseded = false;
    };

    TokenVerifier(QString tenantId, QHash<QByteArray, SigningKey> keysByX5t);

    // Loads every signing certificate of the site.
    static Result<TokenVerifier> forSite(const QString &tenantId, const CredentialStore &store);

    // Checks 1 to 7; then, for results still valid, check 8 with the GUID's
    // standing (nullopt when the lookup failed: refused as unknown-token).
    VerifyResult verifyExceptRecord(QByteArrayView token, const QDateTime &at) const;
    static void applyStanding(VerifyResult &result, std::optional<TokenStanding> standing);

    // Checks 1 to 7 for a device's client token: the same structure, algorithm,
    // signing-certificate and claim checks, with SCCMClientToken /
    // ClientAuthentication as category and type (a correctly signed bulk token
    // here is wrong-type), DeviceId and cnf required, and a lifetime of at most
    // kClientTokenLifetimeSeconds. The binding to the connection's certificate
    // and the site's record are the caller's.
    ClientVerifyResult verifyClientExceptRecord(QByteArrayView token, const QDateTime &at) const;

private:
    QString m_tenantId;
    QString m_issuer;
    QByteArray m_tenantUtf8; // the two, as the claims are compared
    QByteArray m_issuerUtf8;
    QHash<QByteArray, SigningKey> m_keys;
};

} // namespace tc
