// Input at the edges: a site path with spaces and non-ASCII characters works end
// to end through the real CLI; reasons are length-limited with a clear error and
// nothing written; and free text is shown escaped in text output (it cannot
// forge lines or send terminal controls) but exactly in JSON.

#include "sitefixture.h"

#include "site.h"
#include "tokenservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace tc;
using namespace tc::testing;

class TestEdgeInputs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void unusualSitePath_data();
    void unusualSitePath();
    void reasonLength_data();
    void reasonLength();
    void serviceRefusesLongReason();
    void freeTextIsEscaped_data();
    void freeTextIsEscaped();
    void usageErrorsStayOneLine_data();
    void usageErrorsStayOneLine();

private:
    QString newToken(const QString &folder, QByteArray *token = nullptr);

    QTemporaryDir m_root;
    QString m_site; // a site for the reason tests
};

void TestEdgeInputs::initTestCase()
{
    QVERIFY(m_root.isValid());
    m_site = m_root.filePath(QStringLiteral("reasons"));
    auto site = Site::create(m_site, QStringLiteral("EDG"));
    QVERIFY2(site, qPrintable(site ? QString() : site.error()));
}

QString TestEdgeInputs::newToken(const QString &folder, QByteArray *token)
{
    const CliRun run = runCli({QStringLiteral("--site"), folder, QStringLiteral("/new"), QStringLiteral("--json")});
    if (run.exitCode != 0)
        return QString();
    const QJsonObject o = QJsonDocument::fromJson(run.out).object();
    if (token)
        *token = o.value(QStringLiteral("token")).toString().toLatin1();
    return o.value(QStringLiteral("guid")).toString();
}

void TestEdgeInputs::unusualSitePath_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("spaces") << QStringLiteral("My Site  with   spaces ");
    QTest::newRow("German and French") << QStringLiteral("Standort Müller-Lüdenscheid été");
    QTest::newRow("CJK and emoji") << QStringLiteral("東京 サイト 🔐");
    QTest::newRow("quotes, dollar, semicolon") << QStringLiteral("it's \"$HOME\"; `x` & y");
    QTest::newRow("leading dash") << QStringLiteral("-site");
}

