// TokenLookup on a real site: the revision and a token's standing, read through
// SQLite's C API, agree with SiteDatabase and CredentialStore and see another
// connection's commits at once.
#include "site.h"
#include "sqlitetokenlookup.h"
#include "tokenservice.h"
#include "tokenstanding.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace tc;

class TestTokenLookup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void revisionAgreesAndAdvances();
    void standings();
    void seesAnotherConnectionAtOnce();
    void revisionAndStandingInOneRead();
    void snapshotSharedByABatch();
    void verifyUsesIt();
    void verifySeesRenewalByAnotherConnection();
    void certificatesStampFollowsCertificatesOnly();
    void missingRevisionIsAnErrorAndNeverValid();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;
    QString m_guid;
};

void TestTokenLookup::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("LKP"));
    QVERIFY2(site.ok(), qPrintable(site.ok() ? QString() : site.error()));
    m_site = std::move(site).value();
    auto issued = TokenService(*m_site).issue(60);
    QVERIFY(issued.ok());
    m_guid = issued->guid;
}

void TestTokenLookup::revisionAgreesAndAdvances()
{
    SqliteTokenLookup lookup(m_site->database());
    auto before = lookup.revision();
    QVERIFY2(before.ok(), qPrintable(before.ok() ? QString() : before.error()));
    QCOMPARE(*before, *m_site->database().revision());
    QVERIFY(TokenService(*m_site).issue(60).ok());
    auto after = lookup.revision();
    QVERIFY(after.ok());
    QCOMPARE(*after, *before + 1);
    QCOMPARE(*after, *m_site->database().revision());
}

void TestTokenLookup::standings()
{
    SqliteTokenLookup lookup(m_site->database());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Active);
    QCOMPARE(*lookup.standing(m_guid), *tokenStanding(m_site->database(), m_guid));
    QCOMPARE(*lookup.standing(QStringLiteral("00000000-0000-4000-8000-000000000000")), TokenStanding::Unknown);
    // Certificates are not tokens, even when named like one.
    QCOMPARE(*lookup.standing(QStringLiteral("SMS Token Signing Certificate")), TokenStanding::Unknown);

    TokenService service(*m_site);
    QVERIFY(service.block({m_guid}).ok());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Blocked);
    QCOMPARE(*tokenStanding(m_site->database(), m_guid), TokenStanding::Blocked);
    QVERIFY(service.unblock({m_guid}).ok());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Active);
}

void TestTokenLookup::seesAnotherConnectionAtOnce()
{
    // No read snapshot is held between calls: a commit elsewhere shows next time.
    SqliteTokenLookup lookup(m_site->database());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Active);
    const qint64 revision = *lookup.revision();
    auto other = m_site->openAnotherConnection();
    QVERIFY(other.ok());
    QVERIFY(TokenService(**other).block({m_guid}).ok());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Blocked);
    QCOMPARE(*lookup.revision(), revision + 1);
    QVERIFY(TokenService(**other).unblock({m_guid}).ok());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Active);
}

void TestTokenLookup::revisionAndStandingInOneRead()
{
    SqliteTokenLookup lookup(m_site->database());
    auto both = lookup.revisionAndStanding(m_guid);
    QVERIFY2(both.ok(), qPrintable(both.ok() ? QString() : both.error()));
    QCOMPARE(both->revision, *m_site->database().revision());
    QCOMPARE(both->standing, TokenStanding::Active);
    auto unknown = lookup.revisionAndStanding(QStringLiteral("00000000-0000-4000-8000-000000000000"));
    QVERIFY(unknown.ok());
    QCOMPARE(unknown->standing, TokenStanding::Unknown);
    QCOMPARE(unknown->revision, both->revision);

    auto other = m_site->openAnotherConnection();
    QVERIFY(other.ok());
    QVERIFY(TokenService(**other).block({m_guid}).ok());
    auto blocked = lookup.revisionAndStanding(m_guid);
    QVERIFY(blocked.ok());
    QCOMPARE(blocked->standing, TokenStanding::Blocked);
    QCOMPARE(blocked->revision, both->revision + 1);
    QVERIFY(TokenService(**other).unblock({m_guid}).ok());
    QCOMPARE(lookup.revisionAndStanding(m_guid)->standing, TokenStanding::Active);
}

void TestTokenLookup::snapshotSharedByABatch()
{
    // Inside a snapshot every read sees the site as of its first read; a block
    // committed meanwhile by another connection shows after endSnapshot().
    SqliteTokenLookup lookup(m_site->database());
    QVERIFY(lookup.beginSnapshot().ok());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Active);
    auto other = m_site->openAnotherConnection();
    QVERIFY(other.ok());
    QVERIFY(TokenService(**other).block({m_guid}).ok());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Active);
    lookup.endSnapshot();
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Blocked);
    lookup.endSnapshot(); // harmless when none is open
    QVERIFY(TokenService(**other).unblock({m_guid}).ok());
    QCOMPARE(*lookup.standing(m_guid), TokenStanding::Active);
    // The site's own connection can write again: no transaction was left open.
    QVERIFY(TokenService(*m_site).issue(60).ok());
}

