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

Result<Registrar::SignedToken> Registrar::signClientToken(const QString &deviceGuid, const QString &thumbprint,
                                                          const QDateTime &now)
{
    auto signer = m_signer.current();
    if (!signer)
        return signer.takeError();
    const TokenSigner &current = **signer;
    clienttoken::Claims claims;
    claims.tenantId = m_site.tenantId();
    claims.uniqueId = newGuid();
    claims.deviceId = deviceGuid;
    claims.certificateThumbprint = thumbprint.toLatin1();
    claims.notBefore = now.toSecsSinceEpoch();
    claims.expires = claims.notBefore + kClientTokenLifetimeSeconds;
    auto token = jws::signRs256(bulktoken::headerJson(current.stored.certificate.x5t()),
                                clienttoken::payloadJson(claims), current.key);
    if (!token)
        return token.takeError();
    SignedToken out;
    out.deviceGuid = deviceGuid;
    out.record.guid = claims.uniqueId;
    out.record.notBefore = fromUnix(claims.notBefore);
    out.record.notAfter = fromUnix(claims.expires);
    out.record.signerThumbprint = current.stored.certificate.thumbprint();
    out.token = std::move(token).value();
    return out;
}

Status Registrar::issueClientToken(const DeviceRecord &device, const QString &thumbprint, bool renewal,
                                   const QDateTime &now, qint64 revision, const std::optional<SignedToken> &ahead,
                                   QJsonObject *body)
{
    auto signer = m_signer.current();
    if (!signer)
        return signer.takeError();
    std::optional<SignedToken> token = ahead;
    // Signed for another device (the same certificate registered meanwhile) or by
    // a signing certificate renewed meanwhile: signed again, here.
    if (!token || token->deviceGuid != device.guid
        || token->record.signerThumbprint != (*signer)->stored.certificate.thumbprint()) {
        auto fresh = signClientToken(device.guid, thumbprint, now);
        if (!fresh)
            return fresh.takeError();
        token = std::move(fresh).value();
    }
    ClientTokenRecord record = token->record;
    record.deviceId = device.id;
    if (auto done = m_devices.recordClientToken(record, renewal, revision); !done)
        return done;
    *body = tokenAnswer(device.guid, token->token, record.notBefore, record.notAfter);
    return {};
}

namespace {

Prepared answered(MpAnswer answer)
{
    Prepared p;
    p.answer = std::move(answer);
    return p;
}

MpAnswer blockedDevice(const QString &guid)
{
    return MpAnswer::refuse(QLatin1String(refusal::kDeviceBlocked),
                            QStringLiteral("This device has been blocked by an administrator."), guid);
}

} // namespace

MpAnswer Registrar::commitAlone(Prepared prepared)
{
    if (!prepared.apply)
        return prepared.answer;
    MpAnswer a;
    {
        WriteTransaction tx(m_site.database());
        if (!tx.status()) {
            a = failure(tx.status().takeError());
        } else {
            a = prepared.apply(*this, tx.revision());
            if (!a.refused()) // else the transaction rolls back
                if (auto done = tx.commit(); !done)
                    a = failure(done.takeError(), a.deviceId);
        }
    }
    // An answer that does not wait for its change does not depend on it either.
    return prepared.answerAtOnce ? prepared.answer : a;
}

MpAnswer Registrar::registerDevice(Listener listener, const QString &deviceName, const QByteArray *bulkToken,
                                   const Certificate &certificate, const QDateTime &now)
{
    return commitAlone(prepareRegistration(listener, deviceName, bulkToken, certificate, now));
}

MpAnswer Registrar::registrationStatus(const QString &deviceId, const Certificate &certificate, const QDateTime &now)
{
    return commitAlone(prepareRegistrationStatus(deviceId, certificate, now));
}

MpAnswer Registrar::whoami(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now)
{
    return commitAlone(prepareWhoami(bearer, certificate, now));
}

MpAnswer Registrar::renew(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now)
{
    return commitAlone(prepareRenewal(bearer, certificate, now));
}

