// BatchVerifier in process: worker threads with their own connections give the
// same answers as TokenService::verify, in input order, and see blocks and
// renewals made between batches.
#include "batchverifier.h"
#include "site.h"
#include "tokenservice.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tc;

class TestBatchVerifier : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;
    QList<IssuedToken> m_issued;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("BVT"));
        QVERIFY2(site, site ? "" : qPrintable(site.error()));
        m_site = std::move(site).value();
        auto issued = TokenService(*m_site).issueBatch(300, 60);
        QVERIFY2(issued, issued ? "" : qPrintable(issued.error()));
        m_issued = *issued;
    }

    void agreesWithTheServiceInInputOrder_data()
    {
        QTest::addColumn<int>("jobs");
        QTest::newRow("1 job") << 1;
        QTest::newRow("2 jobs") << 2;
        QTest::newRow("all cores") << 0;
    }

    void agreesWithTheServiceInInputOrder()
    {
        QFETCH(int, jobs);
        QList<QByteArray> tokens;
        for (int i = 0; i < m_issued.size(); ++i) {
            tokens << m_issued.at(i).token;
            if (i % 7 == 0)
                tokens << QByteArray("garbage-") + QByteArray::number(i);
        }
        const QDateTime at = QDateTime::currentDateTimeUtc();
        auto verifier = BatchVerifier::start(*m_site, jobs);
        QVERIFY2(verifier, verifier ? "" : qPrintable(verifier.error()));
        QCOMPARE((*verifier)->jobs(), jobs > 0 ? jobs : std::max(1, QThread::idealThreadCount()));
        const QList<VerifyResult> results = (*verifier)->verify(tokens, at);
        QCOMPARE(results.size(), tokens.size());
        TokenService service(*m_site);
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            const VerifyResult expected = service.verify(tokens.at(i), at);
            QCOMPARE(reasonCode(results.at(i).reason), reasonCode(expected.reason));
            QCOMPARE(results.at(i).guid, expected.guid);
        }
    }

    void emptyBatch()
    {
        auto verifier = BatchVerifier::start(*m_site, 2);
        QVERIFY(verifier);
        QVERIFY((*verifier)->verify({}, QDateTime::currentDateTimeUtc()).isEmpty());
    }

    // Blocks are looked up live; a renewal is noticed at the next batch.
    void seesBlocksAndRenewalsBetweenBatches()
    {
        auto verifier = BatchVerifier::start(*m_site, 2);
        QVERIFY(verifier);
        const QList<QByteArray> tokens{m_issued.at(0).token, m_issued.at(1).token};
        const QDateTime at = QDateTime::currentDateTimeUtc();
        QList<VerifyResult> results = (*verifier)->verify(tokens, at);
        QCOMPARE(results.at(0).reason, VerifyReason::Valid);
        QCOMPARE(results.at(1).reason, VerifyReason::Valid);

        TokenService service(*m_site);
        QVERIFY(service.block({m_issued.at(1).guid}));
        results = (*verifier)->verify(tokens, at);
        QCOMPARE(results.at(0).reason, VerifyReason::Valid);
        QCOMPARE(results.at(1).reason, VerifyReason::Blocked);

        QVERIFY(service.renewSigningCertificate());
        results = (*verifier)->verify(tokens, at);
        QCOMPARE(results.at(0).reason, VerifyReason::SigningCertificateRenewed);
        QCOMPARE(results.at(1).reason, VerifyReason::SigningCertificateRenewed);
    }
};

QTEST_GUILESS_MAIN(TestBatchVerifier)
#include "tst_batchverifier.moc"
