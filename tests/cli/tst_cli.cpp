// The real bulkregtoken binary (TC_BULKREGTOKEN) on temporary sites, run as a
// user would run it: the create / list / verify / block / unblock walk-through,
// renewal, --at, every refused lifetime (nothing written), usage errors, JSON
// shapes, stdin, the TOKENCONSOLE_SITE fallback, and an independent check of
// tokens and certificates with the openssl command-line tool.
#include "base64url.h"
#include "sitefixture.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(code)
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

// Every file (and folder) under folder with the SHA-256 of its bytes.
QMap<QString, QByteArray> snapshot(const QString &folder)
{
    return tc::testing::treeChecksums(folder);
}

QByteArray allBytesUnder(const QString &folder, int *fileCount)
{
    QByteArray all;
    *fileCount = 0;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly)) {
            all += f.readAll();
            ++*fileCount;
        }
    }
    return all;
}

QDateTime parseIso(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODate);
}

QString iso(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_site; // the shared site of the walk-through

    // Runs bulkregtoken; TOKENCONSOLE_SITE is cleared and HOME points into the
    // temporary folder, so no test can touch a real user's site.
    Run run(const QStringList &args, const QByteArray &input = {}, const QString &envSite = {},
            const QString &timeZone = {});

    Run onSite(const QString &site, QStringList args, const QByteArray &input = {});

    // /new --json on site; the parsed object (empty on failure).
    QJsonObject newToken(const QString &site, const QStringList &extra = {});

    QJsonArray listJson(const QString &site, const QStringList &extra = {});

    // The current certificate of a type ("sms-token-signing", "sms-issuing").
    QJsonObject certificate(const QString &site, const QString &type);

    // One sentence on stderr, prefixed with the program name, nothing on stdout.
    static bool isOneSentenceError(const Run &r);

private slots:
    void initTestCase();

    void help_data();
    void help();

    void walkThrough();

    void newHumanOutput();

    void originalSwitchSpellings_data();
    void originalSwitchSpellings();

    void badLifetimeWritesNothing_data();
    void badLifetimeWritesNothing();

    void usageErrors_data();
    void usageErrors();

    void blockUnknownGuidChangesNothing();

    void listJsonFields();

    void showPemAndDetails();

    void verifyFromStdin();

    void verifyWithoutAToken_data();
    void verifyWithoutAToken();

    void verifyAt();

    void renewSigningCertificate();

    void siteFromEnvironment();

    void timesAreUtcInAnyZone();

    void awkwardSitePath();

    void opensslIndependentCheck();
};

// moc's tokenizer misreads some raw string literals; it only needs the declarations.
#ifndef Q_MOC_RUN

Run TestCli::run(const QStringList &args, const QByteArray &input, const QString &envSite, const QString &timeZone)
{
    QProcessEnvironment env = tc::testing::isolatedEnvironment(m_dir.filePath(QStringLiteral("home")));
    if (!envSite.isEmpty())
        env.insert(QStringLiteral("TOKENCONSOLE_SITE"), envSite);
    if (!timeZone.isEmpty())
        env.insert(QStringLiteral("TZ"), timeZone);
    const tc::testing::CliRun done = tc::testing::runCli(args, {.input = input, .environment = env});
    Run r;
    if (!done.finished)
        return r;
    r.code = done.exitStatus == QProcess::NormalExit ? done.exitCode : -2;
    r.out = done.out;
    r.err = done.err;
    return r;
}

Run TestCli::onSite(const QString &site, QStringList args, const QByteArray &input)
{
    return run(QStringList{QStringLiteral("--site"), site} + args, input);
}

QJsonObject TestCli::newToken(const QString &site, const QStringList &extra)
{
    const Run r = onSite(site, QStringList{QStringLiteral("/new"), QStringLiteral("--json")} + extra);
    if (r.code != 0) {
        qWarning() << r.describe();
        return {};
    }
    return QJsonDocument::fromJson(r.out).object();
}

QJsonArray TestCli::listJson(const QString &site, const QStringList &extra)
{
    const Run r = onSite(site, QStringList{QStringLiteral("list"), QStringLiteral("--json")} + extra);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (r.code != 0 || error.error != QJsonParseError::NoError || !doc.isArray())
        qWarning() << r.describe() << error.errorString();
    return doc.array();
}

