// The token service on a real site: issuing (lifetimes, exact token format,
// metadata committed first, the token never written), blocking many at once,
// every verification reason the service can produce, the 300 s leeway
// boundaries, and renewal of the signing and issuing certificates.
#include "base64url.h"
#include "bulktoken.h"
#include "jws.h"
#include "site.h"
#include "sitepki.h"
#include "strictjson.h"
#include "tokenservice.h"

#include <QDirIterator>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace tc;

namespace {

// Every file under folder (database, WAL, keys, anything else), concatenated.
QByteArray allBytesUnder(const QString &folder, QStringList *names = nullptr)
{
    QByteArray all;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (names)
            *names << f.fileName();
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

int auditCount(Site &site, const QString &action)
{
    QSqlQuery q(site.database().connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = ?"));
    q.addBindValue(action);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

int tokenRows(Site &site)
{
    QSqlQuery q(site.database().connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM credentials WHERE kind = 0")) && q.next() ? q.value(0).toInt()
                                                                                                 : -1;
}

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestTokenService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;
    std::unique_ptr<TokenService> m_service;
    TokenSigner m_signer;
    QString m_recordedGuid; // a GUID this site recorded, for custom-signed tokens
    qint64 m_nbf = 0;

    QByteArray header(const QByteArray &x5t = {}) const;
    QByteArray payload(const QString &guid, qint64 nbf, qint64 exp) const;
    QByteArray signWithSiteKey(const QByteArray &headerJson, const QByteArray &payloadJson) const;
    QString verifyCode(const QByteArray &token, qint64 at);

private slots:
    void initTestCase();

    void parseLifetime_data();
    void parseLifetime();

    void issueLifetimes_data();
    void issueLifetimes();

    void issueRefusesBadLifetimes_data();
    void issueRefusesBadLifetimes();

    void tokenFormatExactly();
    void payloadWriterMatchesPayloadJson();
    void guidsAreTimeOrderedVersion7();

    void metadataCommittedBeforeReturn();

    void tokenNeverStored();

    void blockAndUnblockMany();

    void blockWithUnknownGuidChangesNothing();

    void blockRefusesBadInput_data();
    void blockRefusesBadInput();
    void parseGuids();

    void verifyReasons_data();
    void verifyReasons();

    void leewayBoundaries_data();
    void leewayBoundaries();

    void issueBatch();

    void renewSigningCertificate();

    void renewIssuingAlsoRenewsSigning();

    void tokenOfAnotherSite();

    void reasonCodesAreStable();
};

// moc's tokenizer misreads some raw string literals; it only needs the declarations.
#ifndef Q_MOC_RUN

QByteArray TestTokenService::header(const QByteArray &x5t) const
{
    return bulktoken::headerJson(x5t.isEmpty() ? m_signer.stored.certificate.x5t() : x5t);
}

QByteArray TestTokenService::payload(const QString &guid, qint64 nbf, qint64 exp) const
{
    return bulktoken::payloadJson({m_site->tenantId(), guid, nbf, exp});
}

QByteArray TestTokenService::signWithSiteKey(const QByteArray &headerJson, const QByteArray &payloadJson) const
{
    auto token = jws::signRs256(headerJson, payloadJson, m_signer.key);
    return token.ok() ? *token : QByteArray();
}

QString TestTokenService::verifyCode(const QByteArray &token, qint64 at)
{
    return reasonCode(m_service->verify(token, fromUnix(at)).reason);
}

void TestTokenService::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("TOK"));
    QVERIFY2(site.ok(), qPrintable(site.ok() ? QString() : site.error()));
    m_site = std::move(site).value();
    m_service = std::make_unique<TokenService>(*m_site);
    auto signer = SitePki(*m_site).currentSigner();
    QVERIFY(signer.ok());
    m_signer = *signer;
    auto issued = m_service->issue(60);
    QVERIFY(issued.ok());
    m_recordedGuid = issued->guid;
    m_nbf = issued->notBefore.toSecsSinceEpoch();
}

void TestTokenService::parseLifetime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("minutes"); // 0: refused
    QTest::newRow("1") << QStringLiteral("1") << 1;
    QTest::newRow("4320") << QStringLiteral("4320") << 4320;
    QTest::newRow("10080") << QStringLiteral("10080") << 10080;
    QTest::newRow("0") << QStringLiteral("0") << 0;
    QTest::newRow("-5") << QStringLiteral("-5") << 0;
    QTest::newRow("10081") << QStringLiteral("10081") << 0;
    QTest::newRow("abc") << QStringLiteral("abc") << 0;
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("1.5") << QStringLiteral("1.5") << 0;
    QTest::newRow("+5") << QStringLiteral("+5") << 0;
    QTest::newRow("hex") << QStringLiteral("0x10") << 0;
    QTest::newRow("exponent") << QStringLiteral("1e3") << 0;
    QTest::newRow("huge") << QStringLiteral("99999999999999999999999") << 0;
    QTest::newRow("minutes suffix") << QStringLiteral("60m") << 0;
}

void TestTokenService::parseLifetime()
{
    QFETCH(QString, text);
    QFETCH(int, minutes);
    auto parsed = TokenService::parseLifetime(text);
    QCOMPARE(parsed.ok(), minutes != 0);
    if (minutes)
        QCOMPARE(*parsed, minutes);
    else {
        QVERIFY2(parsed.error().contains(QLatin1String("1 to 10080")), qPrintable(parsed.error()));
        QCOMPARE(parsed.errorKind(), ErrorKind::InvalidInput);
    }
}

void TestTokenService::issueLifetimes_data()
{
    QTest::addColumn<int>("minutes");
    QTest::newRow("default") << -1;
    QTest::newRow("1") << 1;
    QTest::newRow("10080") << 10080;
}

void TestTokenService::issueLifetimes()
{
    QFETCH(int, minutes);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    auto issued = minutes < 0 ? m_service->issue() : m_service->issue(minutes);
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    QVERIFY2(issued.ok(), qPrintable(issued.ok() ? QString() : issued.error()));
    const int expected = minutes < 0 ? 4320 : minutes;
    QCOMPARE(issued->lifetimeMinutes, expected);
    QVERIFY(issued->notBefore.toSecsSinceEpoch() >= before && issued->notBefore.toSecsSinceEpoch() <= after);
    QCOMPARE(issued->notBefore.secsTo(issued->notAfter), qint64(expected) * 60);
    QCOMPARE(canonicalGuid(issued->guid), issued->guid);

    const jws::Decoded d = jws::decode(issued->token);
    QCOMPARE(d.failure, jws::Failure::None);
    auto claims = strictjson::parseObject(d.payload);
    QVERIFY(claims.ok());
    const qint64 nbf = claims->value(QStringLiteral("nbf")).toInteger();
    const qint64 exp = claims->value(QStringLiteral("exp")).toInteger();
    QCOMPARE(exp - nbf, qint64(expected) * 60);
    QCOMPARE(nbf, issued->notBefore.toSecsSinceEpoch());
    QCOMPARE(exp, issued->notAfter.toSecsSinceEpoch());
    QCOMPARE(verifyCode(issued->token, nbf), QStringLiteral("valid"));
}

void TestTokenService::issueRefusesBadLifetimes_data()
{
    QTest::addColumn<int>("minutes");
    QTest::newRow("0") << 0;
    QTest::newRow("-5") << -5;
    QTest::newRow("10081") << 10081;
}

void TestTokenService::issueRefusesBadLifetimes()
{
    QFETCH(int, minutes);
    const int rows = tokenRows(*m_site);
    const int creates = auditCount(*m_site, QStringLiteral("create"));
    const qint64 revision = *m_site->database().revision();
    auto issued = m_service->issue(minutes);
    QVERIFY(!issued.ok());
    QVERIFY2(issued.error().contains(QLatin1String("out of range")), qPrintable(issued.error()));
    QCOMPARE(tokenRows(*m_site), rows);
    QCOMPARE(auditCount(*m_site, QStringLiteral("create")), creates);
    QCOMPARE(*m_site->database().revision(), revision);
}

void TestTokenService::payloadWriterMatchesPayloadJson()
{
    // Batches build the payload around UniqueId once; the bytes must be
    // payloadJson()'s, for this site's tenant and for odd lifetimes alike.
    for (const qint64 nbf : {qint64(0), qint64(1795996576), qint64(9007199254740000)}) {
        const bulktoken::PayloadWriter writer(m_site->tenantId(), nbf, nbf + 61);
        QByteArray out = "left over from the previous token";
        for (int i = 0; i < 3; ++i) {
            const QString guid = newGuid().toLower();
            writer.write(guid.toLatin1(), out);
            QCOMPARE(out, bulktoken::payloadJson({m_site->tenantId(), guid, nbf, nbf + 61}));
        }
    }
    auto batch = m_service->issueBatch(5, 90);
    QVERIFY(batch.ok());
    for (const IssuedToken &t : *batch) {
        const QList<QByteArray> parts = t.token.split('.');
        QCOMPARE(*base64url::decode(parts[1]),
                 bulktoken::payloadJson(
                     {m_site->tenantId(), t.guid, t.notBefore.toSecsSinceEpoch(), t.notAfter.toSecsSinceEpoch()}));
        QCOMPARE(verifyCode(t.token, t.notBefore.toSecsSinceEpoch()), QStringLiteral("valid"));
    }
}

void TestTokenService::guidsAreTimeOrderedVersion7()
{
    // RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits.
    // Canonical lower-case GUIDs, all different, and a later batch sorts after
    // an earlier one (what keeps new rows in neighbouring index pages).
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    auto first = m_service->issueBatch(50, 60);
    QVERIFY(first.ok());
    QTest::qWait(3);
    auto second = m_service->issueBatch(50, 60);
    QVERIFY(second.ok());
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QSet<QString> seen;
    QString newestOfFirst;
    for (const auto *batch : {&*first, &*second}) {
        for (const IssuedToken &t : *batch) {
            QCOMPARE(canonicalGuid(t.guid), t.guid);
            QCOMPARE(t.guid.at(14), QLatin1Char('7'));                                    // version
            QVERIFY2(QStringLiteral("89ab").contains(t.guid.at(19)), qPrintable(t.guid)); // variant
            bool ok = false;
            const qint64 ms = QString(t.guid.left(8) + t.guid.mid(9, 4)).toLongLong(&ok, 16);
            QVERIFY(ok);
            QVERIFY2(ms >= before && ms <= after, qPrintable(t.guid));
            QVERIFY2(!seen.contains(t.guid), qPrintable(t.guid));
            seen.insert(t.guid);
            if (batch == &*first)
                newestOfFirst = std::max(newestOfFirst, t.guid);
            else
                QVERIFY2(t.guid > newestOfFirst, qPrintable(t.guid + QLatin1Char(' ') + newestOfFirst));
        }
    }
    // The random part is random: 100 GUIDs never share their last 12 digits.
    QSet<QString> tails;
    for (const QString &g : std::as_const(seen))
        tails.insert(g.right(12));
    QCOMPARE(tails.size(), seen.size());
}

void TestTokenService::tokenFormatExactly()
{
    auto issued = m_service->issue(120);
    QVERIFY(issued.ok());
    const QList<QByteArray> parts = issued->token.split('.');
    QCOMPARE(parts.size(), 3);
    const QByteArray x5t = m_signer.stored.certificate.x5t();
    QCOMPARE(*base64url::decode(parts[0]), QByteArray(R"({"typ":"JWT","alg":"RS256","x5t":")") + x5t + "\"}");
    const QString tenant = m_site->tenantId();
    const QByteArray expectedPayload
        = QByteArray(R"({"SCCMTokenCategory":"SCCMPreAuthToken","Authority":"SCCM","License":"SCCM",)")
        + R"("Type":"BulkRegistration","TenantId":")" + tenant.toUpper().toLatin1() + R"(",)" + R"("UniqueId":")"
        + issued->guid.toLower().toLatin1() + R"(",)" + R"("iss":"urn:sccm:oauth2:)" + tenant.toLower().toLatin1()
        + R"(",)" + R"("aud":"urn:sccm:service",)" + R"("exp":)"
        + QByteArray::number(issued->notAfter.toSecsSinceEpoch()) + R"(,"nbf":)"
        + QByteArray::number(issued->notBefore.toSecsSinceEpoch()) + "}";
    QCOMPARE(*base64url::decode(parts[1]), expectedPayload);
    // The x5t names the site's current signing certificate: base64url(SHA-1(DER)).
    QCOMPARE(x5t, base64url::encode(m_signer.stored.certificate.sha1()));
    QCOMPARE(base64url::decode(parts[2])->size(), 256); // RSA-2048 signature
    QVERIFY(jws::verifyRs256(jws::decode(issued->token), m_signer.stored.certificate.publicKey()));
}

