#include "credentialstore.h"

#include "credentialcolumns.h"
#include "sqlitestatement.h"

#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QVariant>

#include <algorithm>

namespace tc {

namespace {

// Lookups by token GUID write "+kind = 0": the unary plus keeps SQLite from
// choosing the kind index (three values over a million rows, i.e. a full scan)
// over the name index. Plain SQL in every dialect.

QVariant nullableTime(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QVariant nullableText(const QString &s)
{
    return s.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QString placeholders(qsizetype count)
{
    QString s;
    s.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i)
        s += i ? QStringLiteral(",?") : QStringLiteral("?");
    return s;
}

constexpr int kInsertColumns = 15;
const QString kInsertHead = QStringLiteral(
    "INSERT INTO credentials (kind, name, state, not_before, not_after, lifetime_minutes, issuer,"
    " thumbprint, signer_thumbprint, created_at, created_by, blocked_at, blocked_by, block_reason, change_seq)"
    " VALUES ");

// Positional binds for kInsertHead + rowPlaceholders(), or ?1..?15 of a SqliteStatement.
void bindRecord(QSqlQuery &q, const CredentialRecord &r, qint64 revision)
{
    int i = 0;
    q.bindValue(i++, int(r.kind));
    q.bindValue(i++, r.name);
    q.bindValue(i++, int(r.state));
    q.bindValue(i++, r.notBefore.toSecsSinceEpoch());
    q.bindValue(i++, r.notAfter.toSecsSinceEpoch());
    q.bindValue(i++, r.lifetimeMinutes);
    q.bindValue(i++, r.issuer);
    q.bindValue(i++, nullableText(r.thumbprint));
    q.bindValue(i++, nullableText(r.signerThumbprint));
    q.bindValue(i++, r.createdAt.toSecsSinceEpoch());
    q.bindValue(i++, r.createdBy);
    q.bindValue(i++, nullableTime(r.blockedAt));
    q.bindValue(i++, nullableText(r.blockedBy));
    q.bindValue(i++, nullableText(r.blockReason));
    q.bindValue(i++, revision);
}

// Short ASCII text (GUIDs, names, thumbprints) is bound as UTF-8 bytes, so
// SQLite need not convert UTF-16 for every row it stores; anything else as UTF-16.
void bindString(SqliteStatement &s, int position, QStringView text)
{
    char bytes[128];
    if (text.size() <= qsizetype(sizeof bytes)) {
        qsizetype i = 0;
        for (; i < text.size(); ++i) {
            const char16_t c = text[i].unicode();
            if (c >= 0x80)
                break;
            bytes[i] = char(c);
        }
        if (i == text.size()) {
            s.bind(position, QByteArrayView(bytes, text.size()));
            return;
        }
    }
    s.bind(position, text);
}

void bindText(SqliteStatement &s, int position, const QString &text)
{
    if (text.isNull())
        s.bindNull(position);
    else
        bindString(s, position, text);
}

// For NOT NULL columns: a null QString is stored as ''.
void bindNotNull(SqliteStatement &s, int position, const QString &text)
{
    bindString(s, position, text.isNull() ? QStringView(u"") : QStringView(text));
}

void bindTime(SqliteStatement &s, int position, const QDateTime &t)
{
    if (t.isValid())
        s.bind(position, qint64(t.toSecsSinceEpoch()));
    else
        s.bindNull(position);
}

void bindRecord(SqliteStatement &s, const CredentialRecord &r, qint64 revision)
{
    s.bind(1, qint64(r.kind));
    bindNotNull(s, 2, r.name);
    s.bind(3, qint64(r.state));
    s.bind(4, qint64(r.notBefore.toSecsSinceEpoch()));
    s.bind(5, qint64(r.notAfter.toSecsSinceEpoch()));
    s.bind(6, qint64(r.lifetimeMinutes));
    bindNotNull(s, 7, r.issuer);
    bindText(s, 8, r.thumbprint);
    bindText(s, 9, r.signerThumbprint);
    s.bind(10, qint64(r.createdAt.toSecsSinceEpoch()));
    bindNotNull(s, 11, r.createdBy);
    bindTime(s, 12, r.blockedAt);
    bindText(s, 13, r.blockedBy);
    bindText(s, 14, r.blockReason);
    s.bind(15, revision);
}

// Prepares statement on first use; kept for the life of the connection.
Status ensurePrepared(const SiteDatabase &db, SqliteStatement &statement, const QString &sql)
{
    if (statement.isValid())
        return {};
    auto prepared = SqliteStatement::prepare(db, sql);
    if (!prepared)
        return prepared.takeError();
    statement = std::move(prepared).value();
    return {};
}

// Runs a write to completion; a failure reads like every other failed write.
Status runWrite(SqliteStatement &statement, const QString &what)
{
    while (statement.step()) { }
    const bool failed = !statement.status();
    const DbFailure why = failed ? statement.failure() : DbFailure{};
    statement.reset();
    if (failed)
        return SiteDatabase::writeFailure(what, why);
    return {};
}

Status runSql(const SiteDatabase &db, const QString &sql, const QString &what)
{
    auto statement = SqliteStatement::prepare(db, sql);
    if (!statement)
        return statement.takeError();
    return runWrite(*statement, what);
}

QString rowPlaceholders()
{
    return QStringLiteral("(") + placeholders(kInsertColumns) + QStringLiteral(")");
}

Result<AuditEvent> auditFrom(const QSqlQuery &q)
{
    AuditEvent e;
    e.id = q.value(0).toLongLong();
    e.at = fromUnix(q.value(1).toLongLong());
    e.actor = q.value(2).toString();
    const QString action = q.value(3).toString();
    if (!parseAuditActionCode(action, &e.action))
        return Error{QStringLiteral("The audit log holds an action this version does not know (\"%1\"); "
                                    "the site database was changed by other software.")
                         .arg(action.left(40)),
                     ErrorKind::Corrupt};
    e.target = q.value(4).toString();
    e.detail = q.value(5).toString();
    return e;
}

QString unknownToken(const QString &guid)
{
    return QStringLiteral("No bulk registration token with GUID %1 exists on this site; nothing was changed.")
        .arg(guid);
}

} // namespace

struct CredentialStore::Statements
{
    SqliteStatement insertRow;     // one token row
    SqliteStatement auditRow;      // one audit row
    SqliteStatement idsByName;     // ids of a name, from the name index alone (blocking)
    SqliteStatement setBlockState; // one token row's block columns, by id, if they change
    SqliteStatement kindById;      // a row's kind, when a block did not change it
};

CredentialStore::CredentialStore(const SiteDatabase &db) : m_db(db), m_statements(std::make_unique<Statements>()) { }

CredentialStore::~CredentialStore() = default;

QString CredentialStore::recordColumns()
{
    return credentialColumns();
}

CredentialRecord CredentialStore::recordFrom(const QSqlQuery &q, int firstColumn)
{
    struct QueryRow
    {
        const QSqlQuery &q;
        int first;
        qint64 integer(int c) const { return q.value(first + c).toLongLong(); }
        bool isNull(int c) const { return q.value(first + c).isNull(); }
        QString text(int c) const { return q.value(first + c).toString(); }
        QString sharedText(int c) const { return text(c); }
    };
    return decodeCredential(QueryRow{q, firstColumn});
}

Result<qint64> CredentialStore::insert(const CredentialRecord &record, qint64 revision)
{
    auto q = m_db.prepare(kInsertHead + rowPlaceholders());
    if (!q)
        return q.takeError();
    bindRecord(*q, record, revision);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("record the new item")); !done)
        return done.takeError();
    return q->lastInsertId().toLongLong();
}

