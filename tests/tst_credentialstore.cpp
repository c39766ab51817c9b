// The SQL of credentials and audit events: round trips of every column, bulk
// inserts across statement chunks, all-or-nothing blocking, filters, standing,
// and hostile GUID text that stays a bound value.
#include "credentialstore.h"
#include "site.h"
#include "sitedatabase.h"

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
        auto standing = store().tokenStanding(text);
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
            QCOMPARE(changed->size(), 3);
            QVERIFY(tx.commit().ok());
        }
        for (int i = 0; i < 5; ++i)
            QCOMPARE(*store().tokenStanding(guids[i]), i < 3 ? TokenStanding::Blocked : TokenStanding::Active);
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
            auto changed = store().setBlocked(guids, false, QStringLiteral("dave"), QString(), fromUnix(m_now), tx.revision());
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
        QCOMPARE(*store().tokenStanding(known.name), TokenStanding::Active);
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
            events << AuditEvent{0, fromUnix(m_now + i), QStringLiteral("frank"), QStringLiteral("block"), target,
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

    void siteCreationIsAudited()
    {
        auto all = store().audit();
        QVERIFY(all.ok());
        QStringList actions;
        for (const AuditEvent &e : *all)
            actions << e.action;
        QVERIFY(actions.contains(QStringLiteral("init")));
        QVERIFY(actions.contains(QStringLiteral("create-issuing")));
        QVERIFY(actions.contains(QStringLiteral("create-signing")));
        QCOMPARE(all->first().actor, currentOsUser());
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
