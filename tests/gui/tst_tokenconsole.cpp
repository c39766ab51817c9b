// The tokenconsole program as a process: --screenshot renders a window with
// data, and a site that cannot be opened gives one sentence and exit code 1.

#include "guitestsite.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTest>

using namespace tc;

class TestTokenConsole : public QObject
{
    Q_OBJECT

private slots:
    void screenshot_data();
    void screenshot();
    void refusesBrokenSite_data();
    void refusesBrokenSite();

private:
    static QProcess *run(const QStringList &arguments, const QString &settingsHome);
};

QProcess *TestTokenConsole::run(const QStringList &arguments, const QString &settingsHome)
{
    auto *process = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), settingsHome); // never the user's settings
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(TC_TOKENCONSOLE), arguments);
    return process;
}

void TestTokenConsole::screenshot_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expectedWord");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Certificates");
    QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Zertifikate");
}

void TestTokenConsole::screenshot()
{
    QFETCH(QString, language);
    GuiTestSite s;
    QVERIFY(s.populate(4, 1, 1));
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("shot.png"));
    std::unique_ptr<QProcess> p(run(
        {QStringLiteral("--site"), s.folder(), QStringLiteral("--lang"), language, QStringLiteral("--screenshot"), png},
        out.path()));
    QVERIFY(p->waitForFinished(60000));
    QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1280, 800));
    // Not a blank picture: many distinct colours (icons, rows, highlighted states).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 30, qPrintable(QString::number(colours.size())));
}

void TestTokenConsole::refusesBrokenSite_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("corrupt database") << QStringLiteral("corrupt");
    QTest::newRow("newer schema") << QStringLiteral("newer");
    QTest::newRow("key readable by others") << QStringLiteral("key-mode");
    QTest::newRow("not a folder") << QStringLiteral("file");
}

void TestTokenConsole::refusesBrokenSite()
{
    QFETCH(QString, damage);
    GuiTestSite s;
    QVERIFY(s.populate(1, 0, 0));
    QString folder = s.folder();
    const QString db = s.site->databasePath();
    s.site.reset();
    if (damage == QLatin1String("corrupt")) {
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(0);
        f.write(QByteArray(4096, 'x'));
    } else if (damage == QLatin1String("newer")) {
        QProcess sql;
        sql.start(QStringLiteral("sqlite3"), {db, QStringLiteral("UPDATE schema_info SET version = 99;")});
        if (!sql.waitForStarted(5000))
            QSKIP("sqlite3 is not installed");
        QVERIFY(sql.waitForFinished(10000));
        QCOMPARE(sql.exitCode(), 0);
    } else if (damage == QLatin1String("key-mode")) {
        const QStringList keys = QDir(folder + QLatin1String("/keys")).entryList(QDir::Files);
        QVERIFY(!keys.isEmpty());
        for (const QString &k : keys)
            QVERIFY(QFile::setPermissions(folder + QLatin1String("/keys/") + k,
                                          QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    } else if (damage == QLatin1String("file")) {
        folder = s.dir.filePath(QStringLiteral("plainfile"));
        QFile f(folder);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a site");
    }
    QByteArray before;
    {
        QFile f(db);
        if (f.open(QIODevice::ReadOnly))
            before = f.readAll();
    }
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("shot.png"));
    std::unique_ptr<QProcess> p(
        run({QStringLiteral("--site"), folder, QStringLiteral("--screenshot"), png}, out.path()));
    QVERIFY(p->waitForFinished(60000));
    QCOMPARE(p->exitStatus(), QProcess::NormalExit); // no crash
    QCOMPARE(p->exitCode(), 1);
    const QString stderrText = QString::fromLocal8Bit(p->readAllStandardError()).trimmed();
    QVERIFY2(stderrText.contains(QLatin1String("The site cannot be opened")), qPrintable(stderrText));
    QVERIFY(!QFile::exists(png));
    // The site's database is left as it was.
    QFile f(db);
    if (f.open(QIODevice::ReadOnly))
        QVERIFY(f.readAll() == before);
}

QTEST_MAIN(TestTokenConsole)
#include "tst_tokenconsole.moc"
