#pragma once

#include "keys.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>

#include <array>

namespace tc::jws {

// Tokens longer than this are refused before any decoding work. A bulk
// registration token is about 900 bytes; 8 KiB leaves room and bounds the cost.
inline constexpr qsizetype kMaxCompactSize = 8 * 1024;

enum class Failure {
    None,
    Malformed,            // not three strict base64url segments of JSON objects
    UnsupportedAlgorithm, // alg is not exactly RS256, or a crit header is present
    BadSignature,
};

// A compact JWS split and decoded, with the algorithm already checked. No key
// has been touched when decode() returns; verifyRs256() is the only step that does.
struct Decoded
{
    Failure failure = Failure::Malformed;
    QString detail; // why, for malformed input (never contains the token)
    QJsonObject header;
    QByteArray payload; // the payload bytes exactly as sent
    QByteArray signature;
    QByteArray signingInput; // "<header segment>.<payload segment>" as sent
};

// Splits and decodes; refuses anything that is not exactly RS256 here.
Decoded decode(QByteArrayView compact);

// decode() for the verifier's hot path: the same checks in the same order with
// the same failures, but no QJsonObject is built (the header is checked by
// strictjson::scanObject) and the segments are decoded into a caller's buffer.
// The views point into that buffer and into compact.
struct Parts
{
    Failure failure = Failure::Malformed;
    const char *detail = ""; // why, for malformed input (never contains the token)
    bool x5tIsString = false;
    QByteArray x5t;         // the header's x5t, decoded, when it is a string
    QByteArrayView header;  // the header bytes (a JSON object)
    QByteArrayView payload; // the payload bytes exactly as sent
    QByteArrayView signature;
    QByteArrayView signingInput; // "<header segment>.<payload segment>" as sent
};

// Room for the decoded segments of any token decodeParts() accepts.
using PartsBuffer = std::array<char, kMaxCompactSize>;

Parts decodeParts(QByteArrayView compact, PartsBuffer &buffer);
bool verifyRs256(const Parts &token, const PublicKey &key);

// Verifies the RS256 signature of a decoded token over its segments as sent.
bool verifyRs256(const Decoded &token, const PublicKey &key);

// Signs with RS256: returns "<b64url(header)>.<b64url(payload)>.<b64url(sig)>".
// header and payload are serialized JSON bytes, used exactly as given.
Result<QByteArray> signRs256(QByteArrayView headerJson, QByteArrayView payloadJson, const PrivateKey &key);
// The same, for many tokens with one header: headerSegment is b64url(header)
// already encoded (the bytes before the first '.').
Result<QByteArray> signRs256WithHeaderSegment(QByteArrayView headerSegment, QByteArrayView payloadJson,
                                              const PrivateKey &key);

// A stable code for a failure, as printed by the CLI ("malformed", ...).
QString failureCode(Failure failure);

} // namespace tc::jws
