#pragma once

// TokenLookup on SQLite, through its C API (SqliteStatement) instead of
// QSqlQuery: each read is one prepared statement, kept for the life of the
// object, reset after each row so no read snapshot is held between calls.

#include "sqlitestatement.h"
#include "tokenlookup.h"

namespace tc {

class SiteDatabase;

class SqliteTokenLookup final : public TokenLookup
{
public:
    explicit SqliteTokenLookup(const SiteDatabase &db);

    Result<qint64> revision() override;
    Result<std::pair<qint64, qint64>> certificatesStamp() override;
    Result<TokenStanding> standing(QStringView guid) override;
    Result<RevisionAndStanding> revisionAndStanding(QStringView guid) override;
    Status beginSnapshot() override;
    void endSnapshot() override;

private:
    const SiteDatabase &m_db;
    SqliteStatement m_revision;
    SqliteStatement m_certificates;
    SqliteStatement m_standing;
    SqliteStatement m_both;
    SqliteStatement m_begin;
    SqliteStatement m_end;
    bool m_inSnapshot = false;
};

} // namespace tc
