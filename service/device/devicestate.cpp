#include "devicestate.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSysInfo>

#include <sys/stat.h>
#include <unistd.h>

namespace tc::device {

namespace {

constexpr auto kKeyFile = "device.key";
constexpr auto kCertificateFile = "device.pem";
constexpr auto kTokenFile = "token";
constexpr auto kStateFile = "state.json";

Status writeOwnerOnly(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    // The temporary file is made owner-only before the first byte.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("The file %1 could not be written: %2.").arg(path, file.errorString()),
                     ErrorKind::Io};
    return {};
}

QString isoOrEmpty(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

QString DeviceState::keyFile() const
{
    return QDir(m_folder).filePath(QLatin1String(kKeyFile));
}

Result<DeviceState> DeviceState::openOrCreate(const QString &folder, const QString &deviceName)
{
    DeviceState state;
    state.m_folder = QDir(folder).absolutePath();
    if (!QDir().mkpath(state.m_folder))
        return Error{QStringLiteral("The state folder %1 cannot be created.").arg(state.m_folder), ErrorKind::Io};
    ::chmod(QFile::encodeName(state.m_folder).constData(), 0700);
    const QString keyPath = state.keyFile();
    const QString certPath = QDir(state.m_folder).filePath(QLatin1String(kCertificateFile));
    if (!QFile::exists(keyPath) || !QFile::exists(certPath)) {
        auto key = PrivateKey::generateRsa(2048);
        if (!key)
            return key.takeError();
        CertificateProfile profile;
        profile.commonName = deviceName.isEmpty() ? QSysInfo::machineHostName() : deviceName;
        profile.organization = QStringLiteral("Token Console device");
        const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
        profile.notBefore = now.addSecs(-3600);
        profile.notAfter = now.addYears(kCertificateYears);
        profile.purpose = CertificateProfile::Purpose::TlsClient;
        auto cert = pki::createSelfSigned(profile, *key);
        if (!cert)
            return cert.takeError();
        if (auto done = writeOwnerOnly(keyPath, key->toPemForKeyFile()); !done)
            return done.takeError();
        if (auto done = writeOwnerOnly(certPath, cert->toPem()); !done)
            return done.takeError();
    }
    QFile certFile(certPath);
    if (!certFile.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("The device certificate %1 cannot be read.").arg(certPath), ErrorKind::Io};
    auto cert = Certificate::fromPem(certFile.readAll());
    if (!cert)
        return Error{QStringLiteral("The device certificate %1 is damaged: %2").arg(certPath, cert.error()),
                     ErrorKind::Corrupt};
    state.m_certificate = *cert;
    if (auto loaded = state.load(); !loaded)
        return loaded.takeError();
    return state;
}

Status DeviceState::load()
{
    QFile file(QDir(m_folder).filePath(QLatin1String(kStateFile)));
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("The device state %1 cannot be read.").arg(file.fileName()), ErrorKind::Io};
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    deviceId = o.value(QLatin1String("deviceId")).toString();
    status = o.value(QLatin1String("status")).toString();
    managementPoint = o.value(QLatin1String("managementPoint")).toString();
    caFile = o.value(QLatin1String("caFile")).toString();
    notBefore = QDateTime::fromString(o.value(QLatin1String("notBefore")).toString(), Qt::ISODate);
    notAfter = QDateTime::fromString(o.value(QLatin1String("notAfter")).toString(), Qt::ISODate);
    renewAfter = QDateTime::fromString(o.value(QLatin1String("renewAfter")).toString(), Qt::ISODate);
    return {};
}

Status DeviceState::save() const
{
    const QJsonObject o{{QStringLiteral("deviceId"), deviceId},
                        {QStringLiteral("status"), status},
                        {QStringLiteral("managementPoint"), managementPoint},
                        {QStringLiteral("caFile"), caFile},
                        {QStringLiteral("notBefore"), isoOrEmpty(notBefore)},
                        {QStringLiteral("notAfter"), isoOrEmpty(notAfter)},
                        {QStringLiteral("renewAfter"), isoOrEmpty(renewAfter)}};
    return writeOwnerOnly(QDir(m_folder).filePath(QLatin1String(kStateFile)), QJsonDocument(o).toJson());
}

bool DeviceState::hasToken() const
{
    return QFile::exists(QDir(m_folder).filePath(QLatin1String(kTokenFile)));
}

Result<QByteArray> DeviceState::token() const
{
    QFile file(QDir(m_folder).filePath(QLatin1String(kTokenFile)));
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("This device has no client token yet; register first."), ErrorKind::NotFound};
    return file.readAll().trimmed();
}

Status DeviceState::saveToken(const QByteArray &token)
{
    return writeOwnerOnly(QDir(m_folder).filePath(QLatin1String(kTokenFile)), token);
}

} // namespace tc::device
