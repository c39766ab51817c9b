// The audit log model over a real site, under QAbstractItemModelTester.

#include "auditlogmodel.h"
#include "deviceservice.h"
#include "guitestsite.h"
#include "registrar.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

#include "sitepki.h"

using namespace tc;

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private slots:
    void newestFirstAndFollowsChanges();
    void everyActionHasAName();
};

void TestAuditLogModel::newestFirstAndFollowsChanges()
{
    GuiTestSite s;
    QVERIFY(s.populate(3, 1, 1));
    AuditLogModel model(*s.site);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    auto all = s.site->store().audit();
    QVERIFY(all);
    QVERIFY(model.reload().isEmpty());
    // The site's creation events, 4 creates and 1 block.
    QCOMPARE(model.rowCount(), int(all->size()));
    QVERIFY(model.rowCount() >= 6);
    const int before = model.rowCount();
    QCOMPARE(model.columnCount(), int(AuditLogModel::NumColumns));
    QCOMPARE(model.index(0, AuditLogModel::Action).data(Qt::EditRole).toString(), QStringLiteral("block"));
    QCOMPARE(model.index(0, AuditLogModel::Target).data().toString(), s.blocked.first().guid);
    QCOMPARE(model.index(0, AuditLogModel::User).data().toString(), currentOsUser());
    QCOMPARE(model.index(0, AuditLogModel::Detail).data().toString(), QStringLiteral("Lost <b>laptop</b> & charger"));
    QVERIFY(model.index(0, AuditLogModel::Time).data(Qt::EditRole).toDateTime().isValid());
    QCOMPARE(model.headerData(AuditLogModel::Action, Qt::Horizontal).toString(), QStringLiteral("Action"));

    // Nothing new: no reset.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.reload().isEmpty());
    QCOMPARE(resets.count(), 0);

    // A change by another connection (as another process would make) appears.
    auto other = s.site->openAnotherConnection();
    QVERIFY(other);
    TokenService service(**other);
    QVERIFY(service.unblock({s.blocked.first().guid}));
    QVERIFY(model.reload().isEmpty());
    QCOMPARE(model.rowCount(), before + 1);
    QCOMPARE(model.index(0, AuditLogModel::Action).data(Qt::EditRole).toString(), QStringLiteral("unblock"));
    QCOMPARE(model.index(0, AuditLogModel::Action).data().toString(), QStringLiteral("Unblock"));
}

void TestAuditLogModel::everyActionHasAName()
{
    // A site that did everything the audit trail records: created, issued,
    // blocked, unblocked, renewed its signing and its issuing certificate.
    GuiTestSite s;
    QVERIFY(s.populate(2, 0, 1));
    TokenService service(*s.site);
    QVERIFY(service.unblock({s.blocked.first().guid}));
    QVERIFY(service.renewSigningCertificate());
    QVERIFY(service.renewIssuingCertificate());
    // ... and a device registered on the internal network, approved, blocked, unblocked.
    auto key = PrivateKey::generateRsa(2048);
    QVERIFY(key);
    CertificateProfile profile;
    profile.commonName = QStringLiteral("desk");
    profile.notBefore = QDateTime::currentDateTimeUtc().addSecs(-60);
    profile.notAfter = profile.notBefore.addDays(30);
    auto cert = pki::createSelfSigned(profile, *key);
    QVERIFY(cert);
    Registrar registrar(*s.site, {});
    const MpAnswer registered = registrar.registerDevice(Listener::Intranet, QStringLiteral("desk"), nullptr, *cert,
                                                         QDateTime::currentDateTimeUtc());
    QVERIFY2(registered.outcome == MpAnswer::Outcome::Accepted, qPrintable(registered.message));
    DeviceService devices(*s.site);
    QVERIFY(devices.approve({registered.deviceId}));
    QVERIFY(devices.block({registered.deviceId}, QStringLiteral("lost")));
    QVERIFY(devices.unblock({registered.deviceId}));
    AuditLogModel model(*s.site);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.reload().isEmpty());

    QSet<QString> codesSeen;
    for (int row = 0; row < model.rowCount(); ++row)
        codesSeen << model.index(row, AuditLogModel::Action).data(Qt::EditRole).toString();
    for (AuditAction action : kAllAuditActions)
        QVERIFY2(codesSeen.contains(auditActionCode(action)), qPrintable(auditActionCode(action)));

    QTranslator german;
    QVERIFY(german.load(QStringLiteral(TC_QM_DIR "/tokenconsole_de.qm")));
    for (const bool inGerman : {false, true}) {
        if (inGerman)
            QCoreApplication::installTranslator(&german);
        QSet<QString> names;
        for (AuditAction action : kAllAuditActions) {
            const QString name = auditActionDisplayName(action);
            QVERIFY(!name.isEmpty());
            names << name;
        }
        QCOMPARE(names.size(), int(std::size(kAllAuditActions))); // no two actions read alike
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString shown = model.index(row, AuditLogModel::Action).data().toString();
            const QString code = model.index(row, AuditLogModel::Action).data(Qt::EditRole).toString();
            QVERIFY2(!shown.isEmpty() && shown != code, qPrintable(code + " shown as " + shown));
            QVERIFY2(!codesSeen.contains(shown), qPrintable(shown));
            QVERIFY(names.contains(shown));
        }
    }
    // In German, every name is German (none left in English).
    QCoreApplication::removeTranslator(&german);
    QStringList english;
    for (AuditAction action : kAllAuditActions)
        english << auditActionDisplayName(action);
    QCoreApplication::installTranslator(&german);
    int i = 0;
    for (AuditAction action : kAllAuditActions)
        QVERIFY2(auditActionDisplayName(action) != english.at(i++), qPrintable(english.at(i - 1)));
    QCoreApplication::removeTranslator(&german);
}

QTEST_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