void TestTokenService::metadataCommittedBeforeReturn()
{
    auto issued = m_service->issue(30);
    QVERIFY(issued.ok());
    // Another connection, as another process would see the site, right now.
    auto other = Site::open(m_site->folder());
    QVERIFY(other.ok());
    auto found = (*other)->store().findToken(issued->guid);
    QVERIFY(found.ok());
    QVERIFY(found->has_value());
    const CredentialRecord &r = **found;
    QCOMPARE(r.lifetimeMinutes, 30);
    QCOMPARE(r.notBefore, issued->notBefore);
    QCOMPARE(r.notAfter, issued->notAfter);
    QCOMPARE(r.state, CredentialState::Active);
    QCOMPARE(r.signerThumbprint, m_signer.stored.certificate.thumbprint());
    QCOMPARE(r.issuer, SitePki::kSigningName);
    QCOMPARE(r.createdBy, currentOsUser());
    auto history = (*other)->store().audit(issued->guid);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 1);
    QCOMPARE(history->first().action, AuditAction::CreateToken);
    QCOMPARE(history->first().actor, currentOsUser());
    // And it can be blocked from there at once.
    TokenService otherService(**other);
    QVERIFY(otherService.block({issued->guid}).ok());
    QCOMPARE(verifyCode(issued->token, issued->notBefore.toSecsSinceEpoch()), QStringLiteral("blocked"));
}

