// Broken sites: a damaged, missing, locked-down or full site must be refused by
// the real bulkregtoken with one clear sentence and a non-zero exit, leaving
// every byte of the site folder as it was.

#include "sitefixture.h"

#include "site.h"
#include "tokenservice.h"

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace tc;
using namespace tc::testing;

namespace {

enum class Damage {
    TruncatedHalf,
    TruncatedToPages,
    TruncatedHeader,
    RandomBytes,
    RandomBytesWithHeader,
    ZeroLength,
    Directory,
    NewerSchema,
    NotASiteDatabase,
    DatabaseMissingKeysPresent,
    ReadOnlyDatabase,
    ReadOnlyFolder,
    MissingKey,
    UnreadableKey,
    KeyReadableByOthers,
    DamagedKey,
    FullDisk,
    NearlyFullDisk,
    FileSizeLimit,
};

// How the run is constrained: nothing, as another account, in a small tmpfs, or
// with a file size limit.
enum class Runner { Plain, AsOtherAccount, SmallDisk, FileSizeLimit };

} // namespace

Q_DECLARE_METATYPE(Damage)

class TestBrokenSite : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void refused_data();
    void refused();
    void creationOnFullDisk();
    void cleanupTestCase();

private:
    // The signing key's file, inside a site copy.
    QString signingKeyPath(const QString &folder) const
    {
        return QDir(folder).filePath(QStringLiteral("keys/") + m_signingKeyFile);
    }
    bool mountSmallDisk(const QString &mountPoint, int kilobytes);

    QTemporaryDir m_root;
    QString m_template;
    QString m_tokenGuid;
    QString m_signingKeyFile;
    bool m_isRoot = false;
    QString m_setpriv;
    int m_cases = 0;
};

void TestBrokenSite::initTestCase()
{
    QVERIFY(m_root.isValid());
    m_template = m_root.filePath(QStringLiteral("template"));
    auto site = Site::create(m_template, QStringLiteral("BRK"));
    QVERIFY2(site, qPrintable(site ? QString() : site.error()));
    TokenService service(**site);
    auto issued = service.issue(60);
    QVERIFY2(issued, qPrintable(issued ? QString() : issued.error()));
    m_tokenGuid = issued->guid;
    auto signer = SitePki(**site).currentSigner();
    QVERIFY(signer);
    m_signingKeyFile = signer->stored.keyFile;
    site->reset();
    m_isRoot = ::geteuid() == 0;
    m_setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    // Root ignores permission bits, so permission cases run the CLI as "nobody"
    // on a copy owned by nobody; every level above must be traversable for it.
    if (m_isRoot)
        ::chmod(QFile::encodeName(m_root.path()).constData(), 0711);
}

void TestBrokenSite::cleanupTestCase()
{
    qInfo("broken-site cases run: %d", m_cases);
}

bool TestBrokenSite::mountSmallDisk(const QString &mountPoint, int kilobytes)
{
    if (!m_isRoot)
        return false;
    QDir().mkpath(mountPoint);
    QProcess mount;
    mount.start(QStringLiteral("mount"),
                {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                 QStringLiteral("size=%1k,mode=0700").arg(kilobytes), QStringLiteral("tmpfs"), mountPoint});
    return mount.waitForFinished() && mount.exitStatus() == QProcess::NormalExit && mount.exitCode() == 0;
}

