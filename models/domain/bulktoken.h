#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace tc::bulktoken {

// The claims of a bulk registration token (DESIGN.md section 1), serialized in
// the documented member order. Values come from the site and the token service.
struct Claims
{
    QString tenantId; // upper-case GUID
    QString uniqueId; // lower-case GUID
    qint64 notBefore = 0;
    qint64 expires = 0;
};

inline constexpr auto kCategory = "SCCMPreAuthToken";
inline constexpr auto kAuthority = "SCCM";
inline constexpr auto kLicense = "SCCM";
inline constexpr auto kType = "BulkRegistration";
inline constexpr auto kAudience = "urn:sccm:service";
inline constexpr auto kIssuerPrefix = "urn:sccm:oauth2:";

QByteArray headerJson(const QByteArray &x5t);
QByteArray payloadJson(const Claims &claims);
QString issuerFor(const QString &tenantId); // "urn:sccm:oauth2:<tenant, lower case>"

// A new token GUID, lower case: an RFC 9562 version 7 UUID. The first 48 bits
// are unixMs (Unix time in milliseconds) and 74 bits come from random (three
// words; 80 of their 96 bits are used, from the system's CSPRNG when issuing),
// so GUIDs stay unique while those issued together sort together: their rows
// land in a few neighbouring pages of the name and audit indexes instead of one
// random page each, and tokens verified soon after issuing are looked up in
// pages still cached. A GUID identifies a token; it grants nothing without the
// signature, and its time prefix tells no more than the token's nbf claim.
QByteArray newGuid(qint64 unixMs, const quint32 *random);

// payloadJson() for many tokens of one batch, which differ only in UniqueId:
// the bytes before and after it are built once, by payloadJson() itself.
class PayloadWriter
{
public:
    PayloadWriter(const QString &tenantId, qint64 notBefore, qint64 expires);
    // Replaces out with payloadJson({tenantId, uniqueId, notBefore, expires});
    // uniqueId is a lower-case GUID (36 ASCII characters, nothing to escape).
    void write(QByteArrayView uniqueId, QByteArray &out) const;

private:
    QByteArray m_before; // ... "UniqueId":"
    QByteArray m_after;  // ","iss": ... }
};

} // namespace tc::bulktoken
