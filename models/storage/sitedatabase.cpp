#include "sitedatabase.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QStorageInfo>
#include <QStringList>

#include <optional>

namespace tc {

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("tc-site-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString driverText(const QSqlError &error)
{
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.trimmed();
}

DbFailure failureFrom(const SqlDialect &dialect, const QSqlError &error)
{
    return DbFailure{dialect.causeOf ? dialect.causeOf(error.nativeErrorCode()) : DbCause::Other, driverText(error)};
}

// Schema steps, oldest first: step i brings the database from version i to i+1.
// Never edit a released step; append a new one.
const QList<QStringList> &schemaSteps()
{
    static const QList<QStringList> steps = {
        {
            QStringLiteral("CREATE TABLE schema_info (version INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE site_info (name TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO revision (id, value) VALUES (1, 0)"),
            // One row per item of the Certificates node: site certificates and bulk
            // registration tokens, so the console lists, sorts and filters one table.
            QStringLiteral("CREATE TABLE credentials ("
                           " id {ID},"
                           " kind INTEGER NOT NULL,"            // CredentialKind
                           " name TEXT NOT NULL,"               // token GUID, or certificate common name
                           " state INTEGER NOT NULL DEFAULT 0," // CredentialState
                           " not_before INTEGER NOT NULL,"      // Unix seconds, UTC
                           " not_after INTEGER NOT NULL,"
                           " lifetime_minutes INTEGER NOT NULL,"
                           " issuer TEXT NOT NULL,"   // common name of the signer or issuer
                           " thumbprint TEXT,"        // a certificate's own SHA-1 thumbprint
                           " signer_thumbprint TEXT," // thumbprint of the certificate that signed it
                           " created_at INTEGER NOT NULL,"
                           " created_by TEXT NOT NULL,"
                           " blocked_at INTEGER,"
                           " blocked_by TEXT,"
                           " block_reason TEXT,"
                           " change_seq INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX credentials_name ON credentials (name)"),
            QStringLiteral("CREATE INDEX credentials_kind ON credentials (kind)"),
            QStringLiteral("CREATE INDEX credentials_not_after ON credentials (not_after)"),
            QStringLiteral("CREATE INDEX credentials_not_before ON credentials (not_before)"),
            // (state, not_after) is the Status order: Expired < Active < Blocked < Superseded.
            QStringLiteral("CREATE INDEX credentials_state ON credentials (state, not_after)"),
            QStringLiteral("CREATE INDEX credentials_change_seq ON credentials (change_seq)"),
            // Partial: only certificates have a thumbprint of their own.
            QStringLiteral("CREATE UNIQUE INDEX credentials_thumbprint ON credentials (thumbprint)"
                           " WHERE thumbprint IS NOT NULL"),
            // One index per remaining sortable column of the Certificates list, so every
            // ORDER BY <column>, id LIMIT reads an index (CredentialQuery::sortKeys).
            // Low-cardinality columns with ids ascending append at the index's end,
            // which keeps their cost on bulk inserts small.
            QStringLiteral("CREATE INDEX credentials_lifetime ON credentials (lifetime_minutes)"),
            QStringLiteral("CREATE INDEX credentials_issuer ON credentials (issuer)"),
            QStringLiteral("CREATE INDEX credentials_shown_thumbprint ON credentials ((coalesce(thumbprint, "
                           "signer_thumbprint, '')))"),
            QStringLiteral("CREATE INDEX credentials_created_by ON credentials (created_by)"),
            QStringLiteral("CREATE INDEX credentials_blocked_by ON credentials ((coalesce(blocked_by, '')))"),
            QStringLiteral("CREATE TABLE certificates ("
                           " thumbprint TEXT PRIMARY KEY,"
                           " credential_id INTEGER NOT NULL UNIQUE REFERENCES credentials (id),"
                           " der {BLOB} NOT NULL,"
                           " key_file TEXT NOT NULL,"
                           " subject TEXT NOT NULL,"
                           " issuer_subject TEXT NOT NULL,"
                           " serial TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE audit ("
                           " id {ID},"
                           " at INTEGER NOT NULL,"
                           " actor TEXT NOT NULL,"
                           " action TEXT NOT NULL,"
                           " target TEXT NOT NULL,"
                           " detail TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX audit_target ON audit (target)"),
        },
        {
            // Devices registered with the management point. The certificate
            // thumbprint is the device's identity: re-registering with the same
            // certificate finds the same row.
            QStringLiteral("CREATE TABLE devices ("
                           " id {ID},"
                           " guid TEXT NOT NULL UNIQUE,"
                           " name TEXT NOT NULL,"
                           " cert_thumbprint TEXT NOT NULL UNIQUE," // base64url SHA-256 (x5t#S256)
                           " registered_at INTEGER NOT NULL,"
                           " registered_via TEXT,"                // bulk token GUID; NULL: internal network
                           " pending INTEGER NOT NULL DEFAULT 0," // 1: waits for an administrator's approval
                           " approved_at INTEGER,"
                           " approved_by TEXT,"
                           " blocked_at INTEGER,"
                           " blocked_by TEXT,"
                           " block_reason TEXT,"
                           " last_seen_at INTEGER,"
                           " renewals INTEGER NOT NULL DEFAULT 0,"
                           " token_not_after INTEGER," // expiry of the newest client token
                           " token_signer TEXT,"       // thumbprint of its signing certificate
                           " change_seq INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX devices_registered_via ON devices (registered_via)"),
            QStringLiteral("CREATE INDEX devices_change_seq ON devices (change_seq)"),
            // The metadata of every client token issued (never the token).
            QStringLiteral("CREATE TABLE client_tokens ("
                           " id {ID},"
                           " guid TEXT NOT NULL UNIQUE,"
                           " device_id INTEGER NOT NULL REFERENCES devices (id),"
                           " not_before INTEGER NOT NULL,"
                           " not_after INTEGER NOT NULL,"
                           " signer_thumbprint TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX client_tokens_device ON client_tokens (device_id)"),
            // A bulk token's usage and optional limits; a row once either exists.
            QStringLiteral("CREATE TABLE bulk_token_usage ("
                           " credential_id INTEGER PRIMARY KEY REFERENCES credentials (id),"
                           " registrations INTEGER NOT NULL DEFAULT 0,"
                           " last_used_at INTEGER,"
                           " max_uses INTEGER,"
                           " description TEXT)"),
        },
        {
            // Row counts per kind and state, kept by triggers in the transaction that
            // changes the rows: the list's size and its blocked count are read, not
            // counted (a COUNT over ten million rows is a scan of their index).
            QStringLiteral("CREATE TABLE credential_counts ("
                           " kind INTEGER NOT NULL,"
                           " state INTEGER NOT NULL,"
                           " n INTEGER NOT NULL,"
                           " PRIMARY KEY (kind, state))"),
            QStringLiteral("INSERT INTO credential_counts (kind, state, n)"
                           " SELECT kind, state, COUNT(*) FROM credentials GROUP BY kind, state"),
            QStringLiteral("{KEPT_COUNT_TRIGGERS}"),
        },
        {
            // The substring search index (SqlDialect::searchIndexSetup): a search
            // need not hold the site's names in memory, nor wait for them to be read.
            QStringLiteral("{SEARCH_INDEX}"),
        },
    };
    return steps;
}

// Database files with a connection open in this process, by canonical path.
// POSIX releases every lock a process holds on a file as soon as it closes any
// descriptor of that file, so reading the header with a plain QFile while one
// of our SQLite connections has the database open would silently drop that
// connection's locks: another process closing last would then delete the WAL
// under it. SQLite's own descriptors share their locks and do not do this.
// Checking a file and counting its connection are one step under opening():
// threads that open at once (the management point's workers) would otherwise
// each find no connection counted and check the file while another's
// connection already holds its lock.
class OpenFiles
{
public:
    QMutex &opening() { return m_opening; }
    static OpenFiles &instance()
    {
        static OpenFiles files;
        return files;
    }
    bool contains(const QString &path)
    {
        const QString key = QFileInfo(path).canonicalFilePath();
        QMutexLocker lock(&m_mutex);
        return !key.isEmpty() && m_count.value(key) > 0;
    }
    QString add(const QString &path)
    {
        const QString key = QFileInfo(path).canonicalFilePath();
        if (key.isEmpty())
            return key;
        QMutexLocker lock(&m_mutex);
        ++m_count[key];
        return key;
    }
    void remove(const QString &key)
    {
        if (key.isEmpty())
            return;
        QMutexLocker lock(&m_mutex);
        if (--m_count[key] <= 0)
            m_count.remove(key);
    }

private:
    QMutex m_opening;
    QMutex m_mutex;
    QHash<QString, int> m_count;
};

// Checks a file before SQLite sees it, so that what we refuse is left untouched.
Status checkExistingFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return Error{QStringLiteral("The site database %1 is a folder, not a file.").arg(path), ErrorKind::Corrupt};
    if (!info.exists())
        return Error{QStringLiteral("The site database %1 does not exist.").arg(path), ErrorKind::NotFound};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("The site database %1 cannot be read: %2.").arg(path, file.errorString()),
                     ErrorKind::Io};
    if (file.size() == 0)
        return Error{QStringLiteral("The site database %1 is empty (zero bytes); restore it from a backup.").arg(path),
                     ErrorKind::Corrupt};
    const QByteArray header = file.read(100);
    if (!header.startsWith(QByteArray("SQLite format 3\0", 16)))
        return Error{QStringLiteral("The site database %1 is not an SQLite database; it may be corrupt.").arg(path),
                     ErrorKind::Corrupt};
    if (header.size() < 100)
        return Error{QStringLiteral("The site database %1 is truncated (%2 bytes); restore it from a backup.")
                         .arg(path)
                         .arg(file.size()),
                     ErrorKind::Corrupt};
    // A file shorter than the page count in its header lost its tail (a partial
    // copy or restore). SQLite would read on until it met the gap, and might even
    // write into the damaged file; refuse before it opens. Only when no WAL file
    // exists: while another process checkpoints, the header can briefly run ahead.
    if (!QFileInfo::exists(path + QStringLiteral("-wal"))) {
        const auto be32 = [&header](int at) {
            return quint32(quint8(header[at])) << 24 | quint32(quint8(header[at + 1])) << 16
                | quint32(quint8(header[at + 2])) << 8 | quint32(quint8(header[at + 3]));
        };
        const quint32 rawPageSize = quint32(quint8(header[16])) << 8 | quint8(header[17]);
        const qint64 pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
        const qint64 pages = be32(28);
        const bool pageCountValid = pages > 0 && be32(24) == be32(92); // SQLite's own validity rule
        if (pageCountValid && file.size() < pageSize * pages)
            return Error{QStringLiteral("The site database %1 is truncated (%2 of %3 bytes); restore it from a backup.")
                             .arg(path)
                             .arg(file.size())
                             .arg(pageSize * pages),
                         ErrorKind::Corrupt};
    }
    if (!info.isWritable())
        return Error{
            QStringLiteral("The site database %1 is read-only; give your account write access to it.").arg(path),
            ErrorKind::Io};
    if (!QFileInfo(info.absolutePath()).isWritable())
        return Error{QStringLiteral("The site folder %1 is read-only; give your account write access to it.")
                         .arg(info.absolutePath()),
                     ErrorKind::Io};
    return {};
}

