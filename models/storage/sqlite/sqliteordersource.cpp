#include "sqliteordersource.h"

#include "sitedatabase.h"
#include "sqlitestatement.h"

#include <sqlite3.h>

namespace tc {

namespace {

Error readFailure(const QString &why)
{
    return Error{QStringLiteral("The list could not read the site database: %1.").arg(why), ErrorKind::Failed};
}

} // namespace

SqliteOrderSource::~SqliteOrderSource()
{
    sqlite3_close(m_own);
}

Result<std::unique_ptr<OrderSource>> SqliteOrderSource::openReadOnly(const QString &databasePath)
{
    // Through SQLite alone, not through SiteDatabase::open: that reads the file
    // header with a plain file descriptor, and closing any descriptor of the file
    // drops every POSIX lock this process holds on it, the GUI connection's
    // included (SQLite's own connections share their locks per file and do not).
    sqlite3 *db = nullptr;
    const int opened = sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    if (opened != SQLITE_OK) {
        const QString why = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return Error{QStringLiteral("The list could not open the site database: %1.").arg(why), ErrorKind::Io};
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMilliseconds);
    return std::unique_ptr<OrderSource>(new SqliteOrderSource(db));
}

namespace {

Result<SqliteStatement> prepareOn(const SiteDatabase *db, sqlite3 *own, const QString &sql)
{
    auto statement = own ? SqliteStatement::prepare(own, sql) : SqliteStatement::prepare(*db, sql);
    if (!statement && own)
        return readFailure(QString::fromUtf8(sqlite3_errmsg(own)));
    return statement;
}

} // namespace

Result<qint64> SqliteOrderSource::sampleOrder(const QStringList &keys, qint64 upTo, int every, const Sample &sample)
{
    QStringList ascending;
    for (const QString &key : keys)
        ascending << key + QStringLiteral(" ASC");
    // "+id": the walk follows the order's index; the bound is checked per entry.
    auto statement = prepareOn(m_db, m_own,
                               QStringLiteral("SELECT %1, id FROM credentials WHERE +id <= ?1 ORDER BY %2, id ASC")
                                   .arg(keys.join(QStringLiteral(", ")), ascending.join(QStringLiteral(", "))));
    if (!statement)
        return statement.takeError();
    SqliteStatement &s = *statement;
    s.bind(1, upTo);
    qint64 rank = 0;
    QVariantList key;
    while (s.step()) {
        if (rank % every == 0) {
            key.clear();
            for (int column = 0; column <= keys.size(); ++column) {
                if (s.columnIsText(column))
                    key << s.columnText(column);
                else
                    key << s.columnInt64(column);
            }
            if (!sample(rank, key))
                return Error{QStringLiteral("The walk of the list's order was stopped.")};
        }
        ++rank;
    }
    if (auto done = s.status(); !done)
        return readFailure(done.error());
    return rank;
}

} // namespace tc
