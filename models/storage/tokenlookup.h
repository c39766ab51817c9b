#pragma once

// The reads a verification makes on the site database, behind one interface:
// the revision counter (has another process renewed a signing certificate?)
// and a token's standing (issued here? blocked?). Every verification path
// (bulkregtoken verify, verify --batch, the hostile-token corpus, the fuzzer)
// reaches the site's record of a token through it, via SiteVerifier.
// Each backend has one implementation (storage/sqlite/sqlitetokenlookup.h).
// Bound to the thread and connection of its SiteDatabase, which must outlive it.

#include "result.h"

#include <QStringView>
#include <memory>
#include <utility>

namespace tc {

class SiteDatabase;

// What a verifier needs to know about a token GUID.
enum class TokenStanding { Unknown, Active, Blocked };

class TokenLookup
{
public:
    virtual ~TokenLookup() = default;

    // The lookup of the database's backend, on its connection.
    static std::unique_ptr<TokenLookup> create(const SiteDatabase &db);

    // What SiteDatabase::revision() reads.
    virtual Result<qint64> revision() = 0;
    // Changes whenever a site certificate row does (a renewal adds one and
    // supersedes another), and not when tokens or devices change: what a
    // verifier of client tokens follows, where every registration advances
    // the revision. The highest change stamp of the certificate rows and their
    // number.
    virtual Result<std::pair<qint64, qint64>> certificatesStamp() = 0;
    // The standing of a canonical GUID.
    virtual Result<TokenStanding> standing(QStringView guid) = 0;

    // Both in one read: a verification's only read in the steady state.
    struct RevisionAndStanding
    {
        qint64 revision = -1;
        TokenStanding standing = TokenStanding::Unknown;
    };
    virtual Result<RevisionAndStanding> revisionAndStanding(QStringView guid) = 0;

    // Many standings from one snapshot (a batch): between beginSnapshot() and
    // endSnapshot() every read shares one read transaction. Only for a
    // connection with no transaction of its own; endSnapshot() is safe to call
    // after a failed beginSnapshot().
    virtual Status beginSnapshot() = 0;
    virtual void endSnapshot() = 0;
};

} // namespace tc
