#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

namespace tc {

// How long a connection waits for another program's lock before it gives up
// (SQLite's busy timeout; the same wait for the site's creation lock).
inline constexpr int kBusyTimeoutMilliseconds = 15000;

// What went wrong in the database engine, from its error code (never its text).
enum class DbCause { Other, SqlError, Busy, Corrupt, Full, Io, ReadOnly, Constraint };
ErrorKind errorKindOf(DbCause cause);

// A failure reported by the database driver: its cause and the driver's words.
struct DbFailure
{
    DbCause cause = DbCause::Other;
    QString text;
};

// Every difference between SQL dialects lives here, so the rest of the code is
// portable SQL. SQLite is the one backend so far (storage/sqlite/sqlitedialect.cpp).
struct SqlDialect
{
    QString driver;       // Qt driver name
    QString beginWrite;   // starts a write transaction that takes the write lock now
    QString autoIdColumn; // an integer primary key the database assigns
    QString blobType;
    QStringList connectionSetup; // statements run on every new connection
    QStringList creationSetup;   // statements run once on a new database, before its schema
    QString checkpoint;          // folds the write-ahead log into the database file (may be empty)
    QStringList smallCacheSetup; // for a short-lived worker connection: a smaller page cache
    // Selects (name, CREATE statement) of the credentials table's non-unique indexes.
    QString credentialIndexes;
    // Triggers keeping credential_counts (kind, state, n) equal to the rows of
    // credentials, in the transaction that inserts, updates or deletes them.
    QStringList keptCountTriggers;
    // The substring search index over credentials (name and own thumbprint):
    // its table, its first filling and the triggers that keep it in the
    // transaction that writes the rows.
    QStringList searchIndexSetup;
    // "SELECT <id> FROM <index> WHERE <matches ?>": the ids of rows that may
    // contain the text whose searchMatch() is bound (a superset: the caller
    // checks each with LIKE). Empty when the backend has no such index.
    QString searchCandidates;
    // The value to bind to searchCandidates for text, or empty when the index
    // cannot answer for it (fewer than three characters).
    QString (*searchMatch)(const QString &text) = nullptr;
    // Around rebuilding indexes after a bulk import (best effort), and back.
    QStringList indexBuildSetup;
    QStringList indexBuildRestore;
    bool isFileBased = true;                                 // a site folder holds the database file
    DbCause (*causeOf)(const QString &nativeCode) = nullptr; // classifies the driver's error code

    // Substitutes {ID}, {BLOB} in a portable schema statement.
    QString render(QString sql) const;

    static SqlDialect sqlite();
};

} // namespace tc
