#include "sqlitecredentialreader.h"

#include "credentialcolumns.h"
#include "sqlitestatement.h"

#include <QDateTime>

#include <array>
#include <map>
#include <optional>

namespace tc {

namespace {

void bindAll(SqliteStatement &statement, const QVariantList &binds)
{
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
}

Result<SqliteStatement> prepareRead(const SiteDatabase &db, const QString &sql, const QVariantList &binds)
{
    auto prepared = SqliteStatement::prepare(db, sql);
    if (!prepared)
        return prepared.takeError();
    bindAll(*prepared, binds);
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

namespace {

class SqliteBatch final : public CredentialReader::Batch
{
public:
    // The batch's reads share one read transaction (one snapshot): each on its
    // own would take and release the WAL's read lock, a few system calls, ten
    // thousand times.
    explicit SqliteBatch(const SiteDatabase &db) : m_db(db)
    {
        if (auto begin = SqliteStatement::prepare(m_db, QStringLiteral("BEGIN"));
            begin && begin->connectionIsAutocommit() && begin->run(QStringLiteral("begin a read")))
            m_began = true;
    }
    ~SqliteBatch() override
    {
        m_statements.clear(); // finalized before the transaction ends
        if (m_began) {
            if (auto commit = SqliteStatement::prepare(m_db, QStringLiteral("COMMIT")))
                (void)commit->run(QStringLiteral("end a read"));
        }
    }
    SqliteBatch(const SqliteBatch &) = delete;
    SqliteBatch &operator=(const SqliteBatch &) = delete;

    Result<QList<qint64>> row(const QString &sql, const QVariantList &binds) override
    {
        auto prepared = statementFor(sql, binds);
        if (!prepared)
            return prepared.takeError();
        SqliteStatement &statement = **prepared;
        QList<qint64> values;
        if (statement.step()) {
            for (int column = 0; column < statement.columnCount(); ++column)
                values << statement.columnInt64(column);
        }
        if (auto done = finished(statement, "place the rows"); !done)
            return done.takeError();
        statement.reset();
        return values;
    }

    Status walk(const QString &sql, const QVariantList &binds, const std::function<bool(qint64)> &visit) override
    {
        auto prepared = statementFor(sql, binds);
        if (!prepared)
            return prepared.takeError();
        SqliteStatement &statement = **prepared;
        while (statement.step()) {
            if (!visit(statement.columnInt64(0)))
                break;
        }
        Status done = finished(statement, "place the rows");
        statement.reset();
        return done;
    }

    Status walkInTurns(const QString &first, const QString &second, const QVariantList &binds, int chunk,
                       const std::function<bool(int walk, qint64 value)> &visit) override
    {
        // Two statements of their own (not the cached ones): both stay open at once.
        std::array<std::optional<SqliteStatement>, 2> walks;
        const QString sql[2] = {first, second};
        for (int w = 0; w < 2; ++w) {
            auto prepared = SqliteStatement::prepare(m_db, sql[w]);
            if (!prepared)
                return prepared.takeError();
            walks[w].emplace(std::move(*prepared));
            bindAll(*walks[w], binds);
        }
        std::array<bool, 2> done{false, false};
        while (!done[0] || !done[1]) {
            for (int w = 0; w < 2; ++w) {
                for (int n = 0; n < chunk && !done[w]; ++n) {
                    if (!walks[w]->step()) {
                        done[w] = true;
                        if (auto failed = finished(*walks[w], "place the rows"); !failed)
                            return failed;
                    } else if (!visit(w, walks[w]->columnInt64(0))) {
                        return {};
                    }
                }
            }
        }
        return {};
    }

private:
    // Prepared once per batch, reset and bound for each use.
    Result<SqliteStatement *> statementFor(const QString &sql, const QVariantList &binds)
    {
        auto it = m_statements.find(sql);
        if (it == m_statements.end()) {
            auto prepared = SqliteStatement::prepare(m_db, sql);
            if (!prepared)
                return prepared.takeError();
            it = m_statements.emplace(sql, std::move(*prepared)).first;
        }
        it->second.reset();
        bindAll(it->second, binds);
        return &it->second;
    }

    const SiteDatabase &m_db;
    std::map<QString, SqliteStatement> m_statements;
    bool m_began = false;
};

} // namespace

std::unique_ptr<CredentialReader::Batch> SqliteCredentialReader::batch()
{
    return std::make_unique<SqliteBatch>(m_db);
}

} // namespace tc
