#pragma once

#include "device.h"
#include "devicestore.h"
#include "records.h"
#include "result.h"

#include <QStringList>

namespace tc {

class Site;

// What administrators do with devices: list, show, approve, block, unblock.
// Every change is one transaction with its audit rows; all GUIDs or none.
class DeviceService
{
public:
    explicit DeviceService(Site &site);

    Result<QStringList> approve(const QStringList &guids);
    Result<QStringList> block(const QStringList &guids, const QString &reason = {});
    Result<QStringList> unblock(const QStringList &guids);

    // Devices, newest registration first, with their status at now.
    Result<QList<DeviceDetails>> list(const DeviceFilter &filter, const std::optional<DeviceStatus> &status,
                                      const QDateTime &now);
    Result<std::optional<DeviceDetails>> find(const QString &guid, const QDateTime &now);

    // The thumbprint of the site's current signing certificate: a device whose
    // newest token another one signed must register again.
    Result<QString> currentSigner() const;

private:
    enum class Change { Approve, Block, Unblock };
    Result<QStringList> change(const QStringList &guids, Change change, const QString &reason);

    Site &m_site;
    DeviceStore m_devices;
};

} // namespace tc
