#include "searchindex.h"

#include "searchsource.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace tc {

namespace {

char foldByte(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

} // namespace

QByteArray SearchIndex::fold(QStringView text)
{
    QByteArray bytes = text.toUtf8();
    for (char &c : bytes)
        c = foldByte(c);
    return bytes;
}

void SearchIndex::add(qint64 id, int kind, QByteArrayView name, QByteArrayView thumbprint)
{
    m_starts << quint32(m_text.size());
    m_ids << id;
    m_kinds.append(char(kind));
    const qsizetype from = m_text.size();
    m_text.append(name.data(), name.size());
    m_text.append('\n');
    m_text.append(thumbprint.data(), thumbprint.size());
    m_text.append('\n');
    char *p = m_text.data();
    for (qsizetype i = from; i < m_text.size(); ++i)
        p[i] = foldByte(p[i]);
    m_maxId = std::max(m_maxId, id);
}

Result<SearchIndex> SearchIndex::build(const QString &databasePath, std::optional<qint64> upTo,
                                       const std::atomic_bool *cancel)
{
    auto source = SearchSource::openReadOnly(databasePath);
    if (!source)
        return source.takeError();
    return build(**source, upTo, cancel);
}

Result<SearchIndex> SearchIndex::build(SearchSource &source, std::optional<qint64> upTo, const std::atomic_bool *cancel)
{
    const qint64 last = upTo.value_or(std::numeric_limits<qint64>::max());
    SearchIndex index;
    if (auto highest = source.highestId(last))
        index.reserve(*highest);
    qint64 read = 0;
    const auto added = source.rows(0, last, [&](qint64 id, int kind, QByteArrayView name, QByteArrayView thumbprint) {
        if (cancel && (++read & 0x3ff) == 0 && cancel->load(std::memory_order_relaxed))
            return false;
        index.add(id, kind, name, thumbprint);
        return true;
    });
    if (cancel && cancel->load(std::memory_order_relaxed))
        return Error{QStringLiteral("The search index build was cancelled.")};
    if (!added)
        return added.takeError();
    if (index.m_text.size() > qsizetype(std::numeric_limits<quint32>::max()))
        return Error{QStringLiteral("The search index grew too large.")};
    // No squeeze(): the reservation fits GUIDs exactly, and shrinking would copy
    // the whole buffer once more at the moment memory peaks.
    return index;
}

void SearchIndex::reserve(qint64 rows)
{
    rows = std::clamp<qint64>(rows, 0, 50'000'000);
    m_text.reserve(rows * 38); // a GUID and two separators
    m_starts.reserve(rows);
    m_ids.reserve(rows);
    m_kinds.reserve(rows);
}

Status SearchIndex::append(const SiteDatabase &db, qint64 upTo)
{
    return append(*SearchSource::create(db), upTo);
}

Status SearchIndex::append(SearchSource &source, qint64 upTo)
{
    if (upTo <= m_maxId)
        return {};
    if (auto added = source.rows(m_maxId, upTo,
                                 [this](qint64 id, int kind, QByteArrayView name, QByteArrayView thumbprint) {
                                     add(id, kind, name, thumbprint);
                                     return true;
                                 });
        !added)
        return added;
    if (m_text.size() > qsizetype(std::numeric_limits<quint32>::max()))
        return Error{QStringLiteral("The search index grew too large.")};
    return {};
}

QList<qint64> SearchIndex::find(QStringView text, std::optional<CredentialKind> kind, qint64 upToId) const
{
    QList<qint64> found;
    const QByteArray needle = fold(text);
    if (needle.isEmpty() || needle.contains('\n'))
        return found;
    const char *begin = m_text.constData();
    const char *end = begin + m_text.size();
    const char *at = begin;
    while (at < end) {
        const void *hit = memmem(at, size_t(end - at), needle.constData(), size_t(needle.size()));
        if (!hit)
            break;
        const quint32 offset = quint32(static_cast<const char *>(hit) - begin);
        // The row holding the hit: the last start at or before it.
        const auto next = std::upper_bound(m_starts.cbegin(), m_starts.cend(), offset);
        const qsizetype row = (next - m_starts.cbegin()) - 1;
        const qint64 id = m_ids.at(row);
        if (id <= upToId && (!kind || m_kinds.at(row) == char(int(*kind))))
            found << id;
        // Each row once: go on at the next row.
        at = next == m_starts.cend() ? end : begin + *next;
    }
    return found;
}

} // namespace tc
