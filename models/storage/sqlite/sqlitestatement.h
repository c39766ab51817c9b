#pragma once

// A prepared SQLite statement used through SQLite's own C API on a SiteDatabase
// connection, for the few hot paths where Qt's QSqlQuery costs more than the
// work itself (a verification's blocked lookup, bulk imports): no QVariant per
// value, no statement copy per execution. Everything else stays on QSqlQuery.
// SQLite only: prepare() refuses other drivers with one sentence.

#include "result.h"
#include "sqldialect.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

struct sqlite3;
struct sqlite3_stmt;

namespace tc {

class SiteDatabase;

class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // Prepares sql (placeholders ?1, ?2 … or ?) on db's connection, on db's thread.
    static Result<SqliteStatement> prepare(const SiteDatabase &db, const QString &sql);
    // The same on a connection of the caller's own (e.g. a read-only one on another thread).
    static Result<SqliteStatement> prepare(sqlite3 *handle, const QString &sql);

    bool isValid() const { return m_stmt != nullptr; }
    // Whether its connection is outside any transaction (autocommit mode).
    bool connectionIsAutocommit() const;

    // Binds by 1-based position. Text is copied by SQLite (SQLITE_TRANSIENT).
    void bind(int position, qint64 value);
    void bind(int position, QByteArrayView utf8);
    void bind(int position, QStringView text);
    void bindNull(int position);

    // Runs one step: true while a row is available; false when done or failed.
    // After false, status() tells which.
    bool step();
    Status status() const;
    // The last step's failure: its cause (from the SQLite code) and SQLite's words.
    DbFailure failure() const;

    qint64 columnInt64(int column) const;
    int columnCount() const;
    bool columnIsNull(int column) const;
    bool columnIsText(int column) const;
    // The column's UTF-8 bytes, valid until the next step() or reset().
    QByteArrayView columnUtf8(int column) const;
    QString columnText(int column) const;

    // Ready for the next execution; bindings are cleared too.
    void reset();

    // Runs the statement to completion (for writes); the error names what was done.
    Status run(const QString &what);

private:
    explicit SqliteStatement(sqlite3_stmt *stmt, sqlite3 *db) : m_stmt(stmt), m_db(db) { }

    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
    int m_lastCode = 0;
};

} // namespace tc