Prepared Registrar::prepareRegistration(Listener listener, const QString &deviceName, const QByteArray *bulkToken,
                                        const Certificate &certificate, const QDateTime &now)
{
    if (MpAnswer checked = checkCertificate(certificate, now); checked.refused())
        return answered(checked);
    if (const QString problem = nameProblem(deviceName); !problem.isEmpty())
        return answered(MpAnswer::refuse(QLatin1String(refusal::kBadRequest), problem));
    if (!bulkToken && listener == Listener::Internet)
        return answered(MpAnswer::refuse(QLatin1String(refusal::kBulkTokenRequired),
                                         QStringLiteral("A device registering through the internet must present a "
                                                        "bulk registration token.")));
    auto plan = std::make_shared<RegistrationPlan>();
    plan->withBulkToken = bulkToken != nullptr;
    if (bulkToken) {
        // The same entry point as `bulkregtoken verify`.
        const VerifyResult verified = m_verifier.verify(*bulkToken, now);
        if (!verified.valid())
            return answered(verificationRefusal(verified, "bulk registration token"));
        plan->via = verified.guid;
    }
    plan->deviceName = deviceName.trimmed();
    plan->thumbprint = QString::fromLatin1(certificate.x5tS256());
    plan->now = now;
    // Who the device is decides the GUID in its token: looked up now, and again
    // under the write lock (where a token for another GUID is signed again).
    auto seen = m_devices.findByThumbprint(plan->thumbprint);
    if (!seen)
        return answered(failure(seen.takeError()));
    if (*seen && (*seen)->blocked())
        return answered(blockedDevice((*seen)->guid));
    plan->newDeviceGuid = newGuid();
    const QString guid = *seen ? (*seen)->guid : plan->newDeviceGuid;
    const bool approved = bulkToken || m_options.autoApprove || (*seen && !(*seen)->pendingApproval);
    if (approved) {
        auto token = signClientToken(guid, plan->thumbprint, now);
        if (!token)
            return answered(failure(token.takeError(), guid));
        plan->token = std::move(token).value();
    }
    Prepared p;
    p.apply = [plan](Registrar &writer, qint64 revision) { return writer.applyRegistration(*plan, revision); };
    return p;
}

MpAnswer Registrar::applyRegistration(const RegistrationPlan &plan, qint64 revision)
{
    const QDateTime &now = plan.now;
    auto existing = m_devices.findByThumbprint(plan.thumbprint);
    if (!existing)
        return failure(existing.takeError());
    if (*existing && (*existing)->blocked())
        return blockedDevice((*existing)->guid);
    if (plan.withBulkToken) {
        // Read again under the write lock: a block committed since the
        // verification is honoured, and the usage count is exact.
        auto token = m_site.store().findToken(plan.via);
        if (!token)
            return failure(token.takeError());
        if (!*token)
            return MpAnswer::refuse(reasonCode(VerifyReason::UnknownToken),
                                    reasonDescription(VerifyReason::UnknownToken));
        if ((*token)->state == CredentialState::Blocked)
            return MpAnswer::refuse(reasonCode(VerifyReason::Blocked), reasonDescription(VerifyReason::Blocked));
        auto counted = m_devices.countRegistration((*token)->id, now, revision);
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
        device.guid = plan.newDeviceGuid;
        device.certificateThumbprint = plan.thumbprint;
        device.registeredAt = now;
        device.registeredVia = plan.via; // how it first came; a later registration keeps it
        device.pendingApproval = true;
    }
    device.name = plan.deviceName;
    // A bulk token is the administrator's approval given in advance; an
    // internal-network device waits for one unless --approval auto.
    if (device.pendingApproval && (plan.withBulkToken || m_options.autoApprove)) {
        device.pendingApproval = false;
        device.approvedAt = now;
        device.approvedBy
            = plan.withBulkToken ? QStringLiteral("bulk token %1").arg(plan.via) : QStringLiteral("automatic approval");
    }
    const Status stored
        = *existing ? m_devices.updateRegistration(device, revision) : m_devices.insert(device, revision);
    if (!stored)
        return failure(stored.takeError(), device.guid);
    const QString how = plan.withBulkToken ? QStringLiteral("with bulk token %1").arg(plan.via)
                                           : QStringLiteral("on the internal network");
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
    if (device.pendingApproval)
        return answer(MpAnswer::Outcome::Accepted, pendingAnswer(device.guid), device.guid);
    QJsonObject body;
    if (auto done = issueClientToken(device, plan.thumbprint, false, now, revision, plan.token, &body); !done)
        return failure(done.takeError(), device.guid);
    return answer(MpAnswer::Outcome::Created, body, device.guid);
}

// The answer to a device asking again, unless it is an approved device that
// gets its token: unknown (also for another certificate, which learns nothing
// of the device, not even that it exists), blocked, or still pending.
std::optional<MpAnswer> Registrar::statusWithoutToken(const QString &guid, const QString &thumbprint,
                                                      std::optional<DeviceRecord> *device) const
{
    if (!guid.isEmpty()) {
        auto found = m_devices.findByGuid(guid);
        if (!found)
            return failure(found.takeError());
        *device = std::move(found).value();
    }
    if (!*device || (*device)->certificateThumbprint != thumbprint)
        return MpAnswer::refuse(QLatin1String(refusal::kDeviceUnknown),
                                QStringLiteral("No device with this ID registered with this certificate."));
    if ((*device)->blocked())
        return blockedDevice(guid);
    if ((*device)->pendingApproval)
        return answer(MpAnswer::Outcome::Accepted, pendingAnswer(guid), guid);
    return std::nullopt;
}

