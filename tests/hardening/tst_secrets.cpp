// Secrets: a token exists only in the hands of whoever created it. After
// tokens are made by the TokenService and by the real CLI, no token, nor its
// signature or payload segment, may be found in any file the run created (the
// database, its WAL and shared memory, keys, temporary files) nor in the CLI's
// stderr; private keys stay in owner-only files and are never printed; GUID
// arguments are validated as GUIDs before anything touches the database.

#include "base64url.h"
#include "records.h"
#include "site.h"
#include "sitedatabase.h"
#include "sitefixture.h"
#include "tokenservice.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tc;
using namespace tc::testing;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// What must never be found: the token, each secret-bearing part of it, and
// the raw bytes behind them, in the encodings a careless writer might use.
QList<QPair<QString, QByteArray>> needlesFor(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    QList<QPair<QString, QByteArray>> needles;
    needles << qMakePair(QStringLiteral("token"), token);
    if (parts.size() != 3)
        return needles;
    needles << qMakePair(QStringLiteral("signature segment"), parts[2])
            << qMakePair(QStringLiteral("payload segment"), parts[1])
            << qMakePair(QStringLiteral("signing input"), parts[0] + '.' + parts[1]);
    if (const auto signature = base64url::decode(parts[2])) {
        needles << qMakePair(QStringLiteral("raw signature"), *signature)
                << qMakePair(QStringLiteral("signature in hex"), signature->toHex())
                << qMakePair(QStringLiteral("signature in base64"), signature->toBase64());
    }
    if (const auto payload = base64url::decode(parts[1]))
        needles << qMakePair(QStringLiteral("payload JSON"), *payload);
    const QString asText = QString::fromLatin1(parts[2]);
    needles << qMakePair(QStringLiteral("signature segment as UTF-16"),
                         QByteArray(reinterpret_cast<const char *>(asText.utf16()), asText.size() * 2));
    return needles;
}

