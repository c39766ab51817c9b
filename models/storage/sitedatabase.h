#pragma once

#include "result.h"
#include "sqldialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace tc {

// One connection to a site's database: opening with strict checks, the
// versioned schema and its forward migrations, and write transactions.
// A SiteDatabase belongs to the thread that opened it (a Qt SQL rule).
class SiteDatabase
{
public:
    // The newest schema this build knows. Older databases are migrated forward;
    // newer ones are refused, never touched.
    static constexpr int kSchemaVersion = 4;
    static constexpr auto kFileName = "site.db";

    enum class OpenMode { OpenExisting, CreateNew };

    ~SiteDatabase();
    SiteDatabase(const SiteDatabase &) = delete;
    SiteDatabase &operator=(const SiteDatabase &) = delete;

    static Result<std::unique_ptr<SiteDatabase>> open(const QString &path, OpenMode mode,
                                                      const SqlDialect &dialect = SqlDialect::sqlite());

    // A second connection to the same database, for another thread.
    Result<std::unique_ptr<SiteDatabase>> openAnotherConnection() const;

    const QString &path() const { return m_path; }
    const SqlDialect &dialect() const { return m_dialect; }
    QSqlDatabase connection() const { return QSqlDatabase::database(m_connectionName, false); }
    int schemaVersion() const { return m_schemaVersion; }

    // A prepared statement on this connection; failures carry the driver's text.
    Result<QSqlQuery> prepare(const QString &sql) const;
    // Runs a prepared statement; the error names what was being done.
    static Status exec(QSqlQuery &query, const QString &what);
    Status execSql(const QString &sql, const QString &what) const;
    // The error for a failed statement: what was being done, the driver's words,
    // advice for the causes an administrator can fix (a full disk, a lock), and
    // the kind, from the engine's error code.
    static Error writeFailure(const QString &what, const DbFailure &why);
    // What the driver reported for a failed query, classified by its code.
    DbFailure failureOf(const QSqlQuery &query) const;

    // Copies every page from the write-ahead log into the database file and
    // empties the log; fails if the disk cannot take the pages.
    Status checkpoint() const;
    // A smaller page cache, for a worker connection that lives for one job.
    Status useSmallCache() const;

    // The revision counter that every write transaction advances; readers poll
    // it to learn, cheaply and portably, that another process changed the site.
    Result<qint64> revision() const;

private:
    SiteDatabase(QString path, QString connectionName, SqlDialect dialect);
    Status migrate(OpenMode mode);

    QString m_path;
    QString m_connectionName;
    QString m_openFileKey; // this connection's entry in the process's open-files count
    SqlDialect m_dialect;
    int m_schemaVersion = 0;
    mutable std::optional<QSqlQuery> m_revisionQuery; // prepared once: read on every verification
};

// A write transaction: BEGIN IMMEDIATE on SQLite, rolled back by the destructor
// unless commit() succeeded. Its revision() stamps every row it changes.
class WriteTransaction
{
public:
    explicit WriteTransaction(const SiteDatabase &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    // Empty when BEGIN succeeded and the revision was advanced.
    const Status &status() const { return m_status; }
    qint64 revision() const { return m_revision; }
    Status commit();

private:
    const SiteDatabase &m_db;
    Status m_status;
    qint64 m_revision = 0;
    bool m_open = false;
};

// A savepoint inside a WriteTransaction: one change of a group commit, rolled
// back alone when it is refused (SQL's SAVEPOINT, the same in every backend).
class Savepoint
{
public:
    explicit Savepoint(const SiteDatabase &db);
    ~Savepoint(); // rolls back to the savepoint unless released
    Savepoint(const Savepoint &) = delete;
    Savepoint &operator=(const Savepoint &) = delete;

    const Status &status() const { return m_status; }
    Status release();

private:
    const SiteDatabase &m_db;
    Status m_status;
    bool m_open = false;
};

} // namespace tc
