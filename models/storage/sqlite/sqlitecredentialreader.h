#pragma once

#include "credentialreader.h"

namespace tc {

// CredentialReader through SQLite's C API (SqliteStatement): a page of rows costs
// a third of what QSqlQuery's QVariant per value costs, and pages are what
// selecting ten thousand rows reads.
class SqliteCredentialReader final : public CredentialReader
{
public:
    explicit SqliteCredentialReader(const SiteDatabase &db) : m_db(db) { }

    Result<QList<CredentialRecord>> records(const QString &tail, const QVariantList &binds) override;
    Result<QList<qint64>> integers(const QString &sql, const QVariantList &binds) override;
    Result<qint64> scalar(const QString &sql, const QVariantList &binds) override;
    std::unique_ptr<Batch> batch() override;

private:
    const SiteDatabase &m_db;
};

} // namespace tc
