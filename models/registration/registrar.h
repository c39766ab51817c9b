#pragma once

#include "certificate.h"
#include "device.h"
#include "devicestore.h"
#include "result.h"
#include "sitepki.h"
#include "siteverifier.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>
#include <variant>

namespace tc {

class Site;

// What the management point answers a device, before it becomes HTTP.
struct MpAnswer
{
    enum class Outcome {
        Ok,       // 200
        Created,  // 201: a new client token
        Accepted, // 202: pending approval
        Refused,  // code and message say why; the HTTP layer picks the status
    };
    Outcome outcome = Outcome::Refused;
    QString code;          // refusal code (refusal.h, or a verification reason), when refused
    QString message;       // one sentence, when refused
    QJsonObject body;      // the answer, when not refused
    QString deviceId;      // for the log line, once known
    QString internalError; // for the operator's log only (a database failure): never sent
    bool refused() const { return outcome == Outcome::Refused; }

    static MpAnswer refuse(const QString &code, const QString &message, const QString &deviceId = {});
};

class Registrar;

// What a request comes to before the write lock: an answer already (a refusal,
// or one that changes nothing), or a change to commit first. The change runs
// in a transaction on the writer's registrar (maybe with others: group
// commit); a refused answer from it means its writes are rolled back.
struct Prepared
{
    using Apply = std::function<MpAnswer(Registrar &writer, qint64 revision)>;
    MpAnswer answer; // the answer when apply is empty, or when answerAtOnce
    Apply apply;
    // The answer does not wait for the change (a last-seen time, say).
    bool answerAtOnce = false;
};

// Which listener a request came in on.
enum class Listener { Internet, Intranet };

// The management point's registration logic, with no sockets: a device's
// certificate (from its TLS connection, null when it sent none) and what it
// asked, in; an answer, out. Every change is committed before the answer is
// returned. Bound to the thread and connection of its Site.
class Registrar
{
public:
    struct Options
    {
        bool autoApprove = false;                           // internal-network registrations approved at once
        QString actor = QStringLiteral("management point"); // who the audit trail names
    };

    Registrar(Site &site, Options options);
    ~Registrar();

    // Each request in two steps: prepare...() does the reads, the checks and the
    // RS256 signature without the write lock; the change it returns is applied
    // under the lock, where every check that a concurrent change could upset is
    // made again. The four MpAnswer calls do both, in a transaction of their own.

    // POST /v1/registrations. On the internet listener a bulk token is required;
    // on the intranet one it is optional (none: internal-network registration).
    Prepared prepareRegistration(Listener listener, const QString &deviceName, const QByteArray *bulkToken,
                                 const Certificate &certificate, const QDateTime &now);
    // GET /v1/registrations/{deviceId}: a pending device asking again.
    Prepared prepareRegistrationStatus(const QString &deviceId, const Certificate &certificate, const QDateTime &now);
    // GET /v1/whoami with the bearer token.
    Prepared prepareWhoami(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now);
    // POST /v1/renewals with the bearer token.
    Prepared prepareRenewal(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now);

    MpAnswer registerDevice(Listener listener, const QString &deviceName, const QByteArray *bulkToken,
                            const Certificate &certificate, const QDateTime &now);
    MpAnswer registrationStatus(const QString &deviceId, const Certificate &certificate, const QDateTime &now);
    MpAnswer whoami(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now);
    MpAnswer renew(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now);

    // Applies a prepared change in a transaction of its own and commits it.
    MpAnswer commitAlone(Prepared prepared);
    // The refusal for a database that failed (503 unavailable; the error for the log only).
    MpAnswer failure(const Error &error, const QString &deviceId = {}) const;

    // Loads the signing certificates and key now; an error says why the service
    // cannot issue tokens.
    Status prepare();

private:
    struct Authenticated
    {
        DeviceRecord device;
        ClientVerifyResult token;
    };
    // A client token signed before the write lock, for the device it names.
    struct SignedToken
    {
        QString deviceGuid;
        ClientTokenRecord record; // deviceId is filled in when it is recorded
        QByteArray token;
    };
    struct RegistrationPlan
    {
        bool withBulkToken = false;
        QString via;
        QString deviceName;
        QString thumbprint;
        QString newDeviceGuid; // the GUID a new device gets
        QDateTime now;
        std::optional<SignedToken> token;
    };
    MpAnswer applyRegistration(const RegistrationPlan &plan, qint64 revision);
    std::optional<MpAnswer> statusWithoutToken(const QString &guid, const QString &thumbprint,
                                               std::optional<DeviceRecord> *device) const;
    MpAnswer applyRegistrationStatus(const QString &guid, const QString &thumbprint, const QDateTime &now,
                                     const std::optional<SignedToken> &token, qint64 revision);
    MpAnswer applyRenewal(const QString &deviceGuid, const QString &thumbprint, const QDateTime &now,
                          const std::optional<SignedToken> &token, qint64 revision);
    MpAnswer checkCertificate(const Certificate &certificate, const QDateTime &now) const;
    // The bearer token checked and bound to the certificate, its record, and its device.
    std::variant<Authenticated, MpAnswer> authenticate(QByteArrayView bearer, const Certificate &certificate,
                                                       const QDateTime &now);
    Result<SignedToken> signClientToken(const QString &deviceGuid, const QString &thumbprint, const QDateTime &now);
    // Records a client token for the device (the one signed ahead when it still
    // fits: same device, current signer; else a new one) and fills the body.
    Status issueClientToken(const DeviceRecord &device, const QString &thumbprint, bool renewal, const QDateTime &now,
                            qint64 revision, const std::optional<SignedToken> &ahead, QJsonObject *body);

    Site &m_site;
    Options m_options;
    SiteVerifier m_verifier;
    SignerCache m_signer;
    DeviceStore m_devices;
    // Client certificates (by x5t#S256, the SHA-256 of their DER) that passed
    // every check: a device's next request checks only the validity period
    // again, not the self-signature. Bounded; emptied when full.
    mutable QHash<QByteArray, std::pair<QDateTime, QDateTime>> m_checkedCertificates;
};

} // namespace tc
