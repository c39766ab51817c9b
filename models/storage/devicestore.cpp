#include "devicestore.h"

#include "sqlvalues.h"

#include <QScopeGuard>
#include <QVariant>

namespace tc {

using sqlvalue::text;
using sqlvalue::textAt;
using sqlvalue::time;
using sqlvalue::timeAt;

QString DeviceStore::deviceColumns()
{
    return QStringLiteral("id, guid, name, cert_thumbprint, registered_at, registered_via, pending, approved_at,"
                          " approved_by, blocked_at, blocked_by, block_reason, last_seen_at, renewals,"
                          " token_not_after, token_signer, change_seq");
}

DeviceRecord DeviceStore::deviceFrom(const QSqlQuery &q, int c)
{
    DeviceRecord d;
    d.id = q.value(c++).toLongLong();
    d.guid = q.value(c++).toString();
    d.name = q.value(c++).toString();
    d.certificateThumbprint = q.value(c++).toString();
    d.registeredAt = timeAt(q, c++);
    d.registeredVia = textAt(q, c++);
    d.pendingApproval = q.value(c++).toInt() != 0;
    d.approvedAt = timeAt(q, c++);
    d.approvedBy = textAt(q, c++);
    d.blockedAt = timeAt(q, c++);
    d.blockedBy = textAt(q, c++);
    d.blockReason = textAt(q, c++);
    d.lastSeenAt = timeAt(q, c++);
    d.renewals = q.value(c++).toInt();
    d.tokenNotAfter = timeAt(q, c++);
    d.tokenSignerThumbprint = textAt(q, c++);
    d.changeSeq = q.value(c++).toLongLong();
    return d;
}

Result<QSqlQuery *> DeviceStore::prepared(const QString &sql) const
{
    auto found = m_prepared.find(sql);
    if (found == m_prepared.end()) {
        auto q = m_db.prepare(sql);
        if (!q)
            return q.takeError();
        q->setForwardOnly(true);
        found = m_prepared.emplace(sql, std::make_unique<QSqlQuery>(std::move(q).value())).first;
    }
    return found->second.get();
}

Result<std::optional<DeviceRecord>> DeviceStore::findOne(const QString &where, const QVariant &value) const
{
    auto q = prepared(QStringLiteral("SELECT %1 FROM devices WHERE %2 = ?").arg(deviceColumns(), where));
    if (!q)
        return q.takeError();
    QSqlQuery &query = **q;
    query.bindValue(0, value);
    const auto finish = qScopeGuard([&query] { query.finish(); });
    if (auto done = SiteDatabase::exec(query, QStringLiteral("look up the device")); !done)
        return done.takeError();
    if (!query.next())
        return std::optional<DeviceRecord>();
    return std::optional<DeviceRecord>(deviceFrom(query));
}

Result<std::optional<DeviceRecord>> DeviceStore::findByThumbprint(const QString &thumbprint) const
{
    return findOne(QStringLiteral("cert_thumbprint"), thumbprint);
}

Result<std::optional<DeviceRecord>> DeviceStore::findByGuid(const QString &guid) const
{
    return findOne(QStringLiteral("guid"), guid);
}

Result<QList<DeviceRecord>> DeviceStore::devices(const DeviceFilter &filter) const
{
    QString sql = QStringLiteral("SELECT %1 FROM devices").arg(deviceColumns());
    if (!filter.bulkTokenGuid.isEmpty())
        sql += QStringLiteral(" WHERE registered_via = ?");
    sql += QStringLiteral(" ORDER BY registered_at DESC, id DESC");
    auto q = m_db.prepare(sql);
    if (!q)
        return q.takeError();
    if (!filter.bulkTokenGuid.isEmpty())
        q->addBindValue(filter.bulkTokenGuid);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("list the devices")); !done)
        return done.takeError();
    QList<DeviceRecord> out;
    while (q->next())
        out << deviceFrom(*q);
    return out;
}

