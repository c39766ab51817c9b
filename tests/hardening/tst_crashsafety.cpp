// Crash safety: real bulkregtoken processes are killed with SIGKILL at random
// moments. Afterwards the database is intact, a block of 5,000 GUIDs happened
// wholly or not at all (with its audit rows), and every token that reached
// stdout is known to the site. An import of 100,000 token rows (this test run
// as a child process, the store's import path that drops and rebuilds the
// indexes) killed anywhere leaves the site as it was, every index included.
//
// TC_CRASH_SEED fixes the random delays (the seed is printed); TC_CRASH_TRIALS
// changes the number of trials (default 50 each).

#include "sitefixture.h"

#include "site.h"
#include "tokenservice.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>
#include <QtTest>

#include <csignal>
#include <limits>
#include <sys/types.h>

using namespace tc;
using namespace tc::testing;

class TestCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killDuringBlockOf5000();
    void killDuringNew();
    void killDuringFirstUse();
    void killDuringImport();

public:
    // The child side of killDuringImport: imports rows into the site in folder.
    static int importChild(const QString &folder, int rows);

private:
    static int envInt(const char *name, int fallback)
    {
        bool ok = false;
        const int v = qEnvironmentVariableIntValue(name, &ok);
        return ok ? v : fallback;
    }
    // Starts bulkregtoken, sleeps delayMs while collecting stdout, kills it.
    // Returns true when the kill landed on a running process.
    static bool runAndKill(const QStringList &args, int delayMs, QByteArray *stdoutText);
    static bool runAndKill(QProcess &p, int delayMs, QByteArray *stdoutText);

    QTemporaryDir m_root;
    quint32 m_seed = 0;
    int m_trials = 50;
};

void TestCrashSafety::initTestCase()
{
    QVERIFY(m_root.isValid());
    m_seed = quint32(envInt("TC_CRASH_SEED", int(QDateTime::currentMSecsSinceEpoch() & 0x7fffffff)));
    m_trials = envInt("TC_CRASH_TRIALS", 50);
    qInfo("seed %u (rerun with TC_CRASH_SEED=%u), %d trials per test", m_seed, m_seed, m_trials);
}

bool TestCrashSafety::runAndKill(const QStringList &args, int delayMs, QByteArray *stdoutText)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.setProgram(QStringLiteral(TC_BULKREGTOKEN));
    p.setArguments(args);
    return runAndKill(p, delayMs, stdoutText);
}

bool TestCrashSafety::runAndKill(QProcess &p, int delayMs, QByteArray *stdoutText)
{
    p.start();
    if (!p.waitForStarted(30000))
        return false;
    QElapsedTimer clock;
    clock.start();
    // Read stdout as it comes, as an admin's terminal would.
    while (clock.elapsed() < delayMs && p.state() == QProcess::Running) {
        if (stdoutText)
            p.waitForReadyRead(int(qMax<qint64>(1, delayMs - clock.elapsed())));
        else
            QThread::msleep(ulong(qMax<qint64>(0, delayMs - clock.elapsed())));
        if (stdoutText)
            *stdoutText += p.readAllStandardOutput();
    }
    const bool running = p.state() == QProcess::Running;
    if (running)
        ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished(30000);
    if (stdoutText)
        *stdoutText += p.readAllStandardOutput(); // what reached the pipe before the kill
    return running && p.exitStatus() == QProcess::CrashExit;
}