void TestTokenService::tokenNeverStored()
{
    QList<IssuedToken> tokens;
    for (int i = 0; i < 3; ++i) {
        auto issued = m_service->issue(60 + i);
        QVERIFY(issued.ok());
        tokens << *issued;
    }
    const QString folder = m_site->folder();
    QStringList names;
    auto check = [&](const char *when) {
        names.clear();
        const QByteArray all = allBytesUnder(folder, &names);
        QVERIFY(!all.isEmpty());
        for (const IssuedToken &t : tokens) {
            const QList<QByteArray> parts = t.token.split('.');
            QVERIFY2(!all.contains(t.token), when);
            QVERIFY2(!all.contains(parts[1]), when);                     // payload segment
            QVERIFY2(!all.contains(parts[2]), when);                     // signature segment
            QVERIFY2(!all.contains(*base64url::decode(parts[2])), when); // raw signature bytes
            QVERIFY2(!all.contains(parts[0] + '.' + parts[1]), when);    // signing input
            QVERIFY2(all.contains(t.guid.toUtf8()), when);               // the metadata is there
        }
    };
    // While the connection is open (the WAL holds the new rows) ...
    check("open");
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(names.join(QLatin1Char(' ')).contains(QLatin1String("site.db-wal")),
             qPrintable(names.join(QLatin1Char(' '))));
    // ... and after the last connection closed and checkpointed.
    m_service.reset();
    m_site.reset();
    check("closed");
    if (QTest::currentTestFailed())
        return;
    auto site = Site::open(folder);
    QVERIFY(site.ok());
    m_site = std::move(site).value();
    m_service = std::make_unique<TokenService>(*m_site);
}