// One sentence for a database that fails while being opened or written, with
// advice for the causes an administrator can fix (the driver's words in brackets).
Error describeFailure(const QString &path, const DbFailure &failure)
{
    const QString &why = failure.text;
    const ErrorKind kind = errorKindOf(failure.cause);
    switch (failure.cause) {
    case DbCause::Corrupt:
        return Error{QStringLiteral("The site database %1 is damaged (%2); restore it from a backup.").arg(path, why),
                     kind};
    case DbCause::Full:
    case DbCause::Io: {
        const QStorageInfo volume(QFileInfo(path).absolutePath());
        if (volume.isValid() && volume.bytesAvailable() < 1024 * 1024)
            return Error{
                QStringLiteral("The disk holding the site database %1 is full (%2); free some space and try again.")
                    .arg(path, why),
                kind};
        return Error{
            QStringLiteral("The site database %1 cannot be written (%2); check the disk and any file size limit "
                           "(ulimit -f).")
                .arg(path, why),
            kind};
    }
    case DbCause::ReadOnly:
        return Error{
            QStringLiteral("The site database %1 is read-only (%2); give your account write access to it and its "
                           "folder.")
                .arg(path, why),
            kind};
    case DbCause::Busy:
        return Error{
            QStringLiteral("The site database %1 stayed busy for longer than the %2-second wait (%3); try again.")
                .arg(path)
                .arg(kBusyTimeoutMilliseconds / 1000)
                .arg(why),
            kind};
    case DbCause::SqlError:
    case DbCause::Constraint:
    case DbCause::Other: break;
    }
    return Error{QStringLiteral("The site database %1 cannot be used (%2).").arg(path, why), kind};
}

} // namespace

