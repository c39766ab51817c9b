// Concurrent admins: two bulkregtoken workers (shell loops of real processes)
// and a console (TokenService + CredentialListModel in this process) create and
// block tokens in one site at the same time. Afterwards every operation is
// recorded exactly once with one audit row per change, no process reported an
// error (no "database is locked" reaches anyone), and the open list shows the
// final state.
//
// TC_CONCURRENT_OPS: creations (and blocks) per admin, default 500.
// TC_CONCURRENT_BLOCK_BATCH: GUIDs per block invocation, default 10. A process
// launch costs ~0.1 s here, so 500 single blocks per worker would double the
// run time; the workers block their tokens 10 at a time (50 block runs each).

#include "sitefixture.h"

#include "credentiallistmodel.h"
#include "site.h"
#include "tokenservice.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace tc;
using namespace tc::testing;

namespace {

// One admin at a shell: creates a token, notes its GUID (never the token), and
// blocks its own tokens BATCH at a time. Prints "created GUID" / "blocked GUID".
const char kWorkerScript[] = R"SH(set -u
tool="$1"; site="$2"; count="$3"; batch="$4"
pending=""
n=0
while [ "$n" -lt "$count" ]; do
    json=$("$tool" --site "$site" /new --lifetime 60 --json) || { echo "worker: /new failed" >&2; exit 1; }
    guid=$(printf '%s\n' "$json" | sed -n 's/.*"guid": "\([0-9a-f-]*\)".*/\1/p')
    [ -n "$guid" ] || { echo "worker: no GUID in the output of /new" >&2; exit 1; }
    echo "created $guid"
    pending="$pending $guid"
    n=$((n + 1))
    if [ $((n % batch)) -eq 0 ] || [ "$n" -eq "$count" ]; then
        "$tool" --site "$site" block $pending --reason "worker $$" >/dev/null || { echo "worker: block failed" >&2; exit 1; }
        for g in $pending; do echo "blocked $g"; done
        pending=""
    fi
done
)SH";

} // namespace

class TestConcurrentAdmins : public QObject
{
    Q_OBJECT

private slots:
    void twoCliWorkersAndAConsole();
    void siteHeldTooLong();
};