void TestTokenService::blockAndUnblockMany()
{
    QStringList guids;
    QList<QByteArray> tokens;
    for (int i = 0; i < 4; ++i) {
        auto issued = m_service->issue(60);
        QVERIFY(issued.ok());
        guids << issued->guid;
        tokens << issued->token;
    }
    const qint64 revision = *m_site->database().revision();
    const int blocks = auditCount(*m_site, QStringLiteral("block"));
    // Upper case and braces are accepted and canonicalised.
    QStringList mixed = guids;
    mixed[1] = QLatin1Char('{') + guids[1].toUpper() + QLatin1Char('}');
    auto blocked = m_service->block(mixed, QStringLiteral("lost in transit"));
    QVERIFY2(blocked.ok(), qPrintable(blocked.ok() ? QString() : blocked.error()));
    QCOMPARE(blocked->size(), 4);
    QCOMPARE(*m_site->database().revision(), revision + 1); // one transaction
    QCOMPARE(auditCount(*m_site, QStringLiteral("block")), blocks + 4);
    auto history = m_site->store().audit(guids[2]);
    QCOMPARE(history->last().action, AuditAction::Block);
    QCOMPARE(history->last().detail, QStringLiteral("lost in transit"));
    for (const QByteArray &t : tokens) {
        const VerifyResult r = m_service->verify(t, fromUnix(m_nbf + 60));
        QCOMPARE(reasonCode(r.reason), QStringLiteral("blocked"));
        QVERIFY(guids.contains(r.guid));
    }
    // Blocking again changes nothing and writes no audit row.
    auto again = m_service->block(guids.mid(0, 2));
    QVERIFY(again.ok());
    QCOMPARE(again->size(), 0);
    QCOMPARE(auditCount(*m_site, QStringLiteral("block")), blocks + 4);

    const int unblocks = auditCount(*m_site, QStringLiteral("unblock"));
    auto unblocked = m_service->unblock(guids);
    QVERIFY(unblocked.ok());
    QCOMPARE(unblocked->size(), 4);
    QCOMPARE(auditCount(*m_site, QStringLiteral("unblock")), unblocks + 4);
    for (const QByteArray &t : tokens)
        QCOMPARE(verifyCode(t, m_nbf + 60), QStringLiteral("valid"));
}

