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

    // POST /v1/registrations. On the internet listener a bulk token is required;
    // on the intranet one it is optional (none: internal-network registration).
    MpAnswer registerDevice(Listener listener, const QString &deviceName, const QByteArray *bulkToken,
                            const Certificate &certificate, const QDateTime &now);
    // GET /v1/registrations/{deviceId}: a pending device asking again.
    MpAnswer registrationStatus(const QString &deviceId, const Certificate &certificate, const QDateTime &now);
    // GET /v1/whoami with the bearer token.
    MpAnswer whoami(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now);
    // POST /v1/renewals with the bearer token.
    MpAnswer renew(QByteArrayView bearer, const Certificate &certificate, const QDateTime &now);

    // Loads the signing certificates and key now; an error says why the service
    // cannot issue tokens.
    Status prepare();

private:
    struct Authenticated
    {
        DeviceRecord device;
        ClientVerifyResult token;
    };
    MpAnswer checkCertificate(const Certificate &certificate, const QDateTime &now) const;
    // The bearer token checked and bound to the certificate, its record, and its device.
    std::variant<Authenticated, MpAnswer> authenticate(QByteArrayView bearer, const Certificate &certificate,
                                                       const QDateTime &now);
    // Signs a client token for the device and records it in tx; fills the answer's body.
    Status issueClientToken(const DeviceRecord &device, const QString &thumbprint, bool renewal, const QDateTime &now,
                            qint64 revision, QJsonObject *body);
    MpAnswer failure(const Error &error, const QString &deviceId = {}) const;

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