void TestTokenLookup::verifyUsesIt()
{
    // TokenService::verify reads through a TokenLookup: blocks by another
    // connection refuse at once, unblocks restore.
    TokenService service(*m_site);
    auto issued = service.issue(60);
    QVERIFY(issued.ok());
    const QDateTime at = issued->notBefore;
    QCOMPARE(service.verify(issued->token, at).reason, VerifyReason::Valid);
    auto other = m_site->openAnotherConnection();
    QVERIFY(other.ok());
    QVERIFY(TokenService(**other).block({issued->guid}).ok());
    QCOMPARE(service.verify(issued->token, at).reason, VerifyReason::Blocked);
    QVERIFY(TokenService(**other).unblock({issued->guid}).ok());
    QCOMPARE(service.verify(issued->token, at).reason, VerifyReason::Valid);
}

void TestTokenLookup::verifySeesRenewalByAnotherConnection()
{
    // The verifier's signing keys are built once; a renewal elsewhere advances
    // the revision, read with the standing, and the token is checked again.
    TokenService service(*m_site);
    auto issued = service.issue(60);
    QVERIFY(issued.ok());
    const QDateTime at = issued->notBefore;
    QCOMPARE(service.verify(issued->token, at).reason, VerifyReason::Valid);
    QCOMPARE(service.verify("not a token", at).reason, VerifyReason::Malformed);
    auto other = m_site->openAnotherConnection();
    QVERIFY(other.ok());
    QVERIFY(TokenService(**other).renewSigningCertificate().ok());
    QCOMPARE(service.verify(issued->token, at).reason, VerifyReason::SigningCertificateRenewed);
    // A token of the new certificate, issued elsewhere, is known at once too.
    auto fresh = TokenService(**other).issue(60);
    QVERIFY(fresh.ok());
    QCOMPARE(service.verify(fresh->token, fresh->notBefore).reason, VerifyReason::Valid);
}

void TestTokenLookup::certificatesStampFollowsCertificatesOnly()
{
    // What a verifier of client tokens follows: tokens come and go (the
    // revision advances), the stamp stays; a renewal in another connection
    // changes it.
    SqliteTokenLookup lookup(m_site->database());
    const auto before = lookup.certificatesStamp();
    QVERIFY2(before.ok(), qPrintable(before.ok() ? QString() : before.error()));
    QVERIFY(before->second >= 2); // the root and the signing certificate
    auto issued = TokenService(*m_site).issue(60);
    QVERIFY(issued.ok());
    QVERIFY(TokenService(*m_site).block({issued->guid}, QStringLiteral("test")).ok());
    QCOMPARE(*lookup.certificatesStamp(), *before);
    auto other = m_site->openAnotherConnection();
    QVERIFY(other.ok());
    QVERIFY(TokenService(**other).renewSigningCertificate().ok());
    const auto after = lookup.certificatesStamp();
    QVERIFY(after.ok());
    QVERIFY(*after != *before);
    QCOMPARE(after->second, before->second + 1);
}

void TestTokenLookup::missingRevisionIsAnErrorAndNeverValid()
{
    // A damaged site (its revision row gone): the reads fail with one
    // sentence, and a token with a good signature is refused, never valid.
    QTemporaryDir dir;
    auto created = Site::create(dir.filePath(QStringLiteral("site")), QStringLiteral("DMG"));
    QVERIFY(created.ok());
    Site &site = **created;
    TokenService service(site);
    auto issued = service.issue(60);
    QVERIFY(issued.ok());
    QSqlQuery q(site.database().connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM revision")));
    q.finish();

    SqliteTokenLookup lookup(site.database());
    auto revision = lookup.revision();
    QVERIFY(!revision.ok());
    QVERIFY2(revision.error().contains(QLatin1String("revision")) && revision.error().endsWith(QLatin1Char('.')),
             qPrintable(revision.error()));
    auto both = lookup.revisionAndStanding(issued->guid);
    QVERIFY(!both.ok());
    QVERIFY2(both.error().endsWith(QLatin1Char('.')), qPrintable(both.error()));
    QCOMPARE(*lookup.standing(issued->guid), TokenStanding::Active); // the token row itself is fine

    const VerifyResult r = service.verify(issued->token, issued->notBefore);
    QVERIFY(!r.valid());
    QCOMPARE(r.reason, VerifyReason::UnknownToken);
}

QTEST_GUILESS_MAIN(TestTokenLookup)
#include "tst_tokenlookup.moc"