void TestTokenService::blockWithUnknownGuidChangesNothing()
{
    auto issued = m_service->issue(60);
    QVERIFY(issued.ok());
    const QString unknown = newGuid();
    const qint64 revision = *m_site->database().revision();
    const int blocks = auditCount(*m_site, QStringLiteral("block"));
    auto blocked = m_service->block({issued->guid, unknown}, QStringLiteral("x"));
    QVERIFY(!blocked.ok());
    QVERIFY2(blocked.error().contains(unknown), qPrintable(blocked.error()));
    QCOMPARE(blocked.errorKind(), ErrorKind::NotFound);
    QCOMPARE(verifyCode(issued->token, m_nbf + 60), QStringLiteral("valid"));
    QCOMPARE(*m_site->database().revision(), revision);
    QCOMPARE(auditCount(*m_site, QStringLiteral("block")), blocks);
}

void TestTokenService::blockRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("guids");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("expect");
    QTest::newRow("none") << QStringList() << QString() << QStringLiteral("No token GUID");
    QTest::newRow("sql injection") << QStringList{QStringLiteral("' OR 1=1 --")} << QString()
                                   << QStringLiteral("not a GUID");
    QTest::newRow("one brace") << QStringList{QStringLiteral("{0f8fad5b-d9cb-469f-a165-70867728950e")} << QString()
                               << QStringLiteral("not a GUID");
    QTest::newRow("reason too long") << QStringList{m_recordedGuid} << QString(501, QLatin1Char('r'))
                                     << QStringLiteral("longer than 500");
}

void TestTokenService::blockRefusesBadInput()
{
    QFETCH(QStringList, guids);
    QFETCH(QString, reason);
    QFETCH(QString, expect);
    const qint64 revision = *m_site->database().revision();
    auto blocked = m_service->block(guids, reason);
    QVERIFY(!blocked.ok());
    QVERIFY2(blocked.error().contains(expect), qPrintable(blocked.error()));
    QCOMPARE(blocked.errorKind(), ErrorKind::InvalidInput);
    QCOMPARE(*m_site->database().revision(), revision);
    // The checks a caller makes before it opens a site refuse with the same sentence.
    const auto parsed = TokenService::parseGuids(guids);
    const Status checked = TokenService::checkReason(reason);
    QVERIFY(!parsed.ok() || !checked.ok());
    QCOMPARE(!parsed.ok() ? parsed.error() : checked.error(), blocked.error());
}

void TestTokenService::parseGuids()
{
    const QString canonical = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
    auto parsed = TokenService::parseGuids({canonical, QStringLiteral("{0F8FAD5B-D9CB-469F-A165-70867728950E}")});
    QVERIFY(parsed.ok());
    QCOMPARE(*parsed, (QStringList{canonical, canonical}));
    QVERIFY(TokenService::checkReason(QString(TokenService::kMaxReasonLength, QLatin1Char('r'))).ok());
}

