#pragma once

#include "device.h"
#include "records.h"
#include "result.h"
#include "sitedatabase.h"

#include <QHash>
#include <QList>
#include <QSqlQuery>
#include <memory>
#include <optional>
#include <unordered_map>

namespace tc {

// What `devices` lists; empty members mean "any".
struct DeviceFilter
{
    QString bulkTokenGuid; // devices registered with this bulk token
};

// The SQL for devices, client-token metadata and bulk-token usage, on one
// connection. Writers take the WriteTransaction's revision so every changed row
// is stamped. Callers own transactions; this class never begins or commits one.
class DeviceStore
{
public:
    explicit DeviceStore(const SiteDatabase &db) : m_db(db) { }

    // The column list every device query selects, in deviceFrom() order.
    static QString deviceColumns();
    static DeviceRecord deviceFrom(const QSqlQuery &query, int firstColumn = 0);

    Result<std::optional<DeviceRecord>> findByThumbprint(const QString &thumbprint) const;
    Result<std::optional<DeviceRecord>> findByGuid(const QString &guid) const;
    Result<QList<DeviceRecord>> devices(const DeviceFilter &filter = {}) const;

    // Inserts the device (its id is set); guid and thumbprint must be new.
    Status insert(DeviceRecord &device, qint64 revision);
    // A known device registering again: its name, how it came and its approval.
    Status updateRegistration(const DeviceRecord &device, qint64 revision);
    // A client token issued to the device: its metadata row, and the device's
    // newest token expiry and signer; renewal counts one renewal.
    Status recordClientToken(const ClientTokenRecord &token, bool renewal, qint64 revision);
    Result<std::optional<ClientTokenRecord>> findClientToken(const QString &guid) const;
    Result<QList<ClientTokenRecord>> clientTokens(qint64 deviceId) const;
    // Writes the device's last-seen time when the stored one is older than
    // kLastSeenIntervalSeconds. Not a change an administrator acts on, so no
    // revision: it does not wake every console.
    Status touchLastSeen(qint64 deviceId, const QDateTime &at);

    // Blocks, unblocks or approves every device GUID (canonical form); all must
    // exist, or the result is an error and the caller's transaction must not be
    // committed. Returns the GUIDs whose state changed, in the order given.
    Result<QStringList> setBlocked(const QStringList &guids, bool blocked, const QString &actor, const QString &reason,
                                   const QDateTime &now, qint64 revision);
    Result<QStringList> approve(const QStringList &guids, const QString &actor, const QDateTime &now, qint64 revision);

    // A bulk token's usage; zero counts when it was never used.
    Result<BulkTokenUsage> usage(qint64 credentialId) const;
    // Every bulk token's usage, by credential id (for `list`).
    Result<QHash<qint64, BulkTokenUsage>> allUsage() const;
    Status setOptions(qint64 credentialId, const BulkTokenOptions &options);
    // Counts one registration with the token at `at`, unless its usage limit is
    // reached: then false, and nothing changes. Atomic within the caller's
    // write transaction.
    Result<bool> countRegistration(qint64 credentialId, const QDateTime &at, qint64 revision);

private:
    Result<std::optional<DeviceRecord>> findOne(const QString &where, const QVariant &value) const;
    Result<QList<qint64>> idsOf(const QStringList &guids) const;
    // The statement for sql, prepared on first use and kept for the life of the
    // store: the management point's per-request reads parse no SQL. Whoever
    // executes it finishes it (finish()), so that no read snapshot stays open.
    Result<QSqlQuery *> prepared(const QString &sql) const;

    const SiteDatabase &m_db;
    mutable std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_prepared;
};

} // namespace tc
