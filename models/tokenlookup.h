#pragma once

// The two reads a verification makes on the site database, through SQLite's C
// API (SqliteStatement) instead of QSqlQuery: the revision counter (has another
// process renewed a signing certificate?) and a token's standing (issued here?
// blocked?). Each is one prepared statement, kept for the life of the object,
// reset after each row so no read snapshot is held between calls.
// Bound to the thread and connection of its SiteDatabase, which must outlive it.

#include "credentialstore.h"
#include "result.h"
#include "sqlitestatement.h"

#include <QStringView>

namespace tc {

class SiteDatabase;

class TokenLookup
{
public:
    explicit TokenLookup(const SiteDatabase &db);

    // What SiteDatabase::revision() reads.
    Result<qint64> revision();
    // What CredentialStore::tokenStanding() reads, for a canonical GUID.
    Result<TokenStanding> standing(QStringView guid);

    // Both in one statement, so in one read transaction: a verification's
    // only read in the steady state. (Each read transaction costs SQLite
    // several file-lock system calls, more than the lookup itself.)
    struct RevisionAndStanding
    {
        qint64 revision = -1;
        TokenStanding standing = TokenStanding::Unknown;
    };
    Result<RevisionAndStanding> revisionAndStanding(QStringView guid);

    // Many standings from one snapshot (a batch): between beginSnapshot() and
    // endSnapshot() every read shares one read transaction. Only for a
    // connection with no transaction of its own; endSnapshot() is safe to call
    // after a failed beginSnapshot().
    Status beginSnapshot();
    void endSnapshot();

private:
    const SiteDatabase &m_db;
    SqliteStatement m_revision;
    SqliteStatement m_standing;
    SqliteStatement m_both;
    SqliteStatement m_begin;
    SqliteStatement m_end;
    bool m_inSnapshot = false;
};

} // namespace tc
