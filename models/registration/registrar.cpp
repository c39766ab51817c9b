#include "registrar.h"

#include "bulktoken.h"
#include "clienttoken.h"
#include "jws.h"
#include "refusal.h"
#include "site.h"

#include <QRandomGenerator>

namespace tc {

namespace {

QJsonObject tokenAnswer(const QString &deviceGuid, const QByteArray &token, const QDateTime &notBefore,
                        const QDateTime &notAfter)
{
    return QJsonObject{
        {QStringLiteral("deviceId"), deviceGuid},
        {QStringLiteral("clientToken"), QString::fromLatin1(token)},
        {QStringLiteral("notBefore"), isoUtc(notBefore)},
        {QStringLiteral("notAfter"), isoUtc(notAfter)},
        {QStringLiteral("renewAfter"), isoUtc(notBefore.addSecs(kClientTokenRenewAfterSeconds))},
    };
}

QJsonObject pendingAnswer(const QString &deviceGuid)
{
    return QJsonObject{{QStringLiteral("deviceId"), deviceGuid},
                       {QStringLiteral("status"), QStringLiteral("pending-approval")}};
}

QString newGuid()
{
    quint32 random[3];
    QRandomGenerator::system()->fillRange(random);
    return QString::fromLatin1(bulktoken::newGuid(QDateTime::currentMSecsSinceEpoch(), random));
}

// A device name as given: one line of printable text, at most kMaxDeviceNameLength.
QString nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("The device name is empty.");
    if (name.size() > kMaxDeviceNameLength)
        return QStringLiteral("The device name is longer than %1 characters.").arg(kMaxDeviceNameLength);
    for (QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return QStringLiteral("The device name contains a control character.");
    }
    return {};
}

MpAnswer answer(MpAnswer::Outcome outcome, QJsonObject body, const QString &deviceId)
{
    MpAnswer a;
    a.outcome = outcome;
    a.body = std::move(body);
    a.deviceId = deviceId;
    return a;
}

MpAnswer verificationRefusal(const VerifyResult &result, const char *expected)
{
    QString message = reasonDescription(result.reason);
    if (result.reason == VerifyReason::WrongType)
        message = QStringLiteral("The token is not a %1.").arg(QLatin1String(expected));
    return MpAnswer::refuse(reasonCode(result.reason), message);
}

} // namespace

MpAnswer MpAnswer::refuse(const QString &code, const QString &message, const QString &deviceId)
{
    MpAnswer a;
    a.code = code;
    a.message = message;
    a.deviceId = deviceId;
    return a;
}

Registrar::Registrar(Site &site, Options options)
    : m_site(site), m_options(std::move(options)), m_verifier(site), m_signer(site), m_devices(site.database())
{ }

Registrar::~Registrar() = default;

Status Registrar::prepare()
{
    if (auto ready = m_verifier.prepare(); !ready)
        return ready;
    auto signer = m_signer.current();
    if (!signer)
        return signer.takeError();
    return {};
}

MpAnswer Registrar::failure(const Error &error, const QString &deviceId) const
{
    MpAnswer a = MpAnswer::refuse(QLatin1String(refusal::kUnavailable),
                                  QStringLiteral("The management point cannot use its site database right now; "
                                                 "try again shortly."),
                                  deviceId);
    a.internalError = error.message;
    return a;
}

MpAnswer Registrar::checkCertificate(const Certificate &certificate, const QDateTime &now) const
{
    if (certificate.isNull())
        return MpAnswer::refuse(QLatin1String(refusal::kClientCertificateRequired),
                                QStringLiteral("The device presented no client certificate."));
    constexpr qsizetype kMaxCheckedCertificates = 20000;
    const QByteArray key = certificate.x5tS256();
    if (const auto seen = m_checkedCertificates.constFind(key);
        seen != m_checkedCertificates.cend() && now >= seen->first && now < seen->second)
        return answer(MpAnswer::Outcome::Ok, {}, {});
    if (const QString problem = certificate.deviceCertificateProblem(now); !problem.isEmpty())
        return MpAnswer::refuse(QLatin1String(refusal::kClientCertificateInvalid), problem);
    if (m_checkedCertificates.size() >= kMaxCheckedCertificates)
        m_checkedCertificates.clear();
    m_checkedCertificates.insert(key, {certificate.notBefore(), certificate.notAfter()});
    return answer(MpAnswer::Outcome::Ok, {}, {});
}

