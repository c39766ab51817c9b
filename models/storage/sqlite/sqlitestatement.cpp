#include "sqlitestatement.h"

#include "sqlitecodes.h"

#include "sitedatabase.h"

#include <QSqlDriver>
#include <QVariant>
#include <sqlite3.h>

namespace tc {

namespace {

sqlite3 *handleOf(const SiteDatabase &db)
{
    const QVariant handle = db.connection().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

} // namespace

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(std::exchange(other.m_db, nullptr)),
      m_lastCode(other.m_lastCode)
{ }

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = std::exchange(other.m_db, nullptr);
        m_lastCode = other.m_lastCode;
    }
    return *this;
}

Result<SqliteStatement> SqliteStatement::prepare(const SiteDatabase &db, const QString &sql)
{
    sqlite3 *handle = handleOf(db);
    if (!handle)
        return Error{QStringLiteral("This operation needs an SQLite site database.")};
    return prepare(handle, sql);
}

Result<SqliteStatement> SqliteStatement::prepare(sqlite3 *handle, const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(handle, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr)
        != SQLITE_OK) {
        return Error{QStringLiteral("The site database could not prepare a statement: %1.")
                         .arg(QString::fromUtf8(sqlite3_errmsg(handle)))};
    }
    return SqliteStatement(stmt, handle);
}

void SqliteStatement::bind(int position, qint64 value)
{
    sqlite3_bind_int64(m_stmt, position, value);
}

void SqliteStatement::bind(int position, QByteArrayView utf8)
{
    sqlite3_bind_text(m_stmt, position, utf8.data(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int position, QStringView text)
{
    sqlite3_bind_text16(m_stmt, position, text.utf16(), int(text.size() * 2), SQLITE_TRANSIENT);
}

void SqliteStatement::bindNull(int position)
{
    sqlite3_bind_null(m_stmt, position);
}

bool SqliteStatement::step()
{
    m_lastCode = sqlite3_step(m_stmt);
    return m_lastCode == SQLITE_ROW;
}

Status SqliteStatement::status() const
{
    if (m_lastCode == SQLITE_OK || m_lastCode == SQLITE_ROW || m_lastCode == SQLITE_DONE)
        return {};
    const DbFailure why = failure();
    return Error{why.text, errorKindOf(why.cause)};
}

DbFailure SqliteStatement::failure() const
{
    return DbFailure{sqliteCause(m_lastCode), QString::fromUtf8(sqlite3_errmsg(m_db))};
}

qint64 SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool SqliteStatement::connectionIsAutocommit() const
{
    return m_db && sqlite3_get_autocommit(m_db) != 0;
}

int SqliteStatement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool SqliteStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

bool SqliteStatement::columnIsText(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_TEXT;
}

QByteArrayView SqliteStatement::columnUtf8(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QByteArrayView(text, sqlite3_column_bytes(m_stmt, column));
}

QString SqliteStatement::columnText(int column) const
{
    const QByteArrayView utf8 = columnUtf8(column);
    return QString::fromUtf8(utf8.data(), utf8.size());
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_lastCode = SQLITE_OK;
}

Status SqliteStatement::run(const QString &what)
{
    while (step()) { }
    const bool failed = !status();
    const DbFailure why = failed ? failure() : DbFailure{};
    reset();
    if (failed)
        return SiteDatabase::writeFailure(what, why);
    return {};
}

} // namespace tc