void TestTokenService::verifyReasons_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("expect");
    const qint64 nbf = m_nbf, exp = m_nbf + 3600;
    const QString g = m_recordedGuid;
    const QByteArray h = header();
    const QByteArray p = payload(g, nbf, exp);
    auto replaced = [&](const char *from, const QByteArray &to) { return QByteArray(p).replace(from, to); };
    const QByteArray tenantLower = m_site->tenantId().toLower().toLatin1();
    const QByteArray tenantUpper = m_site->tenantId().toLatin1();

    QTest::newRow("valid") << signWithSiteKey(h, p) << QStringLiteral("valid");
    QTest::newRow("unknown-token") << signWithSiteKey(h, payload(newGuid(), nbf, exp))
                                   << QStringLiteral("unknown-token");
    QTest::newRow("wrong-tenant") << signWithSiteKey(
        h,
        QByteArray(p).replace("\"TenantId\":\"" + tenantUpper, "\"TenantId\":\"00000000-0000-0000-0000-000000000001"))
                                  << QStringLiteral("wrong-tenant");
    QTest::newRow("tenant in lower case")
        << signWithSiteKey(h, QByteArray(p).replace("\"TenantId\":\"" + tenantUpper, "\"TenantId\":\"" + tenantLower))
        << QStringLiteral("wrong-tenant");
    QTest::newRow("wrong-issuer") << signWithSiteKey(
        h, QByteArray(p).replace("urn:sccm:oauth2:" + tenantLower, "urn:evil"))
                                  << QStringLiteral("wrong-issuer");
    QTest::newRow("wrong-issuer (Authority)")
        << signWithSiteKey(h, replaced("\"Authority\":\"SCCM\"", "\"Authority\":\"X\""))
        << QStringLiteral("wrong-issuer");
    QTest::newRow("wrong-audience") << signWithSiteKey(h, replaced("urn:sccm:service", "urn:other"))
                                    << QStringLiteral("wrong-audience");
    QTest::newRow("wrong-type") << signWithSiteKey(h, replaced("BulkRegistration", "ClientToken"))
                                << QStringLiteral("wrong-type");
    QTest::newRow("wrong-type (category)")
        << signWithSiteKey(h, replaced("SCCMPreAuthToken", "Other")) << QStringLiteral("wrong-type");
    QTest::newRow("lifetime-too-long") << signWithSiteKey(h,
                                                          payload(g, nbf, nbf + qint64(kMaxLifetimeMinutes + 1) * 60))
                                       << QStringLiteral("lifetime-too-long");
    QTest::newRow("lifetime exactly 7 days")
        << signWithSiteKey(h, payload(g, nbf, nbf + qint64(kMaxLifetimeMinutes) * 60)) << QStringLiteral("valid");
    QTest::newRow("unknown-signing-certificate")
        << signWithSiteKey(header("AAAAAAAAAAAAAAAAAAAAAAAAAAA"), p) << QStringLiteral("unknown-signing-certificate");
    QTest::newRow("HS256") << signWithSiteKey(R"({"typ":"JWT","alg":"HS256"})", p)
                           << QStringLiteral("unsupported-algorithm");
    QTest::newRow("none") << base64url::encode(R"({"alg":"none"})") + "." + base64url::encode(p) + "."
                          << QStringLiteral("unsupported-algorithm");
    QTest::newRow("crit") << signWithSiteKey(QByteArray(h).replace("}", ",\"crit\":[\"exp\"]}"), p)
                          << QStringLiteral("unsupported-algorithm");
    QByteArray flipped = signWithSiteKey(h, p);
    flipped[flipped.size() - 20] = flipped[flipped.size() - 20] == 'A' ? 'B' : 'A';
    QTest::newRow("bad-signature") << flipped << QStringLiteral("bad-signature");
    const QByteArray otherKeySigned = [&] {
        auto other = PrivateKey::generateRsa(2048);
        return *jws::signRs256(h, p, *other);
    }();
    QTest::newRow("signed by another key") << otherKeySigned << QStringLiteral("bad-signature");
    QTest::newRow("garbage") << QByteArray("not a token") << QStringLiteral("malformed");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("malformed");
    QTest::newRow("missing x5t") << signWithSiteKey(R"({"typ":"JWT","alg":"RS256"})", p) << QStringLiteral("malformed");
    QTest::newRow("missing exp") << signWithSiteKey(h, replaced(",\"exp\":", ",\"xxx\":"))
                                 << QStringLiteral("malformed");
    QTest::newRow("exp as string") << signWithSiteKey(
        h, replaced("\"exp\":", "\"exp\":\"").replace(",\"nbf\"", "\",\"nbf\""))
                                   << QStringLiteral("malformed");
    QTest::newRow("nbf fractional") << signWithSiteKey(h, QByteArray(p).replace("}", "").append(".5}"))
                                    << QStringLiteral("malformed");
    QTest::newRow("UniqueId upper case") << signWithSiteKey(h,
                                                            QByteArray(p).replace(g.toLatin1(), g.toUpper().toLatin1()))
                                         << QStringLiteral("malformed");
    QTest::newRow("exp before nbf") << signWithSiteKey(h, payload(g, exp, nbf)) << QStringLiteral("malformed");
    QTest::newRow("duplicate claim") << signWithSiteKey(
        h, QByteArray(p).replace("}", ",\"TenantId\":\"" + tenantUpper + "\"}"))
                                     << QStringLiteral("malformed");
}

void TestTokenService::verifyReasons()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, expect);
    QVERIFY(!token.isEmpty() || expect == QLatin1String("malformed"));
    const VerifyResult r = m_service->verify(token, fromUnix(m_nbf + 60));
    QCOMPARE(reasonCode(r.reason), expect);
    QCOMPARE(r.valid(), expect == QLatin1String("valid"));
}

void TestTokenService::leewayBoundaries_data()
{
    QTest::addColumn<qint64>("offset"); // from nbf, or from exp when fromExp
    QTest::addColumn<bool>("fromExp");
    QTest::addColumn<QString>("expect");
    QTest::newRow("nbf-301") << qint64(-301) << false << QStringLiteral("not-yet-valid");
    QTest::newRow("nbf-300") << qint64(-300) << false << QStringLiteral("valid");
    QTest::newRow("nbf") << qint64(0) << false << QStringLiteral("valid");
    QTest::newRow("exp") << qint64(0) << true << QStringLiteral("valid");
    QTest::newRow("exp+299") << qint64(299) << true << QStringLiteral("valid");
    QTest::newRow("exp+300") << qint64(300) << true << QStringLiteral("expired");
    QTest::newRow("a year later") << qint64(365 * 86400) << true << QStringLiteral("expired");
}

