// The management point stopped under load, two ways. kill -9 during 200
// concurrent registrations: every client token a device received verifies
// after the restart (whoami), and no device row is left without its token's
// metadata. SIGTERM during registrations: every request that reached the
// service is answered, the service exits 0. Real process, real TLS.
#include "certificate.h"
#include "httpsclient.h"
#include "keys.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <functional>
#include <mutex>
#include <thread>

using namespace tc;

class TestMpCrash : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_site;
    QByteArray m_root;
    std::string m_bulk;
    QStringList m_keyFiles;
    std::vector<std::string> m_certs; // distinct device identities over four keys
    static constexpr int kDevices = 200;

    http::ClientConfig clientFor(int device, int port) const
    {
        http::ClientConfig config;
        config.port = std::to_string(port);
        config.caPem = m_root.toStdString();
        config.certificatePem = m_certs[size_t(device)];
        config.privateKeyFile = m_keyFiles[device % 4].toStdString();
        config.timeout = std::chrono::seconds(10);
        return config;
    }

    // Registers devices first..first+count on 8 threads; stop() is called once
    // `after` answers came. Returns the tokens received, by device; *dropped
    // counts requests the service took but never answered.
    std::vector<std::pair<int, std::string>> registerUnder(int first, int count, int port, int after,
                                                           const std::function<void()> &stop, int *dropped)
    {
        std::mutex mutex;
        std::vector<std::pair<int, std::string>> received;
        std::atomic<int> answered{0}, lost{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int i = first + t; i < first + count; i += 8) {
                    http::Client client(clientFor(i, port));
                    http::ClientResponse response;
                    std::string error;
                    const std::string body
                        = "{\"deviceName\":\"device-" + std::to_string(i) + "\",\"bulkToken\":\"" + m_bulk + "\"}";
                    if (!client.request("POST", "/v1/registrations", body, {}, &response, &error)) {
                        if (error.rfind("No answer", 0) == 0)
                            ++lost;
                        continue;
                    }
                    ++answered;
                    if (response.status != 201)
                        continue;
                    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
                    std::lock_guard lock(mutex);
                    received.emplace_back(i, o.value(QLatin1String("clientToken")).toString().toStdString());
                }
            });
        }
        while (answered < after)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        stop();
        for (auto &t : threads)
            t.join();
        *dropped = lost;
        return received;
    }

    void everyTokenWorks(const std::vector<std::pair<int, std::string>> &received)
    {
        int port = 0;
        QProcess *mp = startMp(&port);
        QVERIFY(mp);
        for (const auto &[i, token] : received) {
            http::Client client(clientFor(i, port));
            http::ClientResponse response;
            std::string error;
            QVERIFY2(client.request("GET", "/v1/whoami", {}, token, &response, &error), error.c_str());
            QVERIFY2(response.status == 200, response.body.c_str());
        }
        ::kill(pid_t(mp->processId()), SIGTERM);
        QVERIFY(mp->waitForFinished(20000));
        QCOMPARE(mp->exitCode(), 0);
        delete mp;
    }

    QByteArray admin(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(TC_BULKREGTOKEN), QStringList{QStringLiteral("--site"), m_site} + args);
        p.waitForFinished(60000);
        return p.readAllStandardOutput();
    }

    QProcess *startMp(int *port)
    {
        const QString ready = m_dir.filePath(QStringLiteral("ready.json"));
        QFile::remove(ready);
        auto *mp = new QProcess(this);
        mp->setStandardErrorFile(m_dir.filePath(QStringLiteral("mp.log")), QIODevice::Append);
        mp->start(QStringLiteral(TC_MP),
                  {QStringLiteral("--site"), m_site, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                   QStringLiteral("--intranet-listen"), QStringLiteral("none"), QStringLiteral("--ready-file"), ready});
        for (int i = 0; i < 300 && !QFile::exists(ready); ++i)
            QTest::qWait(50);
        QFile f(ready);
        if (!f.open(QIODevice::ReadOnly))
            return nullptr;
        *port = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("internet")).toInt();
        return mp;
    }