void TestBrokenSite::refused_data()
{
    QTest::addColumn<Damage>("damage");
    QTest::addColumn<QStringList>("commands"); // each must be refused
    QTest::addColumn<QString>("expected");     // a phrase the sentence must contain
    QTest::addColumn<bool>("console");         // tokenconsole must refuse it too (damaged database)

    const QStringList all{QStringLiteral("list"), QStringLiteral("/new"), QStringLiteral("block")};
    const QStringList writing{QStringLiteral("/new"), QStringLiteral("block")};
    // Rows end with whether the console is checked as well: it opens the
    // database at start; the keys are read only when a token is created.
    QTest::newRow("truncated to half") << Damage::TruncatedHalf << all << QStringLiteral("truncated") << true;
    QTest::newRow("truncated to two pages") << Damage::TruncatedToPages << all << QStringLiteral("truncated") << true;
    QTest::newRow("truncated inside the header")
        << Damage::TruncatedHeader << all << QStringLiteral("truncated") << true;
    QTest::newRow("random bytes") << Damage::RandomBytes << all << QStringLiteral("not an SQLite database") << true;
    QTest::newRow("random bytes after an SQLite header")
        << Damage::RandomBytesWithHeader << all << QStringLiteral("damaged") << true;
    QTest::newRow("zero-length file") << Damage::ZeroLength << all << QStringLiteral("empty") << true;
    QTest::newRow("a folder where the file should be")
        << Damage::Directory << all << QStringLiteral("is a folder") << true;
    QTest::newRow("newer schema version")
        << Damage::NewerSchema << all << QStringLiteral("newer than this program") << true;
    QTest::newRow("an SQLite file of another program")
        << Damage::NotASiteDatabase << all << QStringLiteral("not a Token Console site database") << true;
    QTest::newRow("database missing, keys present")
        << Damage::DatabaseMissingKeysPresent << all << QStringLiteral("no site database") << true;
    QTest::newRow("read-only database file") << Damage::ReadOnlyDatabase << all << QStringLiteral("read-only") << false;
    QTest::newRow("read-only site folder") << Damage::ReadOnlyFolder << all << QStringLiteral("read-only") << false;
    QTest::newRow("missing signing key") << Damage::MissingKey << QStringList{QStringLiteral("/new")}
                                         << QStringLiteral("is missing") << false;
    QTest::newRow("unreadable signing key")
        << Damage::UnreadableKey << QStringList{QStringLiteral("/new")} << QStringLiteral("cannot be read") << false;
    QTest::newRow("signing key readable by others")
        << Damage::KeyReadableByOthers << QStringList{QStringLiteral("/new")} << QStringLiteral("chmod 600") << false;
    QTest::newRow("damaged signing key") << Damage::DamagedKey << QStringList{QStringLiteral("/new")}
                                         << QStringLiteral("is damaged") << false;
    QTest::newRow("full disk") << Damage::FullDisk << all << QStringLiteral("full") << false;
    QTest::newRow("nearly full disk") << Damage::NearlyFullDisk << writing << QStringLiteral("full") << false;
    QTest::newRow("file size limit (ulimit -f)")
        << Damage::FileSizeLimit << writing << QStringLiteral("ulimit -f") << false;
}

