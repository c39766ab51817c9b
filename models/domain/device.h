#pragma once

#include "records.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace tc {

// A device's client token lives 90 days and is renewed from day 30 on
// (DESIGN.md section 5).
inline constexpr qint64 kClientTokenLifetimeSeconds = 90 * 24 * 3600;
inline constexpr qint64 kClientTokenRenewAfterSeconds = 30 * 24 * 3600;
// A device's last-seen time is written at most this often.
inline constexpr qint64 kLastSeenIntervalSeconds = 15 * 60;
// The longest device name the management point keeps.
inline constexpr int kMaxDeviceNameLength = 255;

// What the Status column of the Devices list shows, in this order of precedence.
enum class DeviceStatus {
    Active,
    Blocked,
    PendingApproval,
    MustReregister, // its client token was signed by a superseded signing certificate
    TokenExpired,
};

// One registered device. The site never stores the device's client token,
// only what DeviceRecord and ClientTokenRecord hold.
struct DeviceRecord
{
    qint64 id = 0;
    QString guid; // lower case
    QString name;
    QString certificateThumbprint; // base64url SHA-256 of the device certificate (x5t#S256)
    QDateTime registeredAt;
    QString registeredVia; // bulk token GUID; empty: the internal network
    bool pendingApproval = false;
    QDateTime approvedAt;
    QString approvedBy;
    QDateTime blockedAt;
    QString blockedBy;
    QString blockReason;
    QDateTime lastSeenAt;
    int renewals = 0;
    QDateTime tokenNotAfter;       // expiry of its newest client token
    QString tokenSignerThumbprint; // the signing certificate of that token
    qint64 changeSeq = 0;

    bool blocked() const { return blockedAt.isValid(); }
    bool internal() const { return registeredVia.isEmpty(); }
    // currentSigner: the thumbprint of the site's current signing certificate.
    DeviceStatus statusAt(const QDateTime &now, const QString &currentSigner) const;
};

// The metadata of one client token (never the token).
struct ClientTokenRecord
{
    qint64 id = 0;
    QString guid; // the token's UniqueId
    qint64 deviceId = 0;
    QDateTime notBefore;
    QDateTime notAfter;
    QString signerThumbprint;
};

// How a bulk token has been used, and its limits.
struct BulkTokenUsage
{
    qint64 registrations = 0; // successful registrations only
    QDateTime lastUsedAt;
    std::optional<int> maxUses;
    QString description;
};

// A bulk token's optional usage limit and description, as given at creation.
struct BulkTokenOptions
{
    std::optional<int> maxUses;
    QString description;
};
inline constexpr int kMaxDescriptionLength = 500;
inline constexpr int kMaxUsesLimit = 1000000;

// A device with what an administrator asks of it: its status now, its client
// tokens' metadata and its audit history (both empty in a list).
struct DeviceDetails
{
    DeviceRecord device;
    DeviceStatus status = DeviceStatus::Active;
    QList<ClientTokenRecord> tokens;
    QList<AuditEvent> history;
};

QString deviceStatusCode(DeviceStatus status);        // "active", "blocked", "pending-approval", ...
QString deviceStatusDisplayName(DeviceStatus status); // translated "Active", "Pending approval", ...
bool parseDeviceStatusCode(const QString &text, DeviceStatus *status);

} // namespace tc
