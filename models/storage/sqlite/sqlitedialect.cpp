// The SQLite dialect: the only place outside SQLite's own statements that
// knows its PRAGMAs and error codes.

#include "sqldialect.h"
#include "sqlitecodes.h"

#include <sqlite3.h>

namespace tc {

DbCause sqliteCause(int code)
{
    switch (code & 0xff) { // the primary code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DbCause::Busy;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return DbCause::Corrupt;
    case SQLITE_FULL: return DbCause::Full;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return DbCause::Io;
    case SQLITE_READONLY: return DbCause::ReadOnly;
    case SQLITE_CONSTRAINT: return DbCause::Constraint;
    case SQLITE_ERROR: return DbCause::SqlError;
    default: break;
    }
    return DbCause::Other;
}

namespace {

DbCause causeOfNativeCode(const QString &nativeCode)
{
    bool ok = false;
    const int code = nativeCode.toInt(&ok);
    return ok ? sqliteCause(code) : DbCause::Other;
}

} // namespace

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
        QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMilliseconds),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        // FULL: a committed token's metadata survives power loss, not only a crash.
        QStringLiteral("PRAGMA synchronous = FULL"),
        QStringLiteral("PRAGMA cache_size = -32000"),
        QStringLiteral("PRAGMA temp_store = MEMORY"),
    };
    // WAL lets the console read while the CLI writes; it is a property of the file.
    d.creationSetup = {QStringLiteral("PRAGMA journal_mode = WAL")};
    d.checkpoint = QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)");
    d.smallCacheSetup = {QStringLiteral("PRAGMA cache_size = -8000")};
    d.credentialIndexes
        = QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'credentials'"
                         " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name");
    // The connection keeps temporary data in memory (connectionSetup), where
    // SQLite's sorter holds a whole index build unsorted, a million records in
    // one list. With files it sorts memory-sized runs (in a helper thread when
    // one is allowed) and merges them: faster, and less memory.
    d.indexBuildSetup = {QStringLiteral("PRAGMA temp_store = FILE"), QStringLiteral("PRAGMA threads = 2")};
    d.indexBuildRestore = {QStringLiteral("PRAGMA threads = 0"), QStringLiteral("PRAGMA temp_store = MEMORY")};
    // An upsert, so a kind or state no row had before starts its own count.
    const QString countNew
        = QStringLiteral("INSERT INTO credential_counts (kind, state, n) VALUES (NEW.kind, NEW.state, 1)"
                         " ON CONFLICT (kind, state) DO UPDATE SET n = n + 1;");
    const QString uncountOld
        = QStringLiteral("UPDATE credential_counts SET n = n - 1 WHERE kind = OLD.kind AND state = OLD.state;");
    d.keptCountTriggers = {
        QStringLiteral("CREATE TRIGGER credentials_counted_insert AFTER INSERT ON credentials BEGIN %1 END")
            .arg(countNew),
        QStringLiteral("CREATE TRIGGER credentials_counted_update AFTER UPDATE OF kind, state ON credentials"
                       " WHEN OLD.kind IS NOT NEW.kind OR OLD.state IS NOT NEW.state BEGIN %1 %2 END")
            .arg(uncountOld, countNew),
        QStringLiteral("CREATE TRIGGER credentials_counted_delete AFTER DELETE ON credentials BEGIN %1 END")
            .arg(uncountOld),
    };
    d.isFileBased = true;
    d.causeOf = causeOfNativeCode;
    return d;
}

} // namespace tc
