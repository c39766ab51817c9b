#include "bulktoken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace tc::bulktoken {

namespace {

// One JSON string value, escaped by Qt's own writer.
QByteArray quoted(const QString &value)
{
    QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QString issuerFor(const QString &tenantId)
{
    return QLatin1String(kIssuerPrefix) + tenantId.toLower();
}

QByteArray headerJson(const QByteArray &x5t)
{
    return QByteArray(R"({"typ":"JWT","alg":"RS256","x5t":)") + quoted(QString::fromLatin1(x5t)) + '}';
}

QByteArray payloadJson(const Claims &c)
{
    QByteArray out;
    out += R"({"SCCMTokenCategory":)" + quoted(QLatin1String(kCategory));
    out += R"(,"Authority":)" + quoted(QLatin1String(kAuthority));
    out += R"(,"License":)" + quoted(QLatin1String(kLicense));
    out += R"(,"Type":)" + quoted(QLatin1String(kType));
    out += R"(,"TenantId":)" + quoted(c.tenantId.toUpper());
    out += R"(,"UniqueId":)" + quoted(c.uniqueId.toLower());
    out += R"(,"iss":)" + quoted(issuerFor(c.tenantId));
    out += R"(,"aud":)" + quoted(QLatin1String(kAudience));
    out += R"(,"exp":)" + QByteArray::number(c.expires);
    out += R"(,"nbf":)" + QByteArray::number(c.notBefore);
    out += '}';
    return out;
}

} // namespace tc::bulktoken