Status DeviceStore::insert(DeviceRecord &d, qint64 revision)
{
    auto q = m_db.prepare(QStringLiteral(
        "INSERT INTO devices (guid, name, cert_thumbprint, registered_at, registered_via, pending, approved_at,"
        " approved_by, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!q)
        return q.takeError();
    q->addBindValue(d.guid);
    q->addBindValue(d.name);
    q->addBindValue(d.certificateThumbprint);
    q->addBindValue(d.registeredAt.toSecsSinceEpoch());
    q->addBindValue(text(d.registeredVia.isEmpty() ? QString() : d.registeredVia));
    q->addBindValue(d.pendingApproval ? 1 : 0);
    q->addBindValue(time(d.approvedAt));
    q->addBindValue(text(d.approvedBy));
    q->addBindValue(revision);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("record the device")); !done)
        return done;
    d.id = q->lastInsertId().toLongLong();
    d.changeSeq = revision;
    return {};
}

Status DeviceStore::updateRegistration(const DeviceRecord &d, qint64 revision)
{
    auto q = m_db.prepare(QStringLiteral("UPDATE devices SET name = ?, registered_via = ?, pending = ?,"
                                         " approved_at = ?, approved_by = ?, change_seq = ? WHERE id = ?"));
    if (!q)
        return q.takeError();
    q->addBindValue(d.name);
    q->addBindValue(text(d.registeredVia.isEmpty() ? QString() : d.registeredVia));
    q->addBindValue(d.pendingApproval ? 1 : 0);
    q->addBindValue(time(d.approvedAt));
    q->addBindValue(text(d.approvedBy));
    q->addBindValue(revision);
    q->addBindValue(d.id);
    return SiteDatabase::exec(*q, QStringLiteral("update the device"));
}

Status DeviceStore::recordClientToken(const ClientTokenRecord &t, bool renewal, qint64 revision)
{
    auto insert = m_db.prepare(QStringLiteral("INSERT INTO client_tokens (guid, device_id, not_before, not_after,"
                                              " signer_thumbprint) VALUES (?, ?, ?, ?, ?)"));
    if (!insert)
        return insert.takeError();
    insert->addBindValue(t.guid);
    insert->addBindValue(t.deviceId);
    insert->addBindValue(t.notBefore.toSecsSinceEpoch());
    insert->addBindValue(t.notAfter.toSecsSinceEpoch());
    insert->addBindValue(t.signerThumbprint);
    if (auto done = SiteDatabase::exec(*insert, QStringLiteral("record the client token")); !done)
        return done;
    auto update = m_db.prepare(QStringLiteral("UPDATE devices SET token_not_after = ?, token_signer = ?,"
                                              " renewals = renewals + ?, change_seq = ? WHERE id = ?"));
    if (!update)
        return update.takeError();
    update->addBindValue(t.notAfter.toSecsSinceEpoch());
    update->addBindValue(t.signerThumbprint);
    update->addBindValue(renewal ? 1 : 0);
    update->addBindValue(revision);
    update->addBindValue(t.deviceId);
    return SiteDatabase::exec(*update, QStringLiteral("record the device's client token"));
}

namespace {
ClientTokenRecord clientTokenFrom(const QSqlQuery &q)
{
    ClientTokenRecord t;
    t.id = q.value(0).toLongLong();
    t.guid = q.value(1).toString();
    t.deviceId = q.value(2).toLongLong();
    t.notBefore = timeAt(q, 3);
    t.notAfter = timeAt(q, 4);
    t.signerThumbprint = q.value(5).toString();
    return t;
}
const QString kClientTokenColumns = QStringLiteral("id, guid, device_id, not_before, not_after, signer_thumbprint");
} // namespace

Result<std::optional<ClientTokenRecord>> DeviceStore::findClientToken(const QString &guid) const
{
    auto q = prepared(QStringLiteral("SELECT %1 FROM client_tokens WHERE guid = ?").arg(kClientTokenColumns));
    if (!q)
        return q.takeError();
    QSqlQuery &query = **q;
    query.bindValue(0, guid);
    const auto finish = qScopeGuard([&query] { query.finish(); });
    if (auto done = SiteDatabase::exec(query, QStringLiteral("look up the client token")); !done)
        return done.takeError();
    if (!query.next())
        return std::optional<ClientTokenRecord>();
    return std::optional<ClientTokenRecord>(clientTokenFrom(query));
}