void TestBrokenSite::refused()
{
    QFETCH(Damage, damage);
    QFETCH(QStringList, commands);
    QFETCH(QString, expected);
    QFETCH(bool, console);

    const QString caseRoot
        = m_root.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    QString folder = caseRoot + QStringLiteral("/site");
    Runner runner = Runner::Plain;
    QString mountPoint;
    auto unmount = qScopeGuard([&mountPoint] {
        if (!mountPoint.isEmpty())
            QProcess::execute(QStringLiteral("umount"), {mountPoint});
    });

    if (damage == Damage::FullDisk || damage == Damage::NearlyFullDisk) {
        mountPoint = caseRoot + QStringLiteral("/disk");
        if (!mountSmallDisk(mountPoint, 256)) {
            mountPoint.clear();
            QSKIP("A small tmpfs cannot be mounted here (needs root with mount rights); the ulimit -f case covers a "
                  "failing write instead.");
        }
        folder = mountPoint + QStringLiteral("/site");
    }
    QVERIFY(copyTree(m_template, folder));
    const QString db = QDir(folder).filePath(QStringLiteral("site.db"));
    const qint64 dbSize = QFileInfo(db).size();

    auto writeFile = [](const QString &path, const QByteArray &bytes) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
    };
    auto randomBytes = [](qint64 n) {
        QByteArray b(n, Qt::Uninitialized);
        QRandomGenerator gen(20261130);
        for (char &c : b)
            c = char(gen.generate() & 0xff);
        return b;
    };
    auto runAsOtherAccount = [&] {
        if (!m_isRoot)
            return true; // permission bits apply to us already
        if (m_setpriv.isEmpty())
            return false;
        runner = Runner::AsOtherAccount;
        // nobody must reach the copy: every folder above it must be traversable
        // (true under /tmp; not if TMPDIR is inside a private home folder).
        return QProcess::execute(QStringLiteral("chown"),
                                 {QStringLiteral("-R"), QStringLiteral("65534:65534"), caseRoot})
            == 0
            && QProcess::execute(m_setpriv,
                                 {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                  QStringLiteral("--clear-groups"), QStringLiteral("test"), QStringLiteral("-w"), db})
            == 0;
    };

    switch (damage) {
    case Damage::TruncatedHalf: QVERIFY(QFile::resize(db, dbSize / 2)); break;
    case Damage::TruncatedToPages: QVERIFY(QFile::resize(db, 2 * 4096)); break;
    case Damage::TruncatedHeader: QVERIFY(QFile::resize(db, 60)); break;
    case Damage::RandomBytes: QVERIFY(writeFile(db, randomBytes(dbSize))); break;
    case Damage::RandomBytesWithHeader: {
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray header = f.read(100);
        f.close();
        QVERIFY(writeFile(db, header + randomBytes(dbSize - 100)));
        break;
    }
    case Damage::ZeroLength: QVERIFY(QFile::resize(db, 0)); break;
    case Damage::Directory:
        QVERIFY(QFile::remove(db));
        QVERIFY(QDir().mkdir(db));
        break;
    case Damage::NewerSchema: {
        RawDatabase raw(db);
        QVERIFY(raw.exec(QStringLiteral("UPDATE schema_info SET version = 99")));
        break;
    }
    case Damage::NotASiteDatabase: {
        QVERIFY(QFile::remove(db));
        RawDatabase raw(db);
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")));
        break;
    }
    case Damage::DatabaseMissingKeysPresent: QVERIFY(QFile::remove(db)); break;
    case Damage::ReadOnlyDatabase:
        if (!runAsOtherAccount())
            QSKIP("Running as root: a read-only file needs setpriv and a temporary folder that the account nobody can "
                  "reach (TMPDIR=/tmp).");
        QVERIFY(QFile::setPermissions(db, QFileDevice::ReadOwner));
        break;
    case Damage::ReadOnlyFolder:
        if (!runAsOtherAccount())
            QSKIP("Running as root: a read-only folder needs setpriv and a temporary folder that the account nobody "
                  "can reach (TMPDIR=/tmp).");
        QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        break;
    case Damage::MissingKey: QVERIFY(QFile::remove(signingKeyPath(folder))); break;
    case Damage::UnreadableKey:
        if (!runAsOtherAccount())
            QSKIP("Running as root: an unreadable file needs setpriv and a temporary folder that the account nobody "
                  "can reach (TMPDIR=/tmp).");
        QVERIFY(QFile::setPermissions(signingKeyPath(folder), {}));
        break;
    case Damage::KeyReadableByOthers:
        QVERIFY(QFile::setPermissions(signingKeyPath(folder),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                          | QFileDevice::ReadOther));
        break;
    case Damage::DamagedKey:
        QVERIFY(
            writeFile(signingKeyPath(folder), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"));
        break;
    case Damage::FullDisk:
    case Damage::NearlyFullDisk: {
        runner = Runner::SmallDisk;
        // Fill the tmpfs, then give back what the case needs: nothing, or a
        // little (enough to open the database, too little to commit).
        QFile filler(mountPoint + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) { }
        filler.close();
        if (damage == Damage::NearlyFullDisk)
            QVERIFY(QFile::resize(filler.fileName(), qMax<qint64>(0, filler.size() - 32 * 1024)));
        break;
    }
    case Damage::FileSizeLimit: runner = Runner::FileSizeLimit; break;
    }

    const auto before = treeChecksums(folder);
    for (const QString &command : commands) {
        QStringList args{QStringLiteral("--site"), folder};
        if (command == QLatin1String("block"))
            args << QStringLiteral("block") << m_tokenGuid << QStringLiteral("--reason")
                 << QStringLiteral("broken site");
        else
            args << command;
        QStringList wrapper;
        std::function<void()> modifier;
        if (runner == Runner::AsOtherAccount)
            wrapper = {m_setpriv, QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                       QStringLiteral("--clear-groups")};
        if (runner == Runner::FileSizeLimit) {
            modifier = [] {
                // Without SIG_IGN the kernel kills the writer with SIGXFSZ; a real
                // ulimit -f in a script behaves the same once the shell ignores it.
                ::signal(SIGXFSZ, SIG_IGN);
                const rlimit limit{1024, 1024};
                ::setrlimit(RLIMIT_FSIZE, &limit);
            };
        }
        const CliRun run = runCli(args, {.wrapper = wrapper, .childModifier = modifier});
        ++m_cases;
        const QString what = QStringLiteral("%1 [%2]: exit %3, stderr: %4")
                                 .arg(QString::fromLatin1(QTest::currentDataTag()), command)
                                 .arg(run.exitCode)
                                 .arg(QString::fromUtf8(run.err));
        qInfo().noquote() << what.trimmed();
        QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, qPrintable(what));
        QVERIFY2(run.exitCode != 0, qPrintable(what));
        QVERIFY2(isOneSentence(run.err), qPrintable(what));
        QVERIFY2(QString::fromUtf8(run.err).contains(expected), qPrintable(what));
        QVERIFY2(!run.out.contains("eyJ"), "a refused run printed a token");
        const QString differences = compareTrees(before, treeChecksums(folder), folder);
        QVERIFY2(differences.isEmpty(), qPrintable(what + QStringLiteral(" changed the site: ") + differences));
    }
#ifdef TC_TOKENCONSOLE
    if (console) {
        // The console refuses the same site at start: in --screenshot mode the
        // sentence goes to stderr (interactively it is a dialog), and no window is drawn.
        const QString png = caseRoot + QStringLiteral("/console.png");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QDir().mkpath(caseRoot + QStringLiteral("/xdg"));
        QFile::setPermissions(caseRoot + QStringLiteral("/xdg"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), caseRoot + QStringLiteral("/xdg"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TC_TOKENCONSOLE),
                {QStringLiteral("--site"), folder, QStringLiteral("--screenshot"), png});
        QVERIFY(p.waitForFinished(60000));
        ++m_cases;
        // Qt's own warnings (qt.*, QStandardPaths) are not the program's sentence.
        QByteArray err;
        for (const QByteArray &line : p.readAllStandardError().split('\n')) {
            if (!line.trimmed().isEmpty() && !line.startsWith("qt.") && !line.startsWith("QStandardPaths:"))
                err += (err.isEmpty() ? "" : "\n") + line.trimmed();
        }
        const QString what
            = QStringLiteral("tokenconsole: exit %1, stderr: %2").arg(p.exitCode()).arg(QString::fromUtf8(err));
        qInfo().noquote() << what;
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() != 0, qPrintable(what));
        QVERIFY2(QString::fromUtf8(err).contains(expected) && !err.contains('\n'), qPrintable(what));
        QVERIFY2(!QFileInfo::exists(png), "the console drew a broken site");
        const QString differences = compareTrees(before, treeChecksums(folder), folder);
        QVERIFY2(differences.isEmpty(), qPrintable(what + QStringLiteral(" changed the site: ") + differences));
    }
