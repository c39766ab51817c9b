// The registration logic without sockets: a real site, real device keys and
// certificates, the time given to every call (never waited for).
#include "deviceservice.h"
#include "devicestore.h"
#include "groupcommitter.h"
#include "refusal.h"
#include "registrar.h"
#include "site.h"
#include "tokenservice.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <latch>
#include <mutex>
#include <vector>

using namespace tc;

namespace {

Certificate deviceCertificate(const QString &name, const QDateTime &from, int days = 3650)
{
    auto key = PrivateKey::generateRsa(2048);
    CertificateProfile profile;
    profile.commonName = name;
    profile.notBefore = from.addSecs(-3600);
    profile.notAfter = from.addDays(days);
    profile.purpose = CertificateProfile::Purpose::TlsClient;
    return *pki::createSelfSigned(profile, *key);
}

QByteArray tokenOf(const MpAnswer &a)
{
    return a.body.value(QLatin1String("clientToken")).toString().toLatin1();
}

} // namespace

class TestRegistrar : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Site> m_site;
    QDateTime m_t0;

    MpAnswer registerBulk(Registrar &r, const Certificate &cert, const QByteArray &token, const QDateTime &at)
    {
        return r.registerDevice(Listener::Internet, QStringLiteral("device"), &token, cert, at);
    }