void TestCrashSafety::killDuringBlockOf5000()
{
    constexpr int kTokens = 5000;
    const QString folder = m_root.filePath(QStringLiteral("block"));
    QStringList guids;
    {
        auto site = Site::create(folder, QStringLiteral("CRB"));
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
        auto signer = SitePki(**site).currentSigner();
        QVERIFY(signer);
        const QDateTime now = fromUnix(QDateTime::currentSecsSinceEpoch());
        QList<CredentialRecord> records;
        for (int i = 0; i < kTokens; ++i) {
            CredentialRecord r;
            r.name = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
            r.notBefore = now;
            r.notAfter = now.addDays(3);
            r.lifetimeMinutes = kDefaultLifetimeMinutes;
            r.issuer = signer->stored.certificate.commonName();
            r.signerThumbprint = signer->stored.certificate.thumbprint();
            r.createdAt = now;
            r.createdBy = QStringLiteral("crash-test");
            records << r;
            guids << r.name;
        }
        WriteTransaction tx((*site)->database());
        QVERIFY(tx.status());
        QVERIFY((*site)->store().insertMany(records, tx.revision()));
        QVERIFY(tx.commit());
    }
    // 5,000 GUIDs are about 185 KB of arguments, far below ARG_MAX (2 MB on Linux).
    const QStringList blockArgs = QStringList{QStringLiteral("--site"), folder, QStringLiteral("block")} + guids
        + QStringList{QStringLiteral("--reason"), QStringLiteral("crash test")};
    const QStringList unblockArgs = QStringList{QStringLiteral("--site"), folder, QStringLiteral("unblock")} + guids;

    // Calibrate: how long one uninterrupted block and unblock take here.
    QElapsedTimer clock;
    clock.start();
    CliRun run = runCli(blockArgs);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = runCli(unblockArgs);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const int fullMs = int(clock.elapsed() / 2);
    qInfo("one uninterrupted block/unblock of %d GUIDs takes about %d ms; kill delays 0..%d ms", kTokens, fullMs,
          fullMs * 3 / 2);

    qint64 blockRows = kTokens, unblockRows = kTokens, revision = 0;
    {
        RawDatabase raw(folder + QStringLiteral("/site.db"));
        QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'block'")), blockRows);
        revision = raw.count(QStringLiteral("SELECT value FROM revision"));
    }
    bool blocked = false;
    int killed = 0, committed = 0, killedAfterCommit = 0;
    QRandomGenerator rng(m_seed);
    for (int trial = 0; trial < m_trials; ++trial) {
        const int delay = int(rng.bounded(quint32(fullMs * 3 / 2 + 1)));
        const bool landed = runAndKill(blocked ? unblockArgs : blockArgs, delay, nullptr);
        killed += landed;

        RawDatabase raw(folder + QStringLiteral("/site.db"));
        QVERIFY(raw.isOpen());
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        const qint64 nowBlocked
            = raw.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0 AND state = 1"));
        QVERIFY2(nowBlocked == 0 || nowBlocked == kTokens,
                 qPrintable(QStringLiteral("trial %1 (delay %2 ms): %3 of %4 tokens blocked")
                                .arg(trial)
                                .arg(delay)
                                .arg(nowBlocked)
                                .arg(kTokens)));
        const bool changed = (nowBlocked == kTokens) != blocked;
        if (changed) {
            ++committed;
            killedAfterCommit += landed;
            (blocked ? unblockRows : blockRows) += kTokens;
            ++revision;
            blocked = !blocked;
        }
        QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'block'")), blockRows);
        QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'unblock'")), unblockRows);
        QCOMPARE(raw.count(QStringLiteral("SELECT value FROM revision")), revision);
        // The block's columns move together with the state.
        QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0 AND state = 1 AND"
                                          " (blocked_by IS NULL OR blocked_at IS NULL OR block_reason IS NULL)")),
                 qint64(0));
        QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0 AND state = 0 AND"
                                          " blocked_at IS NOT NULL")),
                 qint64(0));
    }
    qInfo("%d trials: %d killed while running (%d of them after the commit), %d operations committed, %d rolled back",
          m_trials, killed, killedAfterCommit, committed, m_trials - committed);
    // A test that never interrupted anything would prove nothing.
    QVERIFY2(killed - killedAfterCommit > 0,
             "no kill landed before a commit; the delays are too long for this machine");
}

