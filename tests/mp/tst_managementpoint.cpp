// The management point and the device as real processes on loopback: real
// TLS with the site's server certificate, real device keys and certificates,
// the admin side through bulkregtoken. Time rules through the service's test
// clock (an offset file read on every request), never by waiting.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

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

Run runProgram(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    p.waitForStarted();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
               p.readAllStandardError()};
}

} // namespace

class TestManagementPoint : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_site;
    QString m_root; // the site root, PEM
    QString m_clock;
    QProcess *m_mp = nullptr;
    int m_internet = 0;
    int m_intranet = 0;

    Run admin(const QStringList &args, const QByteArray &input = {})
    {
        return runProgram(QStringLiteral(TC_BULKREGTOKEN), QStringList{QStringLiteral("--site"), m_site} + args, input);
    }
    Run device(const QString &name, const QStringList &args, const QByteArray &input = {})
    {
        return runProgram(QStringLiteral(TC_DEVICE),
                          QStringList{QStringLiteral("--state"), m_dir.filePath(name)} + args, input);
    }
    QString internetUrl() const { return QStringLiteral("https://localhost:%1").arg(m_internet); }
    QString intranetUrl() const { return QStringLiteral("https://localhost:%1").arg(m_intranet); }
    Run registerWith(const QString &name, const QString &url, const QByteArray &token = {})
    {
        QStringList args{QStringLiteral("register"),
                         QStringLiteral("--mp"),
                         url,
                         QStringLiteral("--ca"),
                         m_root,
                         QStringLiteral("--name"),
                         name,
                         QStringLiteral("--json")};
        if (!token.isEmpty())
            args << QStringLiteral("--regtoken") << QStringLiteral("-");
        return device(name, args, token);
    }
    QByteArray newToken(const QStringList &extra = {})
    {
        const Run r = admin(QStringList{QStringLiteral("/new"), QStringLiteral("--json")} + extra);
        return QJsonDocument::fromJson(r.out).object().value(QLatin1String("token")).toString().toLatin1();
    }
    static QString errorOf(const Run &r)
    {
        return QJsonDocument::fromJson(r.out).object().value(QLatin1String("error")).toString();
    }
    static QJsonObject json(const Run &r) { return QJsonDocument::fromJson(r.out).object(); }
    void setClockDays(int days)
    {
        QFile f(m_clock);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray::number(qint64(days) * 86400));
    }

    bool startMp(const QStringList &extra = {})
    {
        const QString ready = m_dir.filePath(QStringLiteral("ready.json"));
        QFile::remove(ready);
        m_mp = new QProcess(this);
        m_mp->setProcessChannelMode(QProcess::SeparateChannels);
        m_mp->start(QStringLiteral(TC_MP),
                    QStringList{QStringLiteral("--site"), m_site, QStringLiteral("--listen"),
                                QStringLiteral("127.0.0.1:0"), QStringLiteral("--intranet-listen"),
                                QStringLiteral("127.0.0.1:0"), QStringLiteral("--ready-file"), ready,
                                QStringLiteral("--test-clock-offset-file"), m_clock}
                        + extra);
        for (int i = 0; i < 300 && !QFile::exists(ready) && m_mp->state() != QProcess::NotRunning; ++i)
            QTest::qWait(50);
        QFile f(ready);
        if (!f.open(QIODevice::ReadOnly)) {
            qWarning() << m_mp->readAllStandardError();
            return false;
        }
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        m_internet = o.value(QLatin1String("internet")).toInt();
        m_intranet = o.value(QLatin1String("intranet")).toInt();
        return m_internet > 0 && m_intranet > 0;
    }
    int stopMp()
    {
        if (!m_mp)
            return -1;
        ::kill(pid_t(m_mp->processId()), SIGTERM);
        m_mp->waitForFinished(20000);
        const int code = m_mp->exitStatus() == QProcess::NormalExit ? m_mp->exitCode() : -1;
        m_log += m_mp->readAllStandardError();
        delete m_mp;
        m_mp = nullptr;
        return code;
    }
    QByteArray m_log;

    // A raw request over TLS, for what the device would never send.
    QByteArray raw(int port, const QByteArray &bytes, int waitMs = 5000)
    {
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), quint16(port));
        if (!socket.waitForEncrypted(5000))
            return "no TLS: " + socket.errorString().toUtf8();
        socket.write(bytes);
        socket.flush();
        QByteArray answer;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < waitMs && socket.state() == QAbstractSocket::ConnectedState) {
            if (socket.waitForReadyRead(200))
                answer += socket.readAll();
            if (answer.contains("\r\n\r\n") && answer.contains("}"))
                break;
        }
        answer += socket.readAll();
        return answer;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_site = m_dir.filePath(QStringLiteral("site"));
        m_clock = m_dir.filePath(QStringLiteral("clock"));
        setClockDays(0);
        QVERIFY(admin({QStringLiteral("init")}).code == 0);
        const Run list = admin({QStringLiteral("list"), QStringLiteral("--type"), QStringLiteral("sms-issuing"),
                                QStringLiteral("--json")});
        const QString thumb = QJsonDocument::fromJson(list.out).array().at(0)[QStringLiteral("thumbprint")].toString();
        const Run pem = admin({QStringLiteral("show"), thumb, QStringLiteral("--pem")});
        m_root = m_dir.filePath(QStringLiteral("root.pem"));
        QFile f(m_root);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(pem.out);
        f.close();
        QVERIFY(startMp());
    }

    void cleanupTestCase()
    {
        QCOMPARE(stopMp(), 0); // SIGTERM drains and exits 0
        QVERIFY(m_log.contains("SIGTERM received"));
        // One line per request, never a token (every token starts with the header's base64url).
        QVERIFY(!m_log.contains("eyJ0eXAiOiJKV1Qi"));
        QVERIFY(m_log.contains("path=/v1/registrations status=201"));
        // the hostile requests each left a line with their code
        QVERIFY(m_log.contains("status=431 device=- code=request-too-large"));
        QVERIFY(m_log.contains("status=413 device=- code=request-too-large"));
        QVERIFY(m_log.contains("status=400 device=- code=bad-request"));
        QVERIFY(m_log.contains("status=408 device=- code=request-timeout"));
    }

    void siteServerCertificate()
    {
        // The default server certificate: issued by the site root for localhost,
        // with an EC P-256 key (owner-only) that makes each handshake cheap.
        QSslSocket socket;
        QSslConfiguration tls = socket.sslConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_root));
        socket.setSslConfiguration(tls);
        socket.connectToHostEncrypted(QStringLiteral("localhost"), quint16(m_internet));
        QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
        const QSslCertificate server = socket.peerCertificate();
        QCOMPARE(server.publicKey().algorithm(), QSsl::Ec);
        QCOMPARE(server.publicKey().length(), 256);
        QVERIFY(server.subjectAlternativeNames().values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
        socket.disconnectFromHost();
        const QString key = m_site + QStringLiteral("/keys");
        bool found = false;
        for (const QFileInfo &file : QDir(key).entryInfoList(QDir::Files)) {
            QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                     QFileDevice::Permissions());
            found = found || file.fileName().contains(QLatin1String("server"));
        }
        QVERIFY(found);
    }

    void lifeOfADevice()
    {
        setClockDays(0);
        const QByteArray bulk = newToken();
        QVERIFY(!bulk.isEmpty());
        Run r = registerWith(QStringLiteral("laptop1"), internetUrl(), bulk);
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QString id = json(r).value(QLatin1String("deviceId")).toString();
        QVERIFY(!id.isEmpty());
        QVERIFY(!r.out.contains(bulk)); // neither token is printed
        QVERIFY(!r.out.contains("clientToken"));
        // the device key is owner-only
        QCOMPARE(QFile(m_dir.filePath(QStringLiteral("laptop1/device.key"))).permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        r = device(QStringLiteral("laptop1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QCOMPARE(json(r).value(QLatin1String("deviceId")).toString(), id);
        QCOMPARE(json(r).value(QLatin1String("deviceName")).toString(), QStringLiteral("laptop1"));

        r = device(QStringLiteral("laptop1"), {QStringLiteral("renew"), QStringLiteral("--json")});
        QCOMPARE(r.code, 1);
        QCOMPARE(errorOf(r), QStringLiteral("too-early"));
        QVERIFY(r.err.contains("(too-early)"));

        // 31 days later: renewed; the old token stays valid until its own exp
        QFile::copy(m_dir.filePath(QStringLiteral("laptop1/token")), m_dir.filePath(QStringLiteral("old-token")));
        setClockDays(31);
        r = device(QStringLiteral("laptop1"), {QStringLiteral("renew"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QFile::remove(m_dir.filePath(QStringLiteral("laptop1/token")));
        QFile::copy(m_dir.filePath(QStringLiteral("old-token")), m_dir.filePath(QStringLiteral("laptop1/token")));
        r = device(QStringLiteral("laptop1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        // past 90 days (+ leeway) the old one is expired
        setClockDays(91);
        r = device(QStringLiteral("laptop1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QCOMPARE(errorOf(r), QStringLiteral("expired"));
        setClockDays(0);
        r = device(QStringLiteral("laptop1"),
                   {QStringLiteral("renew"), QStringLiteral("--json")}); // back to a current token
        QCOMPARE(errorOf(r), QStringLiteral("too-early"));

        // the admin blocks the bulk token: a new device is refused, the first still works
        const Run listed = admin({QStringLiteral("devices"), QStringLiteral("--json")});
        QVERIFY2(listed.code == 0, qPrintable(listed.describe()));
        const QString bulkGuid
            = QJsonDocument::fromJson(listed.out).array().at(0)[QStringLiteral("registeredVia")].toString();
        QVERIFY2(!bulkGuid.isEmpty(), qPrintable(listed.describe()));
        const Run blocked = admin({QStringLiteral("block"), bulkGuid});
        QVERIFY2(blocked.code == 0, qPrintable(blocked.describe()));
        r = registerWith(QStringLiteral("laptop2"), internetUrl(), bulk);
        QCOMPARE(errorOf(r), QStringLiteral("blocked"));
        r = device(QStringLiteral("laptop1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));

        // the admin blocks the device
        QVERIFY(admin({QStringLiteral("block"), QStringLiteral("--device"), id, QStringLiteral("--reason"),
                       QStringLiteral("stolen")})
                    .code
                == 0);
        r = device(QStringLiteral("laptop1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QCOMPARE(errorOf(r), QStringLiteral("device-blocked"));
        // ... also when it registers again with a fresh bulk token
        r = registerWith(QStringLiteral("laptop1"), internetUrl(), newToken());
        QCOMPARE(errorOf(r), QStringLiteral("device-blocked"));
        QVERIFY(admin({QStringLiteral("unblock"), QStringLiteral("--device"), id}).code == 0);
        r = device(QStringLiteral("laptop1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));

        // a renewed signing certificate sends the device back to register
        QVERIFY(admin({QStringLiteral("renew-signing-cert")}).code == 0);
        r = device(QStringLiteral("laptop1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QCOMPARE(errorOf(r), QStringLiteral("signing-certificate-renewed"));
        r = device(QStringLiteral("laptop1"), {QStringLiteral("renew"), QStringLiteral("--json")});
        QCOMPARE(errorOf(r), QStringLiteral("signing-certificate-renewed"));
        const Run status = admin({QStringLiteral("show"), id, QStringLiteral("--json")});
        QCOMPARE(json(status).value(QLatin1String("status")).toString(), QStringLiteral("must-re-register"));
        r = registerWith(QStringLiteral("laptop1"), internetUrl(), newToken());
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QCOMPARE(json(r).value(QLatin1String("deviceId")).toString(), id); // the same device record
        r = device(QStringLiteral("laptop1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));

        // the admin side sees it all: registrations counted, the device's history
        const QJsonObject shown = json(admin({QStringLiteral("show"), id, QStringLiteral("--json")}));
        QCOMPARE(shown.value(QLatin1String("status")).toString(), QStringLiteral("active"));
        QVERIFY(shown.value(QLatin1String("clientTokens")).toArray().size() >= 3);
        QVERIFY(shown.value(QLatin1String("renewals")).toInt() == 1);
        const QJsonObject token = json(admin({QStringLiteral("show"), bulkGuid, QStringLiteral("--json")}));
        QCOMPARE(token.value(QLatin1String("registrations")).toInt(), 1);
        QVERIFY(token.contains(QLatin1String("lastUsed")));
        QCOMPARE(token.value(QLatin1String("devices")).toArray().size(), 1);
    }

    void internalRegistration()
    {
        // manual approval (the default): pending until approved
        Run r = registerWith(QStringLiteral("desk1"), intranetUrl());
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QCOMPARE(json(r).value(QLatin1String("status")).toString(), QStringLiteral("pending-approval"));
        const QString id = json(r).value(QLatin1String("deviceId")).toString();
        r = registerWith(QStringLiteral("desk1"), intranetUrl()); // asks again: still pending
        QCOMPARE(json(r).value(QLatin1String("status")).toString(), QStringLiteral("pending-approval"));
        const Run pending = admin({QStringLiteral("devices"), QStringLiteral("--status"),
                                   QStringLiteral("pending-approval"), QStringLiteral("--json")});
        QVERIFY2(pending.out.contains(id.toLatin1()), qPrintable(pending.describe()));
        QVERIFY(admin({QStringLiteral("approve"), id}).code == 0);
        r = registerWith(QStringLiteral("desk1"), intranetUrl());
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QCOMPARE(json(r).value(QLatin1String("status")).toString(), QStringLiteral("registered"));
        QVERIFY(device(QStringLiteral("desk1"), {QStringLiteral("whoami")}).code == 0);
        // the internet listener wants a bulk token
        r = registerWith(QStringLiteral("desk2"), internetUrl());
        QCOMPARE(errorOf(r), QStringLiteral("bulk-token-required"));
        // the audit trail names the approval
        QVERIFY(admin({QStringLiteral("audit")}).out.contains("approve-device"));
    }

    void autoApproval()
    {
        QCOMPARE(stopMp(), 0);
        QVERIFY(startMp({QStringLiteral("--approval"), QStringLiteral("auto")}));
        const Run r = registerWith(QStringLiteral("desk3"), intranetUrl());
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QCOMPARE(json(r).value(QLatin1String("status")).toString(), QStringLiteral("registered"));
        QCOMPARE(stopMp(), 0);
        QVERIFY(startMp());
    }

    void ownServerCertificate()
    {
        // An administrator's own server certificate and key instead of the site's.
        const QString cert = m_dir.filePath(QStringLiteral("own.pem"));
        const QString key = m_dir.filePath(QStringLiteral("own.key"));
        QVERIFY(runProgram(QStringLiteral("openssl"),
                           {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                            QStringLiteral("-out"), cert, QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                            QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost"),
                            QStringLiteral("-days"), QStringLiteral("30")})
                    .code
                == 0);
        QCOMPARE(stopMp(), 0);
        QVERIFY(startMp({QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}));
        const QString name = QStringLiteral("own-cert");
        Run r = device(name,
                       {QStringLiteral("register"), QStringLiteral("--mp"), internetUrl(), QStringLiteral("--ca"), cert,
                        QStringLiteral("--regtoken"), QString::fromLatin1(newToken()), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        // a device that trusts only the site root does not talk to it
        r = device(QStringLiteral("root-only"),
                   {QStringLiteral("register"), QStringLiteral("--mp"), internetUrl(), QStringLiteral("--ca"), m_root,
                    QStringLiteral("--json")});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.startsWith("tokenconsole-device: ") && r.err.trimmed().count('\n') == 0, r.err.constData());
        QCOMPARE(stopMp(), 0);
        // one of the two alone is a usage error
        QVERIFY(!startMp({QStringLiteral("--tls-cert"), cert}));
        m_mp->waitForFinished(10000);
        QCOMPARE(m_mp->exitCode(), 2);
        delete m_mp;
        m_mp = nullptr;
        QVERIFY(startMp());
    }

    void binding()
    {
        const QByteArray bulk = newToken();
        QVERIFY(registerWith(QStringLiteral("phoneA"), internetUrl(), bulk).code == 0);
        QVERIFY(registerWith(QStringLiteral("phoneB"), internetUrl(), bulk).code == 0);
        // A's token over B's certificate
        QFile::remove(m_dir.filePath(QStringLiteral("phoneB/token")));
        QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("phoneA/token")),
                            m_dir.filePath(QStringLiteral("phoneB/token"))));
        Run r = device(QStringLiteral("phoneB"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QCOMPARE(errorOf(r), QStringLiteral("certificate-mismatch"));
        // a bulk token as bearer, and a client token as bulk token
        QFile bearer(m_dir.filePath(QStringLiteral("phoneB/token")));
        QVERIFY(bearer.open(QIODevice::WriteOnly | QIODevice::Truncate));
        bearer.write(bulk);
        bearer.close();
        r = device(QStringLiteral("phoneB"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QCOMPARE(errorOf(r), QStringLiteral("wrong-type"));
        QFile clientToken(m_dir.filePath(QStringLiteral("phoneA/token")));
        QVERIFY(clientToken.open(QIODevice::ReadOnly));
        r = registerWith(QStringLiteral("phoneC"), internetUrl(), clientToken.readAll());
        QCOMPARE(errorOf(r), QStringLiteral("wrong-type"));
    }

    void badClientCertificates_data()
    {
        QTest::addColumn<QString>("bits");
        QTest::addColumn<int>("clockDays");
        QTest::addColumn<bool>("signedByAnother");
        QTest::newRow("RSA-1024") << QStringLiteral("1024") << 0 << false;
        QTest::newRow("expired") << QStringLiteral("2048") << 2 << false; // valid one day; the clock two days on
        QTest::newRow("badly self-signed") << QStringLiteral("2048") << 0 << true;
    }

    void badClientCertificates()
    {
        QFETCH(QString, bits);
        QFETCH(int, clockDays);
        QFETCH(bool, signedByAnother);
        const QString name = QStringLiteral("bad-") + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const QString folder = m_dir.filePath(name);
        QDir().mkpath(folder);
        const QString key = folder + QStringLiteral("/device.key");
        const QString cert = folder + QStringLiteral("/device.pem");
        auto openssl = [](const QStringList &args) { return runProgram(QStringLiteral("openssl"), args).code == 0; };
        QVERIFY(openssl({QStringLiteral("genrsa"), QStringLiteral("-out"), key, bits}));
        QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!signedByAnother) {
            QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"),
                             QStringLiteral("-key"), key, QStringLiteral("-subj"), QStringLiteral("/CN=bad"),
                             QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-out"), cert}));
        } else {
            // Subject and issuer both CN=bad, but signed with another key.
            const QString otherKey = folder + QStringLiteral("/other.key");
            const QString otherCert = folder + QStringLiteral("/other.pem");
            const QString csr = folder + QStringLiteral("/device.csr");
            QVERIFY(openssl({QStringLiteral("genrsa"), QStringLiteral("-out"), otherKey, QStringLiteral("2048")}));
            QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"),
                             QStringLiteral("-key"), otherKey, QStringLiteral("-subj"), QStringLiteral("/CN=bad"),
                             QStringLiteral("-out"), otherCert}));
            QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), key,
                             QStringLiteral("-subj"), QStringLiteral("/CN=bad"), QStringLiteral("-out"), csr}));
            QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                             QStringLiteral("-CA"), otherCert, QStringLiteral("-CAkey"), otherKey,
                             QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("30"),
                             QStringLiteral("-out"), cert}));
        }
        const QByteArray bulk = newToken();
        if (bits == QLatin1String("1024")) {
            // The device's own TLS library refuses to present so weak a key, so
            // openssl s_client, at security level 0, sends it.
            const QByteArray body = "{\"deviceName\":\"weak\",\"bulkToken\":\"" + bulk + "\"}";
            const Run r = runProgram(
                QStringLiteral("openssl"),
                {QStringLiteral("s_client"), QStringLiteral("-connect"), QStringLiteral("127.0.0.1:%1").arg(m_internet),
                 QStringLiteral("-cert"), cert, QStringLiteral("-key"), key, QStringLiteral("-cipher"),
                 QStringLiteral("DEFAULT@SECLEVEL=0"), QStringLiteral("-quiet"), QStringLiteral("-ign_eof")},
                "POST /v1/registrations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                "Content-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            QVERIFY2(r.out.contains("\"error\":\"client-certificate-invalid\""), qPrintable(r.describe()));
            return;
        }
        setClockDays(clockDays);
        const Run r = registerWith(name, internetUrl(), bulk);
        setClockDays(0);
        QCOMPARE(errorOf(r), QStringLiteral("client-certificate-invalid"));
    }

    void noClientCertificate()
    {
        const QByteArray body = R"({"deviceName":"x"})";
        const QByteArray answer = raw(m_internet,
                                      "POST /v1/registrations HTTP/1.1\r\nHost: localhost\r\n"
                                      "Content-Type: application/json\r\nContent-Length: "
                                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY2(answer.startsWith("HTTP/1.1 401"), answer.constData());
        QVERIFY(answer.contains(R"("error":"client-certificate-required")"));
    }

    void usageLimit()
    {
        const QByteArray bulk = newToken({QStringLiteral("--max-uses"), QStringLiteral("3")});
        QVERIFY(!bulk.isEmpty());
        // six devices at once; exactly three get in
        QList<QProcess *> running;
        for (int i = 0; i < 6; ++i) {
            auto *p = new QProcess(this);
            p->start(QStringLiteral(TC_DEVICE),
                     {QStringLiteral("--state"), m_dir.filePath(QStringLiteral("crowd%1").arg(i)),
                      QStringLiteral("register"), QStringLiteral("--mp"), internetUrl(), QStringLiteral("--ca"), m_root,
                      QStringLiteral("--regtoken"), QString::fromLatin1(bulk), QStringLiteral("--json")});
            running << p;
        }
        int ok = 0, limited = 0;
        for (QProcess *p : running) {
            p->waitForFinished(60000);
            const QByteArray out = p->readAllStandardOutput();
            if (p->exitCode() == 0)
                ++ok;
            else if (out.contains("usage-limit-reached"))
                ++limited;
            delete p;
        }
        QCOMPARE(ok, 3);
        QCOMPARE(limited, 3);
        QVERIFY(admin({QStringLiteral("/new"), QStringLiteral("--max-uses"), QStringLiteral("0")}).code == 2);
        QVERIFY(admin({QStringLiteral("/new"), QStringLiteral("--description"), QString()}).code == 2);
    }

    // A site whose write lock another program holds (a console's long
    // transaction): a registration waits for it, and answers `unavailable`
    // (503, retry later) once the busy timeout (15 s) has passed, having written
    // nothing; registering again afterwards succeeds.
    void heldSiteMakesRegistrationsWait()
    {
        const QByteArray bulk = newToken({QStringLiteral("--max-uses"), QStringLiteral("5")});
        QVERIFY(!bulk.isEmpty());
        const auto count = [](QSqlDatabase &db, const QString &sql) {
            QSqlQuery q(db);
            return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
        };
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
            db.setDatabaseName(QDir(m_site).filePath(QStringLiteral("site.db")));
            QVERIFY(db.open());
            const int devicesBefore = count(db, QStringLiteral("SELECT COUNT(*) FROM devices"));
            QSqlQuery hold(db);

            // Held for two seconds: the registration waits, then gets in.
            QVERIFY2(hold.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(hold.lastError().text()));
            QProcess waiting;
            waiting.start(QStringLiteral(TC_DEVICE),
                          {QStringLiteral("--state"), m_dir.filePath(QStringLiteral("held-a")),
                           QStringLiteral("register"), QStringLiteral("--mp"), internetUrl(), QStringLiteral("--ca"),
                           m_root, QStringLiteral("--regtoken"), QString::fromLatin1(bulk), QStringLiteral("--json")});
            QVERIFY(waiting.waitForStarted());
            QTest::qWait(2000);
            QCOMPARE(waiting.state(), QProcess::Running); // still waiting for the lock
            QVERIFY(hold.exec(QStringLiteral("COMMIT")));
            QVERIFY(waiting.waitForFinished(30000));
            QCOMPARE(waiting.exitCode(), 0);
            QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM devices")), devicesBefore + 1);

            // Held past the busy timeout: refused as unavailable, nothing written.
            QVERIFY(hold.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QElapsedTimer waited;
            waited.start();
            const Run refused = registerWith(QStringLiteral("held-b"), internetUrl(), bulk);
            const qint64 waitedMs = waited.elapsed();
            QVERIFY(hold.exec(QStringLiteral("ROLLBACK")));
            QVERIFY2(refused.code != 0, refused.out.constData());
            QCOMPARE(errorOf(refused), QStringLiteral("unavailable"));
            // with the service's Retry-After, which the device passes on
            QCOMPARE(QJsonDocument::fromJson(refused.out).object().value(QLatin1String("retryAfterSeconds")).toInt(),
                     1);
            QVERIFY2(waitedMs >= 14000, qPrintable(QString::number(waitedMs))); // it waited, not failed at once
            QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM devices")), devicesBefore + 1);
            QCOMPARE(
                count(db, QStringLiteral("SELECT registrations FROM bulk_token_usage ORDER BY rowid DESC LIMIT 1")), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        // The access log says so with its status.
        stopMp();
        QVERIFY2(m_log.contains("path=/v1/registrations status=503"), m_log.right(2000).constData());
        QVERIFY(m_log.contains("code=unavailable"));
        QVERIFY(startMp());
        // Afterwards the same device registers.
        const Run again = registerWith(QStringLiteral("held-b"), internetUrl(), bulk);
        QVERIFY2(again.code == 0, again.out.constData());
    }

    void independentCheck()
    {
        // openssl verifies the client token with the exported signing certificate,
        // and its cnf is openssl's SHA-256 fingerprint of the device certificate.
        QVERIFY(registerWith(QStringLiteral("checked"), internetUrl(), newToken()).code == 0);
        QFile tokenFile(m_dir.filePath(QStringLiteral("checked/token")));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> parts = tokenFile.readAll().trimmed().split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject payload
            = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
        const Run fp = runProgram(QStringLiteral("openssl"),
                                  {QStringLiteral("x509"), QStringLiteral("-in"),
                                   m_dir.filePath(QStringLiteral("checked/device.pem")), QStringLiteral("-noout"),
                                   QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
        const QByteArray hex = fp.out.trimmed().split('=').last().replace(":", "");
        const QString expected = QString::fromLatin1(
            QByteArray::fromHex(hex).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QCOMPARE(payload.value(QLatin1String("cnf")).toObject().value(QLatin1String("x5t#S256")).toString(), expected);
        QCOMPARE(payload.value(QLatin1String("exp")).toInteger() - payload.value(QLatin1String("nbf")).toInteger(),
                 90 * 86400);

        const Run list = admin({QStringLiteral("list"), QStringLiteral("--type"), QStringLiteral("sms-token-signing"),
                                QStringLiteral("--status"), QStringLiteral("active"), QStringLiteral("--json")});
        const QString thumb = QJsonDocument::fromJson(list.out).array().at(0)[QStringLiteral("thumbprint")].toString();
        const QString signingPem = m_dir.filePath(QStringLiteral("signing.pem"));
        const QString pubkey = m_dir.filePath(QStringLiteral("signing.pub"));
        const QString sig = m_dir.filePath(QStringLiteral("sig.bin"));
        const QString input = m_dir.filePath(QStringLiteral("input.txt"));
        auto write = [](const QString &path, const QByteArray &bytes) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
        };
        QVERIFY(write(signingPem, admin({QStringLiteral("show"), thumb, QStringLiteral("--pem")}).out));
        QVERIFY(write(sig, QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding)));
        QVERIFY(write(input, parts[0] + '.' + parts[1]));
        QVERIFY(runProgram(QStringLiteral("openssl"),
                           {QStringLiteral("x509"), QStringLiteral("-in"), signingPem, QStringLiteral("-pubkey"),
                            QStringLiteral("-noout"), QStringLiteral("-out"), pubkey})
                    .code
                == 0);
        const Run verified = runProgram(QStringLiteral("openssl"),
                                        {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"),
                                         pubkey, QStringLiteral("-signature"), sig, input});
        QVERIFY2(verified.code == 0 && verified.out.contains("Verified OK"), qPrintable(verified.describe()));
    }

    void hostileRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QByteArray>("code");
        const QByteArray head = "POST /v1/registrations HTTP/1.1\r\nHost: localhost\r\n";
        QTest::newRow("wrong content type") << head + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}"
                                            << QByteArray("400") << QByteArray("bad-request");
        QTest::newRow("truncated JSON") << head
                + "Content-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"deviceName\":"
                                        << QByteArray("400") << QByteArray("bad-request");
        QTest::newRow("not UTF-8") << head
                + "Content-Type: application/json\r\nContent-Length: 18\r\n\r\n{\"deviceName\":\"\xff\xfe\"}"
                                   << QByteArray("400") << QByteArray("bad-request");
        QTest::newRow("duplicate Content-Length")
            << head + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"
            << QByteArray("400") << QByteArray("bad-request");
        QTest::newRow("CL and TE") << head
                + "Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}"
                                   << QByteArray("400") << QByteArray("bad-request");
        QTest::newRow("body over 64 KiB") << head + "Content-Type: application/json\r\nContent-Length: 70000\r\n\r\n{"
                                          << QByteArray("413") << QByteArray("request-too-large");
        QTest::newRow("headers over 16 KiB") << head + "X-Filler: " + QByteArray(17000, 'a') + "\r\n\r\n"
                                             << QByteArray("431") << QByteArray("request-too-large");
        QTest::newRow("unknown path") << QByteArray("GET /v2/secret HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                      << QByteArray("404") << QByteArray("not-found");
        QTest::newRow("metrics on the internet listener")
            << QByteArray("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n") << QByteArray("404")
            << QByteArray("not-found");
    }

    void hostileRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        QFETCH(QByteArray, code);
        const qint64 before = admin({QStringLiteral("devices"), QStringLiteral("--json")}).out.count("deviceId");
        const QByteArray answer = raw(m_internet, request);
        QVERIFY2(answer.startsWith("HTTP/1.1 " + status), answer.left(200).constData());
        QVERIFY2(answer.contains("\"error\":\"" + code + "\""), answer.left(400).constData());
        QCOMPARE(admin({QStringLiteral("devices"), QStringLiteral("--json")}).out.count("deviceId"),
                 before); // nothing written
    }

    void slowClients()
    {
        // 500 clients that send a byte every two seconds: 250 before the TLS
        // handshake, 250 after it, dribbling a request. A device registers meanwhile.
        QVERIFY(device(QStringLiteral("quick"), {QStringLiteral("status")}).code == 0); // its key made beforehand
        const QByteArray bulk = newToken();
        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < 500; ++i) {
            std::unique_ptr<QTcpSocket> socket;
            if (i % 2) {
                auto *tls = new QSslSocket;
                tls->setPeerVerifyMode(QSslSocket::VerifyNone);
                tls->connectToHostEncrypted(QStringLiteral("127.0.0.1"), quint16(m_internet));
                socket.reset(tls);
            } else {
                socket = std::make_unique<QTcpSocket>();
                socket->connectToHost(QStringLiteral("127.0.0.1"), quint16(m_internet));
            }
            slow.push_back(std::move(socket));
        }
        const QByteArray dribble = "POST /v1/registrations HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
        QElapsedTimer clock;
        clock.start();
        int sent = 0;
        auto tick = [&] {
            for (size_t i = 0; i < slow.size(); ++i) {
                auto *tls = qobject_cast<QSslSocket *>(slow[i].get());
                if (tls && tls->isEncrypted())
                    tls->write(dribble.mid(sent % dribble.size(), 1));
                else if (!tls && slow[i]->state() == QAbstractSocket::ConnectedState)
                    slow[i]->write("\x16", 1);
            }
            ++sent;
        };
        while (clock.elapsed() < 1500) {
            QTest::qWait(100);
            if (clock.elapsed() / 500 > sent)
                tick();
        }
        int encrypted = 0;
        for (const auto &socket : slow)
            if (auto *tls = qobject_cast<QSslSocket *>(socket.get()); tls && tls->isEncrypted())
                ++encrypted;
        QVERIFY2(encrypted >= 200, qPrintable(QString::number(encrypted)));

        QElapsedTimer timer;
        timer.start();
        QProcess p;
        p.start(QStringLiteral(TC_DEVICE),
                {QStringLiteral("--state"), m_dir.filePath(QStringLiteral("quick")), QStringLiteral("register"),
                 QStringLiteral("--mp"), internetUrl(), QStringLiteral("--ca"), m_root, QStringLiteral("--regtoken"),
                 QString::fromLatin1(bulk)});
        while (p.state() != QProcess::NotRunning && timer.elapsed() < 20000) {
            QTest::qWait(20);
            if (clock.elapsed() / 500 > sent)
                tick();
        }
        const qint64 took = timer.elapsed();
        qInfo("a device registered in %lld ms beside 500 slow clients (%d past the handshake)", took, encrypted);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(took < 1000, qPrintable(QString::number(took)));
        // the slow ones are let go after the request timeout (10 s), not kept forever
        while (clock.elapsed() < 12500) {
            QTest::qWait(200);
            tick();
        }
        int open = 0;
        for (const auto &socket : slow)
            if (socket->state() == QAbstractSocket::ConnectedState)
                ++open;
        QCOMPARE(open, 0);
    }

    void healthAndMetrics()
    {
        const QByteArray health = raw(m_intranet, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY2(health.startsWith("HTTP/1.1 200"), health.constData());
        QVERIFY(registerWith(QStringLiteral("metered"), internetUrl(), "not-a-token").code == 1);
        const QByteArray metrics
            = raw(m_intranet, "GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QVERIFY2(metrics.contains("tokenconsole_mp_refusals_total{code=\"malformed\"}"), metrics.constData());
        QVERIFY(metrics.contains("tokenconsole_mp_request_duration_seconds_bucket"));
        QVERIFY(metrics.contains("tokenconsole_mp_registrations_total"));
    }
};

QTEST_MAIN(TestManagementPoint)
#include "tst_managementpoint.moc"
