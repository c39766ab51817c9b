// SqliteStatement: the thin C-API path over a real site database file.

#include "sitedatabase.h"
#include "sqlitestatement.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tc;

class TestSqliteStatement : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SiteDatabase> m_db;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto db = SiteDatabase::open(m_dir.filePath(QStringLiteral("site.db")), SiteDatabase::OpenMode::CreateNew);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        m_db = std::move(db).value();
    }

    void writesAndReadsBack()
    {
        auto insert
            = SqliteStatement::prepare(*m_db, QStringLiteral("INSERT INTO site_info (name, value) VALUES (?, ?)"));
        QVERIFY2(insert.ok(), qPrintable(insert.ok() ? QString() : insert.error()));
        const QString umlauts = QStringLiteral("Gr\u00fc\u00dfe \u6771\u4eac \U0001F511");
        insert->bind(1, QByteArrayView("utf8-name"));
        insert->bind(2, QStringView(umlauts));
        QVERIFY(insert->run(QStringLiteral("write a test row")).ok());
        // Reused after run(): bindings were cleared and the statement reset.
        insert->bind(1, QStringView(u"second"));
        insert->bind(2, QByteArrayView("42"));
        QVERIFY(insert->run(QStringLiteral("write a test row")).ok());

        auto select = SqliteStatement::prepare(
            *m_db, QStringLiteral("SELECT value, length(value), NULL FROM site_info WHERE name = ?"));
        QVERIFY(select.ok());
        select->bind(1, QByteArrayView("utf8-name"));
        QVERIFY(select->step());
        QCOMPARE(select->columnText(0), umlauts);
        QCOMPARE(select->columnInt64(1), qint64(umlauts.size() - 1)); // SQLite counts the emoji as one character
        QVERIFY(select->columnIsNull(2));
        QVERIFY(!select->columnIsNull(0));
        QVERIFY(!select->step());
        QVERIFY(select->status().ok());
        select->reset();
        select->bind(1, QStringView(u"second"));
        QVERIFY(select->step());
        QCOMPARE(select->columnUtf8(0), QByteArrayView("42"));
        QCOMPARE(select->columnInt64(0), qint64(42));
        select->reset();
        select->bind(1, QStringView(u"absent"));
        QVERIFY(!select->step());
        QVERIFY(select->status().ok());
    }

    void int64Range()
    {
        auto q = SqliteStatement::prepare(*m_db, QStringLiteral("SELECT ?1, ?1 + 0"));
        QVERIFY(q.ok());
        q->bind(1, std::numeric_limits<qint64>::min());
        QVERIFY(q->step());
        QCOMPARE(q->columnInt64(0), std::numeric_limits<qint64>::min());
    }

    void errorsAreSentences()
    {
        auto bad = SqliteStatement::prepare(*m_db, QStringLiteral("SELEKT 1"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().startsWith(QStringLiteral("The site database could not prepare a statement: ")),
                 qPrintable(bad.error()));
        QVERIFY(bad.error().endsWith(QLatin1Char('.')));

        auto insert
            = SqliteStatement::prepare(*m_db, QStringLiteral("INSERT INTO site_info (name, value) VALUES (?, ?)"));
        QVERIFY(insert.ok());
        insert->bind(1, QByteArrayView("dup"));
        insert->bind(2, QByteArrayView("1"));
        QVERIFY(insert->run(QStringLiteral("write a test row")).ok());
        insert->bind(1, QByteArrayView("dup"));
        insert->bind(2, QByteArrayView("2"));
        const Status again = insert->run(QStringLiteral("write a test row"));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().contains(QStringLiteral("could not write a test row")), qPrintable(again.error()));
        QVERIFY2(again.error().contains(QStringLiteral("UNIQUE")), qPrintable(again.error()));
        // The failed statement is usable again.
        insert->bind(1, QByteArrayView("dup2"));
        insert->bind(2, QByteArrayView("2"));
        QVERIFY(insert->run(QStringLiteral("write a test row")).ok());
    }

    void movedFromIsInvalid()
    {
        auto q = SqliteStatement::prepare(*m_db, QStringLiteral("SELECT 1"));
        QVERIFY(q.ok());
        SqliteStatement a = std::move(q).value();
        QVERIFY(a.isValid());
        SqliteStatement b = std::move(a);
        QVERIFY(!a.isValid());
        QVERIFY(b.step());
        QCOMPARE(b.columnInt64(0), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "tst_sqlitestatement.moc"