// Every regular file under root, with its bytes.
QMap<QString, QByteArray> allFiles(const QString &root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            files.insert(path, f.readAll());
        else
            files.insert(path, QByteArray("<unreadable>"));
    }
    return files;
}

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_siteDir;
    QString m_tmpDir;
    QList<QByteArray> m_tokens;   // every token made during the run
    QByteArray m_allStderr;       // every CLI run's stderr
    QByteArray m_allStdoutButNew; // every CLI run's stdout except the one that showed a token

    Run cli(const QStringList &args, const QByteArray &input = {})
    {
        QProcessEnvironment env = isolatedEnvironment(m_root.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("TMPDIR"), m_tmpDir);
        const CliRun done
            = runCli(QStringList{QStringLiteral("--site"), m_siteDir} + args, {.input = input, .environment = env});
        Run r;
        if (!done.finished)
            return r;
        r.exitCode = done.exitStatus == QProcess::NormalExit ? done.exitCode : -1;
        r.out = done.out;
        r.err = done.err;
        m_allStderr += r.err;
        return r;
    }

    Run cliNoSecrets(const QStringList &args, const QByteArray &input = {})
    {
        Run r = cli(args, input);
        m_allStdoutButNew += r.out;
        return r;
    }

    // Fails the test with the file and the kind of secret found in it.
    void expectNoSecretIn(const QString &where, const QByteArray &haystack)
    {
        for (const QByteArray &token : std::as_const(m_tokens)) {
            for (const auto &needle : needlesFor(token)) {
                if (haystack.contains(needle.second))
                    QFAIL(qPrintable(QStringLiteral("%1 contains a %2").arg(where, needle.first)));
            }
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        m_siteDir = m_root.filePath(QStringLiteral("site"));
        m_tmpDir = m_root.filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(m_tmpDir));
        QVERIFY(QDir().mkpath(m_root.filePath(QStringLiteral("home"))));
        // Anything this process writes to "the temp folder" lands where we look.
        qputenv("TMPDIR", QFile::encodeName(m_tmpDir));
        QCOMPARE(QDir::tempPath(), QDir(m_tmpDir).canonicalPath());
    }

    // Tokens made in process, checked while the database connection is still
    // open (so the WAL and shared-memory files exist and hold recent pages).
    void serviceTokensLeaveNoTrace()
    {
        auto site = Site::create(m_siteDir, QStringLiteral("SEC"));
        QVERIFY2(site, qPrintable(site ? QString() : site.error()));
        TokenService service(**site);
        for (int i = 0; i < 5; ++i) {
            auto t = service.issue(60 + i);
            QVERIFY2(t, qPrintable(t ? QString() : t.error()));
            m_tokens << t->token;
        }
        auto batch = service.issueBatch(20, 120);
        QVERIFY(batch);
        for (const IssuedToken &t : *batch)
            m_tokens << t.token;
        QVERIFY(service.block({batch->first().guid}, QStringLiteral("test")));
        QCOMPARE(service.verify(m_tokens.first()).reason, VerifyReason::Valid);
        QCOMPARE(service.verify(batch->first().token).reason, VerifyReason::Blocked);

        const QString db = (*site)->databasePath();
        QVERIFY(QFileInfo::exists(db + QStringLiteral("-wal")));
        const auto files = allFiles(m_root.path());
        QVERIFY(files.contains(db));
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            expectNoSecretIn(it.key(), it.value());
    }

    void cliTokensLeaveNoTrace()
    {
        // With --json: one object carrying the token.
        const Run json = cli(
            {QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("90"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out).object();
        const QByteArray tokenJson = o.value(QStringLiteral("token")).toString().toLatin1();
        QCOMPARE(tokenJson.count('.'), 2);
        m_tokens << tokenJson;
        // Without --json: the token on a line of its own.
        const Run plain = cli({QStringLiteral("/new")});
        QCOMPARE(plain.exitCode, 0);
        QByteArray tokenPlain;
        for (const QByteArray &line : plain.out.split('\n')) {
            if (line.trimmed().count('.') == 2 && line.trimmed().size() > 500)
                tokenPlain = line.trimmed();
        }
        QVERIFY2(!tokenPlain.isEmpty(), plain.out.constData());
        m_tokens << tokenPlain;

        // Using the tokens (verify from the argument and from stdin, list, show,
        // block, audit) must not write them anywhere either.
        QCOMPARE(cliNoSecrets({QStringLiteral("verify"), QString::fromLatin1(tokenJson)}).exitCode, 0);
        QCOMPARE(
            cliNoSecrets({QStringLiteral("verify"), QStringLiteral("-"), QStringLiteral("--json")}, tokenPlain + '\n')
                .exitCode,
            0);
        const QString guid = o.value(QStringLiteral("guid")).toString();
        QCOMPARE(
            cliNoSecrets({QStringLiteral("block"), guid, QStringLiteral("--reason"), QStringLiteral("lost")}).exitCode,
            0);
        QCOMPARE(cliNoSecrets({QStringLiteral("verify"), QString::fromLatin1(tokenJson)}).exitCode, 1);
        // A refused token is not echoed back, not even in part.
        QByteArray tampered = tokenPlain;
        tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
        m_tokens << tampered;
        const Run bad
            = cliNoSecrets({QStringLiteral("verify"), QString::fromLatin1(tampered), QStringLiteral("--json")});
        QVERIFY(bad.exitCode != 0);
        QCOMPARE(QJsonDocument::fromJson(bad.out).object().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("bad-signature"));
        QCOMPARE(cliNoSecrets({QStringLiteral("list"), QStringLiteral("--json")}).exitCode, 0);
        QCOMPARE(cliNoSecrets({QStringLiteral("list")}).exitCode, 0);
        QCOMPARE(cliNoSecrets({QStringLiteral("show"), guid, QStringLiteral("--json")}).exitCode, 0);
        QCOMPARE(cliNoSecrets({QStringLiteral("show"), guid}).exitCode, 0);
        QCOMPARE(cliNoSecrets({QStringLiteral("audit"), QStringLiteral("--json")}).exitCode, 0);

        expectNoSecretIn(QStringLiteral("the CLI's stderr"), m_allStderr);
        expectNoSecretIn(QStringLiteral("the output of verify, list, show, block and audit"), m_allStdoutButNew);
        const auto files = allFiles(m_root.path());
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            expectNoSecretIn(it.key(), it.value());
    }

    // The search itself must be able to fail: a file holding a token is found.
    void searchFindsAPlantedToken()
    {
        QVERIFY(!m_tokens.isEmpty());
        const QByteArray signature = m_tokens.first().split('.').at(2);
        const QByteArray raw = *base64url::decode(signature);
        for (const QByteArray &planted : {m_tokens.first(), signature, raw}) {
            bool found = false;
            const QByteArray haystack = "prefix" + planted + "suffix";
            for (const auto &needle : needlesFor(m_tokens.first()))
                found = found || haystack.contains(needle.second);
            QVERIFY(found);
        }
    }

    void keysAndFolderAreOwnerOnly()
    {
        QCOMPARE(modeOf(m_siteDir), 0700);
        const QString keys = QDir(m_siteDir).filePath(QLatin1String(Site::kKeysFolder));
        QCOMPARE(modeOf(keys) & 077, 0);
        const QStringList keyFiles = QDir(keys).entryList(QDir::Files | QDir::Hidden);
        QVERIFY(keyFiles.size() >= 2); // SMS Issuing and SMS Token Signing
        for (const QString &f : keyFiles) {
            const QString path = QDir(keys).filePath(f);
            QCOMPARE(modeOf(path), 0600);
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll().contains("PRIVATE KEY"));
        }
        // Nothing outside the keys folder holds a private key.
        const auto files = allFiles(m_root.path());
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            if (QFileInfo(it.key()).absolutePath() == QFileInfo(keys).absoluteFilePath())
                continue;
            QVERIFY2(!it.value().contains("PRIVATE KEY"), qPrintable(it.key()));
        }
    }

    void privateKeysNeverPrinted()
    {
        const Run list = cli({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(!list.out.contains("PRIVATE KEY"));
        QStringList thumbprints;
        for (const QJsonValue &row : QJsonDocument::fromJson(list.out).array()) {
            if (row.toObject().contains(QStringLiteral("thumbprint")))
                thumbprints << row.toObject().value(QStringLiteral("thumbprint")).toString();
        }
        QVERIFY(thumbprints.size() >= 2); // SMS Issuing and SMS Token Signing
        for (const QString &thumbprint : std::as_const(thumbprints)) {
            QCOMPARE(thumbprint.size(), 40);
            for (const QStringList &extra :
                 {QStringList{QStringLiteral("--pem")}, QStringList{QStringLiteral("--json")}, QStringList{}}) {
                const Run show = cli(QStringList{QStringLiteral("show"), thumbprint} + extra);
                QCOMPARE(show.exitCode, 0);
                QVERIFY(!show.out.contains("PRIVATE KEY"));
                QVERIFY(!show.err.contains("PRIVATE KEY"));
                if (extra == QStringList{QStringLiteral("--pem")})
                    QVERIFY(show.out.startsWith("-----BEGIN CERTIFICATE-----"));
            }
        }
        const Run audit = cli({QStringLiteral("audit"), QStringLiteral("--json")});
        QVERIFY(!audit.out.contains("PRIVATE KEY"));
        QVERIFY(!m_allStderr.contains("PRIVATE KEY"));
    }

    void guidArgumentsAreValidated_data()
    {
        QTest::addColumn<QString>("verb");
        QTest::addColumn<QString>("argument");
        const QStringList hostile{
            QStringLiteral("' OR '1'='1"),
            QStringLiteral("x'; DROP TABLE credentials; --"),
            QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e'; DELETE FROM credentials; --"),
            QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e\n"),
            QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e OR 1=1"),
            QStringLiteral("%"),
            QStringLiteral("*"),
            QStringLiteral(""),
            QStringLiteral("{0f8fad5b-d9cb-469f-a165-70867728950e"),
            QStringLiteral("0f8fad5bd9cb469fa16570867728950e0"),
        };
        for (const char *verb : {"block", "unblock", "show"}) {
            for (int i = 0; i < hostile.size(); ++i)
                QTest::newRow(qPrintable(QStringLiteral("%1 #%2").arg(QLatin1String(verb)).arg(i)))
                    << QString::fromLatin1(verb) << hostile.at(i);
        }
    }
    void guidArgumentsAreValidated()
    {
        QFETCH(QString, verb);
        QFETCH(QString, argument);
        const QString db = QDir(m_siteDir).filePath(QLatin1String(SiteDatabase::kFileName));
        auto checksum = [&] {
            QCryptographicHash h(QCryptographicHash::Sha256);
            for (const char *suffix : {"", "-wal"}) {
                QFile f(db + QLatin1String(suffix));
                if (f.open(QIODevice::ReadOnly))
                    h.addData(f.readAll());
            }
            return h.result();
        };
        const QByteArray before = checksum();
        const Run r = cli({verb, argument});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(!r.err.trimmed().isEmpty());
        QVERIFY(r.err.startsWith("bulkregtoken: "));
        // One sentence on one line (an argument with a newline is echoed as given).
        if (!argument.contains(QLatin1Char('\n')))
            QCOMPARE(r.err.trimmed().count('\n'), 0);
        QCOMPARE(checksum(), before);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