Status CredentialStore::insertMany(const QList<CredentialRecord> &records, qint64 revision)
{
    qsizetype i = 0;
    return insertRows(
        [&](CredentialRecord &r) {
            if (i == records.size())
                return false;
            r = records.at(i++);
            return true;
        },
        revision, nullptr);
}

Status CredentialStore::insertRows(const std::function<bool(CredentialRecord &)> &next, qint64 revision,
                                   qint64 *inserted)
{
    // One prepared single-row INSERT through SQLite's C API, executed per row
    // inside the caller's transaction: no QVariant per value, and no large
    // multi-row statement to prepare per call.
    if (auto ready = ensurePrepared(
            m_db, m_statements->insertRow,
            kInsertHead + QStringLiteral("(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
        !ready)
        return ready;
    qint64 count = 0;
    CredentialRecord r;
    while (next(r)) {
        bindRecord(m_statements->insertRow, r, revision);
        if (auto done = runWrite(m_statements->insertRow, QStringLiteral("record the new tokens")); !done)
            return done;
        ++count;
    }
    if (inserted)
        *inserted = count;
    return {};
}

Result<qint64> CredentialStore::importTokens(qint64 expected, const std::function<bool(CredentialRecord &)> &next,
                                             qint64 revision)
{
    // Below this many rows, building every index again costs more than it saves.
    constexpr qint64 kRebuildMinimum = 50'000;
    qint64 stored = 0;
    {
        // The highest id bounds the rows stored, read from the table's end (no count).
        auto q = SqliteStatement::prepare(m_db, QStringLiteral("SELECT coalesce(max(id), 0) FROM credentials"));
        if (!q)
            return q.takeError();
        if (q->step())
            stored = q->columnInt64(0);
        if (auto ok = q->status(); !ok)
            return Error{QStringLiteral("The site database could not count its items: %1.").arg(ok.error())};
    }
    QList<std::pair<QString, QString>> rebuilt; // index name, CREATE statement
    if (expected >= kRebuildMinimum && expected >= stored) {
        // Unique indexes stay: they check every row as it comes.
        auto q = SqliteStatement::prepare(m_db, m_db.dialect().credentialIndexes);
        if (!q)
            return q.takeError();
        while (q->step())
            rebuilt.append({q->columnText(0), q->columnText(1)});
        if (auto ok = q->status(); !ok)
            return Error{QStringLiteral("The site database could not list its indexes: %1.").arg(ok.error())};
        for (const auto &index : std::as_const(rebuilt)) {
            if (auto done = runSql(m_db, QStringLiteral("DROP INDEX \"%1\"").arg(index.first),
                                   QStringLiteral("prepare the import"));
                !done)
                return done.takeError();
        }
    }
    qint64 inserted = 0;
    if (auto done = insertRows(next, revision, &inserted); !done)
        return done.takeError();
    if (!rebuilt.isEmpty()) {
        // Best effort (see SqlDialect::indexBuildSetup): if a setting cannot change, the build is only slower.
        for (const QString &statement : m_db.dialect().indexBuildSetup)
            (void)runSql(m_db, statement, QStringLiteral("change a setting"));
        const auto restore = qScopeGuard([&] {
            for (const QString &statement : m_db.dialect().indexBuildRestore)
                (void)runSql(m_db, statement, QStringLiteral("change a setting"));
        });
        for (const auto &index : std::as_const(rebuilt)) {
            if (auto done = runSql(m_db, index.second, QStringLiteral("index the imported tokens")); !done)
                return done.takeError();
        }
    }
    return inserted;
}

Status CredentialStore::insertCertificate(qint64 credentialId, const Certificate &cert, const QString &keyFile)
{
    auto q = m_db.prepare(QStringLiteral("INSERT INTO certificates (thumbprint, credential_id, der, key_file, subject,"
                                         " issuer_subject, serial) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    if (!q)
        return q.takeError();
    q->addBindValue(cert.thumbprint());
    q->addBindValue(credentialId);
    q->addBindValue(cert.toDer());
    q->addBindValue(keyFile);
    q->addBindValue(cert.subject());
    q->addBindValue(cert.issuer());
    q->addBindValue(cert.serialNumber());
    return SiteDatabase::exec(*q, QStringLiteral("record the certificate"));
}

Status CredentialStore::markSuperseded(qint64 credentialId, qint64 revision)
{
    auto q = m_db.prepare(QStringLiteral("UPDATE credentials SET state = ?, change_seq = ? WHERE id = ?"));
    if (!q)
        return q.takeError();
    q->addBindValue(int(CredentialState::Superseded));
    q->addBindValue(revision);
    q->addBindValue(credentialId);
    return SiteDatabase::exec(*q, QStringLiteral("mark the certificate superseded"));
}

Result<QStringList> CredentialStore::setBlocked(const QStringList &guids, bool blocked, const QString &actor,
                                                const QString &reason, const QDateTime &now, qint64 revision)
{
    // First the ids of every GUID, from the name index alone (no table row is
    // read): a GUID that names nothing refuses the whole set before any change.
    if (auto ready
        = ensurePrepared(m_db, m_statements->idsByName, QStringLiteral("SELECT id FROM credentials WHERE name = ?1"));
        !ready)
        return ready.takeError();
    QSet<QString> seen;
    seen.reserve(guids.size());
    QStringList unique;
    unique.reserve(guids.size());
    for (const QString &g : guids) {
        if (!seen.contains(g)) {
            seen.insert(g);
            unique << g;
        }
    }
    // Looked up in GUID order, so that neighbours share the name index's pages.
    QStringList byName = unique;
    std::sort(byName.begin(), byName.end());
    QList<std::pair<qint64, qsizetype>> rows; // id, index into byName
    rows.reserve(byName.size());
    for (qsizetype i = 0; i < byName.size(); ++i) {
        bindString(m_statements->idsByName, 1, byName.at(i));
        bool found = false;
        while (m_statements->idsByName.step()) {
            found = true;
            rows.append({m_statements->idsByName.columnInt64(0), i});
        }
        const Status looked = m_statements->idsByName.status();
        m_statements->idsByName.reset();
        if (!looked)
            return Error{QStringLiteral("The site database could not look up the tokens: %1.").arg(looked.error())};
        if (!found)
            return Error{unknownToken(byName.at(i)), ErrorKind::NotFound};
    }

    // Then each row in table order (neighbours share their pages), changed only
    // when it is a token whose block state differs; RETURNING tells which were.
    std::sort(rows.begin(), rows.end());
    if (auto ready
        = ensurePrepared(m_db, m_statements->setBlockState,
                         QStringLiteral("UPDATE credentials SET state = ?1, blocked_at = ?2, blocked_by = ?3,"
                                        " block_reason = ?4, change_seq = ?5 WHERE id = ?6 AND kind = ?7"
                                        " AND (state = ?8) <> ?9 RETURNING id"));
        !ready)
        return ready.takeError();
    const QString what = blocked ? QStringLiteral("block the tokens") : QStringLiteral("unblock the tokens");
    const QString noText;
    QList<bool> isToken(byName.size(), false), changedName(byName.size(), false);
    QList<std::pair<qint64, qsizetype>> unchanged;
    for (const auto &[id, name] : std::as_const(rows)) {
        m_statements->setBlockState.bind(1, qint64(blocked ? CredentialState::Blocked : CredentialState::Active));
        bindTime(m_statements->setBlockState, 2, blocked ? now : QDateTime());
        bindText(m_statements->setBlockState, 3, blocked ? actor : noText);
        bindText(m_statements->setBlockState, 4, blocked && !reason.isEmpty() ? reason : noText);
        m_statements->setBlockState.bind(5, revision);
        m_statements->setBlockState.bind(6, id);
        m_statements->setBlockState.bind(7, qint64(CredentialKind::BulkToken));
        m_statements->setBlockState.bind(8, qint64(CredentialState::Blocked));
        m_statements->setBlockState.bind(9, qint64(blocked));
        bool updated = false;
        while (m_statements->setBlockState.step())
            updated = true;
        const bool failed = !m_statements->setBlockState.status();
        const DbFailure why = failed ? m_statements->setBlockState.failure() : DbFailure{};
        m_statements->setBlockState.reset();
        if (failed)
            return SiteDatabase::writeFailure(what, why);
        if (updated)
            isToken[name] = changedName[name] = true;
        else
            unchanged.append({id, name});
    }
    // A row left as it was is either a token already in that state or no token
    // at all (a name is a token GUID or a certificate's common name, never both).
    if (!unchanged.isEmpty()) {
        if (auto ready = ensurePrepared(m_db, m_statements->kindById,
                                        QStringLiteral("SELECT kind FROM credentials WHERE id = ?1"));
            !ready)
            return ready.takeError();
        for (const auto &[id, name] : std::as_const(unchanged)) {
            m_statements->kindById.bind(1, id);
            if (m_statements->kindById.step()
                && m_statements->kindById.columnInt64(0) == qint64(CredentialKind::BulkToken))
                isToken[name] = true;
            const Status read = m_statements->kindById.status();
            m_statements->kindById.reset();
            if (!read)
                return Error{QStringLiteral("The site database could not look up the tokens: %1.").arg(read.error())};
        }
    }
    // Rows may have changed by now: the caller's transaction, not committed on
    // an error, undoes them.
    for (qsizetype i = 0; i < byName.size(); ++i) {
        if (!isToken.at(i))
            return Error{unknownToken(byName.at(i)), ErrorKind::NotFound};
    }
    QSet<QString> changedSet;
    for (qsizetype i = 0; i < byName.size(); ++i) {
        if (changedName.at(i))
            changedSet.insert(byName.at(i));
    }
    QStringList changed; // in the order asked
    changed.reserve(changedSet.size());
    for (const QString &g : std::as_const(unique)) {
        if (changedSet.contains(g))
            changed << g;
    }
    return changed;
}

Result<std::optional<CredentialRecord>> CredentialStore::findToken(const QString &guid) const
{
    auto q
        = m_db.prepare(QStringLiteral("SELECT %1 FROM credentials WHERE +kind = 0 AND name = ?").arg(recordColumns()));
    if (!q)
        return q.takeError();
    q->addBindValue(guid);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("look up the token")); !done)
        return done.takeError();
    if (!q->next())
        return std::optional<CredentialRecord>();
    return std::optional<CredentialRecord>(recordFrom(*q));
}

namespace {

// Ordered by c.credential_id (equal to r.id): ordering by r.id made SQLite scan
// every credential row (a million tokens) to find the few certificates.
Result<QList<StoredCertificate>> readCertificates(const SiteDatabase &db, const QString &where, const QVariant &bound)
{
    auto q = db.prepare(QStringLiteral("SELECT c.der, c.key_file, %1 FROM certificates c JOIN credentials r"
                                       " ON r.id = c.credential_id %2 ORDER BY c.credential_id")
                            .arg(CredentialStore::recordColumns()
                                     .replace(QStringLiteral(", "), QStringLiteral(", r."))
                                     .prepend(QStringLiteral("r.")),
                                 where));
    if (!q)
        return q.takeError();
    if (bound.isValid())
        q->addBindValue(bound);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("read the site certificates")); !done)
        return done.takeError();
    QList<StoredCertificate> out;
    while (q->next()) {
        StoredCertificate sc;
        auto cert = Certificate::fromDer(q->value(0).toByteArray());
        if (!cert)
            return Error{QStringLiteral("A site certificate in the database is damaged: %1").arg(cert.error()),
                         ErrorKind::Corrupt};
        sc.certificate = std::move(cert).value();
        sc.keyFile = q->value(1).toString();
        sc.record = CredentialStore::recordFrom(*q, 2);
        out << sc;
    }
    return out;
}

} // namespace