void TestEdgeInputs::unusualSitePath()
{
    QFETCH(QString, name);
    const QString folder = m_root.filePath(QStringLiteral("paths/") + name);
    QVERIFY(QDir().mkpath(QFileInfo(folder).absolutePath()));
    const QStringList site{QStringLiteral("--site"), folder};

    CliRun run
        = runCli(site + QStringList{QStringLiteral("init"), QStringLiteral("--site-code"), QStringLiteral("UNI")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(QString::fromUtf8(run.out).contains(folder), "init does not name the folder correctly");
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/site.db")));

    QByteArray token;
    const QString guid = newToken(folder, &token);
    QVERIFY(!guid.isEmpty());

    run = runCli(site + QStringList{QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(QJsonDocument::fromJson(run.out).array().size(), 3);
    run = runCli(site + QStringList{QStringLiteral("verify"), QStringLiteral("-")}, {.input = token});
    QVERIFY2(run.exitCode == 0, run.out.constData());
    run = runCli(site + QStringList{QStringLiteral("block"), guid, QStringLiteral("--reason"), name});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = runCli(site + QStringList{QStringLiteral("verify"), QString::fromLatin1(token), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("reason")).toString(),
             QStringLiteral("blocked"));
    run = runCli(site + QStringList{QStringLiteral("show"), guid, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("blockReason")).toString(), name);

    // The environment variable works as --site does.
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TOKENCONSOLE_SITE"), folder);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TC_BULKREGTOKEN), {QStringLiteral("unblock"), guid});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());

    // And the models layer opens it in-process.
    auto opened = Site::open(folder);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    QCOMPARE((*opened)->siteCode(), QStringLiteral("UNI"));
    TokenService service(**opened);
    QVERIFY(service.verify(token).valid());
}

void TestEdgeInputs::reasonLength_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("accepted");
    const int max = TokenService::kMaxReasonLength;
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("one character") << QStringLiteral("x") << true;
    QTest::newRow("exactly the limit") << QString(max, QLatin1Char('r')) << true;
    QTest::newRow("the limit in umlauts") << QString(max, QChar(0xfc)) << true;
    QTest::newRow("one over the limit") << QString(max + 1, QLatin1Char('r')) << false;
    QTest::newRow("one umlaut over") << QString(max + 1, QChar(0xfc)) << false;
    QTest::newRow("100,000 characters") << QString(100000, QLatin1Char('r')) << false;
}

void TestEdgeInputs::reasonLength()
{
    QFETCH(QString, reason);
    QFETCH(bool, accepted);
    const QString guid = newToken(m_site);
    QVERIFY(!guid.isEmpty());
    const auto before = treeChecksums(m_site);
    QStringList args{QStringLiteral("--site"), m_site, QStringLiteral("block"), guid};
    if (!reason.isNull())
        args << QStringLiteral("--reason") << reason;
    const CliRun run = runCli(args);
    if (accepted) {
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const CliRun shown
            = runCli({QStringLiteral("--site"), m_site, QStringLiteral("show"), guid, QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(shown.out).object().value(QStringLiteral("blockReason")).toString(), reason);
        return;
    }
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(isOneSentence(run.err), run.err.constData());
    QVERIFY2(run.err.contains("longer than 500 characters"), run.err.constData());
    QCOMPARE(compareTrees(before, treeChecksums(m_site), m_site), QString());
}

void TestEdgeInputs::serviceRefusesLongReason()
{
    // The rule lives in the models layer; the CLI only says it early.
    auto site = Site::open(m_site);
    QVERIFY(site);
    TokenService service(**site);
    auto issued = service.issue(60);
    QVERIFY(issued);
    auto refused = service.block({issued->guid}, QString(TokenService::kMaxReasonLength + 1, QLatin1Char('x')));
    QVERIFY(!refused);
    QVERIFY(refused.error().contains(QStringLiteral("longer than")));
    QCOMPARE(service.verify(issued->token).reason, VerifyReason::Valid); // nothing was blocked
    QVERIFY(service.block({issued->guid}, QString(TokenService::kMaxReasonLength, QLatin1Char('x'))));
    QCOMPARE(service.verify(issued->token).reason, VerifyReason::Blocked);
}

void TestEdgeInputs::freeTextIsEscaped_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("shown"); // how text output must show it
    QTest::newRow("forged line") << QStringLiteral("lost\nStatus:              active")
                                 << QStringLiteral("lost\\nStatus:              active");
    QTest::newRow("carriage return overwrite")
        << QStringLiteral("stolen\rnothing to see") << QStringLiteral("stolen\\rnothing to see");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("a\\tb");
    QTest::newRow("terminal escape") << QStringLiteral("\x1b[2J\x1b[31mred") << QStringLiteral("\\x1b[2J\\x1b[31mred");
    QTest::newRow("bell and delete") << QStringLiteral("a\u0007b\u007fc") << QStringLiteral("a\\x07b\\x7fc");
    QTest::newRow("C1 control") << QStringLiteral("a\u009bb") << QStringLiteral("a\\u009bb");
    QTest::newRow("bidi override") << QStringLiteral("evil\u202Egnp.exe") << QStringLiteral("evil\\u202egnp.exe");
    QTest::newRow("line separator") << QStringLiteral("a\u2028b") << QStringLiteral("a\\u2028b");
    QTest::newRow("backslash stays unambiguous") << QStringLiteral("C:\\new") << QStringLiteral("C:\\\\new");
    QTest::newRow("HTML is plain text") << QStringLiteral("<b>bold</b> &amp; <script>x</script>")
                                        << QStringLiteral("<b>bold</b> &amp; <script>x</script>");
    QTest::newRow("non-ASCII is kept") << QStringLiteral("Gerät verloren — 東京")
                                       << QStringLiteral("Gerät verloren — 東京");
}

void TestEdgeInputs::freeTextIsEscaped()
{
    QFETCH(QString, reason);
    QFETCH(QString, shown);
    const QString guid = newToken(m_site);
    QVERIFY(!guid.isEmpty());
    CliRun run
        = runCli({QStringLiteral("--site"), m_site, QStringLiteral("block"), guid, QStringLiteral("--reason"), reason});
    QVERIFY2(run.exitCode == 0, run.err.constData());

    // show: the same number of lines as for a plain reason, the escaped text, no controls.
    run = runCli({QStringLiteral("--site"), m_site, QStringLiteral("show"), guid});
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(std::count_if(lines.cbegin(), lines.cend(),
                           [](const QString &l) { return l.startsWith(QLatin1String("Status:")); }),
             1);
    QCOMPARE(lines.size(), 13); // 10 fields, "History:", the create and the block events
    QVERIFY2(text.contains(QStringLiteral("(") + shown + QStringLiteral(")")), qPrintable(text));
    for (const QChar c : text) {
        QVERIFY2(c == QLatin1Char('\n')
                     || (c.unicode() >= 0x20 && c.unicode() != 0x7f && c.category() != QChar::Other_Control
                         && c.category() != QChar::Other_Format),
                 qPrintable(QStringLiteral("U+%1 reached the terminal").arg(c.unicode(), 4, 16, QLatin1Char('0'))));
    }

    // audit: one line per event, whatever the reason holds.
    run = runCli({QStringLiteral("--site"), m_site, QStringLiteral("audit")});
    QCOMPARE(run.exitCode, 0);
    const QStringList auditLines = QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const CliRun asJson = runCli({QStringLiteral("--site"), m_site, QStringLiteral("audit"), QStringLiteral("--json")});
    QCOMPARE(auditLines.size(), QJsonDocument::fromJson(asJson.out).array().size());
    QVERIFY(auditLines.last().endsWith(shown));

    // JSON carries the reason exactly.
    run = runCli({QStringLiteral("--site"), m_site, QStringLiteral("show"), guid, QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("blockReason")).toString(), reason);
}

void TestEdgeInputs::usageErrorsStayOneLine_data()
{
    // Error sentences quote what was typed; a script passing untrusted text must
    // not be able to forge a second "bulkregtoken:" line or send terminal controls.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("shown");
    QTest::newRow("type with a forged line")
        << QStringList{QStringLiteral("list"), QStringLiteral("--type"), QStringLiteral("x\nbulkregtoken: forged")}
        << QStringLiteral("x\\nbulkregtoken: forged");
    QTest::newRow("command with a terminal escape")
        << QStringList{QStringLiteral("bogus\x1b[31m")} << QStringLiteral("bogus\\x1b[31m");
    QTest::newRow("GUID with a line break")
        << QStringList{QStringLiteral("block"), QStringLiteral("abc\r\ndef")} << QStringLiteral("abc\\r\\ndef");
    QTest::newRow("ID with a bidi override")
        << QStringList{QStringLiteral("show"), QStringLiteral("\u202Eabc")} << QStringLiteral("\\u202eabc");
    QTest::newRow("lifetime with a line break")
        << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("1\n2")}
        << QStringLiteral("1\\n2");
}

void TestEdgeInputs::usageErrorsStayOneLine()
{
    QFETCH(QStringList, args);
    QFETCH(QString, shown);
    const auto before = treeChecksums(m_site);
    const CliRun run = runCli(QStringList{QStringLiteral("--site"), m_site} + args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(isOneSentence(run.err), run.err.constData());
    QVERIFY2(QString::fromUtf8(run.err).contains(shown), run.err.constData());
    for (const char c : run.err.trimmed())
        QVERIFY2(uchar(c) >= 0x20 && c != 0x7f, "a control character reached stderr");
    QCOMPARE(compareTrees(before, treeChecksums(m_site), m_site), QString());
}

QTEST_GUILESS_MAIN(TestEdgeInputs)
#include "tst_edgeinputs.moc"
