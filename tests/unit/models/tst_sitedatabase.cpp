// The site on disk: folder and key permissions, the schema version, WAL and
// foreign keys, refusal of newer or foreign databases (bytes untouched), and
// write transactions that roll back unless committed.
#include "credentialstore.h"
#include "site.h"
#include "sitedatabase.h"
#include "sitefixture.h"
#include "sitepki.h"
#include "tokenservice.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

using namespace tc;

namespace {

constexpr QFileDevice::Permissions kGroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

// Every file (and folder) under folder with the SHA-256 of its bytes.
QMap<QString, QByteArray> snapshot(const QString &folder)
{
    return tc::testing::treeChecksums(folder);
}

// Runs statements on the site database through a connection of our own, as
// another program (or an older/newer build) would.
// Whether this process holds a POSIX lock on the file (Linux: /proc/locks).
bool holdsLockOn(const QString &path)
{
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return false;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly))
        return false;
    const QByteArray pid = QByteArray::number(::getpid());
    const QByteArray inode = ':' + QByteArray::number(qulonglong(info.st_ino)) + ' ';
    for (const QByteArray &line : locks.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        // "1: POSIX  ADVISORY  READ 1234 08:01:5678 1073741824 1073741825"
        if (fields.size() >= 6 && fields.at(4) == pid && (fields.at(5) + ' ').endsWith(inode))
            return true;
    }
    return false;
}

