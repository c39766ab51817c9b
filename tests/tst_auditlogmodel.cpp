// The audit log model over a real site, under QAbstractItemModelTester.

#include "auditlogmodel.h"
#include "guitestsite.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tc;

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private slots:
    void newestFirstAndFollowsChanges();
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

QTEST_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