Status Registrar::issueClientToken(const DeviceRecord &device, const QString &thumbprint, bool renewal,
                                   const QDateTime &now, qint64 revision, QJsonObject *body)
{
    auto signer = m_signer.current();
    if (!signer)
        return signer.takeError();
    const TokenSigner &current = **signer;
    clienttoken::Claims claims;
    claims.tenantId = m_site.tenantId();
    claims.uniqueId = newGuid();
    claims.deviceId = device.guid;
    claims.certificateThumbprint = thumbprint.toLatin1();
    claims.notBefore = now.toSecsSinceEpoch();
    claims.expires = claims.notBefore + kClientTokenLifetimeSeconds;
    auto token = jws::signRs256(bulktoken::headerJson(current.stored.certificate.x5t()),
                                clienttoken::payloadJson(claims), current.key);
    if (!token)
        return token.takeError();
    ClientTokenRecord record;
    record.guid = claims.uniqueId;
    record.deviceId = device.id;
    record.notBefore = fromUnix(claims.notBefore);
    record.notAfter = fromUnix(claims.expires);
    record.signerThumbprint = current.stored.certificate.thumbprint();
    if (auto done = m_devices.recordClientToken(record, renewal, revision); !done)
        return done;
    *body = tokenAnswer(device.guid, *token, record.notBefore, record.notAfter);
    return {};
}