QJsonObject TestCli::certificate(const QString &site, const QString &type)
{
    for (const QJsonValue &v : listJson(site, {QStringLiteral("--type"), type})) {
        if (v[QStringLiteral("status")].toString() == QLatin1String("active"))
            return v.toObject();
    }
    return {};
}

bool TestCli::isOneSentenceError(const Run &r)
{
    const QByteArray err = r.err.trimmed();
    return err.startsWith("bulkregtoken: ") && !err.contains('\n') && err.endsWith('.') && r.out.isEmpty();
}

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(TC_BULKREGTOKEN)).isExecutable(), TC_BULKREGTOKEN);
    m_site = m_dir.filePath(QStringLiteral("site"));
    const Run r = onSite(m_site, {QStringLiteral("init"), QStringLiteral("--site-code"), QStringLiteral("CLI")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains("Created site CLI"));
}

void TestCli::help_data()
{
    QTest::addColumn<QString>("flag");
    QTest::newRow("/?") << QStringLiteral("/?");
    QTest::newRow("-h") << QStringLiteral("-h");
    QTest::newRow("--help") << QStringLiteral("--help");
}

void TestCli::help()
{
    QFETCH(QString, flag);
    const QString fresh = m_dir.filePath(QStringLiteral("help-site"));
    const Run r = run({QStringLiteral("--site"), fresh, flag});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    for (const char *word : {"/new", "/lifetime", "list", "show", "block", "unblock", "verify", "renew-signing-cert",
                             "audit", "--site", "TOKENCONSOLE_SITE", "Examples:", "bulkregtoken /new /lifetime 60"})
        QVERIFY2(r.out.contains(word), word);
    QVERIFY(!QFileInfo::exists(fresh)); // help writes nothing
}

