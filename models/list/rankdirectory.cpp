#include "rankdirectory.h"

#include "ordersource.h"

#include <cstring>
#include <limits>

namespace tc {

namespace {

void appendInt(QByteArray &out, qint64 value)
{
    char bytes[8];
    std::memcpy(bytes, &value, sizeof bytes);
    out.append(bytes, sizeof bytes);
}

qint64 readInt(const char *p)
{
    qint64 value = 0;
    std::memcpy(&value, p, sizeof value);
    return value;
}

quint32 readLength(const char *p)
{
    quint32 length = 0;
    std::memcpy(&length, p, sizeof length);
    return length;
}

void encode(QByteArray &out, const QVariantList &key)
{
    for (const QVariant &value : key) {
        if (value.typeId() == QMetaType::QString) {
            const QByteArray utf8 = value.toString().toUtf8();
            out.append('t');
            const quint32 length = quint32(utf8.size());
            char bytes[4];
            std::memcpy(bytes, &length, sizeof bytes);
            out.append(bytes, sizeof bytes);
            out.append(utf8);
        } else {
            out.append('i');
            appendInt(out, value.toLongLong());
        }
    }
}

// Compares two encoded keys value by value (both from encode(), same shape).
int compareEncoded(const char *a, const char *aEnd, const char *b, const char *bEnd)
{
    while (a < aEnd && b < bEnd) {
        const char ta = *a++;
        const char tb = *b++;
        if (ta != tb) // text sorts after integers, as in SQLite
            return ta == 'i' ? -1 : 1;
        if (ta == 'i') {
            const qint64 x = readInt(a);
            const qint64 y = readInt(b);
            if (x != y)
                return x < y ? -1 : 1;
            a += 8;
            b += 8;
            continue;
        }
        const quint32 la = readLength(a);
        const quint32 lb = readLength(b);
        a += 4;
        b += 4;
        if (const int c = std::memcmp(a, b, std::min(la, lb)); c != 0)
            return c < 0 ? -1 : 1;
        if (la != lb)
            return la < lb ? -1 : 1;
        a += la;
        b += lb;
    }
    return (a < aEnd) - (b < bEnd);
}

} // namespace

Result<RankDirectory> RankDirectory::build(const QString &databasePath, const QStringList &keys, qint64 upToId,
                                           const std::atomic_bool *cancel)
{
    auto source = OrderSource::openReadOnly(databasePath);
    if (!source)
        return source.takeError();
    return build(**source, keys, upToId, cancel);
}

Result<RankDirectory> RankDirectory::build(OrderSource &source, const QStringList &keys, qint64 upToId,
                                           const std::atomic_bool *cancel)
{
    RankDirectory directory;
    directory.m_keys = keys;
    directory.m_upToId = upToId;
    QVariant lastLeading;
    auto walked = source.sampleOrder(keys, upToId, kStride, [&](qint64, const QVariantList &key) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return false;
        if (directory.samples() > 0 && key.constFirst() == lastLeading)
            directory.m_leadingDistinct = false;
        lastLeading = key.constFirst();
        directory.add(key);
        return true;
    });
    if (cancel && cancel->load(std::memory_order_relaxed))
        return Error{QStringLiteral("The rank directory build was cancelled.")};
    if (!walked)
        return walked.takeError();
    if (directory.m_data.size() > qsizetype(std::numeric_limits<quint32>::max()))
        return Error{QStringLiteral("The rank directory grew too large.")};
    directory.m_rows = *walked;
    directory.m_data.squeeze();
    directory.m_offsets.squeeze();
    return directory;
}

void RankDirectory::add(const QVariantList &key)
{
    m_offsets << quint32(m_data.size());
    encode(m_data, key);
}

QVariantList RankDirectory::keyAt(qsizetype sample) const
{
    QVariantList key;
    const char *p = m_data.constData() + m_offsets.at(sample);
    const char *end
        = m_data.constData() + (sample + 1 < m_offsets.size() ? m_offsets.at(sample + 1) : quint32(m_data.size()));
    while (p < end) {
        if (*p++ == 'i') {
            key << readInt(p);
            p += 8;
        } else {
            const quint32 length = readLength(p);
            p += 4;
            key << QString::fromUtf8(p, length);
            p += length;
        }
    }
    return key;
}

RankDirectory::Sample RankDirectory::floor(const QVariantList &key) const
{
    QByteArray wanted;
    encode(wanted, key);
    const char *base = m_data.constData();
    const auto endOf
        = [&](qsizetype i) { return base + (i + 1 < m_offsets.size() ? m_offsets.at(i + 1) : quint32(m_data.size())); };
    // The first sample sorting after key; the one before it is the floor.
    qsizetype lo = 0;
    qsizetype hi = m_offsets.size();
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (compareEncoded(base + m_offsets.at(mid), endOf(mid), wanted.constData(), wanted.constData() + wanted.size())
            <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return {};
    return Sample{qint64(lo - 1) * kStride, keyAt(lo - 1)};
}

int RankDirectory::compareKeys(const QVariantList &a, const QVariantList &b)
{
    QByteArray x, y;
    encode(x, a);
    encode(y, b);
    return compareEncoded(x.constData(), x.constData() + x.size(), y.constData(), y.constData() + y.size());
}

} // namespace tc