bool rawExec(const QString &dbPath, const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(dbPath);
        ok = db.open();
        for (const QString &s : statements) {
            QSqlQuery q(db);
            if (!q.exec(s)) {
                qWarning() << s << q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return ok;
}

QVariant scalar(const SiteDatabase &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

// Whether credential_counts holds exactly what counting the rows gives.
bool keptCountsMatch(const SiteDatabase &db)
{
    const QString counted = QStringLiteral("SELECT kind, state, COUNT(*) FROM credentials GROUP BY kind, state");
    const QString kept = QStringLiteral("SELECT kind, state, n FROM credential_counts WHERE n <> 0");
    const QString differences
        = QStringLiteral("SELECT COUNT(*) FROM (SELECT * FROM (%1 EXCEPT %2) UNION ALL SELECT * FROM (%2 EXCEPT %1))")
              .arg(counted, kept);
    const QVariant n = scalar(db, differences);
    if (!n.isValid() || n.toInt() != 0) {
        qWarning() << "kept counts differ from the rows in" << n << "(kind, state) pairs";
        return false;
    }
    return true;
}

} // namespace

class TestSiteDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_folder; // one site shared by the read-only checks
    std::unique_ptr<Site> m_site;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_folder = m_dir.filePath(QStringLiteral("site"));
        auto site = Site::create(m_folder, QStringLiteral("ABC"));
        QVERIFY2(site.ok(), qPrintable(site.ok() ? QString() : site.error()));
        m_site = std::move(site).value();
    }

    void newSiteLayout()
    {
        QFileInfo folder(m_folder);
        QVERIFY(folder.isDir());
        QCOMPARE(folder.permissions()
                     & ~QFileDevice::Permissions(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(folder.permissions() & kGroupOrOther, QFileDevice::Permissions());
        const QString keys = QDir(m_folder).filePath(QLatin1String(Site::kKeysFolder));
        QCOMPARE(QFileInfo(keys).permissions() & kGroupOrOther, QFileDevice::Permissions());
        const QFileInfoList keyFiles = QDir(keys).entryInfoList(QDir::Files);
        QCOMPARE(keyFiles.size(), 2); // SMS Issuing and SMS Token Signing
        for (const QFileInfo &k : keyFiles) {
            QVERIFY2(k.fileName().endsWith(QLatin1String(".key")), qPrintable(k.fileName()));
            QCOMPARE(k.permissions() & kGroupOrOther, QFileDevice::Permissions());
            QVERIFY(k.permissions() & QFileDevice::ReadOwner);
        }
        QVERIFY(QFileInfo::exists(m_site->databasePath()));
        QCOMPARE(QFileInfo(m_site->databasePath()).permissions() & kGroupOrOther, QFileDevice::Permissions());
        QVERIFY(!QFileInfo::exists(m_site->databasePath() + QStringLiteral(".new")));
        QVERIFY(Site::exists(m_folder));
    }

    void siteIdentity()
    {
        QCOMPARE(m_site->siteCode(), QStringLiteral("ABC"));
        QVERIFY(!QUuid::fromString(m_site->tenantId()).isNull());
        QCOMPARE(m_site->tenantId(), m_site->tenantId().toUpper());
        auto reopened = Site::open(m_folder);
        QVERIFY(reopened.ok());
        QCOMPARE((*reopened)->tenantId(), m_site->tenantId());
        QCOMPARE((*reopened)->siteCode(), QStringLiteral("ABC"));
    }

    void certificatesAndKeysMatch()
    {
        auto certs = m_site->store().certificates();
        QVERIFY(certs.ok());
        QCOMPARE(certs->size(), 2);
        auto root = SitePki(*m_site).current(CredentialKind::IssuingRoot);
        auto signer = SitePki(*m_site).currentSigner();
        QVERIFY2(root.ok(), qPrintable(root.ok() ? QString() : root.error()));
        QVERIFY2(signer.ok(), qPrintable(signer.ok() ? QString() : signer.error()));
        QCOMPARE(root->record.name, QStringLiteral("SMS Issuing"));
        QCOMPARE(signer->stored.record.name, QStringLiteral("SMS Token Signing Certificate"));
        QVERIFY(signer->stored.certificate.isSignedBy(root->certificate));
        QCOMPARE(signer->stored.record.signerThumbprint, root->certificate.thumbprint());
        QCOMPARE(signer->key.publicKey().toPem(), signer->stored.certificate.publicKey().toPem());
        QVERIFY(root->certificate.subject().contains(QLatin1String("OU=ABC")));
    }

    void schemaVersionRecorded()
    {
        QCOMPARE(m_site->database().schemaVersion(), SiteDatabase::kSchemaVersion);
        QCOMPARE(scalar(m_site->database(), QStringLiteral("SELECT version FROM schema_info")).toInt(),
                 SiteDatabase::kSchemaVersion);
        QCOMPARE(scalar(m_site->database(), QStringLiteral("SELECT COUNT(*) FROM schema_info")).toInt(), 1);
    }

    void walForeignKeysBusyTimeout()
    {
        const SiteDatabase &db = m_site->database();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QVERIFY(scalar(db, QStringLiteral("PRAGMA busy_timeout")).toInt() >= 1000);
        // A second connection gets the same settings.
        auto other = db.openAnotherConnection();
        QVERIFY(other.ok());
        QCOMPARE(scalar(**other, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(scalar(**other, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    }

    void foreignKeysEnforced()
    {
        WriteTransaction tx(m_site->database());
        QVERIFY(tx.status().ok());
        auto q = m_site->database().prepare(QStringLiteral(
            "INSERT INTO certificates (thumbprint, credential_id, der, key_file, subject, issuer_subject, serial)"
            " VALUES ('X', 999999, x'00', 'k', 's', 'i', '1')"));
        QVERIFY(q.ok());
        auto done = SiteDatabase::exec(*q, QStringLiteral("insert an orphan"));
        QVERIFY(!done.ok());
        QVERIFY2(done.error().contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive), qPrintable(done.error()));
    }

    void uncommittedTransactionRollsBack()
    {
        const qint64 before = *m_site->database().revision();
        const int rows = scalar(m_site->database(), QStringLiteral("SELECT COUNT(*) FROM credentials")).toInt();
        {
            WriteTransaction tx(m_site->database());
            QVERIFY(tx.status().ok());
            QCOMPARE(tx.revision(), before + 1);
            CredentialRecord r;
            r.name = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
            r.notBefore = r.createdAt = fromUnix(1000);
            r.notAfter = fromUnix(2000);
            r.createdBy = QStringLiteral("test");
            r.issuer = QStringLiteral("SMS Token Signing Certificate");
            QVERIFY(m_site->store().insert(r, tx.revision()).ok());
            QCOMPARE(scalar(m_site->database(), QStringLiteral("SELECT COUNT(*) FROM credentials")).toInt(), rows + 1);
            // no commit: the destructor rolls back
        }
        QCOMPARE(scalar(m_site->database(), QStringLiteral("SELECT COUNT(*) FROM credentials")).toInt(), rows);
        QCOMPARE(*m_site->database().revision(), before);
    }

    // The list reads its size from credential_counts: every kind of change keeps
    // it equal to the rows, in the same transaction (a rolled-back one leaves it).
    void keptCountsFollowEveryChange()
    {
        QTemporaryDir dir;
        auto created = Site::create(dir.filePath(QStringLiteral("counts")), QStringLiteral("CNT"));
        QVERIFY2(created, created ? "" : qPrintable(created.error()));
        Site &site = **created;
        QVERIFY(keptCountsMatch(site.database()));
        TokenService service(site);
        QStringList guids;
        for (int i = 0; i < 5; ++i) {
            auto issued = service.issue(60);
            QVERIFY2(issued, issued ? "" : qPrintable(issued.error()));
            guids << issued->guid;
        }
        QVERIFY(keptCountsMatch(site.database()));
        QCOMPARE(scalar(site.database(), QStringLiteral("SELECT n FROM credential_counts WHERE kind = 0 AND state = 0"))
                     .toInt(),
                 5);
        QVERIFY(service.block(guids.mid(0, 3), QStringLiteral("lost")));
        QVERIFY(keptCountsMatch(site.database()));
        QCOMPARE(scalar(site.database(), QStringLiteral("SELECT n FROM credential_counts WHERE kind = 0 AND state = 1"))
                     .toInt(),
                 3);
        QVERIFY(service.unblock(guids.mid(0, 1)));
        QVERIFY(service.renewSigningCertificate()); // the old signer becomes superseded
        QVERIFY(keptCountsMatch(site.database()));
        {
            WriteTransaction tx(site.database());
            QVERIFY(tx.status());
            QVERIFY(site.database().execSql(QStringLiteral("UPDATE credentials SET state = 1 WHERE kind = 0"), {}));
            // tx is not committed: the counts roll back with the rows
        }
        QVERIFY(keptCountsMatch(site.database()));
        {
            WriteTransaction tx(site.database());
            QVERIFY(
                site.database().execSql(QStringLiteral("DELETE FROM credentials WHERE kind = 0 AND state = 0"), {}));
            QVERIFY(tx.commit());
        }
        QVERIFY(keptCountsMatch(site.database()));
        QCOMPARE(scalar(site.database(), QStringLiteral("SELECT SUM(n) FROM credential_counts WHERE kind = 0")).toInt(),
                 2);
    }

    void committedTransactionAdvancesRevision()
    {
        const qint64 before = *m_site->database().revision();
        {
            WriteTransaction tx(m_site->database());
            QVERIFY(tx.status().ok());
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(*m_site->database().revision(), before + 1);
        auto other = m_site->database().openAnotherConnection();
        QVERIFY(other.ok());
        QCOMPARE(*(*other)->revision(), before + 1);
    }

    void newerSchemaRefusedAndUntouched()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("newer"));
        {
            auto site = Site::create(folder, QStringLiteral("NEW"));
            QVERIFY(site.ok());
        }
        const QString dbPath = QDir(folder).filePath(QLatin1String(SiteDatabase::kFileName));
        QVERIFY(rawExec(dbPath,
                        {QStringLiteral("UPDATE schema_info SET version = %1").arg(SiteDatabase::kSchemaVersion + 1)}));
        const auto before = snapshot(folder);
        QVERIFY(before.contains(QStringLiteral("site.db")));

        auto opened = Site::open(folder);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(QLatin1String("newer than this program")), qPrintable(opened.error()));
        QVERIFY(opened.error().contains(dbPath));
        // openOrCreate (what the tools do) must refuse too, not make a new site.
        auto again = Site::openOrCreate(folder);
        QVERIFY(!again.ok());
        QCOMPARE(snapshot(folder), before);
    }

    void foreignDatabaseRefusedAndUntouched_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expect");
        QTest::newRow("text file") << QByteArray("hello, this is not a database\n")
                                   << QStringLiteral("not an SQLite database");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    }
    void foreignDatabaseRefusedAndUntouched()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expect);
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QLatin1String(SiteDatabase::kFileName));
        QFile f(dbPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        const auto before = snapshot(dir.path());
        auto opened = Site::openOrCreate(dir.path());
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(expect), qPrintable(opened.error()));
        QCOMPARE(snapshot(dir.path()), before);
    }

    void otherSqliteDatabaseRefused()
    {
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QLatin1String(SiteDatabase::kFileName));
        QVERIFY(rawExec(dbPath, {QStringLiteral("CREATE TABLE notes (t TEXT)")}));
        const auto before = snapshot(dir.path());
        auto opened = Site::open(dir.path());
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(QLatin1String("not a Token Console site database")),
                 qPrintable(opened.error()));
        QCOMPARE(opened.errorKind(), ErrorKind::Corrupt);
        QCOMPARE(snapshot(dir.path()), before);
    }

    void errorKindsComeFromTheEngine()
    {
        // Typed errors: a caller (a service mapping to HTTP statuses) decides by
        // kind, from the engine's error code, never by the sentence.
        auto missing = Site::open(m_folder + QStringLiteral("-nowhere"));
        QVERIFY(!missing);
        QCOMPARE(missing.errorKind(), ErrorKind::NotFound);
        auto badCode = Site::create(m_folder + QStringLiteral("-bad"), QStringLiteral("TOOLONG"));
        QVERIFY(!badCode);
        QCOMPARE(badCode.errorKind(), ErrorKind::InvalidInput);
        QVERIFY(!QFileInfo::exists(m_folder + QStringLiteral("-bad")));

        // Another connection holds the write lock past this one's (shortened) wait: Busy.
        auto site = Site::open(m_folder);
        QVERIFY(site);
        auto other = (*site)->openAnotherConnection();
        QVERIFY(other);
        WriteTransaction holder((*site)->database());
        QVERIFY(holder.status());
        QVERIFY((*other)->database().execSql(QStringLiteral("PRAGMA busy_timeout = 50"),
                                             QStringLiteral("shorten the wait")));
        WriteTransaction waiter((*other)->database());
        QVERIFY(!waiter.status());
        QCOMPARE(waiter.status().errorKind(), ErrorKind::Busy);
        QVERIFY2(waiter.status().error().contains(QLatin1String("busy for more than 15 seconds")),
                 qPrintable(waiter.status().error()));
    }

    void createRefusesExistingAndBadCode()
    {
        auto again = Site::create(m_folder, QStringLiteral("XYZ"));
        QVERIFY(!again.ok());
        QVERIFY(again.error().contains(QLatin1String("already exists")));

        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("bad"));
        for (const QString &code :
             {QStringLiteral("AB"), QStringLiteral("ABCD"), QStringLiteral("a-c"), QStringLiteral("")}) {
            auto made = Site::create(folder, code);
            QVERIFY2(!made.ok(), qPrintable(code));
            QVERIFY(made.error().contains(QLatin1String("site code")));
        }
        QVERIFY(!QFileInfo::exists(folder)); // nothing written
    }

    void parseSiteCode()
    {
        QCOMPARE(*Site::parseSiteCode(QStringLiteral("abc")), QStringLiteral("ABC"));
        QCOMPARE(*Site::parseSiteCode(QStringLiteral("X1Z")), QStringLiteral("X1Z"));
        // The refusal quotes what was typed, and is the sentence create() gives.
        auto parsed = Site::parseSiteCode(QStringLiteral("toolong"));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(QLatin1String("\"toolong\"")), qPrintable(parsed.error()));
        QTemporaryDir dir;
        auto made = Site::create(dir.filePath(QStringLiteral("bad")), QStringLiteral("toolong"));
        QVERIFY(!made.ok());
        QCOMPARE(made.error(), parsed.error());
        for (const QString &code : {QStringLiteral("AB"), QStringLiteral("a-c"), QString()})
            QVERIFY2(!Site::parseSiteCode(code).ok(), qPrintable(code));
    }

    void openMissingFolderExplains()
    {
        auto opened = Site::open(m_dir.filePath(QStringLiteral("nowhere")));
        QVERIFY(!opened.ok());
        QVERIFY(opened.error().contains(QLatin1String("does not exist")));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("nowhere"))));
    }

    void keyReadableByOthersRefused()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("loose"));
        auto site = Site::create(folder, QStringLiteral("LSE"));
        QVERIFY(site.ok());
        auto signer = SitePki(**site).current(CredentialKind::TokenSigning);
        QVERIFY(signer.ok());
        const QString keyPath
            = QDir(folder).filePath(QLatin1String(Site::kKeysFolder) + QLatin1Char('/') + signer->keyFile);
        QVERIFY(
            QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        auto key = (*site)->loadKey(signer->keyFile);
        QVERIFY(!key.ok());
        QVERIFY2(key.error().contains(QLatin1String("chmod 600")), qPrintable(key.error()));
    }

    void existingFolderKeepsItsPermissions_data()
    {
        QTest::addColumn<bool>("withOtherFiles");
        QTest::newRow("shared folder with other files") << true;
        QTest::newRow("empty folder") << false;
    }
    void existingFolderKeepsItsPermissions()
    {
        // "--site /tmp" must not chmod /tmp: a folder that already holds other
        // files keeps its mode; an empty one becomes the site's and private.
        QFETCH(bool, withOtherFiles);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkpath(folder));
        const QFileDevice::Permissions shared = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(folder, shared));
        if (withOtherFiles) {
            QFile other(QDir(folder).filePath(QStringLiteral("someone-elses-file")));
            QVERIFY(other.open(QIODevice::WriteOnly));
        }
        auto site = Site::create(folder, QStringLiteral("SHR"));
        QVERIFY2(site.ok(), qPrintable(site.ok() ? QString() : site.error()));
        const QFileDevice::Permissions mode
            = QFileInfo(folder).permissions() & (kGroupOrOther | QFileDevice::ReadOwner);
        if (withOtherFiles)
            QCOMPARE(mode, shared & (kGroupOrOther | QFileDevice::ReadOwner));
        else
            QCOMPARE(mode & kGroupOrOther, QFileDevice::Permissions());
        // The secrets are private either way.
        const QString keys = QDir(folder).filePath(QLatin1String(Site::kKeysFolder));
        QCOMPARE(QFileInfo(keys).permissions() & kGroupOrOther, QFileDevice::Permissions());
        for (const QFileInfo &k : QDir(keys).entryInfoList(QDir::Files))
            QCOMPARE(k.permissions() & kGroupOrOther, QFileDevice::Permissions());
        QCOMPARE(QFileInfo((*site)->databasePath()).permissions() & kGroupOrOther, QFileDevice::Permissions());
    }

    // POSIX drops all of a process's locks on a file when it closes any descriptor
    // of it. A second connection must not read the header through a descriptor of
    // its own, or the first connection's lock is gone and another process closing
    // last would delete the WAL under it.
    void secondConnectionKeepsTheFirstOnesLock()
    {
        QTemporaryDir dir;
        {
            auto created = Site::create(dir.filePath(QStringLiteral("site")), QStringLiteral("LCK"));
            QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error()));
        }
        auto site = Site::open(dir.filePath(QStringLiteral("site")));
        QVERIFY2(site.ok(), qPrintable(site.ok() ? QString() : site.error()));
        QVERIFY((*site)->database().revision().ok()); // a read: WAL mode keeps a shared lock afterwards

        const auto holdsLock = [&] { return holdsLockOn((*site)->databasePath()); };
        QVERIFY2(holdsLock(), "the first connection should hold a lock on site.db");
        {
            auto another = (*site)->openAnotherConnection();
            QVERIFY2(another.ok(), qPrintable(another.ok() ? QString() : another.error()));
            QVERIFY((*another)->database().revision().ok());
        }
        QVERIFY2(holdsLock(), "opening and closing a second connection dropped the first connection's lock");
        QVERIFY((*site)->database().revision().ok());
    }

    // The management point opens one connection per worker thread, all at once.
    // Checking the file and opening it must be one step: a thread that checked
    // before another's connection was counted would close its descriptor after
    // that connection took its lock, and drop it (CI saw the WAL deleted under
    // the service this way: its writes never reached the admin's CLI).
    void concurrentOpensKeepTheirLocks()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("site"));
        {
            auto created = Site::create(folder, QStringLiteral("LCK"));
            QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error()));
        }
        constexpr int kThreads = 4;
        constexpr int kRounds = 40;
        QString databasePath;
        for (int round = 0; round < kRounds; ++round) {
            std::latch start(kThreads);
            std::latch opened(kThreads + 1);
            std::latch checked(1);
            std::vector<std::thread> threads;
            std::atomic<int> failures{0};
            std::mutex pathMutex;
            for (int t = 0; t < kThreads; ++t) {
                threads.emplace_back([&] {
                    start.arrive_and_wait();
                    auto site = Site::open(folder);
                    if (!site.ok() || !(*site)->database().revision().ok())
                        ++failures;
                    else {
                        std::lock_guard lock(pathMutex);
                        databasePath = (*site)->databasePath();
                    }
                    opened.count_down();
                    checked.wait(); // keep the connection open until the main thread looked
                });
            }
            opened.arrive_and_wait();
            const bool locked = failures == 0 && holdsLockOn(databasePath);
            checked.count_down();
            for (auto &t : threads)
                t.join();
            QCOMPARE(failures.load(), 0);
            QVERIFY2(locked,
                     qPrintable(QStringLiteral("round %1: %2 connections opened at once, and this process "
                                               "holds no lock on site.db")
                                    .arg(round)
                                    .arg(kThreads)));
        }
    }

    void resolveFolderOrder()
    {
        qputenv("TOKENCONSOLE_SITE", QByteArray("/tmp/from-env"));
        QCOMPARE(Site::resolveFolder(QStringLiteral("/tmp/explicit")), QStringLiteral("/tmp/explicit"));
        QCOMPARE(Site::resolveFolder(QString()), QStringLiteral("/tmp/from-env"));
        qunsetenv("TOKENCONSOLE_SITE");
        QVERIFY(!Site::resolveFolder(QString()).isEmpty());
    }

    // A site made by the release with schema version 1 opens with this build and
    // is migrated forward in one transaction, its rows and keys kept.
    void schemaVersion1SiteIsMigrated()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("v1"));
        const QString source = QStringLiteral(TC_TEST_DATA "/site-v1");
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/keys")));
        QVERIFY(QFile::copy(source + QStringLiteral("/site.db"), folder + QStringLiteral("/site.db")));
        for (const QString &key : QDir(source + QStringLiteral("/keys")).entryList(QDir::Files)) {
            QVERIFY(QFile::copy(source + QStringLiteral("/keys/") + key, folder + QStringLiteral("/keys/") + key));
            QFile::setPermissions(folder + QStringLiteral("/keys/") + key,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        QFile::setPermissions(folder + QStringLiteral("/site.db"), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        ::chmod(QFile::encodeName(folder).constData(), 0700);
        ::chmod(QFile::encodeName(folder + QStringLiteral("/keys")).constData(), 0700);
        {
            auto site = Site::open(folder);
            QVERIFY2(site, site ? "" : qPrintable(site.error()));
            QCOMPARE((*site)->database().schemaVersion(), SiteDatabase::kSchemaVersion);
            QCOMPARE((*site)->siteCode(), QStringLiteral("V1S"));
            QCOMPARE(scalar((*site)->database(), QStringLiteral("SELECT version FROM schema_info")).toInt(),
                     SiteDatabase::kSchemaVersion);
            QCOMPARE(scalar((*site)->database(), QStringLiteral("SELECT COUNT(*) FROM credentials")).toInt(), 7);
            QCOMPARE(scalar((*site)->database(), QStringLiteral("SELECT COUNT(*) FROM audit")).toInt(), 10);
            QCOMPARE(scalar((*site)->database(), QStringLiteral("SELECT COUNT(*) FROM devices")).toInt(), 0);
            QCOMPARE(scalar((*site)->database(),
                            QStringLiteral("SELECT COUNT(*) FROM credentials WHERE kind = 0 AND state = 1"))
                         .toInt(),
                     1);
            // the kept counts start from the rows the old site had
            QCOMPARE(scalar((*site)->database(),
                            QStringLiteral("SELECT n FROM credential_counts WHERE kind = 0 AND state = 1"))
                         .toInt(),
                     1);
            QVERIFY(keptCountsMatch((*site)->database()));
            // the substring index holds the old site's rows
            {
                const SiteDatabase &db = (*site)->database();
                const QString name
                    = scalar(db, QStringLiteral("SELECT name FROM credentials WHERE kind = 0 LIMIT 1")).toString();
                QSqlQuery q(db.connection());
                QVERIFY(q.prepare(db.dialect().searchCandidates));
                q.addBindValue(db.dialect().searchMatch(name.mid(10, 8)));
                QVERIFY(q.exec());
                QVERIFY(q.next());
            }
            // the migrated site signs and verifies
            TokenService service(**site);
            auto issued = service.issue(60, BulkTokenOptions{3, QStringLiteral("lab")});
            QVERIFY2(issued, issued ? "" : qPrintable(issued.error()));
            QVERIFY(service.verify(issued->token).valid());
            QVERIFY(keptCountsMatch((*site)->database()));
        }
        // opened again: nothing more to migrate
        auto again = Site::open(folder);
        QVERIFY(again);
        QCOMPARE(scalar((*again)->database(), QStringLiteral("SELECT COUNT(*) FROM schema_info")).toInt(), 1);
        QCOMPARE(scalar((*again)->database(), QStringLiteral("SELECT max_uses FROM bulk_token_usage")).toInt(), 3);
    }
};

QTEST_GUILESS_MAIN(TestSiteDatabase)
#include "tst_sitedatabase.moc"
