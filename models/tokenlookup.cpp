#include "tokenlookup.h"

#include "records.h"
#include "sitedatabase.h"

namespace tc {

namespace {

Status ensurePrepared(SqliteStatement &statement, const SiteDatabase &db, const char *sql)
{
    if (statement.isValid())
        return {};
    auto prepared = SqliteStatement::prepare(db, QString::fromLatin1(sql));
    if (!prepared)
        return prepared.takeError();
    statement = std::move(prepared).value();
    return {};
}

} // namespace

TokenLookup::TokenLookup(const SiteDatabase &db) : m_db(db) {}

Result<qint64> TokenLookup::revision()
{
    if (auto ready = ensurePrepared(m_revision, m_db, "SELECT value FROM revision WHERE id = 1"); !ready)
        return ready.takeError();
    if (!m_revision.step()) {
        const Status why = m_revision.status();
        m_revision.reset();
        return Error{QStringLiteral("The site database could not read its revision: %1.")
                         .arg(why ? QStringLiteral("the revision row is missing") : why.error())};
    }
    const qint64 value = m_revision.columnInt64(0);
    m_revision.reset(); // release the read snapshot at once
    return value;
}

Result<TokenStanding> TokenLookup::standing(QStringView guid)
{
    if (auto ready = ensurePrepared(m_standing, m_db, "SELECT state FROM credentials WHERE +kind = 0 AND name = ?1");
        !ready)
        return ready.takeError();
    m_standing.bind(1, guid);
    TokenStanding standing = TokenStanding::Unknown;
    if (m_standing.step()) {
        standing = m_standing.columnInt64(0) == int(CredentialState::Blocked) ? TokenStanding::Blocked
                                                                              : TokenStanding::Active;
    } else if (const Status done = m_standing.status(); !done) {
        m_standing.reset();
        return Error{QStringLiteral("The site database could not look up the token: %1.").arg(done.error())};
    }
    m_standing.reset();
    return standing;
}

} // namespace tc