SiteDatabase::SiteDatabase(QString path, QString connectionName, SqlDialect dialect)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName)), m_dialect(std::move(dialect))
{ }

SiteDatabase::~SiteDatabase()
{
    m_revisionQuery.reset(); // a statement must not outlive its connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    OpenFiles::instance().remove(m_openFileKey);
}

Result<std::unique_ptr<SiteDatabase>> SiteDatabase::open(const QString &path, OpenMode mode, const SqlDialect &dialect)
{
    std::optional<QMutexLocker<QMutex>> opening;
    if (dialect.isFileBased) {
        opening.emplace(&OpenFiles::instance().opening());
        // Checked once, before the first connection: a second one must not open a
        // descriptor of its own (see OpenFiles), and the first was checked already.
        if (mode == OpenMode::OpenExisting) {
            if (!OpenFiles::instance().contains(path)) {
                if (auto checked = checkExistingFile(path); !checked)
                    return checked.takeError();
            }
        } else if (QFileInfo::exists(path)) {
            return Error{QStringLiteral("A site database already exists at %1.").arg(path), ErrorKind::Conflict};
        }
    }
    if (!QSqlDatabase::isDriverAvailable(dialect.driver))
        return Error{QStringLiteral("The Qt SQL driver %1 is not installed.").arg(dialect.driver)};

    std::unique_ptr<SiteDatabase> site(new SiteDatabase(path, uniqueConnectionName(), dialect));
    QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driver, site->m_connectionName);
    db.setDatabaseName(path);
    if (dialect.isFileBased && mode == OpenMode::OpenExisting)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI"));
    if (!db.open())
        return describeFailure(path, failureFrom(dialect, db.lastError()));
    if (dialect.isFileBased)
        site->m_openFileKey = OpenFiles::instance().add(path);
    opening.reset();
    for (const QString &statement : dialect.connectionSetup) {
        QSqlQuery query(site->connection());
        if (!query.exec(statement))
            return describeFailure(path, failureFrom(dialect, query.lastError()));
    }
    if (auto migrated = site->migrate(mode); !migrated)
        return migrated.takeError();
    return site;
}

