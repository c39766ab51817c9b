#include "credentialcursor.h"

#include "credentialreader.h"
#include "sitedatabase.h"

#include <QSqlDatabase>

namespace tc {

CredentialCursor::CredentialCursor(const SiteDatabase &db, CredentialQuery query)
    : m_db(db), m_query(std::move(query)), m_reader(CredentialReader::create(db))
{
    m_query.dialect = &db.dialect();
}

CredentialCursor::~CredentialCursor()
{
    if (m_inSnapshot)
        m_db.connection().rollback(); // a read-only transaction: nothing to keep
}

Status CredentialCursor::begin()
{
    if (m_inSnapshot)
        return {};
    // A deferred transaction: the first read takes the snapshot every later read sees.
    if (!m_db.connection().transaction())
        return Error{QStringLiteral("The site database could not start a read.")};
    m_inSnapshot = true;
    return {};
}

Result<qint64> CredentialCursor::count()
{
    if (auto begun = begin(); !begun)
        return begun.takeError();
    QVariantList binds;
    const QString where = m_query.where(&binds, false);
    return m_reader->scalar(QStringLiteral("SELECT COUNT(*) FROM credentials") + where, binds);
}

Result<QList<CredentialRecord>> CredentialCursor::next(int limit)
{
    if (m_done || limit <= 0)
        return QList<CredentialRecord>();
    if (auto begun = begin(); !begun)
        return begun.takeError();
    QVariantList binds;
    const QString where = m_query.where(&binds, true);
    QList<CredentialRecord> rows;
    if (m_lastKey.isEmpty()) {
        auto first = m_reader->records(where + m_query.orderBy() + QStringLiteral(" LIMIT ?"),
                                       binds + QVariantList{qint64(limit)});
        if (!first)
            return first.takeError();
        rows = std::move(first).value();
    } else {
        // Part by part: each part is one index range, read in list order.
        for (const CredentialQuery::KeysetPart &part : m_query.afterParts(m_lastKey)) {
            auto got = m_reader->records(CredentialQuery::andAlso(where, part.condition) + part.orderBy
                                             + QStringLiteral(" LIMIT ?"),
                                         binds + part.binds + QVariantList{qint64(limit - rows.size())});
            if (!got)
                return got.takeError();
            rows += *got;
            if (rows.size() >= limit)
                break;
        }
    }
    if (rows.size() < limit)
        m_done = true;
    if (!rows.isEmpty())
        m_lastKey = m_query.keyOf(rows.last());
    return rows;
}

} // namespace tc
