// SearchIndex: the list's in-memory substring index over a real site database,
// compared with a plain scan of the same rows.

#include "credentialstore.h"
#include "searchindex.h"
#include "site.h"
#include "sitedatabase.h"

#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace tc;

class TestSearchIndex : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;

    void addTokens(int count)
    {
        auto certificates = m_site->store().certificates();
        QVERIFY(certificates && certificates->size() == 2);
        const StoredCertificate &signer = certificates->at(1);
        QList<CredentialRecord> tokens;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < count; ++i) {
            CredentialRecord r;
            r.kind = CredentialKind::BulkToken;
            r.name = QUuid::createUuid().toString(QUuid::WithoutBraces);
            r.lifetimeMinutes = 60;
            r.notBefore = fromUnix(now.toSecsSinceEpoch());
            r.notAfter = r.notBefore.addSecs(3600);
            r.issuer = signer.certificate.commonName();
            r.signerThumbprint = signer.certificate.thumbprint();
            r.createdAt = r.notBefore;
            r.createdBy = QStringLiteral("alice");
            tokens << r;
        }
        WriteTransaction tx(m_site->database());
        QVERIFY(tx.status());
        QVERIFY(m_site->store().insertMany(tokens, tx.revision()));
        QVERIFY(tx.commit());
    }

    QList<CredentialRecord> all() const
    {
        QList<CredentialRecord> out;
        (void)m_site->store().forEach({}, QDateTime::currentDateTimeUtc(), [&out](const CredentialRecord &r) {
            out << r;
            return true;
        });
        std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
        return out;
    }

    // What the index must answer: name or thumbprint contains text, ASCII case folded.
    QList<qint64> scan(const QString &text, std::optional<CredentialKind> kind, qint64 upTo) const
    {
        QList<qint64> ids;
        for (const CredentialRecord &r : all()) {
            if (r.id > upTo || (kind && r.kind != *kind))
                continue;
            if (r.name.contains(text, Qt::CaseInsensitive) || r.thumbprint.contains(text, Qt::CaseInsensitive))
                ids << r.id;
        }
        return ids;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("IDX"));
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
        m_site = std::move(site).value();
        addTokens(3000);
    }

    void findsWhatAScanFinds()
    {
        auto index = SearchIndex::build(m_site->databasePath());
        QVERIFY2(index, qPrintable(index ? QString() : index.error()));
        const QList<CredentialRecord> rows = all();
        QCOMPARE(index->size(), rows.size());
        QCOMPARE(index->maxId(), rows.last().id);
        const QString thumbprint = rows.first().thumbprint;
        QVERIFY(!thumbprint.isEmpty());
        const QStringList texts{rows.at(1500).name.mid(24, 6).toUpper(),
                                rows.at(10).name.left(8),
                                QStringLiteral("-4"),
                                QStringLiteral("a"),
                                thumbprint.mid(3, 12).toUpper(),
                                QStringLiteral("sms"),
                                QStringLiteral("\n"),
                                QStringLiteral("zz-not-there")};
        for (const QString &text : texts) {
            for (auto kind : {std::optional<CredentialKind>(), std::optional(CredentialKind::BulkToken),
                              std::optional(CredentialKind::IssuingRoot)}) {
                QCOMPARE(index->find(text, kind, index->maxId()), scan(text, kind, index->maxId()));
            }
        }
        QVERIFY(index->find(rows.at(1500).name, std::nullopt, index->maxId()).contains(rows.at(1500).id));
        // A match across the end of a name and the start of the next is no match.
        const QString across = rows.at(5).name.right(3) + rows.at(6).name.left(3);
        QCOMPARE(index->find(across, std::nullopt, index->maxId()), scan(across, std::nullopt, index->maxId()));
        // Only rows up to the given id.
        const qint64 half = rows.at(rows.size() / 2).id;
        QCOMPARE(index->find(QStringLiteral("a"), std::nullopt, half), scan(QStringLiteral("a"), std::nullopt, half));
        QVERIFY(index->find(QString(), std::nullopt, index->maxId()).isEmpty());
    }

    void appendsRowsAddedLater()
    {
        const qint64 before = all().last().id;
        auto index = SearchIndex::build(m_site->databasePath(), before - 100);
        QVERIFY(index);
        QCOMPARE(index->maxId(), before - 100);
        addTokens(50);
        const QList<CredentialRecord> rows = all();
        QVERIFY(index->append(m_site->database(), rows.last().id));
        QCOMPARE(index->maxId(), rows.last().id);
        QCOMPARE(index->size(), rows.size());
        const QString newest = rows.last().name.mid(9, 9);
        QCOMPARE(index->find(newest, std::nullopt, index->maxId()), scan(newest, std::nullopt, index->maxId()));
        QVERIFY(index->find(newest, std::nullopt, index->maxId()).contains(rows.last().id));
        // Appending again reads nothing new.
        QVERIFY(index->append(m_site->database(), rows.last().id));
        QCOMPARE(index->size(), rows.size());
    }

    void stopsWhenCancelled()
    {
        const std::atomic_bool cancelled{true}, going{false};
        const auto stopped = SearchIndex::build(m_site->databasePath(), std::nullopt, &cancelled);
        QVERIFY(!stopped);
        QVERIFY2(stopped.error().contains(QStringLiteral("cancelled")), qPrintable(stopped.error()));
        const auto built = SearchIndex::build(m_site->databasePath(), std::nullopt, &going);
        QVERIFY(built);
        QCOMPARE(built->size(), all().size());
    }

    void refusesAFileThatIsNoSite()
    {
        QFile junk(m_dir.filePath(QStringLiteral("junk.db")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a database at all, just text that is long enough to be read as a header......................");
        junk.close();
        const auto index = SearchIndex::build(junk.fileName());
        QVERIFY(!index);
        QVERIFY(!index.error().isEmpty());
        QVERIFY(!SearchIndex::build(m_dir.filePath(QStringLiteral("missing.db"))));
    }
};

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "tst_searchindex.moc"
