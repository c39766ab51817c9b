#pragma once

#include <QByteArray>
#include <QString>

namespace tc::clienttoken {

// The claims of a device's client token (DESIGN.md section 5): those of a bulk
// token with their own category and type, plus DeviceId and the binding to the
// device certificate (cnf, RFC 8705 3.1). Header as for bulk tokens.
struct Claims
{
    QString tenantId;                 // upper-case GUID
    QString uniqueId;                 // lower-case GUID of this token
    QString deviceId;                 // lower-case GUID of the device
    QByteArray certificateThumbprint; // x5t#S256: base64url SHA-256 of the device certificate
    qint64 notBefore = 0;
    qint64 expires = 0;
};

inline constexpr auto kCategory = "SCCMClientToken";
inline constexpr auto kType = "ClientAuthentication";

QByteArray payloadJson(const Claims &claims);

} // namespace tc::clienttoken
