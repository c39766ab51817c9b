#include "device.h"

#include <QCoreApplication>

namespace tc {

DeviceStatus DeviceRecord::statusAt(const QDateTime &now, const QString &currentSigner) const
{
    if (blocked())
        return DeviceStatus::Blocked;
    if (pendingApproval)
        return DeviceStatus::PendingApproval;
    if (!tokenSignerThumbprint.isEmpty() && tokenSignerThumbprint != currentSigner)
        return DeviceStatus::MustReregister;
    if (!tokenNotAfter.isValid() || tokenNotAfter <= now)
        return DeviceStatus::TokenExpired;
    return DeviceStatus::Active;
}

namespace {
constexpr DeviceStatus kAllStatuses[] = {DeviceStatus::Active, DeviceStatus::Blocked, DeviceStatus::PendingApproval,
                                         DeviceStatus::MustReregister, DeviceStatus::TokenExpired};
}

QString deviceStatusCode(DeviceStatus status)
{
    switch (status) {
    case DeviceStatus::Active: return QStringLiteral("active");
    case DeviceStatus::Blocked: return QStringLiteral("blocked");
    case DeviceStatus::PendingApproval: return QStringLiteral("pending-approval");
    case DeviceStatus::MustReregister: return QStringLiteral("must-re-register");
    case DeviceStatus::TokenExpired: return QStringLiteral("token-expired");
    }
    return QStringLiteral("active");
}

QString deviceStatusDisplayName(DeviceStatus status)
{
    switch (status) {
    case DeviceStatus::Active: return QCoreApplication::translate("tc::DeviceStatus", "Active");
    case DeviceStatus::Blocked: return QCoreApplication::translate("tc::DeviceStatus", "Blocked");
    case DeviceStatus::PendingApproval: return QCoreApplication::translate("tc::DeviceStatus", "Pending approval");
    case DeviceStatus::MustReregister: return QCoreApplication::translate("tc::DeviceStatus", "Must re-register");
    case DeviceStatus::TokenExpired: return QCoreApplication::translate("tc::DeviceStatus", "Token expired");
    }
    return {};
}

bool parseDeviceStatusCode(const QString &text, DeviceStatus *status)
{
    for (DeviceStatus s : kAllStatuses) {
        if (text == deviceStatusCode(s)) {
            *status = s;
            return true;
        }
    }
    return false;
}

} // namespace tc