void TestCli::walkThrough()
{
    // create
    const QJsonObject created = newToken(m_site);
    QVERIFY(!created.isEmpty());
    for (const char *key : {"guid", "notBefore", "notAfter", "lifetimeMinutes", "token"})
        QVERIFY2(created.contains(QLatin1String(key)), key);
    QCOMPARE(created.size(), 5);
    const QString guid = created[QStringLiteral("guid")].toString();
    const QByteArray token = created[QStringLiteral("token")].toString().toLatin1();
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"))
                .match(guid)
                .hasMatch());
    QCOMPARE(created[QStringLiteral("lifetimeMinutes")].toInt(), 4320);
    const QDateTime nbf = parseIso(created[QStringLiteral("notBefore")]);
    const QDateTime exp = parseIso(created[QStringLiteral("notAfter")]);
    QVERIFY(nbf.isValid() && exp.isValid());
    QVERIFY(created[QStringLiteral("notBefore")].toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(nbf.secsTo(exp), 4320 * 60);
    QVERIFY(qAbs(nbf.secsTo(QDateTime::currentDateTimeUtc())) < 120);

    // list shows it
    Run r = onSite(m_site, {QStringLiteral("list")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains(guid.toLatin1()));
    QVERIFY(!r.out.contains(token));

    // the site folder holds no copy of the token (database, WAL, keys, anything)
    int files = 0;
    const QByteArray everything = allBytesUnder(m_site, &files);
    QVERIFY(files >= 3);
    QVERIFY(everything.contains(guid.toLatin1())); // the metadata is there, so the search is real
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);
    QVERIFY(!everything.contains(token));
    QVERIFY(!everything.contains(parts[1]));
    QVERIFY(!everything.contains(parts[2]));
    QVERIFY(!everything.contains(*tc::base64url::decode(parts[2])));

    // verify: valid
    r = onSite(m_site, {QStringLiteral("verify"), QString::fromLatin1(token)});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY(r.out.startsWith("valid " + guid.toLatin1()));

    // block, then verify says blocked
    r = onSite(m_site, {QStringLiteral("block"), guid, QStringLiteral("--reason"), QStringLiteral("test run")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains("Blocked 1 token"));
    r = onSite(m_site, {QStringLiteral("verify"), QString::fromLatin1(token)});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.startsWith("blocked " + guid.toLatin1()), qPrintable(r.describe()));
    r = onSite(m_site, {QStringLiteral("verify"), QString::fromLatin1(token), QStringLiteral("--json")});
    QCOMPARE(r.code, 1);
    const QJsonObject verdict = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(verdict[QStringLiteral("valid")], QJsonValue(false));
    QCOMPARE(verdict[QStringLiteral("reason")].toString(), QStringLiteral("blocked"));
    QCOMPARE(verdict[QStringLiteral("guid")].toString(), guid);
    // list shows the status and --status filters on it
    const QJsonArray blocked = listJson(m_site, {QStringLiteral("--status"), QStringLiteral("blocked")});
    QCOMPARE(blocked.size(), 1);
    QCOMPARE(blocked[0][QStringLiteral("guid")].toString(), guid);
    QCOMPARE(blocked[0][QStringLiteral("blockReason")].toString(), QStringLiteral("test run"));

    // unblock, then valid again
    r = onSite(m_site, {QStringLiteral("unblock"), guid});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    r = onSite(m_site, {QStringLiteral("verify"), QString::fromLatin1(token), QStringLiteral("--json")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QCOMPARE(QJsonDocument::fromJson(r.out).object()[QStringLiteral("reason")].toString(), QStringLiteral("valid"));

    // the audit log has all of it
    r = onSite(m_site, {QStringLiteral("audit"), QStringLiteral("--json")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QStringList actions;
    for (const QJsonValue &e : QJsonDocument::fromJson(r.out).array()) {
        if (e[QStringLiteral("target")].toString() == guid)
            actions << e[QStringLiteral("action")].toString();
    }
    QCOMPARE(actions, (QStringList{QStringLiteral("create"), QStringLiteral("block"), QStringLiteral("unblock")}));

    // and still no token anywhere after all those writes
    QVERIFY(!allBytesUnder(m_site, &files).contains(parts[2]));
}

void TestCli::newHumanOutput()
{
    const Run r = onSite(m_site, {QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("90")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QList<QByteArray> lines = r.out.split('\n');
    QByteArray tokenLine;
    for (const QByteArray &l : lines) {
        if (l.count('.') == 2 && l.startsWith("eyJ"))
            tokenLine = l;
    }
    QVERIFY2(!tokenLine.isEmpty(), r.out.constData()); // the token on a line of its own
    QVERIFY(r.out.contains("GUID:"));
    QVERIFY(r.out.contains("Valid from:"));
    QVERIFY(r.out.contains("Valid to:"));
    QVERIFY(r.out.contains("90 minutes"));
    QVERIFY(r.out.contains("not stored"));
    const Run v = onSite(m_site, {QStringLiteral("verify"), QString::fromLatin1(tokenLine)});
    QCOMPARE(v.code, 0);
}

void TestCli::originalSwitchSpellings_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("minutes");
    QTest::newRow("--new --lifetime") << QStringList{QStringLiteral("--new"), QStringLiteral("--lifetime"),
                                                     QStringLiteral("15")}
                                      << 15;
    QTest::newRow("/NEW /LIFETIME") << QStringList{QStringLiteral("/NEW"), QStringLiteral("/LIFETIME"),
                                                   QStringLiteral("16")}
                                    << 16;
    QTest::newRow("/lifetime:N") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime:17")} << 17;
    QTest::newRow("max") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("10080")}
                         << 10080;
    QTest::newRow("min") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("1")} << 1;
}

void TestCli::originalSwitchSpellings()
{
    QFETCH(QStringList, args);
    QFETCH(int, minutes);
    const Run r = onSite(m_site, args << QStringLiteral("--json"));
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o[QStringLiteral("lifetimeMinutes")].toInt(), minutes);
    QCOMPARE(parseIso(o[QStringLiteral("notBefore")]).secsTo(parseIso(o[QStringLiteral("notAfter")])),
             qint64(minutes) * 60);
}

void TestCli::badLifetimeWritesNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("0") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("0")};
    QTest::newRow("-5") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("-5")};
    QTest::newRow("10081") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("10081")};
    QTest::newRow("abc") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("abc")};
    QTest::newRow("1.5") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("1.5")};
    QTest::newRow("+5") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QStringLiteral("+5")};
    QTest::newRow("empty") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"), QString()};
    QTest::newRow("missing value") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime")};
    QTest::newRow("--lifetime=0") << QStringList{QStringLiteral("--new"), QStringLiteral("--lifetime=0")};
    QTest::newRow("/lifetime:abc") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime:abc")};
    QTest::newRow("given twice") << QStringList{QStringLiteral("/new"), QStringLiteral("/lifetime"),
                                                QStringLiteral("60"), QStringLiteral("/lifetime"),
                                                QStringLiteral("6000")};
}