Result<QList<ClientTokenRecord>> DeviceStore::clientTokens(qint64 deviceId) const
{
    auto q = m_db.prepare(
        QStringLiteral("SELECT %1 FROM client_tokens WHERE device_id = ? ORDER BY id").arg(kClientTokenColumns));
    if (!q)
        return q.takeError();
    q->addBindValue(deviceId);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("list the device's client tokens")); !done)
        return done.takeError();
    QList<ClientTokenRecord> out;
    while (q->next())
        out << clientTokenFrom(*q);
    return out;
}

Status DeviceStore::touchLastSeen(qint64 deviceId, const QDateTime &at)
{
    auto q = prepared(QStringLiteral("UPDATE devices SET last_seen_at = ? WHERE id = ?"
                                     " AND (last_seen_at IS NULL OR last_seen_at <= ?)"));
    if (!q)
        return q.takeError();
    QSqlQuery &query = **q;
    query.bindValue(0, at.toSecsSinceEpoch());
    query.bindValue(1, deviceId);
    query.bindValue(2, at.toSecsSinceEpoch() - kLastSeenIntervalSeconds);
    const auto finish = qScopeGuard([&query] { query.finish(); });
    return SiteDatabase::exec(query, QStringLiteral("record when the device was last seen"));
}

Result<QList<qint64>> DeviceStore::idsOf(const QStringList &guids) const
{
    auto q = m_db.prepare(QStringLiteral("SELECT id FROM devices WHERE guid = ?"));
    if (!q)
        return q.takeError();
    QList<qint64> ids;
    for (const QString &g : guids) {
        q->addBindValue(g);
        if (auto done = SiteDatabase::exec(*q, QStringLiteral("look up the device")); !done)
            return done.takeError();
        if (!q->next())
            return Error{QStringLiteral("No device has the ID %1; nothing was changed.").arg(g), ErrorKind::NotFound};
        ids << q->value(0).toLongLong();
        q->finish();
    }
    return ids;
}

Result<QStringList> DeviceStore::setBlocked(const QStringList &guids, bool blocked, const QString &actor,
                                            const QString &reason, const QDateTime &now, qint64 revision)
{
    auto ids = idsOf(guids);
    if (!ids)
        return ids.takeError();
    auto q
        = m_db.prepare(blocked ? QStringLiteral("UPDATE devices SET blocked_at = ?, blocked_by = ?, block_reason = ?,"
                                                " change_seq = ? WHERE id = ? AND blocked_at IS NULL")
                               : QStringLiteral("UPDATE devices SET blocked_at = NULL, blocked_by = NULL,"
                                                " block_reason = NULL, change_seq = ? WHERE id = ?"
                                                " AND blocked_at IS NOT NULL"));
    if (!q)
        return q.takeError();
    QStringList changed;
    for (qsizetype i = 0; i < ids->size(); ++i) {
        if (blocked) {
            q->addBindValue(now.toSecsSinceEpoch());
            q->addBindValue(actor);
            q->addBindValue(text(reason.isEmpty() ? QString() : reason));
        }
        q->addBindValue(revision);
        q->addBindValue(ids->at(i));
        if (auto done = SiteDatabase::exec(*q, QStringLiteral("change the device's block")); !done)
            return done.takeError();
        if (q->numRowsAffected() > 0 && !changed.contains(guids.at(i)))
            changed << guids.at(i);
    }
    return changed;
}

Result<QStringList> DeviceStore::approve(const QStringList &guids, const QString &actor, const QDateTime &now,
                                         qint64 revision)
{
    auto ids = idsOf(guids);
    if (!ids)
        return ids.takeError();
    auto q = m_db.prepare(QStringLiteral("UPDATE devices SET pending = 0, approved_at = ?, approved_by = ?,"
                                         " change_seq = ? WHERE id = ? AND pending = 1"));
    if (!q)
        return q.takeError();
    QStringList changed;
    for (qsizetype i = 0; i < ids->size(); ++i) {
        q->addBindValue(now.toSecsSinceEpoch());
        q->addBindValue(actor);
        q->addBindValue(revision);
        q->addBindValue(ids->at(i));
        if (auto done = SiteDatabase::exec(*q, QStringLiteral("approve the device")); !done)
            return done.takeError();
        if (q->numRowsAffected() > 0 && !changed.contains(guids.at(i)))
            changed << guids.at(i);
    }
    return changed;
}

