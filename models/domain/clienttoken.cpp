#include "clienttoken.h"

#include "bulktoken.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tc::clienttoken {

QByteArray payloadJson(const Claims &c)
{
    // Built by Qt's writer from one object: member order is not significant to
    // a JSON reader, and the verifier reads members by name.
    QJsonObject payload{
        {QStringLiteral("SCCMTokenCategory"), QLatin1String(kCategory)},
        {QStringLiteral("Authority"), QLatin1String(bulktoken::kAuthority)},
        {QStringLiteral("License"), QLatin1String(bulktoken::kLicense)},
        {QStringLiteral("Type"), QLatin1String(kType)},
        {QStringLiteral("TenantId"), c.tenantId.toUpper()},
        {QStringLiteral("UniqueId"), c.uniqueId.toLower()},
        {QStringLiteral("DeviceId"), c.deviceId.toLower()},
        {QStringLiteral("cnf"),
         QJsonObject{{QStringLiteral("x5t#S256"), QString::fromLatin1(c.certificateThumbprint)}}},
        {QStringLiteral("iss"), bulktoken::issuerFor(c.tenantId)},
        {QStringLiteral("aud"), QLatin1String(bulktoken::kAudience)},
        {QStringLiteral("exp"), c.expires},
        {QStringLiteral("nbf"), c.notBefore},
    };
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

} // namespace tc::clienttoken