void TestTokenService::leewayBoundaries()
{
    QFETCH(qint64, offset);
    QFETCH(bool, fromExp);
    QFETCH(QString, expect);
    const QDateTime nbf = fromUnix(1800000000); // a fixed instant
    auto issued = m_service->issueAt(10, nbf);
    QVERIFY(issued.ok());
    QCOMPARE(issued->notBefore, nbf);
    const qint64 base = fromExp ? issued->notAfter.toSecsSinceEpoch() : nbf.toSecsSinceEpoch();
    const VerifyResult r = m_service->verify(issued->token, fromUnix(base + offset));
    QCOMPARE(reasonCode(r.reason), expect);
    QCOMPARE(r.guid, issued->guid);
    QCOMPARE(r.notBefore, issued->notBefore);
    QCOMPARE(r.notAfter, issued->notAfter);
}

void TestTokenService::issueBatch()
{
    const int rows = tokenRows(*m_site);
    auto batch = m_service->issueBatch(70, 15);
    QVERIFY(batch.ok());
    QCOMPARE(batch->size(), 70);
    QCOMPARE(tokenRows(*m_site), rows + 70);
    QSet<QString> guids;
    for (const IssuedToken &t : *batch) {
        guids.insert(t.guid);
        QCOMPARE(t.lifetimeMinutes, 15);
    }
    QCOMPARE(guids.size(), 70);
    QCOMPARE(verifyCode(batch->last().token, batch->last().notBefore.toSecsSinceEpoch()), QStringLiteral("valid"));
    QVERIFY(!m_service->issueBatch(0, 15).ok());
}

void TestTokenService::renewSigningCertificate()
{
    QTemporaryDir dir;
    auto site = Site::create(dir.filePath(QStringLiteral("renew")), QStringLiteral("RNW"));
    QVERIFY(site.ok());
    TokenService service(**site);
    auto oldToken = service.issue(60);
    QVERIFY(oldToken.ok());
    const qint64 at = oldToken->notBefore.toSecsSinceEpoch();
    QCOMPARE(reasonCode(service.verify(oldToken->token, fromUnix(at)).reason), QStringLiteral("valid"));
    auto oldSigning = SitePki(**site).current(CredentialKind::TokenSigning);
    auto root = SitePki(**site).current(CredentialKind::IssuingRoot);
    QVERIFY(oldSigning.ok() && root.ok());

    auto renewed = service.renewSigningCertificate();
    QVERIFY2(renewed.ok(), qPrintable(renewed.ok() ? QString() : renewed.error()));
    QVERIFY(renewed->certificate.thumbprint() != oldSigning->certificate.thumbprint());
    QVERIFY(renewed->certificate.isSignedBy(root->certificate));
    QCOMPARE(renewed->certificate.keyBits(), 2048);

    const VerifyResult old = service.verify(oldToken->token, fromUnix(at));
    QCOMPARE(reasonCode(old.reason), QStringLiteral("signing-certificate-renewed"));
    QCOMPARE(old.guid, oldToken->guid);
    auto superseded = (*site)->store().findCertificate(oldSigning->certificate.thumbprint());
    QVERIFY(superseded.ok() && superseded->has_value());
    QCOMPARE((*superseded)->record.state, CredentialState::Superseded);
    // The root stays.
    QCOMPARE(SitePki(**site).current(CredentialKind::IssuingRoot)->certificate.thumbprint(),
             root->certificate.thumbprint());

    auto newToken = service.issue(60);
    QVERIFY(newToken.ok());
    QCOMPARE(reasonCode(service.verify(newToken->token, fromUnix(newToken->notBefore.toSecsSinceEpoch())).reason),
             QStringLiteral("valid"));
    QCOMPARE(jws::decode(newToken->token).header.value(QStringLiteral("x5t")).toString(),
             QString::fromLatin1(renewed->certificate.x5t()));
    QCOMPARE(auditCount(**site, QStringLiteral("renew-signing")), 1);
    // A second service on another connection sees the renewal too.
    auto other = Site::open((*site)->folder());
    TokenService otherService(**other);
    QCOMPARE(reasonCode(otherService.verify(oldToken->token, fromUnix(at)).reason),
             QStringLiteral("signing-certificate-renewed"));
}