namespace {
BulkTokenUsage usageFrom(const QSqlQuery &q, int c)
{
    BulkTokenUsage u;
    u.registrations = q.value(c).toLongLong();
    u.lastUsedAt = timeAt(q, c + 1);
    if (!q.value(c + 2).isNull())
        u.maxUses = q.value(c + 2).toInt();
    u.description = textAt(q, c + 3);
    return u;
}
} // namespace

Result<BulkTokenUsage> DeviceStore::usage(qint64 credentialId) const
{
    auto q = m_db.prepare(QStringLiteral("SELECT registrations, last_used_at, max_uses, description"
                                         " FROM bulk_token_usage WHERE credential_id = ?"));
    if (!q)
        return q.takeError();
    q->addBindValue(credentialId);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("read the token's usage")); !done)
        return done.takeError();
    return q->next() ? usageFrom(*q, 0) : BulkTokenUsage{};
}

Result<QHash<qint64, BulkTokenUsage>> DeviceStore::allUsage() const
{
    auto q = m_db.prepare(QStringLiteral("SELECT credential_id, registrations, last_used_at, max_uses, description"
                                         " FROM bulk_token_usage"));
    if (!q)
        return q.takeError();
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("read the tokens' usage")); !done)
        return done.takeError();
    QHash<qint64, BulkTokenUsage> out;
    while (q->next())
        out.insert(q->value(0).toLongLong(), usageFrom(*q, 1));
    return out;
}

Status DeviceStore::setOptions(qint64 credentialId, const BulkTokenOptions &options)
{
    if (!options.maxUses && options.description.isEmpty())
        return {};
    auto q = m_db.prepare(QStringLiteral("INSERT INTO bulk_token_usage (credential_id, max_uses, description)"
                                         " VALUES (?, ?, ?)"));
    if (!q)
        return q.takeError();
    q->addBindValue(credentialId);
    q->addBindValue(options.maxUses ? QVariant(*options.maxUses) : QVariant(QMetaType::fromType<int>()));
    q->addBindValue(text(options.description.isEmpty() ? QString() : options.description));
    return SiteDatabase::exec(*q, QStringLiteral("record the token's usage limit and description"));
}

Result<bool> DeviceStore::countRegistration(qint64 credentialId, const QDateTime &at, qint64 revision)
{
    auto ensure = m_db.prepare(QStringLiteral("INSERT INTO bulk_token_usage (credential_id) VALUES (?)"
                                              " ON CONFLICT (credential_id) DO NOTHING"));
    if (!ensure)
        return ensure.takeError();
    ensure->addBindValue(credentialId);
    if (auto done = SiteDatabase::exec(*ensure, QStringLiteral("count the token's registration")); !done)
        return done.takeError();
    auto count = m_db.prepare(QStringLiteral("UPDATE bulk_token_usage SET registrations = registrations + 1,"
                                             " last_used_at = ? WHERE credential_id = ?"
                                             " AND (max_uses IS NULL OR registrations < max_uses)"));
    if (!count)
        return count.takeError();
    count->addBindValue(at.toSecsSinceEpoch());
    count->addBindValue(credentialId);
    if (auto done = SiteDatabase::exec(*count, QStringLiteral("count the token's registration")); !done)
        return done.takeError();
    if (count->numRowsAffected() == 0)
        return false;
    // The token's row is stamped too, so a console showing its usage sees the change.
    auto stamp = m_db.prepare(QStringLiteral("UPDATE credentials SET change_seq = ? WHERE id = ?"));
    if (!stamp)
        return stamp.takeError();
    stamp->addBindValue(revision);
    stamp->addBindValue(credentialId);
    if (auto done = SiteDatabase::exec(*stamp, QStringLiteral("count the token's registration")); !done)
        return done.takeError();
    return true;
}

} // namespace tc
