// RankDirectory: sampled ranks of one order over a real site database, compared
// with the order SQL itself gives (ORDER BY ... LIMIT/OFFSET).

#include "credentialquery.h"
#include "credentialstore.h"
#include "rankdirectory.h"
#include "site.h"
#include "sitedatabase.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <atomic>

using namespace tc;

class TestRankDirectory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;
    static constexpr int kRows = 3000;

    // The key (sort values, then id) of the row at rank in SQL's own ascending order.
    QVariantList keyAtRank(const QStringList &keys, qint64 rank) const
    {
        QStringList ascending;
        for (const QString &key : keys)
            ascending << key + QStringLiteral(" ASC");
        QSqlQuery q(m_site->database().connection());
        q.prepare(QStringLiteral("SELECT %1, id FROM credentials ORDER BY %2, id ASC LIMIT 1 OFFSET ?")
                      .arg(keys.join(QStringLiteral(", ")), ascending.join(QStringLiteral(", "))));
        q.addBindValue(rank);
        if (!q.exec() || !q.next())
            return {};
        QVariantList key;
        for (int i = 0; i <= keys.size(); ++i) {
            const QVariant v = q.value(i);
            key << (v.typeId() == QMetaType::QString ? v : QVariant(v.toLongLong()));
        }
        return key;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("RNK"));
        QVERIFY2(site, site ? "" : qPrintable(site.error()));
        m_site = std::move(site).value();
        auto certificates = m_site->store().certificates();
        QVERIFY(certificates && certificates->size() == 2);
        const StoredCertificate &signer = certificates->at(1);
        QList<CredentialRecord> tokens;
        const qint64 base = QDateTime::currentSecsSinceEpoch();
        const QStringList creators{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("Zoë"),
                                   QStringLiteral("émile")};
        for (int i = 0; i < kRows; ++i) {
            CredentialRecord r;
            r.kind = CredentialKind::BulkToken;
            r.name = QUuid::createUuid().toString(QUuid::WithoutBraces);
            r.lifetimeMinutes = 1 + (i * 37) % 500;
            r.notBefore = fromUnix(base - (i * 7919) % 100000);
            r.notAfter = r.notBefore.addSecs(qint64(r.lifetimeMinutes) * 60);
            r.issuer = signer.certificate.commonName();
            r.signerThumbprint = signer.certificate.thumbprint();
            r.createdAt = r.notBefore;
            r.createdBy = creators.at(i % creators.size());
            tokens << r;
        }
        WriteTransaction tx(m_site->database());
        QVERIFY(tx.status());
        QVERIFY(m_site->store().insertMany(tokens, tx.revision()));
        QVERIFY(tx.commit());
    }

    // Every sample is the row SQL puts at its rank, for single and two-key orders,
    // text (with non-ASCII creators) and integers.
    void samplesAreTheRowsAtTheirRanks_data()
    {
        QTest::addColumn<int>("column");
        for (auto column : {CredentialColumn::Name, CredentialColumn::CreatedBy, CredentialColumn::Status,
                            CredentialColumn::Lifetime, CredentialColumn::ValidFrom, CredentialColumn::Thumbprint})
            QTest::newRow(qPrintable(QString::number(int(column)))) << int(column);
    }
    void samplesAreTheRowsAtTheirRanks()
    {
        QFETCH(int, column);
        const QStringList keys = CredentialQuery::sortKeys(CredentialColumn(column));
        auto built = RankDirectory::build(m_site->databasePath(), keys, std::numeric_limits<qint64>::max());
        QVERIFY2(built, built ? "" : qPrintable(built.error()));
        const RankDirectory &directory = *built;
        QCOMPARE(directory.rows(), kRows + 2); // and the site's two certificates
        QCOMPARE(directory.samples(), (kRows + 2 + RankDirectory::kStride - 1) / RankDirectory::kStride);
        for (qsizetype i = 0; i < directory.samples(); ++i)
            QCOMPARE(directory.keyAt(i), keyAtRank(keys, i * RankDirectory::kStride));
        // floor(): the sample at or before each row's key.
        for (qint64 rank : {qint64(0), qint64(1), qint64(RankDirectory::kStride - 1), qint64(RankDirectory::kStride),
                            qint64(1000), qint64(kRows + 1)}) {
            const QVariantList key = keyAtRank(keys, rank);
            const RankDirectory::Sample sample = directory.floor(key);
            QCOMPARE(sample.rank, rank / RankDirectory::kStride * RankDirectory::kStride);
            QCOMPARE(sample.key, keyAtRank(keys, sample.rank));
        }
        // Before the first row: no sample.
        QVariantList first = keyAtRank(keys, 0);
        first.last() = first.last().toLongLong() - 1000000;
        QCOMPARE(directory.floor(first).rank, -1);
    }

    void onlyRowsUpToTheBound()
    {
        const QStringList keys = CredentialQuery::sortKeys(CredentialColumn::Name);
        auto built = RankDirectory::build(m_site->databasePath(), keys, 1000);
        QVERIFY(built);
        QCOMPARE(built->rows(), 1000);
        QCOMPARE(built->upToId(), 1000);
    }

    void cancelledBuildStops()
    {
        std::atomic_bool cancel{true};
        auto built = RankDirectory::build(m_site->databasePath(), CredentialQuery::sortKeys(CredentialColumn::Name),
                                          std::numeric_limits<qint64>::max(), &cancel);
        QVERIFY(!built);
    }

    // As SQLite compares: integers by value and before text, text by its UTF-8
    // bytes (so "Z" < "a" < "é"), then the next value.
    void keysCompareAsSql()
    {
        using K = QVariantList;
        QVERIFY(RankDirectory::compareKeys(K{qint64(-5), qint64(1)}, K{qint64(3), qint64(0)}) < 0);
        QVERIFY(RankDirectory::compareKeys(K{QStringLiteral("Z"), qint64(9)}, K{QStringLiteral("a"), qint64(1)}) < 0);
        QVERIFY(RankDirectory::compareKeys(K{QStringLiteral("é"), qint64(1)}, K{QStringLiteral("z"), qint64(1)}) > 0);
        QVERIFY(RankDirectory::compareKeys(K{QStringLiteral("ab"), qint64(1)}, K{QStringLiteral("abc"), qint64(0)})
                < 0);
        QVERIFY(RankDirectory::compareKeys(K{qint64(7), qint64(2)}, K{QStringLiteral("0"), qint64(1)}) < 0);
        QCOMPARE(RankDirectory::compareKeys(K{QStringLiteral("x"), qint64(4)}, K{QStringLiteral("x"), qint64(4)}), 0);
        QVERIFY(RankDirectory::compareKeys(K{QStringLiteral("x"), qint64(4)}, K{QStringLiteral("x"), qint64(5)}) < 0);
    }
};

QTEST_GUILESS_MAIN(TestRankDirectory)
#include "tst_rankdirectory.moc"
