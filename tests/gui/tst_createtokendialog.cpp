// The Create Bulk Registration Token dialog: range, live days/hours text,
// creating a token that verifies, and showing it once.

#include "createtokendialog.h"
#include "guitestsite.h"
#include "lifetimespinbox.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace tc;

class TestCreateTokenDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void defaultsToThreeDays();
    void refusesOutOfRange_data();
    void refusesOutOfRange();
    void arrowsStayInRange();
    void hintIsAccessibleDescription();
    void lifetimeInWords_data();
    void lifetimeInWords();
    void createsTokenThatVerifies();

private:
    void typeLifetime(CreateTokenDialog &dialog, const QString &text);
    std::unique_ptr<GuiTestSite> m_site;
};

void TestCreateTokenDialog::init()
{
    m_site = std::make_unique<GuiTestSite>();
    QVERIFY(m_site->populate(0, 0, 0));
}

void TestCreateTokenDialog::cleanup()
{
    m_site.reset();
}

void TestCreateTokenDialog::typeLifetime(CreateTokenDialog &dialog, const QString &text)
{
    QLineEdit *edit = dialog.lifetimeBox()->findChild<QLineEdit *>();
    QVERIFY(edit);
    dialog.lifetimeBox()->setFocus();
    dialog.lifetimeBox()->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void TestCreateTokenDialog::defaultsToThreeDays()
{
    CreateTokenDialog dialog(*m_site->site);
    QCOMPARE(dialog.lifetimeBox()->value(), 4320);
    QCOMPARE(dialog.lifetimeBox()->validMinimum(), 1);
    QCOMPARE(dialog.lifetimeBox()->validMaximum(), 10080);
    QVERIFY(dialog.createButton()->isEnabled());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("lifetimeText"))->text().startsWith(QLatin1String("3 day(s) ")));
    dialog.lifetimeBox()->setValue(1530);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("lifetimeText"))
                ->text()
                .startsWith(QLatin1String("1 day(s) 1 hour(s) 30 minute(s) ")));
}

void TestCreateTokenDialog::refusesOutOfRange_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("0") << QStringLiteral("0");
    QTest::newRow("10081") << QStringLiteral("10081");
    QTest::newRow("99999") << QStringLiteral("99999");
    QTest::newRow("-5") << QStringLiteral("-5");
    QTest::newRow("empty") << QString();
}

void TestCreateTokenDialog::refusesOutOfRange()
{
    QFETCH(QString, typed);
    CreateTokenDialog dialog(*m_site->site);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy created(&dialog, &CreateTokenDialog::tokenCreated);
    typeLifetime(dialog, typed);
    auto *hint = dialog.findChild<QLabel *>(QStringLiteral("lifetimeText"));
    const QString refusedHint = QStringLiteral("Give a whole number from 1 to 10,080.");
    // What was typed stays as typed (no digit dropped, nothing corrected), Create is off.
    QCOMPARE(dialog.lifetimeBox()->cleanText(), typed);
    QVERIFY(!dialog.canCreate());
    QVERIFY(!dialog.createButton()->isEnabled());
    QCOMPARE(hint->text(), refusedHint);

    // Enter neither corrects the value nor fires the default button; it says why.
    QLineEdit *edit = dialog.lifetimeBox()->findChild<QLineEdit *>();
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::keyClick(edit, Qt::Key_Enter);
    QCOMPARE(dialog.lifetimeBox()->cleanText(), typed);
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.createButton()->isEnabled());
    QVERIFY(!dialog.lastError().isEmpty());
    QCOMPARE(created.count(), 0);

    // Leaving the field (Tab) keeps it too; Enter on the focused Create does nothing.
    QTest::keyClick(edit, Qt::Key_Tab);
    QVERIFY(!dialog.lifetimeBox()->hasFocus());
    QCOMPARE(dialog.lifetimeBox()->cleanText(), typed);
    QVERIFY(!dialog.createButton()->isEnabled());
    QCOMPARE(hint->text(), refusedHint);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(created.count(), 0);

    // Even when forced, nothing is created.
    QVERIFY(!dialog.createToken());
    QVERIFY(!dialog.lastError().isEmpty());
    QCOMPARE(created.count(), 0);
    auto list = m_site->site->store().audit();
    QVERIFY(list);
    for (const AuditEvent &e : *list)
        QVERIFY(e.action != AuditAction::CreateToken);
    int tokens = 0;
    QVERIFY(m_site->site->store()
                .forEach({CredentialKind::BulkToken, {}}, QDateTime::currentDateTimeUtc(),
                         [&](const CredentialRecord &) { return ++tokens, true; })
                .ok());
    QCOMPARE(tokens, 0);
}

