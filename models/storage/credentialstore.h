#pragma once

#include "certificate.h"
#include "records.h"
#include "result.h"
#include "sitedatabase.h"

#include <QHash>
#include <QSqlQuery>
#include <functional>
#include <memory>
#include <optional>

namespace tc {

// A site certificate as stored: its row, the parsed certificate and its key file.
struct StoredCertificate
{
    CredentialRecord record;
    Certificate certificate;
    QString keyFile; // file name inside the site's keys folder
};

// What `list` shows; empty members mean "any".
struct CredentialFilter
{
    std::optional<CredentialKind> kind;
    std::optional<DisplayStatus> status;
};

// The SQL for credentials, certificates and audit events, on one connection.
// Writers take the WriteTransaction's revision so every changed row is stamped.
// Callers own transactions; this class never begins or commits one.
class CredentialStore
{
public:
    explicit CredentialStore(const SiteDatabase &db);
    ~CredentialStore();
    CredentialStore(const CredentialStore &) = delete;
    CredentialStore &operator=(const CredentialStore &) = delete;

    // The column list every record query selects, in recordFrom() order.
    static QString recordColumns();
    static CredentialRecord recordFrom(const QSqlQuery &query, int firstColumn = 0);

    Result<qint64> insert(const CredentialRecord &record, qint64 revision);
    // Many token rows at once, through one prepared statement: batch issuance.
    Status insertMany(const QList<CredentialRecord> &records, qint64 revision);
    // Token rows streamed from next(), which fills the record and returns false
    // when there are no more: the import path for very many rows (the
    // benchmark's population), with no list of them in memory. When about as many
    // rows are expected as are stored already, the credentials table's
    // non-unique indexes are dropped first and built again at the end, one sort
    // each instead of a million inserts at random places; all in the caller's
    // transaction, so a failure or a crash leaves table and indexes as they were.
    // Returns the number of rows imported.
    Result<qint64> importTokens(qint64 expected, const std::function<bool(CredentialRecord &)> &next, qint64 revision);
    Status insertCertificate(qint64 credentialId, const Certificate &cert, const QString &keyFile);
    Status markSuperseded(qint64 credentialId, qint64 revision);

    // Sets or clears the block on every GUID (canonical form). All must be tokens
    // of this site, or the result is an error and the caller's transaction must
    // not be committed (a GUID that names nothing is refused before any change).
    // Returns the GUIDs whose state changed, in the order given.
    Result<QStringList> setBlocked(const QStringList &guids, bool blocked, const QString &actor, const QString &reason,
                                   const QDateTime &now, qint64 revision);

    Result<std::optional<CredentialRecord>> findToken(const QString &guid) const;
    Result<std::optional<StoredCertificate>> findCertificate(const QString &thumbprint) const;
    Result<QList<StoredCertificate>> certificates() const;

    // Streams matching rows, newest first, to visit (which returns false to stop).
    Status forEach(const CredentialFilter &filter, const QDateTime &now,
                   const std::function<bool(const CredentialRecord &)> &visit) const;

    Status addAudit(const AuditEvent &event);
    Status addAudit(const QList<AuditEvent> &events);
    // Newest last. target empty: all events.
    Result<QList<AuditEvent>> audit(const QString &target = {}, int limit = -1) const;

private:
    Status insertRows(const std::function<bool(CredentialRecord &)> &next, qint64 revision, qint64 *inserted);

    const SiteDatabase &m_db;
    // Hot writes through SQLite's C API, each prepared once per connection.
    struct Statements;
    std::unique_ptr<Statements> m_statements;
};

} // namespace tc