private slots:
    void initTestCase()
    {
        auto site = Site::create(m_dir.filePath(QStringLiteral("site")), QStringLiteral("REG"));
        QVERIFY2(site, site ? "" : qPrintable(site.error()));
        m_site = std::move(site).value();
        m_t0 = fromUnix(QDateTime::currentSecsSinceEpoch());
    }

    void clientTokenLifetimeAndRenewalWindow()
    {
        TokenService tokens(*m_site);
        Registrar registrar(*m_site, {});
        const Certificate cert = deviceCertificate(QStringLiteral("a"), m_t0);
        const auto bulk = tokens.issueAt(60, m_t0);
        QVERIFY(bulk);
        const MpAnswer reg = registerBulk(registrar, cert, bulk->token, m_t0);
        QCOMPARE(int(reg.outcome), int(MpAnswer::Outcome::Created));
        QCOMPARE(reg.body.value(QLatin1String("notAfter")).toString(), isoUtc(m_t0.addDays(90)));
        QCOMPARE(reg.body.value(QLatin1String("renewAfter")).toString(), isoUtc(m_t0.addDays(30)));
        const QByteArray token = tokenOf(reg);

        // the leeway absorbs clock skew at the end, and no more
        const qint64 leeway = TokenVerifier::kLeewaySeconds;
        QVERIFY(!registrar.whoami(token, cert, m_t0.addDays(90).addSecs(leeway - 1)).refused());
        QCOMPARE(registrar.whoami(token, cert, m_t0.addDays(90).addSecs(leeway)).code, QStringLiteral("expired"));
        QCOMPARE(registrar.whoami(token, cert, m_t0.addSecs(-leeway - 1)).code, QStringLiteral("not-yet-valid"));

        // renewal: refused before day 30, given from day 30 on; the old token lives on
        QCOMPARE(registrar.renew(token, cert, m_t0.addDays(30).addSecs(-1)).code, QStringLiteral("too-early"));
        const QDateTime day30 = m_t0.addDays(30);
        const MpAnswer renewed = registrar.renew(token, cert, day30);
        QCOMPARE(int(renewed.outcome), int(MpAnswer::Outcome::Ok));
        QCOMPARE(renewed.body.value(QLatin1String("notAfter")).toString(), isoUtc(day30.addDays(90)));
        QVERIFY(!registrar.whoami(token, cert, day30.addDays(1)).refused());
        QVERIFY(!registrar.whoami(tokenOf(renewed), cert, day30.addDays(89)).refused());
        auto device = DeviceStore(m_site->database()).findByGuid(reg.deviceId);
        QVERIFY(device && *device);
        QCOMPARE((*device)->renewals, 1);
        QCOMPARE((*device)->tokenNotAfter, day30.addDays(90));
    }

    void aCheckedCertificateStillExpires()
    {
        // The registrar remembers certificates that passed, but not past their validity.
        TokenService tokens(*m_site);
        Registrar registrar(*m_site, {});
        const Certificate cert = deviceCertificate(QStringLiteral("short"), m_t0, 10);
        const auto bulk = tokens.issueAt(60, m_t0);
        QVERIFY(bulk);
        const MpAnswer reg = registerBulk(registrar, cert, bulk->token, m_t0);
        QCOMPARE(int(reg.outcome), int(MpAnswer::Outcome::Created));
        const QByteArray token = tokenOf(reg);
        QVERIFY(!registrar.whoami(token, cert, m_t0.addDays(9)).refused());
        QCOMPARE(registrar.whoami(token, cert, m_t0.addDays(10)).code,
                 QLatin1String(refusal::kClientCertificateInvalid));
        QCOMPARE(registrar.whoami(token, cert, m_t0.addSecs(-3601)).code,
                 QLatin1String(refusal::kClientCertificateInvalid));
        QVERIFY(!registrar.whoami(token, cert, m_t0.addDays(1)).refused());
    }

    void bulkTokenExpiryDuringRegistration()
    {
        TokenService tokens(*m_site);
        Registrar registrar(*m_site, {});
        const auto bulk = tokens.issueAt(60, m_t0);
        QVERIFY(bulk);
        const Certificate cert = deviceCertificate(QStringLiteral("late"), m_t0);
        const qint64 leeway = TokenVerifier::kLeewaySeconds;
        QCOMPARE(registerBulk(registrar, cert, bulk->token, m_t0.addSecs(3600 + leeway)).code,
                 QStringLiteral("expired"));
        QCOMPARE(registerBulk(registrar, cert, bulk->token, m_t0.addSecs(-leeway - 1)).code,
                 QStringLiteral("not-yet-valid"));
        // nothing was recorded for the refused device
        auto device = DeviceStore(m_site->database()).findByThumbprint(QString::fromLatin1(cert.x5tS256()));
        QVERIFY(device && !*device);
        QVERIFY(!registerBulk(registrar, cert, bulk->token, m_t0.addSecs(3600 + leeway - 1)).refused());
    }

    void bindingAndKinds()
    {
        TokenService tokens(*m_site);
        Registrar registrar(*m_site, {});
        const auto bulk = tokens.issueAt(60, m_t0);
        const Certificate a = deviceCertificate(QStringLiteral("a"), m_t0);
        const Certificate b = deviceCertificate(QStringLiteral("b"), m_t0);
        const QByteArray tokenA = tokenOf(registerBulk(registrar, a, bulk->token, m_t0));
        QCOMPARE(registrar.whoami(tokenA, b, m_t0).code, QLatin1String(refusal::kCertificateMismatch));
        QCOMPARE(registrar.whoami(tokenA, Certificate(), m_t0).code,
                 QLatin1String(refusal::kClientCertificateRequired));
        QCOMPARE(registrar.whoami(bulk->token, a, m_t0).code, QStringLiteral("wrong-type"));
        QCOMPARE(registerBulk(registrar, b, tokenA, m_t0).code, QStringLiteral("wrong-type"));
        QCOMPARE(registrar.whoami("", a, m_t0).code, QLatin1String(refusal::kMalformed));
        // a certificate that expired
        const Certificate old = deviceCertificate(QStringLiteral("old"), m_t0, 1);
        QCOMPARE(registerBulk(registrar, old, bulk->token, m_t0.addDays(2)).code,
                 QLatin1String(refusal::kClientCertificateInvalid));
        // a token with a forged cnf does not verify
        QList<QByteArray> parts = tokenA.split('.');
        QByteArray payload = QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding);
        payload.replace(a.x5tS256(), b.x5tS256());
        parts[1] = payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QCOMPARE(registrar.whoami(parts.join('.'), b, m_t0).code, QStringLiteral("bad-signature"));
    }

    void usageLimitAndBlocks()
    {
        TokenService tokens(*m_site);
        Registrar registrar(*m_site, {});
        const auto bulk = tokens.issueAt(60, m_t0, BulkTokenOptions{2, QStringLiteral("two")});
        QVERIFY(bulk);
        QVERIFY(!registerBulk(registrar, deviceCertificate(QStringLiteral("1"), m_t0), bulk->token, m_t0).refused());
        const Certificate second = deviceCertificate(QStringLiteral("2"), m_t0);
        const MpAnswer two = registerBulk(registrar, second, bulk->token, m_t0);
        QVERIFY(!two.refused());
        QCOMPARE(registerBulk(registrar, deviceCertificate(QStringLiteral("3"), m_t0), bulk->token, m_t0).code,
                 QLatin1String(refusal::kUsageLimitReached));
        auto record = m_site->store().findToken(bulk->guid);
        auto usage = DeviceStore(m_site->database()).usage((*record)->id);
        QCOMPARE(usage->registrations, 2);
        QCOMPARE(*usage->maxUses, 2);
        QCOMPARE(usage->description, QStringLiteral("two"));

        // a blocked device is refused everything, re-registration included
        DeviceService devices(*m_site);
        QVERIFY(devices.block({two.deviceId}, QStringLiteral("lost")));
        QCOMPARE(registrar.whoami(tokenOf(two), second, m_t0).code, QLatin1String(refusal::kDeviceBlocked));
        QCOMPARE(registrar.renew(tokenOf(two), second, m_t0.addDays(31)).code, QLatin1String(refusal::kDeviceBlocked));
        const auto fresh = tokens.issueAt(60, m_t0);
        QCOMPARE(registerBulk(registrar, second, fresh->token, m_t0).code, QLatin1String(refusal::kDeviceBlocked));
        QVERIFY(devices.unblock({two.deviceId}));
        QVERIFY(!registrar.whoami(tokenOf(two), second, m_t0).refused());
        // an unknown GUID changes nothing
        QVERIFY(!devices.block({two.deviceId, QStringLiteral("01234567-89ab-cdef-0123-456789abcdef")}));
        QVERIFY(!registrar.whoami(tokenOf(two), second, m_t0).refused());
        // bad options are refused before anything is written
        QVERIFY(!tokens.issueAt(60, m_t0, BulkTokenOptions{0, {}}));
        QVERIFY(!tokens.issueAt(60, m_t0, BulkTokenOptions{std::nullopt, QStringLiteral("")}));
    }

    // Group commit: changes prepared (and signed) ahead, applied together by the
    // committer's own connection, each answered only once its commit is there
    // for any other connection to read; a refused one is rolled back alone.
    void groupCommit()
    {
        TokenService tokens(*m_site);
        Registrar registrar(*m_site, {});
        GroupCommitter committer(m_site->folder(), {});
        QVERIFY(committer.start());
        const auto bulk = tokens.issueAt(60, m_t0, BulkTokenOptions{3, QStringLiteral("three")});
        QVERIFY(bulk);
        std::vector<Prepared> prepared;
        for (int i = 0; i < 5; ++i)
            prepared.push_back(
                registrar.prepareRegistration(Listener::Internet, QStringLiteral("group%1").arg(i), &bulk->token,
                                              deviceCertificate(QStringLiteral("g%1").arg(i), m_t0), m_t0));
        std::latch answered(5);
        std::atomic<int> created{0}, limited{0}, unseen{0};
        const QString folder = m_site->folder();
        QList<MpAnswer> answers;
        std::mutex answersMutex;
        for (Prepared &p : prepared) {
            QVERIFY(p.apply); // nothing answered before the write lock
            committer.submit(std::move(p), [&](MpAnswer a) {
                if (a.code == QLatin1String(refusal::kUsageLimitReached)) {
                    ++limited;
                } else if (a.outcome == MpAnswer::Outcome::Created) {
                    ++created;
                    // Answered after the commit: a new connection reads the device.
                    auto other = Site::open(folder);
                    auto device = other ? DeviceStore((*other)->database()).findByGuid(a.deviceId)
                                        : Result<std::optional<DeviceRecord>>(Error{QStringLiteral("no site")});
                    if (!device || !*device)
                        ++unseen;
                }
                std::lock_guard lock(answersMutex);
                answers << a;
                answered.count_down();
            });
        }
        answered.wait();
        QCOMPARE(created.load(), 3);
        QCOMPARE(limited.load(), 2);
        QCOMPARE(unseen.load(), 0);
        auto record = m_site->store().findToken(bulk->guid);
        QCOMPARE(DeviceStore(m_site->database()).usage((*record)->id)->registrations, 3);
        QVERIFY(committer.batches() >= 1 && committer.batches() <= committer.changes());

        // A renewal signed ahead, then the device is blocked: refused under the
        // lock, and its token is neither recorded nor answered.
        MpAnswer first;
        for (const MpAnswer &a : answers)
            if (a.outcome == MpAnswer::Outcome::Created)
                first = a;
        auto device = DeviceStore(m_site->database()).findByGuid(first.deviceId);
        QVERIFY(device && *device);
        const auto before = DeviceStore(m_site->database()).clientTokens((*device)->id);
        // (the certificate of that device is needed to prepare its renewal)
        const Certificate cert = deviceCertificate(QStringLiteral("renewal"), m_t0);
        const MpAnswer fresh = registerBulk(registrar, cert, tokens.issueAt(60, m_t0)->token, m_t0);
        QVERIFY(!fresh.refused());
        Prepared renewal = registrar.prepareRenewal(tokenOf(fresh), cert, m_t0.addDays(31));
        QVERIFY(renewal.apply);
        DeviceService devices(*m_site);
        QVERIFY(devices.block({fresh.deviceId}, QStringLiteral("lost")));
        std::latch renewed(1);
        MpAnswer renewAnswer;
        committer.submit(std::move(renewal), [&](MpAnswer a) {
            renewAnswer = a;
            renewed.count_down();
        });
        renewed.wait();
        QCOMPARE(renewAnswer.code, QLatin1String(refusal::kDeviceBlocked));
        QVERIFY(renewAnswer.body.isEmpty());
        auto freshDevice = DeviceStore(m_site->database()).findByGuid(fresh.deviceId);
        QCOMPARE(DeviceStore(m_site->database()).clientTokens((*freshDevice)->id)->size(), 1);
        QCOMPARE(DeviceStore(m_site->database()).clientTokens((*device)->id)->size(), before->size());
        committer.stop();
    }

    void internalApproval()
    {
        Registrar manual(*m_site, {});
        Registrar automatic(*m_site, Registrar::Options{true, QStringLiteral("management point")});
        const Certificate desk = deviceCertificate(QStringLiteral("desk"), m_t0);
        QCOMPARE(manual.registerDevice(Listener::Internet, QStringLiteral("desk"), nullptr, desk, m_t0).code,
                 QLatin1String(refusal::kBulkTokenRequired));
        const MpAnswer pending = manual.registerDevice(Listener::Intranet, QStringLiteral("desk"), nullptr, desk, m_t0);
        QCOMPARE(int(pending.outcome), int(MpAnswer::Outcome::Accepted));
        QCOMPARE(int(manual.registrationStatus(pending.deviceId, desk, m_t0).outcome),
                 int(MpAnswer::Outcome::Accepted));
        // another certificate learns nothing
        QCOMPARE(manual.registrationStatus(pending.deviceId, deviceCertificate(QStringLiteral("x"), m_t0), m_t0).code,
                 QLatin1String(refusal::kDeviceUnknown));
        QVERIFY(DeviceService(*m_site).approve({pending.deviceId}));
        const MpAnswer approved = manual.registrationStatus(pending.deviceId, desk, m_t0);
        QCOMPARE(int(approved.outcome), int(MpAnswer::Outcome::Ok));
        QVERIFY(!manual.whoami(tokenOf(approved), desk, m_t0).refused());

        const MpAnswer at_once = automatic.registerDevice(Listener::Intranet, QStringLiteral("desk2"), nullptr,
                                                          deviceCertificate(QStringLiteral("desk2"), m_t0), m_t0);
        QCOMPARE(int(at_once.outcome), int(MpAnswer::Outcome::Created));
        // bad names
        QCOMPARE(automatic.registerDevice(Listener::Intranet, QStringLiteral(" "), nullptr, desk, m_t0).code,
                 QLatin1String(refusal::kBadRequest));
        QCOMPARE(automatic.registerDevice(Listener::Intranet, QStringLiteral("a\nb"), nullptr, desk, m_t0).code,
                 QLatin1String(refusal::kBadRequest));
    }

    void renewedSigningCertificateSendsDevicesBack()
    {
        TokenService tokens(*m_site);
        Registrar registrar(*m_site, {});
        const Certificate cert = deviceCertificate(QStringLiteral("r"), m_t0);
        const MpAnswer first = registerBulk(registrar, cert, tokens.issueAt(60, m_t0)->token, m_t0);
        QVERIFY(tokens.renewSigningCertificate());
        QCOMPARE(registrar.whoami(tokenOf(first), cert, m_t0).code, QStringLiteral("signing-certificate-renewed"));
        QCOMPARE(registrar.renew(tokenOf(first), cert, m_t0.addDays(31)).code,
                 QStringLiteral("signing-certificate-renewed"));
        auto listed = DeviceService(*m_site).find(first.deviceId, m_t0);
        QCOMPARE(int((*listed)->status), int(DeviceStatus::MustReregister));
        const MpAnswer again = registerBulk(registrar, cert, tokens.issueAt(60, m_t0)->token, m_t0);
        QCOMPARE(again.deviceId, first.deviceId);
        QVERIFY(!registrar.whoami(tokenOf(again), cert, m_t0).refused());
    }

    void noTokenIsStored()
    {
        // Every client token issued above: none of them is anywhere in the database.
        Registrar registrar(*m_site, Registrar::Options{true, QStringLiteral("management point")});
        const MpAnswer a = registrar.registerDevice(Listener::Intranet, QStringLiteral("s"), nullptr,
                                                    deviceCertificate(QStringLiteral("s"), m_t0), m_t0);
        const QByteArray token = tokenOf(a);
        QVERIFY(!token.isEmpty());
        QVERIFY(m_site->database().checkpoint());
        QFile db(m_site->databasePath());
        QVERIFY(db.open(QIODevice::ReadOnly));
        const QByteArray bytes = db.readAll();
        QVERIFY(!bytes.contains(token.split('.').at(2)));
        QVERIFY(!bytes.contains(token.split('.').at(1)));
        QVERIFY(bytes.contains(a.deviceId.toLatin1())); // the metadata is there: the search is real
    }
};

QTEST_GUILESS_MAIN(TestRegistrar)
#include "tst_registrar.moc"
