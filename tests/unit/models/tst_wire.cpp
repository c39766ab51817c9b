// tc::wire: the member names of each JSON shape, which scripts and any other
// front end rely on. tst_cli checks the same shapes through the real binary.
#include "records.h"
#include "tokenservice.h"
#include "tokenverifier.h"
#include "wire.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace tc;

namespace {

QStringList keys(const QJsonObject &o)
{
    QStringList k = o.keys();
    k.sort();
    return k;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

CredentialRecord token(CredentialState state, const QString &reason = {})
{
    CredentialRecord r;
    r.kind = CredentialKind::BulkToken;
    r.name = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
    r.state = state;
    r.notBefore = fromUnix(1'800'000'000);
    r.notAfter = fromUnix(1'800'000'000 + 60 * 60);
    r.lifetimeMinutes = 60;
    r.signerThumbprint = QString(40, QLatin1Char('A'));
    r.createdAt = r.notBefore;
    r.createdBy = QStringLiteral("admin");
    if (state == CredentialState::Blocked) {
        r.blockedAt = r.notBefore.addSecs(5);
        r.blockedBy = QStringLiteral("admin");
        r.blockReason = reason;
    }
    return r;
}

AuditEvent blockEvent()
{
    return AuditEvent{1,
                      fromUnix(1'800'000'000),
                      QStringLiteral("admin"),
                      AuditAction::Block,
                      QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"),
                      QStringLiteral("lost")};
}

const QStringList kRecordKeys{QStringLiteral("type"),     QStringLiteral("status"),    QStringLiteral("notBefore"),
                              QStringLiteral("notAfter"), QStringLiteral("createdBy"), QStringLiteral("createdAt")};
const QStringList kTokenKeys = kRecordKeys
    + QStringList{QStringLiteral("guid"), QStringLiteral("lifetimeMinutes"), QStringLiteral("signingCertificate")};

} // namespace

class TestWire : public QObject
{
    Q_OBJECT

private slots:
    void tokenRecord()
    {
        const QDateTime now = fromUnix(1'800'000'060);
        const QJsonObject active = wire::recordJson(token(CredentialState::Active), now);
        QCOMPARE(keys(active), sorted(kTokenKeys));
        QCOMPARE(active[QStringLiteral("type")].toString(), QStringLiteral("bulk-token"));
        QCOMPARE(active[QStringLiteral("status")].toString(), QStringLiteral("active"));
        QCOMPARE(active[QStringLiteral("notBefore")].toString(), QStringLiteral("2027-01-15T08:00:00Z"));
        QCOMPARE(active[QStringLiteral("lifetimeMinutes")].toInt(), 60);

        const QStringList blockedKeys
            = kTokenKeys + QStringList{QStringLiteral("blockedBy"), QStringLiteral("blockedAt")};
        QCOMPARE(keys(wire::recordJson(token(CredentialState::Blocked), now)), sorted(blockedKeys));
        const QJsonObject why = wire::recordJson(token(CredentialState::Blocked, QStringLiteral("lost\n")), now);
        QCOMPARE(keys(why), sorted(blockedKeys + QStringList{QStringLiteral("blockReason")}));
        QCOMPARE(why[QStringLiteral("blockReason")].toString(), QStringLiteral("lost\n")); // exactly, unescaped
    }

    void certificateRecord()
    {
        CredentialRecord r = token(CredentialState::Active);
        r.kind = CredentialKind::TokenSigning;
        r.name = QStringLiteral("SMS Token Signing Certificate");
        r.thumbprint = QString(40, QLatin1Char('B'));
        const QJsonObject o = wire::recordJson(r, r.notBefore);
        QCOMPARE(keys(o),
                 sorted(kRecordKeys + QStringList{QStringLiteral("thumbprint"), QStringLiteral("issuerThumbprint")}));
        QCOMPARE(o[QStringLiteral("type")].toString(), QStringLiteral("sms-token-signing"));
    }

    void tokenWithHistory()
    {
        const CredentialRecord r = token(CredentialState::Blocked, QStringLiteral("lost"));
        const QJsonObject o = wire::tokenJson(r, {blockEvent(), blockEvent()}, r.notBefore);
        QCOMPARE(keys(o),
                 sorted(kTokenKeys
                        + QStringList{QStringLiteral("blockedBy"), QStringLiteral("blockedAt"),
                                      QStringLiteral("blockReason"), QStringLiteral("history")}));
        const QJsonArray history = o[QStringLiteral("history")].toArray();
        QCOMPARE(history.size(), 2);
        QVERIFY(!history[0].toObject().contains(QStringLiteral("target"))); // the token itself
        QVERIFY(wire::tokenJson(r, {}, r.notBefore)[QStringLiteral("history")].isArray());
    }

    void auditEvent()
    {
        const QJsonObject log = wire::auditEventJson(blockEvent(), wire::AuditFields::WithTarget);
        QCOMPARE(keys(log),
                 (QStringList{QStringLiteral("action"), QStringLiteral("actor"), QStringLiteral("at"),
                              QStringLiteral("detail"), QStringLiteral("target")}));
        QCOMPARE(log[QStringLiteral("action")].toString(), QStringLiteral("block"));
        QCOMPARE(log[QStringLiteral("at")].toString(), QStringLiteral("2027-01-15T08:00:00Z"));
        const QJsonObject history = wire::auditEventJson(blockEvent(), wire::AuditFields::WithoutTarget);
        QCOMPARE(keys(history),
                 (QStringList{QStringLiteral("action"), QStringLiteral("actor"), QStringLiteral("at"),
                              QStringLiteral("detail")}));
        QCOMPARE(wire::auditEventsJson({blockEvent()}, wire::AuditFields::WithTarget).at(0).toObject(), log);
    }

    void verifyResult()
    {
        VerifyResult refused; // nothing could be read
        QCOMPARE(keys(wire::verifyResultJson(refused)),
                 (QStringList{QStringLiteral("reason"), QStringLiteral("valid")}));
        QCOMPARE(wire::verifyResultJson(refused)[QStringLiteral("reason")].toString(), QStringLiteral("malformed"));
        VerifyResult valid;
        valid.reason = VerifyReason::Valid;
        valid.guid = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
        valid.notBefore = fromUnix(1'800'000'000);
        valid.notAfter = fromUnix(1'800'003'600);
        const QJsonObject o = wire::verifyResultJson(valid);
        QCOMPARE(keys(o),
                 (QStringList{QStringLiteral("guid"), QStringLiteral("notAfter"), QStringLiteral("notBefore"),
                              QStringLiteral("reason"), QStringLiteral("valid")}));
        QCOMPARE(o[QStringLiteral("valid")], QJsonValue(true));
    }

    void issuedToken()
    {
        const IssuedToken issued{QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"), fromUnix(1'800'000'000),
                                 fromUnix(1'800'003'600), 60, QByteArrayLiteral("a.b.c")};
        const QJsonObject o = wire::issuedTokenJson(issued);
        QCOMPARE(keys(o),
                 (QStringList{QStringLiteral("guid"), QStringLiteral("lifetimeMinutes"), QStringLiteral("notAfter"),
                              QStringLiteral("notBefore"), QStringLiteral("token")}));
        QCOMPARE(o[QStringLiteral("token")].toString(), QStringLiteral("a.b.c"));
    }
};

QTEST_GUILESS_MAIN(TestWire)
#include "tst_wire.moc"