MpAnswer Registrar::registerDevice(Listener listener, const QString &deviceName, const QByteArray *bulkToken,
                                   const Certificate &certificate, const QDateTime &now)
{
    if (MpAnswer checked = checkCertificate(certificate, now); checked.refused())
        return checked;
    if (const QString problem = nameProblem(deviceName); !problem.isEmpty())
        return MpAnswer::refuse(QLatin1String(refusal::kBadRequest), problem);
    if (!bulkToken && listener == Listener::Internet)
        return MpAnswer::refuse(QLatin1String(refusal::kBulkTokenRequired),
                                QStringLiteral("A device registering through the internet must present a bulk "
                                               "registration token."));
    QString via;
    if (bulkToken) {
        // The same entry point as `bulkregtoken verify`.
        const VerifyResult verified = m_verifier.verify(*bulkToken, now);
        if (!verified.valid())
            return verificationRefusal(verified, "bulk registration token");
        via = verified.guid;
    }
    const QString thumbprint = QString::fromLatin1(certificate.x5tS256());

    WriteTransaction tx(m_site.database());
    if (!tx.status())
        return failure(tx.status().takeError());
    auto existing = m_devices.findByThumbprint(thumbprint);
    if (!existing)
        return failure(existing.takeError());
    if (*existing && (*existing)->blocked())
        return MpAnswer::refuse(QLatin1String(refusal::kDeviceBlocked),
                                QStringLiteral("This device has been blocked by an administrator."), (*existing)->guid);
    if (bulkToken) {
        // Read again under the write lock: a block committed since the
        // verification above is honoured, and the usage count is exact.
        auto token = m_site.store().findToken(via);
        if (!token)
            return failure(token.takeError());
        if (!*token)
            return MpAnswer::refuse(reasonCode(VerifyReason::UnknownToken),
                                    reasonDescription(VerifyReason::UnknownToken));
        if ((*token)->state == CredentialState::Blocked)
            return MpAnswer::refuse(reasonCode(VerifyReason::Blocked), reasonDescription(VerifyReason::Blocked));
        auto counted = m_devices.countRegistration((*token)->id, now, tx.revision());
        if (!counted)
            return failure(counted.takeError());
        if (!*counted)
            return MpAnswer::refuse(QLatin1String(refusal::kUsageLimitReached),
                                    QStringLiteral("The bulk registration token has reached its usage limit."));
    }

    DeviceRecord device;
    if (*existing) {
        device = **existing;
    } else {
        device.guid = newGuid();
        device.certificateThumbprint = thumbprint;
        device.registeredAt = now;
        device.registeredVia = via; // how it first came; a later registration keeps it
        device.pendingApproval = true;
    }
    device.name = deviceName.trimmed();
    // A bulk token is the administrator's approval given in advance; an
    // internal-network device waits for one unless --approval auto.
    if (device.pendingApproval && (bulkToken || m_options.autoApprove)) {
        device.pendingApproval = false;
        device.approvedAt = now;
        device.approvedBy = bulkToken ? QStringLiteral("bulk token %1").arg(via) : QStringLiteral("automatic approval");
    }
    const Status stored
        = *existing ? m_devices.updateRegistration(device, tx.revision()) : m_devices.insert(device, tx.revision());
    if (!stored)
        return failure(stored.takeError(), device.guid);
    const QString how
        = bulkToken ? QStringLiteral("with bulk token %1").arg(via) : QStringLiteral("on the internal network");
    const AuditEvent event{
        0,
        now,
        m_options.actor,
        AuditAction::RegisterDevice,
        device.guid,
        QStringLiteral("\"%1\" %2%3")
            .arg(device.name, how, device.pendingApproval ? QStringLiteral(", pending approval") : QString())};
    if (auto done = m_site.store().addAudit(event); !done)
        return failure(done.takeError(), device.guid);
    if (device.pendingApproval) {
        if (auto done = tx.commit(); !done)
            return failure(done.takeError(), device.guid);
        return answer(MpAnswer::Outcome::Accepted, pendingAnswer(device.guid), device.guid);
    }
    QJsonObject body;
    if (auto done = issueClientToken(device, thumbprint, false, now, tx.revision(), &body); !done)
        return failure(done.takeError(), device.guid);
    if (auto done = tx.commit(); !done)
        return failure(done.takeError(), device.guid);
    return answer(MpAnswer::Outcome::Created, body, device.guid);
}

MpAnswer Registrar::registrationStatus(const QString &deviceId, const Certificate &certificate, const QDateTime &now)
{
    if (MpAnswer checked = checkCertificate(certificate, now); checked.refused())
        return checked;
    const QString thumbprint = QString::fromLatin1(certificate.x5tS256());
    const MpAnswer unknown
        = MpAnswer::refuse(QLatin1String(refusal::kDeviceUnknown),
                           QStringLiteral("No device with this ID registered with this certificate."));
    const QString guid = canonicalGuid(deviceId);
    if (guid.isEmpty())
        return unknown;
    WriteTransaction tx(m_site.database());
    if (!tx.status())
        return failure(tx.status().takeError());
    auto device = m_devices.findByGuid(guid);
    if (!device)
        return failure(device.takeError());
    // Another certificate learns nothing of the device, not even that it exists.
    if (!*device || (*device)->certificateThumbprint != thumbprint)
        return unknown;
    if ((*device)->blocked())
        return MpAnswer::refuse(QLatin1String(refusal::kDeviceBlocked),
                                QStringLiteral("This device has been blocked by an administrator."), guid);
    if ((*device)->pendingApproval)
        return answer(MpAnswer::Outcome::Accepted, pendingAnswer(guid), guid);
    QJsonObject body;
    if (auto done = issueClientToken(**device, thumbprint, false, now, tx.revision(), &body); !done)
        return failure(done.takeError(), guid);
    if (auto done = tx.commit(); !done)
        return failure(done.takeError(), guid);
    return answer(MpAnswer::Outcome::Ok, body, guid);
}