Prepared Registrar::prepareRegistrationStatus(const QString &deviceId, const Certificate &certificate,
                                              const QDateTime &now)
{
    if (MpAnswer checked = checkCertificate(certificate, now); checked.refused())
        return answered(checked);
    const QString thumbprint = QString::fromLatin1(certificate.x5tS256());
    const QString guid = canonicalGuid(deviceId);
    // Refusals and "still pending" are answered from this read; only an
    // approved device's token is issued under the write lock.
    std::optional<DeviceRecord> device;
    if (auto early = statusWithoutToken(guid, thumbprint, &device))
        return answered(*early);
    auto token = signClientToken(guid, thumbprint, now);
    if (!token)
        return answered(failure(token.takeError(), guid));
    Prepared p;
    p.apply = [guid, thumbprint, now,
               signedToken = std::optional<SignedToken>(std::move(token).value())](Registrar &writer, qint64 revision) {
        return writer.applyRegistrationStatus(guid, thumbprint, now, signedToken, revision);
    };
    return p;
}

MpAnswer Registrar::applyRegistrationStatus(const QString &guid, const QString &thumbprint, const QDateTime &now,
                                            const std::optional<SignedToken> &token, qint64 revision)
{
    // Read again under the write lock: blocked or unapproved since is honoured.
    std::optional<DeviceRecord> device;
    if (auto early = statusWithoutToken(guid, thumbprint, &device))
        return *early;
    QJsonObject body;
    if (auto done = issueClientToken(*device, thumbprint, false, now, revision, token, &body); !done)
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
        return blockedDevice((*device)->guid);
    return Authenticated{**device, token};
}

Prepared Registrar::prepareWhoami(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now)
{
    auto checked = authenticate(bearer, certificate, now);
    if (auto *refused = std::get_if<MpAnswer>(&checked))
        return answered(*refused);
    const Authenticated &a = std::get<Authenticated>(checked);
    Prepared p;
    p.answer = answer(
        MpAnswer::Outcome::Ok,
        QJsonObject{{QStringLiteral("deviceId"), a.device.guid},
                    {QStringLiteral("deviceName"), a.device.name},
                    {QStringLiteral("notAfter"), isoUtc(a.token.notAfter)},
                    {QStringLiteral("renewAfter"), isoUtc(a.token.notBefore.addSecs(kClientTokenRenewAfterSeconds))}},
        a.device.guid);
    // The last-seen time is written at most every kLastSeenIntervalSeconds, and
    // the answer does not wait for it: most requests write nothing at all.
    if (!a.device.lastSeenAt.isValid() || a.device.lastSeenAt.secsTo(now) >= kLastSeenIntervalSeconds) {
        p.answerAtOnce = true;
        p.apply = [id = a.device.id, guid = a.device.guid, now](Registrar &writer, qint64) {
            if (auto done = writer.m_devices.touchLastSeen(id, now); !done)
                return writer.failure(done.takeError(), guid);
            return answer(MpAnswer::Outcome::Ok, {}, guid);
        };
    }
    return p;
}

Prepared Registrar::prepareRenewal(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now)
{
    auto checked = authenticate(bearer, certificate, now);
    if (auto *refused = std::get_if<MpAnswer>(&checked))
        return answered(*refused);
    const Authenticated &a = std::get<Authenticated>(checked);
    const QDateTime renewAfter = a.token.notBefore.addSecs(kClientTokenRenewAfterSeconds);
    if (now < renewAfter)
        return answered(MpAnswer::refuse(
            QLatin1String(refusal::kTooEarly),
            QStringLiteral("The client token can be renewed from %1.").arg(isoUtc(renewAfter)), a.device.guid));
    const QString thumbprint = QString::fromLatin1(certificate.x5tS256());
    auto token = signClientToken(a.device.guid, thumbprint, now);
    if (!token)
        return answered(failure(token.takeError(), a.device.guid));
    Prepared p;
    p.apply = [guid = a.device.guid, thumbprint, now,
               signedToken = std::optional<SignedToken>(std::move(token).value())](Registrar &writer, qint64 revision) {
        return writer.applyRenewal(guid, thumbprint, now, signedToken, revision);
    };
    return p;
}

MpAnswer Registrar::applyRenewal(const QString &deviceGuid, const QString &thumbprint, const QDateTime &now,
                                 const std::optional<SignedToken> &token, qint64 revision)
{
    // Blocked since the check? The write lock makes the answer exact.
    auto device = m_devices.findByGuid(deviceGuid);
    if (!device)
        return failure(device.takeError(), deviceGuid);
    if (!*device || (*device)->blocked())
        return blockedDevice(deviceGuid);
    QJsonObject body;
    if (auto done = issueClientToken(**device, thumbprint, true, now, revision, token, &body); !done)
        return failure(done.takeError(), deviceGuid);
    return answer(MpAnswer::Outcome::Ok, body, deviceGuid);
}

} // namespace tc