void TestCli::badLifetimeWritesNothing()
{
    QFETCH(QStringList, args);
    // A fresh path: no site folder may appear at all.
    const QString fresh = m_dir.filePath(QStringLiteral("never-created"));
    Run r = onSite(fresh, args);
    QVERIFY2(r.code == 2, qPrintable(r.describe()));
    QVERIFY2(isOneSentenceError(r), qPrintable(r.describe()));
    QVERIFY2(r.err.contains("lifetime") || r.err.contains("--lifetime"), qPrintable(r.describe()));
    QVERIFY(!QFileInfo::exists(fresh));
    // An existing site: every file byte-identical.
    const auto before = snapshot(m_site);
    r = onSite(m_site, args);
    QCOMPARE(r.code, 2);
    QCOMPARE(snapshot(m_site), before);
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList();
    QTest::newRow("unknown verb") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("list"), QStringLiteral("--bogus")};
    QTest::newRow("option of another verb") << QStringList{QStringLiteral("list"), QStringLiteral("--pem")};
    QTest::newRow("block sql injection") << QStringList{QStringLiteral("block"), QStringLiteral("' OR 1=1 --")};
    QTest::newRow("block bad guid") << QStringList{QStringLiteral("block"), QStringLiteral("0f8fad5b-d9cb-469f-a165")};
    QTest::newRow("block nothing") << QStringList{QStringLiteral("block")};
    QTest::newRow("unblock injection") << QStringList{QStringLiteral("unblock"),
                                                      QStringLiteral("x'); DROP TABLE credentials; --")};
    QTest::newRow("show nothing") << QStringList{QStringLiteral("show")};
    QTest::newRow("show junk") << QStringList{QStringLiteral("show"), QStringLiteral("' OR 1=1 --")};
    QTest::newRow("verify two tokens") << QStringList{QStringLiteral("verify"), QStringLiteral("a"),
                                                      QStringLiteral("b")};
    QTest::newRow("verify bad --at") << QStringList{QStringLiteral("verify"), QStringLiteral("a.b.c"),
                                                    QStringLiteral("--at"), QStringLiteral("yesterday")};
    QTest::newRow("list bad type") << QStringList{QStringLiteral("list"), QStringLiteral("--type"),
                                                  QStringLiteral("cookie")};
    QTest::newRow("list bad status") << QStringList{QStringLiteral("list"), QStringLiteral("--status"),
                                                    QStringLiteral("gone")};
    QTest::newRow("/new with a verb") << QStringList{QStringLiteral("/new"), QStringLiteral("list")};
    QTest::newRow("--at twice") << QStringList{QStringLiteral("verify"), QStringLiteral("a.b.c"),
                                               QStringLiteral("--at"),   QStringLiteral("2026-01-01T00:00:00Z"),
                                               QStringLiteral("--at"),   QStringLiteral("2027-01-01T00:00:00Z")};
    QTest::newRow("init bad code") << QStringList{QStringLiteral("init"), QStringLiteral("--site-code"),
                                                  QStringLiteral("TOOLONG")};
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    const auto before = snapshot(m_site);
    const Run r = onSite(m_site, args);
    QVERIFY2(r.code == 2, qPrintable(r.describe()));
    QVERIFY2(isOneSentenceError(r), qPrintable(r.describe()));
    QVERIFY2(r.err.contains("/?"), qPrintable(r.describe())); // points at the usage
    QCOMPARE(snapshot(m_site), before);
    // The tables are still there (the injection text was never SQL).
    QCOMPARE(onSite(m_site, {QStringLiteral("list")}).code, 0);
}