private slots:
    void initTestCase()
    {
        m_site = m_dir.filePath(QStringLiteral("site"));
        admin({QStringLiteral("init")});
        const QJsonArray roots
            = QJsonDocument::fromJson(admin({QStringLiteral("list"), QStringLiteral("--type"),
                                             QStringLiteral("sms-issuing"), QStringLiteral("--json")}))
                  .array();
        m_root = admin(
            {QStringLiteral("show"), roots.at(0)[QStringLiteral("thumbprint")].toString(), QStringLiteral("--pem")});
        m_bulk = QJsonDocument::fromJson(admin({QStringLiteral("/new"), QStringLiteral("--json")}))
                     .object()
                     .value(QLatin1String("token"))
                     .toString()
                     .toStdString();
        QVERIFY(!m_bulk.empty());
        QList<PrivateKey> keys;
        for (int k = 0; k < 4; ++k) {
            auto key = PrivateKey::generateRsa(2048);
            QVERIFY(key);
            keys << *key;
            const QString file = m_dir.filePath(QStringLiteral("key%1.pem").arg(k));
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(key->toPemForKeyFile());
            m_keyFiles << file;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 2 * kDevices; ++i) {
            CertificateProfile profile;
            profile.commonName = QStringLiteral("device-%1").arg(i);
            profile.notBefore = now.addSecs(-3600);
            profile.notAfter = now.addDays(30);
            auto cert = pki::createSelfSigned(profile, keys[i % 4]);
            QVERIFY(cert);
            m_certs.push_back(cert->toPem().toStdString());
        }
    }

    void killDuringRegistrations()
    {
        int port = 0;
        QProcess *mp = startMp(&port);
        QVERIFY(mp);
        int dropped = 0;
        const auto received = registerUnder(
            0, kDevices, port, kDevices / 3, [mp] { ::kill(pid_t(mp->processId()), SIGKILL); }, &dropped);
        mp->waitForFinished(10000);
        delete mp;
        qInfo("%zu of %d devices received a client token before the kill", received.size(), kDevices);
        QVERIFY(received.size() >= size_t(kDevices / 3) - 8);
        QVERIFY(received.size() < size_t(kDevices)); // the kill did interrupt the load

        everyTokenWorks(received);

        // No device without its token's metadata, no token metadata without its device.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(m_site + QStringLiteral("/site.db"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("SELECT COUNT(*) FROM devices WHERE pending = 0 AND (token_not_after IS NULL"
                               " OR NOT EXISTS (SELECT 1 FROM client_tokens c WHERE c.device_id = devices.id))")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM devices")));
            QVERIFY(q.next());
            QVERIFY(q.value(0).toInt() >= int(received.size()));
            QVERIFY(q.exec(QStringLiteral("SELECT registrations FROM bulk_token_usage")));
            QVERIFY(q.next());
            QVERIFY(q.value(0).toInt() >= int(received.size()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void sigtermDrains()
    {
        int port = 0;
        QProcess *mp = startMp(&port);
        QVERIFY(mp);
        int dropped = 0;
        const auto received = registerUnder(
            kDevices, kDevices, port, kDevices / 3, [mp] { ::kill(pid_t(mp->processId()), SIGTERM); }, &dropped);
        QVERIFY(mp->waitForFinished(20000));
        QCOMPARE(mp->exitStatus(), QProcess::NormalExit);
        QCOMPARE(mp->exitCode(), 0);
        delete mp;
        qInfo("%zu devices registered before the drain; %d requests taken and not answered", received.size(), dropped);
        QCOMPARE(dropped, 0); // a request the service took is answered, even while it stops
        QVERIFY(received.size() < size_t(kDevices));
        everyTokenWorks(received);
    }
};

QTEST_GUILESS_MAIN(TestMpCrash)
#include "tst_mpcrash.moc"
