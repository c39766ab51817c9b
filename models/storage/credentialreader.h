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
};

} // namespace tc