Result<std::optional<StoredCertificate>> CredentialStore::findCertificate(const QString &thumbprint) const
{
    auto found = readCertificates(m_db, QStringLiteral("WHERE c.thumbprint = ?"), thumbprint.toUpper());
    if (!found)
        return found.takeError();
    if (found->isEmpty())
        return std::optional<StoredCertificate>();
    return std::optional<StoredCertificate>(found->first());
}

Result<QList<StoredCertificate>> CredentialStore::certificates() const
{
    return readCertificates(m_db, QString(), QVariant());
}

Status CredentialStore::forEach(const CredentialFilter &filter, const QDateTime &now,
                                const std::function<bool(const CredentialRecord &)> &visit) const
{
    QStringList where;
    QVariantList values;
    if (filter.kind) {
        where << QStringLiteral("kind = ?");
        values << int(*filter.kind);
    }
    if (filter.status) {
        switch (*filter.status) {
        case DisplayStatus::Blocked:
            where << QStringLiteral("state = ?");
            values << int(CredentialState::Blocked);
            break;
        case DisplayStatus::Superseded:
            where << QStringLiteral("state = ?");
            values << int(CredentialState::Superseded);
            break;
        case DisplayStatus::Expired:
            where << QStringLiteral("state = ? AND not_after <= ?");
            values << int(CredentialState::Active) << now.toSecsSinceEpoch();
            break;
        case DisplayStatus::Active:
            where << QStringLiteral("state = ? AND not_after > ?");
            values << int(CredentialState::Active) << now.toSecsSinceEpoch();
            break;
        }
    }
    auto q = m_db.prepare(
        QStringLiteral("SELECT %1 FROM credentials %2 ORDER BY kind DESC, id")
            .arg(recordColumns(),
                 where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "))));
    if (!q)
        return q.takeError();
    q->setForwardOnly(true);
    for (const QVariant &v : values)
        q->addBindValue(v);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("list the items")); !done)
        return done;
    while (q->next()) {
        if (!visit(recordFrom(*q)))
            break;
    }
    return {};
}

