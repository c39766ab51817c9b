#pragma once

#include "device.h"
#include "records.h"
#include "result.h"
#include "sitepki.h"
#include "tokenverifier.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace tc {

class SiteVerifier;

class Site;

// A freshly issued token. The only place the token text exists: the caller
// shows it once and lets it go. It is never written to disk by this program.
struct IssuedToken
{
    QString guid;
    QDateTime notBefore;
    QDateTime notAfter;
    int lifetimeMinutes = 0;
    QByteArray token;
};

// An administrator's change to items named by GUID, as each one is made: the
// GUIDs (all canonical, all or none) and the reason checked, then step in one
// write transaction, and an audit row (action, reason) for every item it
// reports changed.
using ChangeStep = std::function<Result<QStringList>(const QStringList &canonicalGuids, const QString &actor,
                                                     const QDateTime &now, qint64 revision)>;
Result<QStringList> changeByGuids(Site &site, const QStringList &guids, const QString &reason, AuditAction action,
                                  const ChangeStep &step);

// What administrators do with bulk registration tokens: issue, block, unblock,
// verify, and renew the certificates that sign them. Every change is one
// transaction with its audit rows.
class TokenService
{
public:
    explicit TokenService(Site &site);
    ~TokenService();

    // "4320" -> 4320; refuses 0, negatives, > 10,080, and anything not an integer.
    static Result<int> parseLifetime(const QString &text);
    // Token GUIDs as typed -> canonical form; refuses an empty list and the first
    // text that is not a GUID. block() and unblock() apply the same rule, so a
    // caller can check what it was given before it opens a site.
    static Result<QStringList> parseGuids(const QStringList &texts);
    // Refuses a block reason longer than kMaxReasonLength, as block() does.
    static Status checkReason(const QString &reason);

    // Metadata is committed before the token is returned, so any token that
    // exists outside is listable and blockable.
    // options: an optional usage limit (1 to kMaxUsesLimit) and description
    // (not empty, at most kMaxDescriptionLength characters), kept with the token.
    Result<IssuedToken> issue(int lifetimeMinutes = kDefaultLifetimeMinutes, const BulkTokenOptions &options = {});
    Result<IssuedToken> issueAt(int lifetimeMinutes, const QDateTime &now, const BulkTokenOptions &options = {});
    // Refuses what issue() refuses in options, so a caller can check first.
    static Status checkOptions(const BulkTokenOptions &options);
    // count tokens with one commit for all of their metadata.
    Result<QList<IssuedToken>> issueBatch(int count, int lifetimeMinutes);

    // All GUIDs in one transaction; unknown GUIDs refuse the whole set.
    // Returns the GUIDs whose state changed (already blocked ones are left alone).
    Result<QStringList> block(const QStringList &guids, const QString &reason = {});
    Result<QStringList> unblock(const QStringList &guids);

    VerifyResult verify(QByteArrayView token, const QDateTime &at = QDateTime::currentDateTimeUtc());

    Result<StoredCertificate> renewSigningCertificate();
    Result<StoredCertificate> renewIssuingCertificate();

    static constexpr int kMaxReasonLength = 500;

private:
    Result<QList<IssuedToken>> issueMany(int count, int lifetimeMinutes, const QDateTime &now,
                                         const BulkTokenOptions &options);
    Result<QStringList> setBlocked(const QStringList &guids, bool blocked, const QString &reason);

    Site &m_site;
    SignerCache m_signer;
    std::unique_ptr<SiteVerifier> m_verifier; // made on the first verify()
};

} // namespace tc
