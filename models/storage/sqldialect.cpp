#include "sqldialect.h"

namespace tc {

QString SqlDialect::render(QString sql) const
{
    sql.replace(QStringLiteral("{ID}"), autoIdColumn);
    sql.replace(QStringLiteral("{BLOB}"), blobType);
    return sql;
}

SqlDialect SqlDialect::sqlite()
{
    SqlDialect d;
    d.driver = QStringLiteral("QSQLITE");
    // IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
    // timeout instead of failing later with SQLITE_BUSY on upgrade.
    d.beginWrite = QStringLiteral("BEGIN IMMEDIATE");
    d.autoIdColumn = QStringLiteral("INTEGER PRIMARY KEY");
    d.blobType = QStringLiteral("BLOB");
    d.connectionSetup = {
        QStringLiteral("PRAGMA busy_timeout = 15000"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        // FULL: a committed token's metadata survives power loss, not only a crash.
        QStringLiteral("PRAGMA synchronous = FULL"),
        QStringLiteral("PRAGMA cache_size = -32000"),
        QStringLiteral("PRAGMA temp_store = MEMORY"),
    };
    d.isFileBased = true;
    return d;
}

SqlDialect SqlDialect::postgres()
{
    SqlDialect d;
    d.driver = QStringLiteral("QPSQL");
    d.beginWrite = QStringLiteral("BEGIN ISOLATION LEVEL SERIALIZABLE");
    d.autoIdColumn = QStringLiteral("BIGSERIAL PRIMARY KEY");
    d.blobType = QStringLiteral("BYTEA");
    d.isFileBased = false;
    return d;
}

} // namespace tc