void TestConcurrentAdmins::twoCliWorkersAndAConsole()
{
    bool ok = false;
    int ops = qEnvironmentVariableIntValue("TC_CONCURRENT_OPS", &ok);
    if (!ok || ops < 1)
        ops = 500;
    int batch = qEnvironmentVariableIntValue("TC_CONCURRENT_BLOCK_BATCH", &ok);
    if (!ok || batch < 1)
        batch = 10;

    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString folder = root.filePath(QStringLiteral("shared site"));
    auto opened = Site::create(folder, QStringLiteral("CON"));
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    Site &site = **opened;
    auto startRevision = site.database().revision();
    QVERIFY(startRevision);

    // The console: a list model open on its own connection, as tokenconsole has.
    CredentialListModel model(site);
    model.setPollInterval(0); // refreshed by hand below, like the poll timer would
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TokenService service(site);

    const QString script = root.filePath(QStringLiteral("worker.sh"));
    {
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kWorkerScript);
    }
    QProcess workers[2];
    for (int w = 0; w < 2; ++w) {
        workers[w].setStandardOutputFile(root.filePath(QStringLiteral("worker%1.out").arg(w)));
        workers[w].setStandardErrorFile(root.filePath(QStringLiteral("worker%1.err").arg(w)));
        workers[w].start(
            QStringLiteral("/bin/sh"),
            {script, QStringLiteral(TC_BULKREGTOKEN), folder, QString::number(ops), QString::number(batch)});
        QVERIFY(workers[w].waitForStarted());
    }
    auto createdBy = [&](int w) {
        QFile f(root.filePath(QStringLiteral("worker%1.out").arg(w)));
        return f.open(QIODevice::ReadOnly) ? f.readAll().count("created ") : 0;
    };

    QElapsedTimer clock;
    clock.start();
    QSet<QString> consoleGuids;
    QStringList pending;
    int refreshes = 0;
    for (int n = 0; n < ops; ++n) {
        // Keep pace with the slower worker so that all three write at once.
        while (workers[0].state() == QProcess::Running && workers[1].state() == QProcess::Running
               && n > qMin(createdBy(0), createdBy(1)) + 5) {
            QTest::qWait(20);
            model.refresh();
            ++refreshes;
        }
        auto issued = service.issue(60);
        QVERIFY2(issued, qPrintable(issued ? QString() : issued.error()));
        consoleGuids.insert(issued->guid);
        pending << issued->guid;
        if (pending.size() == batch || n == ops - 1) {
            auto blocked = service.block(pending, QStringLiteral("console"));
            QVERIFY2(blocked, qPrintable(blocked ? QString() : blocked.error()));
            QCOMPARE(blocked->size(), pending.size());
            pending.clear();
        }
        model.refresh();
        ++refreshes;
    }
    for (QProcess &w : workers) {
        while (w.state() == QProcess::Running) {
            QTest::qWait(100);
            model.refresh();
            ++refreshes;
        }
        QCOMPARE(w.exitStatus(), QProcess::NormalExit);
    }
    const qint64 elapsedMs = clock.elapsed();

    // No process reported anything: no "database is locked", no failure.
    QSet<QString> created[2], blockedSet[2];
    for (int w = 0; w < 2; ++w) {
        QFile err(root.filePath(QStringLiteral("worker%1.err").arg(w)));
        QVERIFY(err.open(QIODevice::ReadOnly));
        const QByteArray errText = err.readAll();
        QVERIFY2(errText.isEmpty(), errText.constData());
        QCOMPARE(workers[w].exitCode(), 0);
        QFile out(root.filePath(QStringLiteral("worker%1.out").arg(w)));
        QVERIFY(out.open(QIODevice::ReadOnly));
        for (const QByteArray &line : out.readAll().split('\n')) {
            if (line.startsWith("created "))
                created[w].insert(QString::fromLatin1(line.mid(8)));
            else if (line.startsWith("blocked "))
                blockedSet[w].insert(QString::fromLatin1(line.mid(8)));
        }
        QCOMPARE(created[w].size(), ops);
        QCOMPARE(blockedSet[w], created[w]);
    }
    QSet<QString> all = consoleGuids;
    all.unite(created[0]).unite(created[1]);
    QCOMPARE(all.size(), 3 * ops); // every GUID unique across the three admins

    // Every operation recorded exactly once.
    const qint64 total = 3 * ops;
    RawDatabase raw(site.databasePath());
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0")), total);
    QCOMPARE(raw.count(QStringLiteral("SELECT count(DISTINCT name) FROM credentials WHERE kind = 0")), total);
    QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0 AND state = 1")), total);
    QSqlQuery names(site.database().connection());
    QVERIFY(names.exec(QStringLiteral("SELECT name FROM credentials WHERE kind = 0")));
    QSet<QString> stored;
    while (names.next())
        stored.insert(names.value(0).toString());
    QCOMPARE(stored, all);
    // Exactly one audit row per change: one create and one block per token.
    QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'create'")), total);
    QCOMPARE(raw.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'block'")), total);
    QCOMPARE(
        raw.count(QStringLiteral("SELECT count(*) FROM (SELECT target, action FROM audit"
                                 " WHERE action IN ('create', 'block') GROUP BY target, action HAVING count(*) <> 1)")),
        qint64(0));
    // One write transaction per invocation: creations, plus one per block batch.
    const qint64 blockRuns = 3 * ((ops + batch - 1) / batch);
    QCOMPARE(raw.count(QStringLiteral("SELECT value FROM revision")), *startRevision + total + blockRuns);

    // The open list shows the final state.
    model.refresh();
    QCOMPARE(model.rowCount(), int(total + 2)); // the tokens and the two site certificates
    QCOMPARE(model.blockedCount(), total);

    qInfo("%lld creations and %lld blocks by 3 admins (2 CLI workers, %d GUIDs per block run, and the console) in %lld "
          "ms;"
          " %lld bulkregtoken runs, %d list refreshes",
          total, total, batch, elapsedMs, 2 * (qint64(ops) + (ops + batch - 1) / batch), refreshes);
}

void TestConcurrentAdmins::siteHeldTooLong()
{
    // Another program holds the write lock past the 15-second busy timeout: the
    // admin gets one sentence saying so (not SQLite's "database is locked"), and
    // nothing is written or printed.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString folder = root.filePath(QStringLiteral("held"));
    QVERIFY(Site::create(folder, QStringLiteral("HLD")));
    RawDatabase holder(folder + QStringLiteral("/site.db"));
    QVERIFY(holder.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QElapsedTimer clock;
    clock.start();
    const CliRun run = runCli({QStringLiteral("--site"), folder, QStringLiteral("/new")});
    const qint64 waitedMs = clock.elapsed();
    QVERIFY(holder.exec(QStringLiteral("ROLLBACK")));
    qInfo("bulkregtoken waited %lld ms for the held site: %s", waitedMs, run.err.trimmed().constData());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(isOneSentence(run.err), run.err.constData());
    QVERIFY2(run.err.contains("busy for more than 15 seconds"), run.err.constData());
    QVERIFY(!run.err.contains("database is locked"));
    QVERIFY(!run.out.contains("eyJ"));
    QCOMPARE(holder.count(QStringLiteral("SELECT count(*) FROM credentials WHERE kind = 0")), qint64(0));
}

QTEST_GUILESS_MAIN(TestConcurrentAdmins)
#include "tst_concurrentadmins.moc"