void TestCrashSafety::killDuringNew()
{
    const QString folder = m_root.filePath(QStringLiteral("new"));
    {
        auto site = Site::create(folder, QStringLiteral("CRN"));
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
    }
    const QStringList args{QStringLiteral("--site"), folder, QStringLiteral("/new"), QStringLiteral("--json")};
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(runCli(args).exitCode, 0);
    const int fullMs = int(clock.elapsed() / 3);
    qInfo("one uninterrupted /new takes about %d ms; kill delays 0..%d ms", fullMs, fullMs * 3 / 2);

    static const QRegularExpression guidPattern(QStringLiteral("\"guid\": \"([0-9a-f-]{36})\""));
    static const QRegularExpression tokenPattern(QStringLiteral("\"token\": \"([A-Za-z0-9_.-]+)\""));
    QRandomGenerator rng(m_seed ^ 0x5eed);
    int killed = 0, printedGuids = 0, printedTokens = 0, valid = 0;
    qint64 rows = 3;
    for (int trial = 0; trial < m_trials; ++trial) {
        const int delay = int(rng.bounded(quint32(fullMs * 3 / 2 + 1)));
        QByteArray out;
        killed += runAndKill(args, delay, &out);

        auto site = Site::open(folder);
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
        RawDatabase raw(folder + QStringLiteral("/site.db"));
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        const qint64 nowRows = raw.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0"));
        QVERIFY(nowRows == rows || nowRows == rows + 1);
        QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'create' AND target IN"
                                          " (SELECT name FROM credentials WHERE kind = 0)")),
                 nowRows);
        rows = nowRows;

        const QString text = QString::fromLatin1(out);
        const auto guid = guidPattern.match(text);
        if (guid.hasMatch()) {
            ++printedGuids;
            auto found = (*site)->store().findToken(guid.captured(1));
            QVERIFY(found);
            QVERIFY2(
                found->has_value(),
                qPrintable(
                    QStringLiteral("trial %1: printed GUID %2 is not in the site").arg(trial).arg(guid.captured(1))));
        }
        const auto token = tokenPattern.match(text);
        if (token.hasMatch()) {
            ++printedTokens;
            TokenService service(**site);
            const VerifyResult result = service.verify(token.captured(1).toLatin1());
            QVERIFY2(result.reason != VerifyReason::UnknownToken,
                     qPrintable(QStringLiteral("trial %1: a printed token is unknown to the site").arg(trial)));
            QVERIFY2(result.valid(),
                     qPrintable(QStringLiteral("trial %1: a printed token does not verify: %2")
                                    .arg(trial)
                                    .arg(reasonCode(result.reason))));
            ++valid;
        }
    }
    qInfo("%d trials: %d killed while running; %d GUIDs and %d whole tokens had been printed, all %d known and valid;"
          " %lld token rows in the site",
          m_trials, killed, printedGuids, printedTokens, valid, rows);
    QVERIFY2(killed > 0, "no kill landed while bulkregtoken ran");
    QVERIFY2(printedTokens > 0, "no trial printed a token; the delays are too short for this machine");
}