void TestCli::blockUnknownGuidChangesNothing()
{
    const QString known = newToken(m_site)[QStringLiteral("guid")].toString();
    QVERIFY(!known.isEmpty());
    const auto before = snapshot(m_site);
    const Run r
        = onSite(m_site, {QStringLiteral("block"), known, QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")});
    QCOMPARE(r.code, 1);
    QVERIFY2(isOneSentenceError(r), qPrintable(r.describe()));
    QVERIFY(r.err.contains("0f8fad5b-d9cb-469f-a165-70867728950e"));
    const QJsonArray blocked = listJson(m_site, {QStringLiteral("--status"), QStringLiteral("blocked")});
    for (const QJsonValue &v : blocked)
        QVERIFY(v[QStringLiteral("guid")].toString() != known);
    Q_UNUSED(before);
}

void TestCli::listJsonFields()
{
    const QJsonArray all = listJson(m_site);
    QVERIFY(all.size() >= 3);
    int certificates = 0, tokens = 0;
    for (const QJsonValue &v : all) {
        const QJsonObject o = v.toObject();
        const QString type = o[QStringLiteral("type")].toString();
        QVERIFY(parseIso(o[QStringLiteral("notBefore")]).isValid());
        QVERIFY(parseIso(o[QStringLiteral("notAfter")]).isValid());
        QVERIFY(!o[QStringLiteral("status")].toString().isEmpty());
        if (type == QLatin1String("bulk-token")) {
            ++tokens;
            QVERIFY(o[QStringLiteral("guid")].isString());
            QVERIFY(o[QStringLiteral("lifetimeMinutes")].isDouble());
            QVERIFY(QStringList({QStringLiteral("active"), QStringLiteral("blocked"), QStringLiteral("expired")})
                        .contains(o[QStringLiteral("status")].toString()));
            QVERIFY(!o.contains(QStringLiteral("token")));
        } else {
            ++certificates;
            QVERIFY2(type == QLatin1String("sms-issuing") || type == QLatin1String("sms-token-signing"),
                     qPrintable(type));
            QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-F]{40}$"))
                        .match(o[QStringLiteral("thumbprint")].toString())
                        .hasMatch());
            QVERIFY(o[QStringLiteral("subject")].toString().startsWith(QLatin1String("CN=SMS ")));
            QVERIFY(o[QStringLiteral("issuer")].toString().startsWith(QLatin1String("CN=SMS Issuing")));
        }
    }
    QCOMPARE(certificates, 2);
    QVERIFY(tokens >= 1);
    // Type filter.
    for (const QJsonValue &v : listJson(m_site, {QStringLiteral("--type"), QStringLiteral("bulk-token")}))
        QCOMPARE(v[QStringLiteral("type")].toString(), QStringLiteral("bulk-token"));
    QCOMPARE(listJson(m_site, {QStringLiteral("--type"), QStringLiteral("sms-issuing")}).size(), 1);
}

