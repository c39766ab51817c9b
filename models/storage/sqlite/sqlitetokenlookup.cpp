#include "sqlitetokenlookup.h"

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

// GUIDs are ASCII: bound as UTF-8 bytes, SQLite need not convert UTF-16.
void bindAscii(SqliteStatement &statement, QStringView text)
{
    char bytes[64];
    if (text.size() > qsizetype(sizeof bytes)) {
        statement.bind(1, text);
        return;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80) {
            statement.bind(1, text);
            return;
        }
        bytes[i] = char(c);
    }
    statement.bind(1, QByteArrayView(bytes, text.size()));
}

TokenStanding standingOf(qint64 state)
{
    return state == int(CredentialState::Blocked) ? TokenStanding::Blocked : TokenStanding::Active;
}

} // namespace

SqliteTokenLookup::SqliteTokenLookup(const SiteDatabase &db) : m_db(db) { }

Result<qint64> SqliteTokenLookup::revision()
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

Result<std::pair<qint64, qint64>> SqliteTokenLookup::certificatesStamp()
{
    // kind > 0: the certificate kinds, a handful of entries of the kind index.
    if (auto ready = ensurePrepared(m_certificates, m_db,
                                    "SELECT COALESCE(MAX(change_seq), 0), COUNT(*) FROM credentials WHERE kind > 0");
        !ready)
        return ready.takeError();
    const bool read = m_certificates.step();
    const std::pair<qint64, qint64> stamp{read ? m_certificates.columnInt64(0) : 0,
                                          read ? m_certificates.columnInt64(1) : 0};
    const Status why = m_certificates.status();
    m_certificates.reset(); // release the read snapshot at once
    if (!read || !why)
        return Error{QStringLiteral("The site database could not read its certificates: %1.")
                         .arg(why ? QStringLiteral("no answer") : why.error())};
    return stamp;
}

Result<TokenLookup::RevisionAndStanding> SqliteTokenLookup::revisionAndStanding(QStringView guid)
{
    if (auto ready = ensurePrepared(m_both, m_db,
                                    "SELECT (SELECT value FROM revision WHERE id = 1),"
                                    " (SELECT state FROM credentials WHERE +kind = 0 AND name = ?1)");
        !ready)
        return ready.takeError();
    bindAscii(m_both, guid);
    RevisionAndStanding result;
    if (!m_both.step()) {
        const Status why = m_both.status();
        m_both.reset();
        return Error{QStringLiteral("The site database could not look up the token: %1.")
                         .arg(why ? QStringLiteral("no row") : why.error())};
    }
    if (m_both.columnIsNull(0)) {
        m_both.reset();
        return Error{QStringLiteral("The site database could not read its revision: the revision row is missing.")};
    }
    result.revision = m_both.columnInt64(0);
    if (!m_both.columnIsNull(1))
        result.standing = standingOf(m_both.columnInt64(1));
    m_both.reset(); // release the read snapshot at once
    return result;
}

Status SqliteTokenLookup::beginSnapshot()
{
    if (auto ready = ensurePrepared(m_begin, m_db, "BEGIN DEFERRED"); !ready)
        return ready;
    if (auto ready = ensurePrepared(m_end, m_db, "COMMIT"); !ready)
        return ready;
    if (auto begun = m_begin.run(QStringLiteral("start reading")); !begun)
        return begun;
    m_inSnapshot = true;
    return {};
}

void SqliteTokenLookup::endSnapshot()
{
    if (!m_inSnapshot)
        return;
    m_inSnapshot = false;
    (void)m_end.run(QStringLiteral("finish reading")); // a read-only transaction: nothing to lose
}

Result<TokenStanding> SqliteTokenLookup::standing(QStringView guid)
{
    if (auto ready = ensurePrepared(m_standing, m_db, "SELECT state FROM credentials WHERE +kind = 0 AND name = ?1");
        !ready)
        return ready.takeError();
    bindAscii(m_standing, guid);
    TokenStanding standing = TokenStanding::Unknown;
    if (m_standing.step()) {
        standing = standingOf(m_standing.columnInt64(0));
    } else if (const Status done = m_standing.status(); !done) {
        m_standing.reset();
        return Error{QStringLiteral("The site database could not look up the token: %1.").arg(done.error())};
    }
    m_standing.reset();
    return standing;
}

} // namespace tc
