#pragma once

#include "certificate.h"
#include "keys.h"
#include "result.h"

#include <QDateTime>
#include <QString>

namespace tc::device {

// What a device keeps in its state folder, as a real client keeps it: its key
// (device.key, 0600), its self-signed certificate (device.pem), its current
// client token (token, 0600) and what it learnt with it (state.json: device
// id, validity, the management point and root it registered with).
class DeviceState
{
public:
    static constexpr int kCertificateYears = 10;

    // Opens the folder, creating it (0700), the key and the certificate on first use.
    static Result<DeviceState> openOrCreate(const QString &folder, const QString &deviceName);

    const QString &folder() const { return m_folder; }
    QString keyFile() const;
    const Certificate &certificate() const { return m_certificate; }

    // What state.json holds.
    QString deviceId;
    QString status;          // "registered", "pending-approval", or empty
    QString managementPoint; // https://host:port
    QString caFile;
    QDateTime notBefore;
    QDateTime notAfter;
    QDateTime renewAfter;

    bool hasToken() const;
    Result<QByteArray> token() const;
    // Keeps a new client token (0600, written under a temporary name and renamed).
    Status saveToken(const QByteArray &token);
    Status save() const;

private:
    Status load();

    QString m_folder;
    Certificate m_certificate;
};

} // namespace tc::device
