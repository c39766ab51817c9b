// The SQL of credentials and audit events: round trips of every column, bulk
// inserts across statement chunks, all-or-nothing blocking, filters, standing,
// and hostile GUID text that stays a bound value.
#include "credentialstore.h"
#include "site.h"
#include "sitedatabase.h"
#include "tokenstanding.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace tc;

namespace {

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

CredentialRecord tokenRecord(const QString &guid, qint64 notBefore, int minutes)
{
    CredentialRecord r;
    r.kind = CredentialKind::BulkToken;
    r.name = guid;
    r.notBefore = fromUnix(notBefore);
    r.notAfter = fromUnix(notBefore + qint64(minutes) * 60);
    r.lifetimeMinutes = minutes;
    r.issuer = QStringLiteral("SMS Token Signing Certificate");
    r.signerThumbprint = QStringLiteral("00112233445566778899AABBCCDDEEFF00112233");
    r.createdAt = r.notBefore;
    r.createdBy = QStringLiteral("alice");
    return r;
}

int count(const SiteDatabase &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

// Every index of the credentials table with its CREATE statement.
QStringList credentialIndexes(const SiteDatabase &db)
{
    QSqlQuery q(db.connection());
    QStringList out;
    if (!q.exec(QStringLiteral("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'"
                               " AND tbl_name = 'credentials' ORDER BY name")))
        return {QStringLiteral("error")};
    while (q.next())
        out << q.value(0).toString() + QLatin1Char(':') + q.value(1).toString();
    return out;
}

QString queryPlan(const SiteDatabase &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    QStringList out;
    if (!q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql))
        return QStringLiteral("error");
    while (q.next())
        out << q.value(3).toString();
    return out.join(QLatin1Char('|'));
}

// next() for importTokens: count records from tokenRecord(), every 7th blocked.
std::function<bool(CredentialRecord &)> tokenStream(int count, qint64 now, QStringList *names)
{
    return [=, made = 0](CredentialRecord &r) mutable {
        if (made == count)
            return false;
        r = tokenRecord(newGuid(), now - made, 60 + made % 5);
        if (made % 7 == 0) {
            r.state = CredentialState::Blocked;
            r.blockedAt = fromUnix(now);
            r.blockedBy = QStringLiteral("bob");
        }
        if (names)
            *names << r.name;
        ++made;
        return true;
    };
}

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;
    const qint64 m_now = QDateTime::currentSecsSinceEpoch();

    CredentialStore &store() { return m_site->store(); }
    SiteDatabase &db() { return m_site->database(); }

