// The management point's request handler without sockets (what the server
// hands it after parsing HTTP), against a real site made at fuzzer start:
// a bulk token, a registered device with its client token, a pending one.
//
// Input: one mode byte, then "METHOD\nTARGET\nAUTHORIZATION\nCONTENT-TYPE\nBODY"
// in which $BULK $CLIENT $DEVICE $PENDING are replaced by this site's values.
// Mode bits 0-1 choose the client certificate (none, the device's, another
// device's, an RSA key past its validity), bit 2 the listener, bits 3-7 the
// time (in days after issuing).
//
// Oracle: every answer is a JSON object (but /metrics), a refusal has an error
// code and a sentence and the status of its code, no answer ever carries the
// bulk token, and a client token is only ever handed out with a 200 or 201.
#include "metrics.h"
#include "registrar.h"
#include "requesthandler.h"
#include "site.h"
#include "tokenservice.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace {

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<tc::Site> site;
    std::unique_ptr<tc::Registrar> registrar;
    tc::mp::Metrics metrics;
    tc::Certificate certificates[4]; // none, the device's, another device's, an expired one
    QDateTime t0;
    QList<QPair<QByteArray, QByteArray>> placeholders;
    QByteArray bulk;
};

Fixture *fixture = nullptr;

[[noreturn]] void die(const char *why, const std::string &detail = {})
{
    fprintf(stderr, "fuzz_mprequest: %s %s\n", why, detail.c_str());
    abort();
}

tc::Certificate deviceCertificate(const QString &name, const QDateTime &from, int days)
{
    auto key = tc::PrivateKey::generateRsa(2048);
    tc::CertificateProfile profile;
    profile.commonName = name;
    profile.notBefore = from.addSecs(-3600);
    profile.notAfter = from.addDays(days);
    auto cert = tc::pki::createSelfSigned(profile, *key);
    if (!cert)
        die("certificate");
    return *cert;
}

void destroyFixture()
{
    delete fixture;
    fixture = nullptr;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    fixture = new Fixture;
    Fixture &f = *fixture;
    auto site = tc::Site::create(f.dir.filePath(QStringLiteral("site")), QStringLiteral("FUZ"));
    if (!site)
        die("site", site.error().toStdString());
    f.site = std::move(site).value();
    f.t0 = tc::fromUnix(1800000000);
    f.registrar = std::make_unique<tc::Registrar>(*f.site, tc::Registrar::Options{});
    f.certificates[1] = deviceCertificate(QStringLiteral("device"), f.t0, 3650);
    f.certificates[2] = deviceCertificate(QStringLiteral("other"), f.t0, 3650);
    f.certificates[3] = deviceCertificate(QStringLiteral("old"), f.t0, 1);
    tc::TokenService service(*f.site);
    auto bulk = service.issueAt(60, f.t0);
    if (!bulk)
        die("bulk token");
    f.bulk = bulk->token;
    const tc::MpAnswer registered = f.registrar->registerDevice(tc::Listener::Internet, QStringLiteral("device"),
                                                                &f.bulk, f.certificates[1], f.t0);
    if (registered.refused())
        die("register", registered.message.toStdString());
    const tc::MpAnswer pending = f.registrar->registerDevice(tc::Listener::Intranet, QStringLiteral("pending"), nullptr,
                                                             f.certificates[2], f.t0);
    f.placeholders = {
        {"$BULK", f.bulk},
        {"$CLIENT", registered.body.value(QLatin1String("clientToken")).toString().toLatin1()},
        {"$DEVICE", registered.deviceId.toLatin1()},
        {"$PENDING", pending.deviceId.toLatin1()},
    };
    atexit(destroyFixture);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 70 * 1024)
        return 0;
    Fixture &f = *fixture;
    const uint8_t mode = data[0];
    QByteArray text(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    if (text.contains('$'))
        for (const auto &p : f.placeholders)
            text.replace(p.first, p.second);
    const QList<QByteArray> lines = text.split('\n');
    tc::http::Request request;
    request.method = lines.value(0).toStdString();
    request.target = lines.value(1).toStdString();
    request.authorization = lines.value(2).toStdString();
    request.contentType = lines.value(3).toStdString();
    if (lines.size() > 4) {
        qsizetype at = 0;
        for (int i = 0; i < 4; ++i)
            at = text.indexOf('\n', at) + 1;
        request.body = text.sliced(at).toStdString();
    }
    request.clientCertificate = f.certificates[mode & 3];
    const tc::Listener listener = (mode & 4) ? tc::Listener::Intranet : tc::Listener::Internet;
    request.listener = listener == tc::Listener::Internet ? 0 : 1;
    const QDateTime now = f.t0.addDays(mode >> 3);
    const bool withRegistrar = tc::mp::needsRegistrar(request, listener);
    const tc::http::Response response
        = tc::mp::handle(request, listener, withRegistrar ? f.registrar.get() : nullptr, now, f.metrics);

    static const bool trace = qEnvironmentVariableIsSet("FUZZ_MPREQUEST_TRACE");
    if (trace)
        fprintf(stderr, "fuzz_mprequest: %d %s\n", response.status, response.code.c_str());
    if (response.body.find(f.bulk.toStdString()) != std::string::npos)
        die("an answer carries the bulk token");
    if (tc::mp::routeOf(request.target) == "/metrics" && response.status == 200)
        return 0;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(response.body), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        die("an answer that is not a JSON object", response.body);
    const QJsonObject o = doc.object();
    if (response.status >= 400) {
        const QString code = o.value(QLatin1String("error")).toString();
        if (code.isEmpty() || o.value(QLatin1String("message")).toString().isEmpty())
            die("a refusal without code or sentence", response.body);
        if (response.status != 405 && tc::mp::statusForCode(code) != response.status)
            die("a refusal with another status than its code's", response.body);
    } else if (o.contains(QLatin1String("clientToken")) && response.status != 200 && response.status != 201) {
        die("a client token handed out with another status", response.body);
    }
    return 0;
}