void TestCreateTokenDialog::arrowsStayInRange()
{
    CreateTokenDialog dialog(*m_site->site);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QLineEdit *edit = dialog.lifetimeBox()->findChild<QLineEdit *>();
    typeLifetime(dialog, QStringLiteral("10080"));
    QTest::keyClick(edit, Qt::Key_Up);
    QCOMPARE(dialog.lifetimeBox()->value(), 10080);
    typeLifetime(dialog, QStringLiteral("1"));
    QTest::keyClick(edit, Qt::Key_Down);
    QCOMPARE(dialog.lifetimeBox()->value(), 1);
    // From a refused value, an arrow comes back to the nearest valid one.
    typeLifetime(dialog, QStringLiteral("10081"));
    QTest::keyClick(edit, Qt::Key_Down);
    QCOMPARE(dialog.lifetimeBox()->value(), 10080);
    QVERIFY(dialog.createButton()->isEnabled());
    typeLifetime(dialog, QStringLiteral("0"));
    QTest::keyClick(edit, Qt::Key_Up);
    QCOMPARE(dialog.lifetimeBox()->value(), 1);
    QVERIFY(dialog.canCreate());
    // Enter on a valid value creates the token.
    typeLifetime(dialog, QStringLiteral("30"));
    QSignalSpy created(&dialog, &CreateTokenDialog::tokenCreated);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(created.count(), 1);
    TokenService service(*m_site->site);
    const VerifyResult result = service.verify(dialog.displayedToken().toLatin1());
    QVERIFY(result.valid());
    QCOMPARE(result.notBefore.secsTo(result.notAfter), qint64(30 * 60));
}

void TestCreateTokenDialog::hintIsAccessibleDescription()
{
    CreateTokenDialog dialog(*m_site->site);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QAccessibleInterface *box = QAccessible::queryAccessibleInterface(dialog.lifetimeBox());
    QAccessibleInterface *create = QAccessible::queryAccessibleInterface(dialog.createButton());
    QVERIFY(box && create);
    auto *hint = dialog.findChild<QLabel *>(QStringLiteral("lifetimeText"));
    QCOMPARE(box->text(QAccessible::Name), QStringLiteral("Lifetime in minutes"));
    QCOMPARE(box->text(QAccessible::Description), hint->text());
    typeLifetime(dialog, QStringLiteral("0"));
    QCOMPARE(box->text(QAccessible::Description), QStringLiteral("Give a whole number from 1 to 10,080."));
    QCOMPARE(create->text(QAccessible::Description), QStringLiteral("Give a whole number from 1 to 10,080."));
    typeLifetime(dialog, QStringLiteral("60"));
    QVERIFY(box->text(QAccessible::Description).startsWith(QLatin1String("1 hour(s)")));
    QVERIFY(create->text(QAccessible::Description).isEmpty());
}

void TestCreateTokenDialog::lifetimeInWords_data()
{
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QString>("words");
    // Source texts: the application's English translation turns "(s)" into plurals.
    QTest::newRow("1") << 1 << QStringLiteral("1 minute(s)");
    QTest::newRow("60") << 60 << QStringLiteral("1 hour(s)");
    QTest::newRow("4320") << 4320 << QStringLiteral("3 day(s)");
    QTest::newRow("10080") << 10080 << QStringLiteral("7 day(s)");
    QTest::newRow("1501") << 1501 << QStringLiteral("1 day(s) 1 hour(s) 1 minute(s)");
}

void TestCreateTokenDialog::lifetimeInWords()
{
    QFETCH(int, minutes);
    QFETCH(QString, words);
    QCOMPARE(tc::lifetimeInWords(minutes), words);
}

void TestCreateTokenDialog::createsTokenThatVerifies()
{
    CreateTokenDialog dialog(*m_site->site);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typeLifetime(dialog, QStringLiteral("90"));
    QCOMPARE(dialog.lifetimeBox()->value(), 90);
    QVERIFY(dialog.createButton()->isEnabled());
    QSignalSpy created(&dialog, &CreateTokenDialog::tokenCreated);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QCOMPARE(created.count(), 1);
    const QString guid = created.first().first().toString();
    QCOMPARE(dialog.createdGuid(), guid);
    const QString token = dialog.displayedToken();
    QVERIFY(!token.isEmpty());
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("guidLabel"))->text(), guid);
    QVERIFY(
        dialog.findChild<QLabel *>(QStringLiteral("notStoredWarning"))->text().contains(QLatin1String("not stored")));

    TokenService service(*m_site->site);
    const VerifyResult result = service.verify(token.toLatin1());
    QVERIFY2(result.valid(), qPrintable(reasonCode(result.reason)));
    QCOMPARE(result.guid, guid);
    QCOMPARE(result.notBefore.secsTo(result.notAfter), qint64(90 * 60));

    // Copy puts exactly the token on the clipboard.
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("copyTokenButton")), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), token);
    QApplication::clipboard()->clear();

    // The token is not in any file of the site.
    const QByteArray signature = token.section(QLatin1Char('.'), 2).toLatin1();
    QVERIFY(signature.size() > 100);
    QDirIterator files(m_site->folder(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(signature), qPrintable(f.fileName()));
    }
}

QTEST_MAIN(TestCreateTokenDialog)
#include "tst_createtokendialog.moc"