    // Inserts records in one committed transaction.
    bool insertAll(const QList<CredentialRecord> &records)
    {
        WriteTransaction tx(db());
        return tx.status().ok() && store().insertMany(records, tx.revision()).ok() && tx.commit().ok();
    }

private slots:
    void initTestCase()
    {
        auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("STO"));
        QVERIFY2(site.ok(), qPrintable(site.ok() ? QString() : site.error()));
        m_site = std::move(site).value();
    }

    void insertAndFindRoundTrip()
    {
        CredentialRecord r = tokenRecord(newGuid(), m_now, 60);
        r.state = CredentialState::Blocked;
        r.blockedAt = fromUnix(m_now + 5);
        r.blockedBy = QStringLiteral("bob");
        r.blockReason = QStringLiteral("laptop lost; 'quoted' \"text\"");
        qint64 id = 0;
        {
            WriteTransaction tx(db());
            QVERIFY(tx.status().ok());
            auto inserted = store().insert(r, tx.revision());
            QVERIFY(inserted.ok());
            id = *inserted;
            QVERIFY(tx.commit().ok());
        }
        auto found = store().findToken(r.name);
        QVERIFY(found.ok());
        QVERIFY(found->has_value());
        const CredentialRecord &f = **found;
        QCOMPARE(f.id, id);
        QCOMPARE(f.kind, CredentialKind::BulkToken);
        QCOMPARE(f.name, r.name);
        QCOMPARE(f.state, CredentialState::Blocked);
        QCOMPARE(f.notBefore, r.notBefore);
        QCOMPARE(f.notAfter, r.notAfter);
        QCOMPARE(f.lifetimeMinutes, 60);
        QCOMPARE(f.issuer, r.issuer);
        QCOMPARE(f.signerThumbprint, r.signerThumbprint);
        QCOMPARE(f.createdAt, r.createdAt);
        QCOMPARE(f.createdBy, QStringLiteral("alice"));
        QCOMPARE(f.blockedAt, r.blockedAt);
        QCOMPARE(f.blockedBy, QStringLiteral("bob"));
        QCOMPARE(f.blockReason, r.blockReason);
        QVERIFY(f.changeSeq > 0);
        QCOMPARE(f.statusAt(fromUnix(m_now)), DisplayStatus::Blocked);
    }

    void unknownAndHostileGuidsFindNothing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << newGuid();
        QTest::newRow("sql injection") << QStringLiteral("' OR 1=1 --");
        QTest::newRow("union") << QStringLiteral("x' UNION SELECT * FROM credentials --");
        QTest::newRow("empty") << QString();
    }
    void unknownAndHostileGuidsFindNothing()
    {
        QFETCH(QString, text);
        auto found = store().findToken(text);
        QVERIFY(found.ok());
        QVERIFY(!found->has_value());
        auto standing = tokenStanding(db(), text);
        QVERIFY(standing.ok());
        QCOMPARE(*standing, TokenStanding::Unknown);
        QVERIFY(count(db(), QStringLiteral("SELECT COUNT(*) FROM credentials")) > 0); // tables intact
    }

    void insertManyAcrossChunks_data()
    {
        QTest::addColumn<int>("n");
        QTest::newRow("1") << 1;
        QTest::newRow("64") << 64;
        QTest::newRow("65") << 65;
        QTest::newRow("130") << 130;
    }
    void insertManyAcrossChunks()
    {
        QFETCH(int, n);
        QList<CredentialRecord> records;
        for (int i = 0; i < n; ++i)
            records << tokenRecord(newGuid(), m_now + i, 1 + i);
        QVERIFY(insertAll(records));
        for (const CredentialRecord &r : records) {
            auto found = store().findToken(r.name);
            QVERIFY(found.ok() && found->has_value());
            QCOMPARE((*found)->lifetimeMinutes, r.lifetimeMinutes);
            QCOMPARE((*found)->notBefore, r.notBefore);
        }
    }

    void blockManyAndUnblock()
    {
        QList<CredentialRecord> records;
        QStringList guids;
        for (int i = 0; i < 5; ++i) {
            records << tokenRecord(newGuid(), m_now, 60);
            guids << records.last().name;
        }
        QVERIFY(insertAll(records));
        {
            WriteTransaction tx(db());
            auto changed = store().setBlocked(guids.mid(0, 3), true, QStringLiteral("carol"), QStringLiteral("stolen"),
                                              fromUnix(m_now), tx.revision());
            QVERIFY(changed.ok());
            QCOMPARE(*changed, guids.mid(0, 3)); // in the order asked
            QVERIFY(tx.commit().ok());
        }
        for (int i = 0; i < 5; ++i)
            QCOMPARE(*tokenStanding(db(), guids[i]), i < 3 ? TokenStanding::Blocked : TokenStanding::Active);
        auto blocked = *store().findToken(guids[0]);
        QCOMPARE(blocked->blockedBy, QStringLiteral("carol"));
        QCOMPARE(blocked->blockReason, QStringLiteral("stolen"));
        QCOMPARE(blocked->blockedAt, fromUnix(m_now));
        {
            // Already-blocked ones are not "changed"; duplicates count once.
            WriteTransaction tx(db());
            auto changed = store().setBlocked(guids + guids, true, QStringLiteral("carol"), QString(), fromUnix(m_now),
                                              tx.revision());
            QVERIFY(changed.ok());
            QCOMPARE(changed->size(), 2);
            QVERIFY(tx.commit().ok());
        }
        {
            WriteTransaction tx(db());
            auto changed
                = store().setBlocked(guids, false, QStringLiteral("dave"), QString(), fromUnix(m_now), tx.revision());
            QVERIFY(changed.ok());
            QCOMPARE(changed->size(), 5);
            QVERIFY(tx.commit().ok());
        }
        auto unblocked = *store().findToken(guids[0]);
        QCOMPARE(unblocked->state, CredentialState::Active);
        QVERIFY(!unblocked->blockedAt.isValid());
        QVERIFY(unblocked->blockedBy.isEmpty());
        QVERIFY(unblocked->blockReason.isEmpty());
    }

    void blockWithUnknownGuidChangesNothing()
    {
        const CredentialRecord known = tokenRecord(newGuid(), m_now, 60);
        QVERIFY(insertAll({known}));
        const QString unknown = newGuid();
        const qint64 revision = *db().revision();
        {
            WriteTransaction tx(db());
            auto changed = store().setBlocked({known.name, unknown}, true, QStringLiteral("eve"), QString(),
                                              fromUnix(m_now), tx.revision());
            QVERIFY(!changed.ok());
            QVERIFY2(changed.error().contains(unknown), qPrintable(changed.error()));
            QVERIFY(changed.error().contains(QLatin1String("nothing was changed")));
        } // not committed
        QCOMPARE(*tokenStanding(db(), known.name), TokenStanding::Active);
        QCOMPARE(*db().revision(), revision);
    }

    void certificatesAreNotBlockable()
    {
        auto certs = store().certificates();
        QVERIFY(certs.ok() && !certs->isEmpty());
        WriteTransaction tx(db());
        // A certificate's name is its common name, never a GUID; its thumbprint is no token either.
        auto changed = store().setBlocked({certs->first().record.thumbprint}, true, QStringLiteral("x"), QString(),
                                          fromUnix(m_now), tx.revision());
        QVERIFY(!changed.ok());
    }

    // A certificate's common name is in the name index too: it is found, is no
    // token, and refuses the set; the token blocked before it is undone with the
    // transaction.
    void certificateNameIsNoToken()
    {
        auto certs = store().certificates();
        QVERIFY(certs.ok() && !certs->isEmpty());
        const QString certName = certs->first().record.name;
        const CredentialRecord token = tokenRecord(newGuid(), m_now, 60);
        QVERIFY(insertAll({token}));
        const qint64 revision = *db().revision();
        {
            WriteTransaction tx(db());
            auto changed = store().setBlocked({token.name, certName}, true, QStringLiteral("x"), QString(),
                                              fromUnix(m_now), tx.revision());
            QVERIFY(!changed.ok());
            QVERIFY2(changed.error().contains(certName), qPrintable(changed.error()));
        } // not committed
        QCOMPARE(*tokenStanding(db(), token.name), TokenStanding::Active);
        QCOMPARE(*db().revision(), revision);
        auto cert = store().findCertificate(certs->first().record.thumbprint);
        QVERIFY(cert.ok() && cert->has_value());
        QCOMPARE((*cert)->record.state, certs->first().record.state);
    }

    void forEachFilters()
    {
        QTemporaryDir dir;
        auto site = Site::create(dir.filePath(QStringLiteral("f")), QStringLiteral("FLT"));
        QVERIFY(site.ok());
        CredentialStore &s = (*site)->store();
        const CredentialRecord active = tokenRecord(newGuid(), m_now - 60, 60);
        const CredentialRecord expired = tokenRecord(newGuid(), m_now - 7200, 60);
        CredentialRecord blocked = tokenRecord(newGuid(), m_now - 60, 60);
        blocked.state = CredentialState::Blocked;
        {
            WriteTransaction tx((*site)->database());
            QVERIFY(s.insertMany({active, expired, blocked}, tx.revision()).ok());
            QVERIFY(tx.commit().ok());
        }
        auto names = [&](CredentialFilter filter) {
            QStringList out;
            const Status st = s.forEach(filter, fromUnix(m_now), [&](const CredentialRecord &r) {
                out << (r.isToken() ? r.name : kindCode(r.kind));
                return true;
            });
            return st.ok() ? out : QStringList{QStringLiteral("error")};
        };
        QCOMPARE(names({}).size(), 5);
        QCOMPARE(names({CredentialKind::BulkToken, {}}), (QStringList{active.name, expired.name, blocked.name}));
        QCOMPARE(names({CredentialKind::IssuingRoot, {}}), QStringList{QStringLiteral("sms-issuing")});
        QCOMPARE(names({CredentialKind::BulkToken, DisplayStatus::Active}), QStringList{active.name});
        QCOMPARE(names({CredentialKind::BulkToken, DisplayStatus::Expired}), QStringList{expired.name});
        QCOMPARE(names({{}, DisplayStatus::Blocked}), QStringList{blocked.name});
        QCOMPARE(names({{}, DisplayStatus::Superseded}), QStringList());
        // The visitor can stop early.
        int visited = 0;
        QVERIFY(s.forEach({}, fromUnix(m_now), [&](const CredentialRecord &) { return ++visited < 2; }).ok());
        QCOMPARE(visited, 2);
    }

    void auditRoundTripAndLimit()
    {
        const QString target = newGuid();
        QList<AuditEvent> events;
        for (int i = 0; i < 200; ++i) // more than one multi-row statement
            events << AuditEvent{0,
                                 fromUnix(m_now + i),
                                 QStringLiteral("frank"),
                                 AuditAction::Block,
                                 target,
                                 QStringLiteral("event %1").arg(i)};
        {
            WriteTransaction tx(db());
            QVERIFY(store().addAudit(events).ok());
            QVERIFY(tx.commit().ok());
        }
        auto all = store().audit(target);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 200);
        QCOMPARE(all->first().detail, QStringLiteral("event 0"));
        QCOMPARE(all->last().detail, QStringLiteral("event 199"));
        QCOMPARE(all->first().at, fromUnix(m_now));
        QCOMPARE(all->first().actor, QStringLiteral("frank"));
        auto newest = store().audit(target, 3);
        QVERIFY(newest.ok());
        QCOMPARE(newest->size(), 3);
        QCOMPARE(newest->first().detail, QStringLiteral("event 197")); // oldest of the newest three first
        QCOMPARE(newest->last().detail, QStringLiteral("event 199"));
        QVERIFY(store().audit(QStringLiteral("' OR 1=1 --"))->isEmpty());
    }

    // Enough rows to take the rebuild path: indexes dropped, rows streamed,
    // the same indexes built again, all in one transaction.
    void importManyRebuildsTheSameIndexes()
    {
        QTemporaryDir dir;
        auto site = Site::create(dir.filePath(QStringLiteral("i")), QStringLiteral("IMP"));
        QVERIFY(site.ok());
        SiteDatabase &d = (*site)->database();
        const QStringList indexesBefore = credentialIndexes(d);
        QVERIFY(indexesBefore.size() >= 12);
        constexpr int kRows = 60'000;
        QStringList names;
        qint64 revision = 0;
        {
            WriteTransaction tx(d);
            QVERIFY(tx.status().ok());
            revision = tx.revision();
            auto imported = (*site)->store().importTokens(kRows, tokenStream(kRows, m_now, &names), tx.revision());
            QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error()));
            QCOMPARE(*imported, qint64(kRows));
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(credentialIndexes(d), indexesBefore);
        // The build's own settings are undone: the connection is as the dialect set it up.
        QCOMPARE(count(d, QStringLiteral("PRAGMA temp_store")), 2);
        QCOMPARE(count(d, QStringLiteral("PRAGMA threads")), 0);
        QCOMPARE(count(d, QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0")), kRows);
        QCOMPARE(count(d, QStringLiteral("SELECT count(*) FROM credentials WHERE state = 1")), (kRows + 6) / 7);
        {
            QSqlQuery check(d.connection());
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
        }
        QCOMPARE(
            count(d,
                  QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0 AND change_seq = %1").arg(revision)),
            kRows);
        // The rebuilt indexes serve lookups and sorts again.
        QVERIFY(queryPlan(d, QStringLiteral("SELECT state FROM credentials WHERE +kind = 0 AND name = 'x'"))
                    .contains(QLatin1String("credentials_name")));
        QVERIFY(queryPlan(d, QStringLiteral("SELECT id FROM credentials ORDER BY not_after DESC, id DESC LIMIT 5"))
                    .contains(QLatin1String("credentials_not_after")));
        for (int i : {0, 1, 7, kRows / 2, kRows - 1}) {
            auto found = (*site)->store().findToken(names.at(i));
            QVERIFY(found.ok() && found->has_value());
            const CredentialRecord expected = tokenRecord(names.at(i), m_now - i, 60 + i % 5);
            QCOMPARE((*found)->notAfter, expected.notAfter);
            QCOMPARE((*found)->lifetimeMinutes, expected.lifetimeMinutes);
            QCOMPARE((*found)->state, i % 7 == 0 ? CredentialState::Blocked : CredentialState::Active);
            QCOMPARE((*found)->blockedBy, i % 7 == 0 ? QStringLiteral("bob") : QString());
        }
        // A few more rows into the now large table go in with the indexes in place.
        {
            WriteTransaction tx(d);
            QStringList more;
            auto imported = (*site)->store().importTokens(3, tokenStream(3, m_now, &more), tx.revision());
            QVERIFY(imported.ok());
            QCOMPARE(*imported, qint64(3));
            QVERIFY(tx.commit().ok());
            QCOMPARE(*tokenStanding((*site)->database(), more.first()), TokenStanding::Blocked);
            QCOMPARE(*tokenStanding((*site)->database(), more.last()), TokenStanding::Active);
        }
        QCOMPARE(credentialIndexes(d), indexesBefore);
    }

    // A row the unique index refuses, after the indexes were dropped: nothing of the
    // import stays, and every index is back (the transaction rolls back the drops).
    void failedImportLeavesTableAndIndexes()
    {
        QTemporaryDir dir;
        auto site = Site::create(dir.filePath(QStringLiteral("f")), QStringLiteral("IMF"));
        QVERIFY(site.ok());
        SiteDatabase &d = (*site)->database();
        const QStringList indexesBefore = credentialIndexes(d);
        const int rowsBefore = count(d, QStringLiteral("SELECT count(*) FROM credentials"));
        const qint64 revisionBefore = *d.revision();
        auto certs = (*site)->store().certificates();
        QVERIFY(certs.ok() && !certs->isEmpty());
        const QString takenThumbprint = certs->first().record.thumbprint;
        {
            WriteTransaction tx(d);
            auto inner = tokenStream(60'000, m_now, nullptr);
            int made = 0;
            auto imported = (*site)->store().importTokens(
                60'000,
                [&](CredentialRecord &r) {
                    if (!inner(r))
                        return false;
                    if (++made == 55'000)
                        r.thumbprint = takenThumbprint; // the unique index refuses it
                    return true;
                },
                tx.revision());
            QVERIFY(!imported.ok());
            QVERIFY2(imported.error().contains(QLatin1String("UNIQUE")), qPrintable(imported.error()));
        } // not committed
        QCOMPARE(credentialIndexes(d), indexesBefore);
        QCOMPARE(count(d, QStringLiteral("SELECT count(*) FROM credentials")), rowsBefore);
        QCOMPARE(*d.revision(), revisionBefore);
    }

    void siteCreationIsAudited()
    {
        auto all = store().audit();
        QVERIFY(all.ok());
        QStringList actions;
        for (const AuditEvent &e : *all)
            actions << auditActionCode(e.action);
        QVERIFY(actions.contains(QStringLiteral("init")));
        QVERIFY(actions.contains(QStringLiteral("create-issuing")));
        QVERIFY(actions.contains(QStringLiteral("create-signing")));
        QCOMPARE(all->first().actor, currentOsUser());
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