std::variant<Registrar::Authenticated, MpAnswer>
Registrar::authenticate(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now)
{
    if (MpAnswer checked = checkCertificate(certificate, now); checked.refused())
        return checked;
    if (bearer.isEmpty())
        return MpAnswer::refuse(QLatin1String(refusal::kMalformed),
                                QStringLiteral("No client token was given (Authorization: Bearer TOKEN)."));
    ClientVerifyResult token = m_verifier.verifyClient(bearer, now);
    if (!token.valid())
        return verificationRefusal(token, "client token");
    const QByteArray thumbprint = certificate.x5tS256();
    if (token.certificateThumbprint != thumbprint)
        return MpAnswer::refuse(QLatin1String(refusal::kCertificateMismatch),
                                QStringLiteral("The client token is bound to another device's certificate."));
    auto record = m_devices.findClientToken(token.guid);
    if (!record)
        return failure(record.takeError());
    auto device = m_devices.findByGuid(token.deviceId);
    if (!device)
        return failure(device.takeError());
    if (!*record || !*device || (*record)->deviceId != (*device)->id)
        return MpAnswer::refuse(reasonCode(VerifyReason::UnknownToken),
                                QStringLiteral("This site never issued a client token with this GUID."));
    if ((*device)->blocked())
        return MpAnswer::refuse(QLatin1String(refusal::kDeviceBlocked),
                                QStringLiteral("This device has been blocked by an administrator."), (*device)->guid);
    return Authenticated{**device, token};
}

MpAnswer Registrar::whoami(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now)
{
    auto checked = authenticate(bearer, certificate, now);
    if (auto *refused = std::get_if<MpAnswer>(&checked))
        return *refused;
    const Authenticated &a = std::get<Authenticated>(checked);
    if (auto done = m_devices.touchLastSeen(a.device.id, now); !done)
        return failure(done.takeError(), a.device.guid);
    return answer(
        MpAnswer::Outcome::Ok,
        QJsonObject{{QStringLiteral("deviceId"), a.device.guid},
                    {QStringLiteral("deviceName"), a.device.name},
                    {QStringLiteral("notAfter"), isoUtc(a.token.notAfter)},
                    {QStringLiteral("renewAfter"), isoUtc(a.token.notBefore.addSecs(kClientTokenRenewAfterSeconds))}},
        a.device.guid);
}

MpAnswer Registrar::renew(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now)
{
    auto checked = authenticate(bearer, certificate, now);
    if (auto *refused = std::get_if<MpAnswer>(&checked))
        return *refused;
    const Authenticated &a = std::get<Authenticated>(checked);
    const QDateTime renewAfter = a.token.notBefore.addSecs(kClientTokenRenewAfterSeconds);
    if (now < renewAfter)
        return MpAnswer::refuse(QLatin1String(refusal::kTooEarly),
                                QStringLiteral("The client token can be renewed from %1.").arg(isoUtc(renewAfter)),
                                a.device.guid);
    WriteTransaction tx(m_site.database());
    if (!tx.status())
        return failure(tx.status().takeError(), a.device.guid);
    // Blocked since the check above? The write lock makes the answer exact.
    auto device = m_devices.findByGuid(a.device.guid);
    if (!device)
        return failure(device.takeError(), a.device.guid);
    if (!*device || (*device)->blocked())
        return MpAnswer::refuse(QLatin1String(refusal::kDeviceBlocked),
                                QStringLiteral("This device has been blocked by an administrator."), a.device.guid);
    QJsonObject body;
    if (auto done
        = issueClientToken(**device, QString::fromLatin1(certificate.x5tS256()), true, now, tx.revision(), &body);
        !done)
        return failure(done.takeError(), a.device.guid);
    if (auto done = tx.commit(); !done)
        return failure(done.takeError(), a.device.guid);
    return answer(MpAnswer::Outcome::Ok, body, a.device.guid);
}

} // namespace tc