Result<std::unique_ptr<SiteDatabase>> SiteDatabase::openAnotherConnection() const
{
    return open(m_path, OpenMode::OpenExisting, m_dialect);
}

Status SiteDatabase::migrate(OpenMode mode)
{
    const auto &steps = schemaSteps();
    int version = 0;
    if (mode == OpenMode::OpenExisting) {
        QSqlQuery query(connection());
        if (!query.exec(QStringLiteral("SELECT version FROM schema_info")) || !query.next()) {
            const DbFailure failure = failureOf(query);
            // A plain SQL error here is a missing table: another program's database.
            if (failure.cause == DbCause::SqlError)
                return Error{QStringLiteral("%1 is not a Token Console site database.").arg(m_path),
                             ErrorKind::Corrupt};
            if (failure.cause == DbCause::Busy)
                return describeFailure(m_path, failure);
            return Error{
                QStringLiteral("The site database %1 is damaged and cannot be read (%2); restore it from a backup.")
                    .arg(m_path, failure.text.isEmpty() ? QStringLiteral("no schema version") : failure.text),
                ErrorKind::Corrupt};
        }
        version = query.value(0).toInt();
        if (version > kSchemaVersion)
            return Error{
                QStringLiteral("The site database %1 has schema version %2, newer than this program understands (%3); "
                               "update Token Console.")
                    .arg(m_path)
                    .arg(version)
                    .arg(kSchemaVersion),
                ErrorKind::Corrupt};
        if (version < 1)
            return Error{
                QStringLiteral("The site database %1 has an invalid schema version %2.").arg(m_path).arg(version)};
    } else {
        for (const QString &statement : m_dialect.creationSetup) {
            if (auto done = execSql(statement, QStringLiteral("prepare the new database")); !done)
                return done;
        }
    }
    m_schemaVersion = version;
    if (version == kSchemaVersion)
        return {};

    // Migrations run in one plain transaction (the revision table may not exist yet).
    if (auto begun = execSql(m_dialect.beginWrite, QStringLiteral("start the schema update")); !begun)
        return begun;
    auto rollback = qScopeGuard([this] { (void)execSql(QStringLiteral("ROLLBACK"), QStringLiteral("roll back")); });
    for (int step = version; step < kSchemaVersion; ++step) {
        for (const QString &statement : steps.at(step)) {
            // Triggers and the search index are written in each dialect's own syntax.
            QStringList rendered{m_dialect.render(statement)};
            if (statement == QLatin1String("{KEPT_COUNT_TRIGGERS}"))
                rendered = m_dialect.keptCountTriggers;
            else if (statement == QLatin1String("{SEARCH_INDEX}"))
                rendered = m_dialect.searchIndexSetup;
            for (const QString &sql : rendered) {
                if (auto done = execSql(sql, QStringLiteral("update the schema")); !done)
                    return done;
            }
        }
    }
    const QString setVersion = version == 0 ? QStringLiteral("INSERT INTO schema_info (version) VALUES (%1)")
                                            : QStringLiteral("UPDATE schema_info SET version = %1");
    if (auto done = execSql(setVersion.arg(kSchemaVersion), QStringLiteral("record the schema version")); !done)
        return done;
    if (auto done = execSql(QStringLiteral("COMMIT"), QStringLiteral("commit the schema update")); !done)
        return done;
    rollback.dismiss();
    m_schemaVersion = kSchemaVersion;
    return {};
}