#else
    Q_UNUSED(console);
#endif
}

void TestBrokenSite::creationOnFullDisk()
{
    // First use on a disk that fills up somewhere inside site creation: either a
    // whole site, or one sentence and nothing half-made (no database, no keys),
    // so that the next run, with space freed, simply creates the site.
    int failed = 0, succeeded = 0;
    for (int kilobytes = 100; kilobytes <= 380; kilobytes += 40) {
        const QString mountPoint = m_root.filePath(QStringLiteral("creation-%1k").arg(kilobytes));
        if (!mountSmallDisk(mountPoint, kilobytes))
            QSKIP("A small tmpfs cannot be mounted here (needs root with mount rights).");
        auto unmount = qScopeGuard([&mountPoint] { QProcess::execute(QStringLiteral("umount"), {mountPoint}); });
        const QString folder = mountPoint + QStringLiteral("/site");
        const QStringList args{QStringLiteral("--site"), folder, QStringLiteral("/new"), QStringLiteral("--json")};
        CliRun run = runCli(args);
        ++m_cases;
        const QString what = QStringLiteral("%1 KB: exit %2, stderr: %3")
                                 .arg(kilobytes)
                                 .arg(run.exitCode)
                                 .arg(QString::fromUtf8(run.err));
        qInfo().noquote() << what.trimmed();
        if (run.exitCode == 0) {
            ++succeeded;
            QVERIFY(Site::exists(folder));
            continue;
        }
        ++failed;
        QVERIFY2(isOneSentence(run.err), qPrintable(what));
        QVERIFY2(!run.out.contains("eyJ"), "a failed creation printed a token");
        QStringList left;
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            left << it.next();
        QVERIFY2(left.isEmpty(), qPrintable(what + QStringLiteral(" left: ") + left.join(QStringLiteral(", "))));
        // Free space (grow the disk) and run again: the site is created normally.
        QCOMPARE(QProcess::execute(QStringLiteral("mount"),
                                   {QStringLiteral("-o"), QStringLiteral("remount,size=4m"), mountPoint}),
                 0);
        run = runCli(args);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        auto site = Site::open(folder);
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
    }
    qInfo("site creation on a full disk: %d sizes failed cleanly, %d succeeded", failed, succeeded);
    QVERIFY(failed > 0);
}

QTEST_GUILESS_MAIN(TestBrokenSite)
#include "tst_brokensite.moc"