void TestCli::showPemAndDetails()
{
    const QJsonObject signing = certificate(m_site, QStringLiteral("sms-token-signing"));
    const QString thumb = signing[QStringLiteral("thumbprint")].toString();
    QVERIFY(!thumb.isEmpty());
    Run r = onSite(m_site, {QStringLiteral("show"), thumb, QStringLiteral("--pem")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY(r.out.startsWith("-----BEGIN CERTIFICATE-----\n"));
    QVERIFY(r.out.trimmed().endsWith("-----END CERTIFICATE-----"));
    QVERIFY(!r.out.contains("PRIVATE"));
    // The thumbprint is the SHA-1 of the DER in the PEM.
    QByteArray body = r.out;
    body.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").replace("\n", "");
    QCOMPARE(QString::fromLatin1(
                 QCryptographicHash::hash(QByteArray::fromBase64(body), QCryptographicHash::Sha1).toHex().toUpper()),
             thumb);
    // Lower case thumbprints work too.
    QCOMPARE(onSite(m_site, {QStringLiteral("show"), thumb.toLower(), QStringLiteral("--pem")}).out, r.out);

    r = onSite(m_site, {QStringLiteral("show"), thumb});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains("sha256WithRSAEncryption"));
    QVERIFY(r.out.contains("RSA 2048 bits"));

    // A token has no PEM form; an unknown thumbprint is a plain failure.
    const QString guid = newToken(m_site)[QStringLiteral("guid")].toString();
    QCOMPARE(onSite(m_site, {QStringLiteral("show"), guid, QStringLiteral("--pem")}).code, 2);
    r = onSite(m_site, {QStringLiteral("show"), guid, QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object()[QStringLiteral("guid")].toString(), guid);
    r = onSite(m_site, {QStringLiteral("show"), QString(40, QLatin1Char('A'))});
    QCOMPARE(r.code, 1);
    QVERIFY(isOneSentenceError(r));
}

void TestCli::verifyFromStdin()
{
    const QByteArray token = newToken(m_site)[QStringLiteral("token")].toString().toLatin1();
    QVERIFY(!token.isEmpty());
    Run r = onSite(m_site, {QStringLiteral("verify"), QStringLiteral("-")}, token + "\n");
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY(r.out.startsWith("valid"));
    r = onSite(m_site, {QStringLiteral("verify")}, token);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    r = onSite(m_site, {QStringLiteral("verify"), QStringLiteral("-")}, "garbage\n");
    QCOMPARE(r.code, 1);
    QVERIFY(r.out.startsWith("malformed"));
}

void TestCli::verifyWithoutAToken_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    const QString verify = QStringLiteral("verify");
    QTest::newRow("- and empty stdin") << QStringList{verify, QStringLiteral("-")} << QByteArray();
    QTest::newRow("no argument, empty stdin") << QStringList{verify} << QByteArray();
    QTest::newRow("--json, empty stdin") << QStringList{verify, QStringLiteral("-"), QStringLiteral("--json")}
                                         << QByteArray();
    QTest::newRow("an empty line") << QStringList{verify, QStringLiteral("-")} << QByteArray("\n");
    QTest::newRow("blanks only") << QStringList{verify} << QByteArray(" \t\r\n\n");
}

void TestCli::verifyWithoutAToken()
{
    // An empty file or variable piped in is a mistake in the command, not a malformed token.
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    const auto before = snapshot(m_site);
    const Run r = onSite(m_site, args, input);
    QVERIFY2(r.code == 2, qPrintable(r.describe()));
    QVERIFY2(isOneSentenceError(r), qPrintable(r.describe()));
    QVERIFY2(r.err.contains("token"), qPrintable(r.describe()));
    QVERIFY2(r.err.contains("/?"), qPrintable(r.describe()));
    QCOMPARE(snapshot(m_site), before);
}

void TestCli::verifyAt()
{
    const QJsonObject created = newToken(m_site, {QStringLiteral("/lifetime"), QStringLiteral("60")});
    const QString token = created[QStringLiteral("token")].toString();
    const qint64 nbf = parseIso(created[QStringLiteral("notBefore")]).toSecsSinceEpoch();
    const qint64 exp = parseIso(created[QStringLiteral("notAfter")]).toSecsSinceEpoch();
    const QList<std::pair<qint64, QByteArray>> cases = {
        {nbf - 301, "not-yet-valid"}, {nbf - 300, "valid"},           {exp + 299, "valid"},
        {exp + 300, "expired"},       {nbf - 86400, "not-yet-valid"}, {exp + 86400, "expired"},
    };
    for (const auto &[at, reason] : cases) {
        const Run r = onSite(
            m_site, {QStringLiteral("verify"), token, QStringLiteral("--at"), iso(at), QStringLiteral("--json")});
        QVERIFY2(r.code == (reason == "valid" ? 0 : 1), qPrintable(r.describe()));
        QCOMPARE(QJsonDocument::fromJson(r.out).object()[QStringLiteral("reason")].toString().toLatin1(), reason);
    }
    // An offset time is the same instant.
    const QString offset = QDateTime::fromSecsSinceEpoch(exp + 300, QTimeZone(3600)).toString(Qt::ISODate);
    const Run r = onSite(m_site, {QStringLiteral("verify"), token, QStringLiteral("--at"), offset});
    QVERIFY2(r.code == 1 && r.out.startsWith("expired"), qPrintable(offset + QLatin1Char(' ') + r.describe()));
}

void TestCli::renewSigningCertificate()
{
    // A site made on first use by /new, as the original tool does.
    const QString site = m_dir.filePath(QStringLiteral("renew-site"));
    const QJsonObject created = newToken(site);
    const QString token = created[QStringLiteral("token")].toString();
    QVERIFY(!token.isEmpty());
    const QString oldThumb
        = certificate(site, QStringLiteral("sms-token-signing"))[QStringLiteral("thumbprint")].toString();
    Run r = onSite(site, {QStringLiteral("renew-signing-cert")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    r = onSite(site, {QStringLiteral("verify"), token});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.startsWith("signing-certificate-renewed"), qPrintable(r.describe()));
    const QString newThumb
        = certificate(site, QStringLiteral("sms-token-signing"))[QStringLiteral("thumbprint")].toString();
    QVERIFY(!newThumb.isEmpty() && newThumb != oldThumb);
    const QJsonArray superseded = listJson(site, {QStringLiteral("--status"), QStringLiteral("superseded")});
    QCOMPARE(superseded.size(), 1);
    QCOMPARE(superseded[0][QStringLiteral("thumbprint")].toString(), oldThumb);
    // A new token verifies.
    r = onSite(site, {QStringLiteral("verify"), newToken(site)[QStringLiteral("token")].toString()});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
}

void TestCli::siteFromEnvironment()
{
    const QString site = m_dir.filePath(QStringLiteral("env-site"));
    Run r = run({QStringLiteral("/new"), QStringLiteral("--json")}, {}, site);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QString guid = QJsonDocument::fromJson(r.out).object()[QStringLiteral("guid")].toString();
    QVERIFY(QFileInfo::exists(QDir(site).filePath(QStringLiteral("site.db"))));
    r = run({QStringLiteral("list")}, {}, site);
    QVERIFY(r.out.contains(guid.toLatin1()));
    // --site wins over the environment.
    r = run({QStringLiteral("--site"), m_site, QStringLiteral("list")}, {}, site);
    QCOMPARE(r.code, 0);
    QVERIFY(!r.out.contains(guid.toLatin1()));
}

void TestCli::opensslIndependentCheck()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("the openssl command-line tool is not installed (scripts/deps.sh installs it)");
    QTemporaryDir work; // outside the site folder
    auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile f(work.filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    };
    auto ossl = [&](const QStringList &args) {
        QProcess p;
        p.setWorkingDirectory(work.path());
        p.start(openssl, args);
        p.waitForFinished(30000);
        Run r;
        r.code = p.exitCode();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    };

    const QByteArray token = newToken(m_site)[QStringLiteral("token")].toString().toLatin1();
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);
    const QString signingThumb
        = certificate(m_site, QStringLiteral("sms-token-signing"))[QStringLiteral("thumbprint")].toString();
    const QString rootThumb
        = certificate(m_site, QStringLiteral("sms-issuing"))[QStringLiteral("thumbprint")].toString();
    const Run signingPem = onSite(m_site, {QStringLiteral("show"), signingThumb, QStringLiteral("--pem")});
    const Run rootPem = onSite(m_site, {QStringLiteral("show"), rootThumb, QStringLiteral("--pem")});
    QVERIFY(signingPem.code == 0 && rootPem.code == 0);
    QVERIFY(write(QStringLiteral("signing.pem"), signingPem.out));
    QVERIFY(write(QStringLiteral("root.pem"), rootPem.out));
    QVERIFY(write(QStringLiteral("input.txt"), parts[0] + '.' + parts[1])); // the segments as sent
    QVERIFY(write(QStringLiteral("sig.bin"), *tc::base64url::decode(parts[2])));

    Run r = ossl({QStringLiteral("x509"), QStringLiteral("-in"), QStringLiteral("signing.pem"),
                  QStringLiteral("-pubkey"), QStringLiteral("-noout")});
    QVERIFY2(r.code == 0 && r.out.startsWith("-----BEGIN PUBLIC KEY-----"), qPrintable(r.describe()));
    QVERIFY(write(QStringLiteral("pub.pem"), r.out));

    r = ossl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), QStringLiteral("pub.pem"),
              QStringLiteral("-signature"), QStringLiteral("sig.bin"), QStringLiteral("input.txt")});
    QVERIFY2(r.code == 0 && r.out.contains("Verified OK"), qPrintable(r.describe()));

    // The same check refuses a changed payload, so it is a real check.
    QVERIFY(write(QStringLiteral("input.txt"), parts[0] + '.' + tc::base64url::encode("{\"UniqueId\":\"x\"}")));
    r = ossl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), QStringLiteral("pub.pem"),
              QStringLiteral("-signature"), QStringLiteral("sig.bin"), QStringLiteral("input.txt")});
    QVERIFY2(r.code != 0 && r.out.toLower().contains("verification failure"), qPrintable(r.describe()));

    // The signing certificate chains to SMS Issuing ...
    r = ossl({QStringLiteral("verify"), QStringLiteral("-CAfile"), QStringLiteral("root.pem"),
              QStringLiteral("signing.pem")});
    QVERIFY2(r.code == 0 && r.out.contains("signing.pem: OK"), qPrintable(r.describe()));
    // ... and not to itself.
    r = ossl({QStringLiteral("verify"), QStringLiteral("-CAfile"), QStringLiteral("signing.pem"),
              QStringLiteral("signing.pem")});
    QVERIFY(r.code != 0);

    // openssl agrees on the thumbprint and the x5t in the token header.
    r = ossl({QStringLiteral("x509"), QStringLiteral("-in"), QStringLiteral("signing.pem"), QStringLiteral("-noout"),
              QStringLiteral("-fingerprint"), QStringLiteral("-sha1")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QByteArray fingerprint = r.out.trimmed().split('=').last().replace(":", "");
    QCOMPARE(QString::fromLatin1(fingerprint), signingThumb);
    const QJsonObject header = QJsonDocument::fromJson(*tc::base64url::decode(parts[0])).object();
    QCOMPARE(header[QStringLiteral("x5t")].toString().toLatin1(),
             tc::base64url::encode(QByteArray::fromHex(fingerprint)));

    // The certificate profile, as openssl reads it.
    r = ossl({QStringLiteral("x509"), QStringLiteral("-in"), QStringLiteral("signing.pem"), QStringLiteral("-noout"),
              QStringLiteral("-text")});
    QVERIFY(r.out.contains("Public-Key: (2048 bit)"));
    QVERIFY(r.out.contains("Signature Algorithm: sha256WithRSAEncryption"));
    QVERIFY(r.out.contains("Digital Signature"));
    QVERIFY(r.out.contains("CA:FALSE"));
    r = ossl({QStringLiteral("x509"), QStringLiteral("-in"), QStringLiteral("root.pem"), QStringLiteral("-noout"),
              QStringLiteral("-text")});
    QVERIFY(r.out.contains("CA:TRUE"));
    QVERIFY(r.out.contains("Certificate Sign"));
}

void TestCli::timesAreUtcInAnyZone()
{
    // An admin in Tokyo and one in New York see and type the same instants.
    const QString tokyo = QStringLiteral("Asia/Tokyo");
    Run r = run({QStringLiteral("--site"), m_site, QStringLiteral("/new"), QStringLiteral("/lifetime"),
                 QStringLiteral("60"), QStringLiteral("--json")},
                {}, {}, tokyo);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonObject created = QJsonDocument::fromJson(r.out).object();
    const QString token = created[QStringLiteral("token")].toString();
    const QDateTime nbf = parseIso(created[QStringLiteral("notBefore")]);
    QVERIFY(created[QStringLiteral("notBefore")].toString().endsWith(QLatin1Char('Z')));
    QVERIFY(qAbs(nbf.secsTo(QDateTime::currentDateTimeUtc())) < 120);
    // --at without an offset is UTC, whatever TZ says: exp + 300 s is expired, exp + 299 s is not.
    const qint64 exp = parseIso(created[QStringLiteral("notAfter")]).toSecsSinceEpoch();
    for (const QString &zone : {tokyo, QStringLiteral("America/New_York")}) {
        const QString at299
            = QDateTime::fromSecsSinceEpoch(exp + 299, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
        const QString at300
            = QDateTime::fromSecsSinceEpoch(exp + 300, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
        r = run({QStringLiteral("--site"), m_site, QStringLiteral("verify"), token, QStringLiteral("--at"), at299}, {},
                {}, zone);
        QVERIFY2(r.code == 0, qPrintable(zone + QLatin1Char(' ') + r.describe()));
        r = run({QStringLiteral("--site"), m_site, QStringLiteral("verify"), token, QStringLiteral("--at"), at300}, {},
                {}, zone);
        QVERIFY2(r.code == 1 && r.out.startsWith("expired"), qPrintable(zone + QLatin1Char(' ') + r.describe()));
    }
}

void TestCli::awkwardSitePath()
{
    // Spaces, non-ASCII, and characters that mean something in an SQLite URI.
    const QString site = m_dir.filePath(QStringLiteral("Site dir \u00fc %20 #x?y=1&mode=ro"));
    const QJsonObject created = newToken(site);
    QVERIFY(!created.isEmpty());
    QVERIFY(QFileInfo::exists(QDir(site).filePath(QStringLiteral("site.db"))));
    const Run r = onSite(site, {QStringLiteral("verify"), created[QStringLiteral("token")].toString()});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QCOMPARE(onSite(site, {QStringLiteral("block"), created[QStringLiteral("guid")].toString()}).code, 0);
    // Nothing was created beside it under a mangled name.
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("Site dir*")}, QDir::Dirs).size(), 1);
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
