#include "sqlitecredentialreader.h"

#include "credentialcolumns.h"
#include "sqlitestatement.h"

#include <QDateTime>

namespace tc {

namespace {

Result<SqliteStatement> prepareRead(const SiteDatabase &db, const QString &sql, const QVariantList &binds)
{
    auto prepared = SqliteStatement::prepare(db, sql);
    if (!prepared)
        return prepared.takeError();
    SqliteStatement &statement = *prepared;
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &v = binds.at(i);
        if (v.isNull())
            statement.bindNull(i + 1);
        else if (v.typeId() == QMetaType::QString)
            statement.bind(i + 1, QStringView(v.toString()));
        else if (v.typeId() == QMetaType::QDateTime)
            statement.bind(i + 1, v.toDateTime().toSecsSinceEpoch());
        else
            statement.bind(i + 1, v.toLongLong());
    }
    return prepared;
}

Status finished(const SqliteStatement &statement, const char *what)
{
    if (auto status = statement.status(); !status)
        return Error{QStringLiteral("The site database could not %1: %2.").arg(QLatin1String(what), status.error()),
                     status.errorKind()};
    return {};
}

// One result row for decodeCredential(). Issuer, signer and creator repeat from
// row to row: equal text shares one string.
class StatementRow
{
public:
    explicit StatementRow(const SqliteStatement &statement) : m_statement(statement) { }
    qint64 integer(int column) const { return m_statement.columnInt64(column); }
    bool isNull(int column) const { return m_statement.columnIsNull(column); }
    QString text(int column) const { return m_statement.columnText(column); }
    QString sharedText(int column) const
    {
        if (m_statement.columnIsNull(column))
            return QString();
        const QByteArrayView utf8 = m_statement.columnUtf8(column);
        if (utf8 != QByteArrayView(m_lastUtf8[column]) || m_last[column].isNull()) {
            m_lastUtf8[column] = utf8.toByteArray();
            m_last[column] = QString::fromUtf8(utf8);
        }
        return m_last[column];
    }

private:
    const SqliteStatement &m_statement;
    mutable QString m_last[16];
    mutable QByteArray m_lastUtf8[16];
};

} // namespace

Result<QList<CredentialRecord>> SqliteCredentialReader::records(const QString &tail, const QVariantList &binds)
{
    auto statement
        = prepareRead(m_db, QStringLiteral("SELECT %1 FROM credentials").arg(credentialColumns()) + tail, binds);
    if (!statement)
        return statement.takeError();
    QList<CredentialRecord> rows;
    const StatementRow row(*statement);
    while (statement->step())
        rows << decodeCredential(row);
    if (auto done = finished(*statement, "read the list"); !done)
        return done.takeError();
    return rows;
}

Result<QList<qint64>> SqliteCredentialReader::integers(const QString &sql, const QVariantList &binds)
{
    auto statement = prepareRead(m_db, sql, binds);
    if (!statement)
        return statement.takeError();
    QList<qint64> values;
    while (statement->step())
        values << statement->columnInt64(0);
    if (auto done = finished(*statement, "read the list"); !done)
        return done.takeError();
    return values;
}

Result<qint64> SqliteCredentialReader::scalar(const QString &sql, const QVariantList &binds)
{
    auto statement = prepareRead(m_db, sql, binds);
    if (!statement)
        return statement.takeError();
    const qint64 value = statement->step() ? statement->columnInt64(0) : 0;
    if (auto done = finished(*statement, "count the list"); !done)
        return done.takeError();
    return value;
}

} // namespace tc