Status CredentialStore::addAudit(const AuditEvent &event)
{
    return addAudit(QList<AuditEvent>{event});
}

Status CredentialStore::addAudit(const QList<AuditEvent> &events)
{
    if (auto ready = ensurePrepared(
            m_db, m_statements->auditRow,
            QStringLiteral("INSERT INTO audit (at, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)"));
        !ready)
        return ready;
    for (const AuditEvent &e : events) {
        m_statements->auditRow.bind(1, qint64(e.at.toSecsSinceEpoch()));
        bindNotNull(m_statements->auditRow, 2, e.actor);
        bindNotNull(m_statements->auditRow, 3, auditActionCode(e.action));
        bindNotNull(m_statements->auditRow, 4, e.target);
        bindNotNull(m_statements->auditRow, 5, e.detail);
        if (auto done = runWrite(m_statements->auditRow, QStringLiteral("write the audit log")); !done)
            return done;
    }
    return {};
}

Result<QList<AuditEvent>> CredentialStore::audit(const QString &target, int limit) const
{
    QString sql = QStringLiteral("SELECT id, at, actor, action, target, detail FROM audit");
    if (!target.isEmpty())
        sql += QStringLiteral(" WHERE target = ?");
    sql += QStringLiteral(" ORDER BY id");
    if (limit > 0)
        sql = QStringLiteral("SELECT * FROM (%1 DESC LIMIT %2) AS newest ORDER BY id").arg(sql).arg(limit);
    auto q = m_db.prepare(sql);
    if (!q)
        return q.takeError();
    if (!target.isEmpty())
        q->addBindValue(target);
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("read the audit log")); !done)
        return done.takeError();
    QList<AuditEvent> events;
    while (q->next()) {
        auto event = auditFrom(*q);
        if (!event)
            return event.takeError();
        events << *event;
    }
    return events;
}

} // namespace tc
