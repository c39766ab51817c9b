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

// FTS5's trigram tokenizer indexes every three characters; a text of three or
// more is found through the trigrams it contains, each quoted as one term
// (detail=none keeps no positions, so no phrase: rows holding all of them are
// candidates, which the caller checks with LIKE).
QString trigramMatch(const QString &text)
{
    const QList<uint> characters = text.toUcs4();
    if (characters.size() < 3)
        return {};
    QStringList terms;
    for (qsizetype i = 0; i + 3 <= characters.size(); ++i) {
        QString gram = QString::fromUcs4(reinterpret_cast<const char32_t *>(characters.constData() + i), 3);
        gram.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        const QString term = QLatin1Char('"') + gram + QLatin1Char('"');
        if (!terms.contains(term))
            terms << term;
    }
    return terms.join(QStringLiteral(" AND "));
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
    // Contentless (the text stays in credentials) and without positions: at ten
    // million GUIDs about 60 bytes a row on disk, and a six-character search
    // reads four short lists of row ids.
    d.searchIndexSetup = {
        QStringLiteral("CREATE VIRTUAL TABLE credential_search USING fts5(name, thumbprint, tokenize = 'trigram',"
                       " content = '', detail = none, columnsize = 0)"),
        QStringLiteral("INSERT INTO credential_search (rowid, name, thumbprint)"
                       " SELECT id, name, coalesce(thumbprint, '') FROM credentials"),
        QStringLiteral("CREATE TRIGGER credentials_searched_insert AFTER INSERT ON credentials BEGIN"
                       " INSERT INTO credential_search (rowid, name, thumbprint)"
                       " VALUES (NEW.id, NEW.name, coalesce(NEW.thumbprint, '')); END"),
        // A contentless index forgets a row only when told its values.
        QStringLiteral("CREATE TRIGGER credentials_searched_delete AFTER DELETE ON credentials BEGIN"
                       " INSERT INTO credential_search (credential_search, rowid, name, thumbprint)"
                       " VALUES ('delete', OLD.id, OLD.name, coalesce(OLD.thumbprint, '')); END"),
        QStringLiteral(
            "CREATE TRIGGER credentials_searched_update AFTER UPDATE OF name, thumbprint ON credentials BEGIN"
            " INSERT INTO credential_search (credential_search, rowid, name, thumbprint)"
            " VALUES ('delete', OLD.id, OLD.name, coalesce(OLD.thumbprint, ''));"
            " INSERT INTO credential_search (rowid, name, thumbprint)"
            " VALUES (NEW.id, NEW.name, coalesce(NEW.thumbprint, '')); END"),
    };
    d.searchCandidates = QStringLiteral("SELECT rowid FROM credential_search WHERE credential_search MATCH ?");
    d.searchMatch = trigramMatch;
    d.isFileBased = true;
    d.causeOf = causeOfNativeCode;
    return d;
}

} // namespace tc
