#include "bulktoken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <cstring>

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

PayloadWriter::PayloadWriter(const QString &tenantId, qint64 notBefore, qint64 expires)
{
    // The placeholder cannot occur elsewhere: the other values are GUIDs,
    // constants and numbers. It is lower-case, as payloadJson() writes UniqueId.
    static constexpr char kPlaceholder[] = "@unique-id@";
    const QByteArray full = payloadJson({tenantId, QString::fromLatin1(kPlaceholder), notBefore, expires});
    const QByteArray marked = QByteArray(R"("UniqueId":")") + kPlaceholder + '"';
    const qsizetype at = full.indexOf(marked);
    Q_ASSERT(at >= 0 && full.indexOf(marked, at + 1) < 0);
    m_before = full.first(at + marked.size() - qsizetype(sizeof kPlaceholder));
    m_after = full.sliced(at + marked.size() - 1);
}

void PayloadWriter::write(QByteArrayView uniqueId, QByteArray &out) const
{
    out.resize(0); // keeps the capacity for the next token
    out.reserve(m_before.size() + uniqueId.size() + m_after.size());
    out.append(m_before);
    out.append(uniqueId);
    out.append(m_after);
}

QByteArray newGuid(qint64 unixMs, const quint32 *random)
{
    const quint64 ms = quint64(unixMs);
    unsigned char b[16];
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
    std::memcpy(b + 6, random, 10);
    b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0f)); // version 7
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f)); // RFC 9562 variant
    static constexpr char kHex[] = "0123456789abcdef";
    QByteArray text(36, Qt::Uninitialized);
    char *o = text.data();
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = kHex[b[i] >> 4];
        *o++ = kHex[b[i] & 15];
    }
    return text;
}

} // namespace tc::bulktoken
