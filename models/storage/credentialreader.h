#pragma once

// The list's reads of the credentials table, behind one interface: pages of
// whole records, id lists and counts for SQL that CredentialQuery writes
// (portable SQL: ? placeholders, row values, LIKE). Each backend has one
// implementation (storage/sqlite/sqlitecredentialreader.h); records are
// decoded by decodeCredential() (credentialcolumns.h).
// Bound to the thread and connection of its SiteDatabase, which must outlive it.

#include "records.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QVariantList>
#include <functional>
#include <memory>

namespace tc {

class SiteDatabase;

class CredentialReader
{
public:
    virtual ~CredentialReader() = default;

    // The reader of the database's backend, on its connection.
    static std::unique_ptr<CredentialReader> create(const SiteDatabase &db);

    // "SELECT <credentialColumns()> FROM credentials" + tail, e.g. " WHERE ... ORDER BY ... LIMIT ?".
    virtual Result<QList<CredentialRecord>> records(const QString &tail, const QVariantList &binds) = 0;
    // The first column of every row of sql.
    virtual Result<QList<qint64>> integers(const QString &sql, const QVariantList &binds) = 0;
    // The first column of sql's first row (0 when there is none).
    virtual Result<qint64> scalar(const QString &sql, const QVariantList &binds) = 0;

    // Many reads of few distinct statements (placing ten thousand rows): each
    // distinct SQL text is prepared once for the batch's life, then bound again.
    // Must not outlive the reader; short-lived (it holds prepared statements).
    class Batch
    {
    public:
        virtual ~Batch() = default;
        // The integer columns of sql's first row (empty when there is none).
        virtual Result<QList<qint64>> row(const QString &sql, const QVariantList &binds) = 0;
        // The first column of each row of sql, one at a time, until visit returns false.
        virtual Status walk(const QString &sql, const QVariantList &binds, const std::function<bool(qint64)> &visit)
            = 0;
        // Two walks in turns, chunk rows at a time (one of the order forward and
        // one backward, say), until visit returns false or both are done; visit
        // is told which walk the value comes from (0 or 1).
        virtual Status walkInTurns(const QString &first, const QString &second, const QVariantList &binds, int chunk,
                                   const std::function<bool(int walk, qint64 value)> &visit)
            = 0;
    };
    virtual std::unique_ptr<Batch> batch() = 0;
};

} // namespace tc