void TestCrashSafety::killDuringFirstUse()
{
    // The first /new creates the site (two RSA keys, certificates, database) under
    // a temporary name. Killed anywhere in that, the next run must find either no
    // site or a whole one, never refuse, and never replace a site whose token was
    // already printed. Fewer trials: each one generates RSA keys.
    const int trials = qMax(1, m_trials * 2 / 5);
    QRandomGenerator rng(m_seed ^ 0xf1257);
    // RSA key generation time varies a lot: take the faster of two first uses,
    // and kill within that time so that most kills land inside the creation.
    int fullMs = std::numeric_limits<int>::max();
    for (int i = 0; i < 2; ++i) {
        QElapsedTimer clock;
        clock.start();
        const QString calibration = m_root.filePath(QStringLiteral("first-use-calibration-%1").arg(i));
        QCOMPARE(
            runCli({QStringLiteral("--site"), calibration, QStringLiteral("/new"), QStringLiteral("--json")}).exitCode,
            0);
        fullMs = qMin(fullMs, int(clock.elapsed()));
    }
    qInfo("one first use (site creation and a token) takes at least %d ms; kill delays 0..%d ms", fullMs,
          fullMs * 3 / 2);

    static const QRegularExpression tokenPattern(QStringLiteral("\"token\": \"([A-Za-z0-9_.-]+)\""));
    int killed = 0, printed = 0, leftSite = 0;
    for (int trial = 0; trial < trials; ++trial) {
        const QString folder = m_root.filePath(QStringLiteral("first-use-%1").arg(trial));
        const QStringList args{QStringLiteral("--site"), folder, QStringLiteral("/new"), QStringLiteral("--json")};
        const int delay = int(rng.bounded(quint32(fullMs * 3 / 2 + 1)));
        QByteArray out;
        killed += runAndKill(args, delay, &out);
        leftSite += Site::exists(folder);
        const auto firstToken = tokenPattern.match(QString::fromLatin1(out));

        const CliRun again = runCli(args);
        QVERIFY2(again.exitCode == 0,
                 qPrintable(QStringLiteral("trial %1 (delay %2 ms): the next run failed: %3")
                                .arg(trial)
                                .arg(delay)
                                .arg(QString::fromUtf8(again.err))));
        auto site = Site::open(folder);
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
        RawDatabase raw(folder + QStringLiteral("/site.db"));
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        TokenService service(**site);
        const auto secondToken = tokenPattern.match(QString::fromLatin1(again.out));
        QVERIFY(secondToken.hasMatch());
        QVERIFY(service.verify(secondToken.captured(1).toLatin1()).valid());
        // No private key of an interrupted creation is left behind.
        auto certificates = (*site)->store().certificates();
        QVERIFY(certificates);
        QSet<QString> referenced;
        for (const StoredCertificate &sc : *certificates)
            referenced.insert(sc.keyFile);
        const QStringList keyFiles = QDir(folder + QStringLiteral("/keys")).entryList(QDir::Files);
        QCOMPARE(QSet<QString>(keyFiles.cbegin(), keyFiles.cend()), referenced);
        if (firstToken.hasMatch()) {
            ++printed;
            const VerifyResult first = service.verify(firstToken.captured(1).toLatin1());
            QVERIFY2(first.valid(),
                     qPrintable(QStringLiteral("trial %1: the token printed before the kill is now %2")
                                    .arg(trial)
                                    .arg(reasonCode(first.reason))));
        }
    }
    qInfo("%d trials: %d killed while running, %d left a complete site, %d had printed a token (still valid);"
          " every next run succeeded",
          trials, killed, leftSite, printed);
    QVERIFY2(killed > 0, "no kill landed while bulkregtoken ran");
}

namespace {

constexpr int kImportRows = 100'000;
const char *const kImportChildVariable = "TC_CRASH_IMPORT_CHILD";

// Copies a site folder (database and keys) file by file.
bool copyFolder(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    const QDir source(from);
    for (const QFileInfo &entry :
         source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (entry.isDir() ? !copyFolder(entry.filePath(), target) : !QFile::copy(entry.filePath(), target))
            return false;
        QFile::setPermissions(target, entry.permissions());
    }
    return true;
}

QProcess *importProcess(const QString &folder)
{
    auto *p = new QProcess;
    p->setProgram(QCoreApplication::applicationFilePath());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QLatin1String(kImportChildVariable), folder);
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::SeparateChannels);
    return p;
}

} // namespace

int TestCrashSafety::importChild(const QString &folder, int rows)
{
    auto site = Site::open(folder);
    if (!site)
        return 3;
    WriteTransaction tx((*site)->database());
    if (!tx.status())
        return 4;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    int made = 0;
    auto imported = (*site)->store().importTokens(
        rows,
        [&](CredentialRecord &r) {
            if (made == rows)
                return false;
            r = CredentialRecord{};
            r.name = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
            r.notBefore = fromUnix(now - made);
            r.notAfter = fromUnix(now - made + 3 * 86400);
            r.lifetimeMinutes = kDefaultLifetimeMinutes;
            r.issuer = QStringLiteral("SMS Token Signing Certificate");
            r.signerThumbprint = QStringLiteral("00112233445566778899AABBCCDDEEFF00112233");
            r.createdAt = r.notBefore;
            r.createdBy = QStringLiteral("crash-import");
            ++made;
            return true;
        },
        tx.revision());
    if (!imported || !tx.commit())
        return 5;
    return 0;
}