Result<QSqlQuery> SiteDatabase::prepare(const QString &sql) const
{
    QSqlQuery query(connection());
    if (!query.prepare(sql))
        return Error{
            QStringLiteral("The site database could not prepare a statement: %1.").arg(driverText(query.lastError()))};
    return query;
}

Error SiteDatabase::writeFailure(const QString &what, const DbFailure &why)
{
    const ErrorKind kind = errorKindOf(why.cause);
    if (why.cause == DbCause::Full)
        return Error{
            QStringLiteral("The site database could not %1: %2; free some disk space and try again (nothing was "
                           "changed).")
                .arg(what, why.text),
            kind};
    if (why.cause == DbCause::Busy)
        return Error{
            QStringLiteral("The site database could not %1: another program kept it busy for more than %2 seconds; "
                           "try again (nothing was changed).")
                .arg(what)
                .arg(kBusyTimeoutMilliseconds / 1000),
            kind};
    return Error{QStringLiteral("The site database could not %1: %2.").arg(what, why.text), kind};
}

DbFailure SiteDatabase::failureOf(const QSqlQuery &query) const
{
    return failureFrom(m_dialect, query.lastError());
}

Status SiteDatabase::checkpoint() const
{
    if (m_dialect.checkpoint.isEmpty())
        return {};
    QSqlQuery query(connection());
    if (!query.exec(m_dialect.checkpoint) || !query.next())
        return writeFailure(QStringLiteral("fold its write-ahead log into the file"), failureOf(query));
    if (query.value(0).toInt() != 0)
        return Error{
            QStringLiteral("The site database could not fold its write-ahead log into the file: the checkpoint "
                           "was blocked."),
            ErrorKind::Busy};
    return {};
}

