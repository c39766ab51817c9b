// CredentialCursor: the export's read of a whole list, batch by batch, over a
// real site database; the list model (tested on its own) is the oracle for
// which rows, in which order. Many rows share every leading sort key, so
// batches end inside runs of equal keys.

#include "credentialcursor.h"
#include "credentiallistmodel.h"
#include "credentialstore.h"
#include "site.h"
#include "sitedatabase.h"

#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace tc;

class TestCredentialCursor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;

    QList<qint64> modelIds(const CredentialQuery &query)
    {
        CredentialListModel model(*m_site);
        model.setPollInterval(0);
        model.setSearchText(query.search);
        model.setKindFilter(query.kind);
        model.sort(int(query.sortColumn), query.order);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QList<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.record(model.index(row, 0))->id;
        return ids;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("CUR"));
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
        m_site = std::move(site).value();
        auto certificates = m_site->store().certificates();
        QVERIFY(certificates && certificates->size() == 2);
        const StoredCertificate &signer = certificates->at(1);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<CredentialRecord> tokens;
        for (int i = 0; i < 2500; ++i) {
            CredentialRecord r;
            r.kind = CredentialKind::BulkToken;
            r.name = QUuid::createUuid().toString(QUuid::WithoutBraces);
            r.lifetimeMinutes = 60 * (1 + i % 3); // three lifetimes, three expiry times
            r.notBefore = fromUnix(now.toSecsSinceEpoch() - 60);
            r.notAfter = r.notBefore.addSecs(60 * r.lifetimeMinutes);
            r.issuer = signer.certificate.commonName();
            r.signerThumbprint = signer.certificate.thumbprint();
            r.createdAt = r.notBefore;
            r.createdBy = i % 5 == 0 ? QStringLiteral("bob") : QStringLiteral("alice");
            if (i % 7 == 0) {
                r.state = CredentialState::Blocked;
                r.blockedAt = now;
                r.blockedBy = QStringLiteral("carol");
            }
            tokens << r;
        }
        WriteTransaction tx(m_site->database());
        QVERIFY(tx.status());
        QVERIFY(m_site->store().insertMany(tokens, tx.revision()));
        QVERIFY(tx.commit());
    }

    void readsWhatTheListShows_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QString>("search");
        QTest::addColumn<bool>("tokensOnly");
        QTest::addColumn<int>("batch");
        const auto asc = int(Qt::AscendingOrder), desc = int(Qt::DescendingOrder);
        QTest::newRow("name") << int(CredentialColumn::Name) << asc << QString() << false << 7;
        QTest::newRow("name desc") << int(CredentialColumn::Name) << desc << QString() << false << 1000;
        QTest::newRow("valid to") << int(CredentialColumn::ValidTo) << asc << QString() << false << 13;
        QTest::newRow("status desc") << int(CredentialColumn::Status) << desc << QString() << false << 64;
        QTest::newRow("lifetime") << int(CredentialColumn::Lifetime) << asc << QString() << true << 9;
        QTest::newRow("created by desc") << int(CredentialColumn::CreatedBy) << desc << QString() << false << 250;
        QTest::newRow("blocked by") << int(CredentialColumn::BlockedBy) << asc << QString() << false << 31;
        QTest::newRow("search") << int(CredentialColumn::ValidTo) << desc << QStringLiteral("a1") << false << 5;
        QTest::newRow("search, no match")
            << int(CredentialColumn::Name) << asc << QStringLiteral("zz-none") << false << 5;
    }

    void readsWhatTheListShows()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QString, search);
        QFETCH(bool, tokensOnly);
        QFETCH(int, batch);
        CredentialQuery query;
        query.sortColumn = CredentialColumn(column);
        query.order = Qt::SortOrder(order);
        query.search = search;
        if (tokensOnly)
            query.kind = CredentialKind::BulkToken;
        const QList<qint64> expected = modelIds(query);

        CredentialCursor cursor(m_site->database(), query);
        const auto count = cursor.count();
        QVERIFY2(count, qPrintable(count ? QString() : count.error()));
        QCOMPARE(*count, expected.size());
        QList<qint64> read;
        while (true) {
            const auto rows = cursor.next(batch);
            QVERIFY2(rows, qPrintable(rows ? QString() : rows.error()));
            QVERIFY(rows->size() <= batch);
            if (rows->isEmpty())
                break;
            for (const CredentialRecord &r : *rows)
                read << r.id;
        }
        QCOMPARE(read, expected);
        QVERIFY(cursor.next(batch)->isEmpty()); // and stays done
    }

    void aSnapshotWhileAnotherWriterBlocks()
    {
        // Rows sorted by status move when blocked; the cursor's reads share one
        // snapshot, so a block committed half-way changes nothing it returns.
        CredentialQuery query;
        query.sortColumn = CredentialColumn::Status;
        const QList<qint64> expected = modelIds(query);
        CredentialCursor cursor(m_site->database(), query);
        QList<qint64> read;
        const auto first = cursor.next(100);
        QVERIFY(first);
        for (const CredentialRecord &r : *first)
            read << r.id;
        {
            auto other = Site::open(m_site->folder());
            QVERIFY2(other, qPrintable(other ? QString() : other.error()));
            WriteTransaction tx((*other)->database());
            QVERIFY(tx.status());
            // The last row read and the next one change state: without a snapshot
            // one of them is read twice or never, whichever way the order runs.
            CredentialListModel model(*m_site);
            model.setPollInterval(0);
            model.sort(int(query.sortColumn), query.order);
            const QStringList moved{model.record(model.index(99, 0))->name, model.record(model.index(100, 0))->name};
            QCOMPARE(first->last().name, moved.first());
            for (const QString &guid : std::as_const(moved)) {
                const auto listed = (*other)->store().findToken(guid);
                QVERIFY(listed && listed->has_value());
                QVERIFY((*other)->store().setBlocked({guid}, (*listed)->state != CredentialState::Blocked,
                                                     QStringLiteral("dave"), QString(), QDateTime::currentDateTimeUtc(),
                                                     tx.revision()));
            }
            QVERIFY(tx.commit());
        }
        while (true) {
            const auto rows = cursor.next(100);
            QVERIFY(rows);
            if (rows->isEmpty())
                break;
            for (const CredentialRecord &r : *rows)
                read << r.id;
        }
        QCOMPARE(read, expected);
    }
};

QTEST_GUILESS_MAIN(TestCredentialCursor)
#include "tst_credentialcursor.moc"