void TestCrashSafety::killDuringImport()
{
    const QString templateFolder = m_root.filePath(QStringLiteral("import-template"));
    QStringList indexes;
    qint64 revision = 0, auditRows = 0;
    {
        auto site = Site::create(templateFolder, QStringLiteral("CRI"));
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
    }
    {
        RawDatabase raw(templateFolder + QStringLiteral("/site.db"));
        indexes << raw.scalar(
            QStringLiteral("SELECT group_concat(name || ':' || coalesce(sql, ''), '|') FROM"
                           " (SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name)"));
        revision = raw.count(QStringLiteral("SELECT value FROM revision"));
        auditRows = raw.count(QStringLiteral("SELECT count(*) FROM audit"));
    }
    QVERIFY(indexes.first().count(QLatin1Char('|')) >= 12);

    // Calibrate on copies: the faster of two uninterrupted imports.
    int fullMs = std::numeric_limits<int>::max();
    for (int i = 0; i < 2; ++i) {
        const QString calibration = m_root.filePath(QStringLiteral("import-calibration-%1").arg(i));
        QVERIFY(copyFolder(templateFolder, calibration));
        QElapsedTimer clock;
        clock.start();
        std::unique_ptr<QProcess> p(importProcess(calibration));
        p->start();
        QVERIFY(p->waitForFinished(300000));
        QCOMPARE(p->exitCode(), 0);
        fullMs = qMin(fullMs, int(clock.elapsed()));
        RawDatabase raw(calibration + QStringLiteral("/site.db"));
        QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0")), qint64(kImportRows));
    }
    const int trials = qMax(4, m_trials / 8);
    qInfo("one uninterrupted import of %d rows takes about %d ms; %d trials, kill delays 0..%d ms", kImportRows, fullMs,
          trials, fullMs);

    QRandomGenerator rng(m_seed ^ 0x1a9047);
    int killed = 0, committed = 0, killedBeforeCommit = 0;
    for (int trial = 0; trial < trials; ++trial) {
        const QString folder = m_root.filePath(QStringLiteral("import-%1").arg(trial));
        QVERIFY(copyFolder(templateFolder, folder));
        const int delay = int(rng.bounded(quint32(fullMs + 1)));
        std::unique_ptr<QProcess> p(importProcess(folder));
        const bool landed = runAndKill(*p, delay, nullptr);
        killed += landed;

        RawDatabase raw(folder + QStringLiteral("/site.db"));
        QVERIFY(raw.isOpen());
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        const qint64 tokens = raw.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0"));
        QVERIFY2(tokens == 0 || tokens == kImportRows,
                 qPrintable(QStringLiteral("trial %1 (delay %2 ms): %3 token rows").arg(trial).arg(delay).arg(tokens)));
        committed += tokens == kImportRows;
        killedBeforeCommit += landed && tokens == 0;
        QCOMPARE(raw.count(QStringLiteral("SELECT value FROM revision")), revision + (tokens ? 1 : 0));
        QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM audit")), auditRows);
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT group_concat(name || ':' || coalesce(sql, ''), '|') FROM"
                                      " (SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name)")),
            indexes.first());
    }
    qInfo("%d trials: %d killed while running (%d before the commit), %d imports committed", trials, killed,
          killedBeforeCommit, committed);
    QVERIFY2(killedBeforeCommit > 0,
             "no kill landed before an import's commit; the delays are too long for this machine");
}

// QTEST_GUILESS_MAIN, plus the child mode of killDuringImport.
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (const QString folder = qEnvironmentVariable(kImportChildVariable); !folder.isEmpty())
        return TestCrashSafety::importChild(folder, kImportRows);
    TestCrashSafety test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_crashsafety.moc"