Status SiteDatabase::useSmallCache() const
{
    for (const QString &statement : m_dialect.smallCacheSetup) {
        if (auto done = execSql(statement, QStringLiteral("size the page cache")); !done)
            return done;
    }
    return {};
}

Status SiteDatabase::exec(QSqlQuery &query, const QString &what)
{
    if (!query.exec()) {
        // A static helper: the dialect comes from the query's driver.
        const bool sqlite = query.driver() && query.driver()->dbmsType() == QSqlDriver::SQLite;
        return writeFailure(what, failureFrom(sqlite ? SqlDialect::sqlite() : SqlDialect{}, query.lastError()));
    }
    return {};
}

Status SiteDatabase::execSql(const QString &sql, const QString &what) const
{
    QSqlQuery query(connection());
    if (!query.exec(sql))
        return writeFailure(what, failureFrom(m_dialect, query.lastError()));
    return {};
}

Result<qint64> SiteDatabase::revision() const
{
    if (!m_revisionQuery) {
        QSqlQuery query(connection());
        if (!query.prepare(QStringLiteral("SELECT value FROM revision WHERE id = 1")))
            return Error{QStringLiteral("The site database could not read its revision: %1.")
                             .arg(driverText(query.lastError()))};
        m_revisionQuery = std::move(query);
    }
    QSqlQuery &query = *m_revisionQuery;
    if (!query.exec() || !query.next()) {
        const QString why = driverText(query.lastError());
        query.finish();
        return Error{QStringLiteral("The site database could not read its revision: %1.").arg(why)};
    }
    const qint64 value = query.value(0).toLongLong();
    query.finish(); // release the read snapshot at once
    return value;
}

WriteTransaction::WriteTransaction(const SiteDatabase &db) : m_db(db)
{
    m_status = db.execSql(db.dialect().beginWrite, QStringLiteral("start a write transaction"));
    if (!m_status)
        return;
    m_open = true;
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("UPDATE revision SET value = value + 1 WHERE id = 1"))
        || !query.exec(QStringLiteral("SELECT value FROM revision WHERE id = 1")) || !query.next()) {
        m_status = Error{
            QStringLiteral("The site database could not advance its revision: %1.").arg(driverText(query.lastError()))};
        return;
    }
    m_revision = query.value(0).toLongLong();
}

WriteTransaction::~WriteTransaction()
{
    if (m_open)
        (void)m_db.execSql(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
}

Status WriteTransaction::commit()
{
    if (!m_status)
        return m_status;
    if (auto done = m_db.execSql(QStringLiteral("COMMIT"), QStringLiteral("commit the change")); !done)
        return done;
    m_open = false;
    return {};
}

Savepoint::Savepoint(const SiteDatabase &db) : m_db(db)
{
    m_status = db.execSql(QStringLiteral("SAVEPOINT change"), QStringLiteral("start a change"));
    m_open = bool(m_status);
}

Savepoint::~Savepoint()
{
    if (!m_open)
        return;
    (void)m_db.execSql(QStringLiteral("ROLLBACK TO change"), QStringLiteral("roll back a change"));
    (void)m_db.execSql(QStringLiteral("RELEASE change"), QStringLiteral("end a change"));
}

Status Savepoint::release()
{
    if (!m_status)
        return m_status;
    if (auto done = m_db.execSql(QStringLiteral("RELEASE change"), QStringLiteral("end a change")); !done)
        return done;
    m_open = false;
    return {};
}

} // namespace tc