void TestTokenService::renewIssuingAlsoRenewsSigning()
{
    QTemporaryDir dir;
    auto site = Site::create(dir.filePath(QStringLiteral("renew")), QStringLiteral("RNI"));
    QVERIFY(site.ok());
    TokenService service(**site);
    auto oldToken = service.issue(60);
    QVERIFY(oldToken.ok());
    auto oldRoot = SitePki(**site).current(CredentialKind::IssuingRoot);
    auto oldSigning = SitePki(**site).current(CredentialKind::TokenSigning);
    QVERIFY(oldRoot.ok() && oldSigning.ok());

    auto renewed = service.renewIssuingCertificate();
    QVERIFY2(renewed.ok(), qPrintable(renewed.ok() ? QString() : renewed.error()));
    auto newRoot = SitePki(**site).current(CredentialKind::IssuingRoot);
    auto newSigning = SitePki(**site).current(CredentialKind::TokenSigning);
    QVERIFY(newRoot.ok() && newSigning.ok());
    QCOMPARE(newRoot->certificate.thumbprint(), renewed->certificate.thumbprint());
    QVERIFY(newRoot->certificate.thumbprint() != oldRoot->certificate.thumbprint());
    QVERIFY(newSigning->certificate.thumbprint() != oldSigning->certificate.thumbprint());
    QVERIFY(newRoot->certificate.isCertificateAuthority());
    QVERIFY(newSigning->certificate.isSignedBy(newRoot->certificate));
    QVERIFY(!newSigning->certificate.isSignedBy(oldRoot->certificate));
    for (const QString &thumb : {oldRoot->certificate.thumbprint(), oldSigning->certificate.thumbprint()})
        QCOMPARE((*(*site)->store().findCertificate(thumb))->record.state, CredentialState::Superseded);
    QCOMPARE(reasonCode(service.verify(oldToken->token, fromUnix(oldToken->notBefore.toSecsSinceEpoch())).reason),
             QStringLiteral("signing-certificate-renewed"));
    auto newToken = service.issue(60);
    QVERIFY(newToken.ok());
    QCOMPARE(reasonCode(service.verify(newToken->token, fromUnix(newToken->notBefore.toSecsSinceEpoch())).reason),
             QStringLiteral("valid"));
    QCOMPARE(auditCount(**site, QStringLiteral("renew-issuing")), 1);
    // Every certificate row has its key file, each owner-only.
    QCOMPARE(QDir(QDir((*site)->folder()).filePath(QLatin1String(Site::kKeysFolder))).entryList(QDir::Files).size(), 4);
}

void TestTokenService::tokenOfAnotherSite()
{
    // Another site: its own tenant and keys. Its tokens name a certificate this site never had.
    QTemporaryDir dir;
    auto other = Site::create(dir.filePath(QStringLiteral("other")), QStringLiteral("OTH"));
    QVERIFY(other.ok());
    QVERIFY((*other)->tenantId() != m_site->tenantId());
    TokenService otherService(**other);
    auto foreign = otherService.issue(60);
    QVERIFY(foreign.ok());
    const VerifyResult r = m_service->verify(foreign->token, foreign->notBefore);
    QCOMPARE(reasonCode(r.reason), QStringLiteral("unknown-signing-certificate"));
    QCOMPARE(r.guid, foreign->guid);
    QVERIFY(!m_service->block({foreign->guid}).ok()); // not this site's token
}

void TestTokenService::reasonCodesAreStable()
{
    // The codes of DESIGN.md section 1, in the order the checks run.
    const QStringList expected = {
        QStringLiteral("valid"),
        QStringLiteral("malformed"),
        QStringLiteral("unsupported-algorithm"),
        QStringLiteral("unknown-signing-certificate"),
        QStringLiteral("signing-certificate-renewed"),
        QStringLiteral("bad-signature"),
        QStringLiteral("wrong-issuer"),
        QStringLiteral("wrong-audience"),
        QStringLiteral("wrong-tenant"),
        QStringLiteral("wrong-type"),
        QStringLiteral("not-yet-valid"),
        QStringLiteral("expired"),
        QStringLiteral("lifetime-too-long"),
        QStringLiteral("unknown-token"),
        QStringLiteral("blocked"),
    };
    QStringList codes;
    QSet<QString> descriptions;
    for (int i = int(VerifyReason::Valid); i <= int(VerifyReason::Blocked); ++i) {
        codes << reasonCode(VerifyReason(i));
        const QString d = reasonDescription(VerifyReason(i));
        QVERIFY(d.endsWith(QLatin1Char('.')));
        descriptions.insert(d);
    }
    QCOMPARE(codes, expected);
    QCOMPARE(descriptions.size(), expected.size());
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestTokenService)
#include "tst_tokenservice.moc"
