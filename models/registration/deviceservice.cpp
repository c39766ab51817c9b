#include "deviceservice.h"

#include "site.h"
#include "sitepki.h"
#include "tokenservice.h"

namespace tc {

DeviceService::DeviceService(Site &site) : m_site(site), m_devices(site.database()) { }

Result<QString> DeviceService::currentSigner() const
{
    auto current = SitePki(m_site).current(CredentialKind::TokenSigning);
    if (!current)
        return current.takeError();
    return current->certificate.thumbprint();
}

Result<QStringList> DeviceService::change(const QStringList &guids, Change change, const QString &reason)
{
    const AuditAction action = change == Change::Approve ? AuditAction::ApproveDevice
        : change == Change::Block                        ? AuditAction::BlockDevice
                                                         : AuditAction::UnblockDevice;
    return changeByGuids(
        m_site, guids, change == Change::Block ? reason : QString(), action,
        [&](const QStringList &canonical, const QString &actor, const QDateTime &now, qint64 revision) {
            return change == Change::Approve
                ? m_devices.approve(canonical, actor, now, revision)
                : m_devices.setBlocked(canonical, change == Change::Block, actor, reason, now, revision);
        });
}

Result<QStringList> DeviceService::approve(const QStringList &guids)
{
    return change(guids, Change::Approve, {});
}

Result<QStringList> DeviceService::block(const QStringList &guids, const QString &reason)
{
    return change(guids, Change::Block, reason);
}

Result<QStringList> DeviceService::unblock(const QStringList &guids)
{
    return change(guids, Change::Unblock, {});
}

Result<QList<DeviceDetails>> DeviceService::list(const DeviceFilter &filter, const std::optional<DeviceStatus> &status,
                                                 const QDateTime &now)
{
    auto signer = currentSigner();
    if (!signer)
        return signer.takeError();
    auto devices = m_devices.devices(filter);
    if (!devices)
        return devices.takeError();
    QList<DeviceDetails> out;
    for (const DeviceRecord &d : *devices) {
        DeviceDetails details{d, d.statusAt(now, *signer), {}, {}};
        if (!status || details.status == *status)
            out << details;
    }
    return out;
}

Result<std::optional<DeviceDetails>> DeviceService::find(const QString &guid, const QDateTime &now)
{
    auto signer = currentSigner();
    if (!signer)
        return signer.takeError();
    auto device = m_devices.findByGuid(canonicalGuid(guid));
    if (!device)
        return device.takeError();
    if (!*device)
        return std::optional<DeviceDetails>();
    auto tokens = m_devices.clientTokens((*device)->id);
    if (!tokens)
        return tokens.takeError();
    auto history = m_site.store().audit((*device)->guid);
    if (!history)
        return history.takeError();
    return std::optional<DeviceDetails>(DeviceDetails{**device, (*device)->statusAt(now, *signer), *tokens, *history});
}

} // namespace tc
