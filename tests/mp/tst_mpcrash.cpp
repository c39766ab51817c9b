// kill -9 of the management point during 200 concurrent registrations: every
// client token a device received verifies after the restart (whoami), and no
// device row is left without its token's metadata. Real process, real TLS.
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
#include <mutex>
#include <thread>

using namespace tc;

class TestMpCrash : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_site;
    QByteArray m_root;

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
    void killDuringRegistrations()
    {
        m_site = m_dir.filePath(QStringLiteral("site"));
        admin({QStringLiteral("init")});
        const QJsonArray roots
            = QJsonDocument::fromJson(admin({QStringLiteral("list"), QStringLiteral("--type"),
                                             QStringLiteral("sms-issuing"), QStringLiteral("--json")}))
                  .array();
        m_root = admin(
            {QStringLiteral("show"), roots.at(0)[QStringLiteral("thumbprint")].toString(), QStringLiteral("--pem")});
        const std::string bulk = QJsonDocument::fromJson(admin({QStringLiteral("/new"), QStringLiteral("--json")}))
                                     .object()
                                     .value(QLatin1String("token"))
                                     .toString()
                                     .toStdString();
        QVERIFY(!bulk.empty());

        // 200 devices: distinct certificates (and so distinct identities) over four keys.
        constexpr int kDevices = 200;
        QStringList keyFiles;
        QList<PrivateKey> keys;
        for (int k = 0; k < 4; ++k) {
            auto key = PrivateKey::generateRsa(2048);
            QVERIFY(key);
            keys << *key;
            const QString file = m_dir.filePath(QStringLiteral("key%1.pem").arg(k));
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(key->toPemForKeyFile());
            keyFiles << file;
        }
        std::vector<std::string> certs;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < kDevices; ++i) {
            CertificateProfile profile;
            profile.commonName = QStringLiteral("device-%1").arg(i);
            profile.notBefore = now.addSecs(-3600);
            profile.notAfter = now.addDays(30);
            auto cert = pki::createSelfSigned(profile, keys[i % 4]);
            QVERIFY(cert);
            certs.push_back(cert->toPem().toStdString());
        }

        int port = 0;
        QProcess *mp = startMp(&port);
        QVERIFY(mp);
        std::mutex mutex;
        std::vector<std::pair<int, std::string>> received; // device index, client token
        std::atomic<int> answered{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int i = t; i < kDevices; i += 8) {
                    http::ClientConfig config;
                    config.port = std::to_string(port);
                    config.caPem = m_root.toStdString();
                    config.certificatePem = certs[size_t(i)];
                    config.privateKeyFile = keyFiles[i % 4].toStdString();
                    config.timeout = std::chrono::seconds(10);
                    http::Client client(config);
                    http::ClientResponse response;
                    std::string error;
                    const std::string body
                        = "{\"deviceName\":\"device-" + std::to_string(i) + "\",\"bulkToken\":\"" + bulk + "\"}";
                    if (!client.request("POST", "/v1/registrations", body, {}, &response, &error))
                        continue; // the service died under this request
                    ++answered;
                    if (response.status != 201)
                        continue;
                    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
                    std::lock_guard lock(mutex);
                    received.emplace_back(i, o.value(QLatin1String("clientToken")).toString().toStdString());
                }
            });
        }
        // kill -9 in the middle of the load
        while (answered < kDevices / 3)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ::kill(pid_t(mp->processId()), SIGKILL);
        for (auto &t : threads)
            t.join();
        mp->waitForFinished(10000);
        delete mp;
        qInfo("%zu of %d devices received a client token before the kill", received.size(), kDevices);
        QVERIFY(received.size() >= size_t(kDevices / 3) - 8);
        QVERIFY(received.size() < size_t(kDevices)); // the kill did interrupt the load

        // After the restart every token a device holds works.
        mp = startMp(&port);
        QVERIFY(mp);
        int working = 0;
        for (const auto &[i, token] : received) {
            http::ClientConfig config;
            config.port = std::to_string(port);
            config.caPem = m_root.toStdString();
            config.certificatePem = certs[size_t(i)];
            config.privateKeyFile = keyFiles[i % 4].toStdString();
            http::Client client(config);
            http::ClientResponse response;
            std::string error;
            QVERIFY2(client.request("GET", "/v1/whoami", {}, token, &response, &error), error.c_str());
            QVERIFY2(response.status == 200, response.body.c_str());
            ++working;
        }
        QCOMPARE(size_t(working), received.size());
        ::kill(pid_t(mp->processId()), SIGTERM);
        QVERIFY(mp->waitForFinished(20000));
        QCOMPARE(mp->exitCode(), 0);

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
};

QTEST_GUILESS_MAIN(TestMpCrash)
#include "tst_mpcrash.moc"
