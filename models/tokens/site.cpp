#include "site.h"

#include "sitepki.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace tc {

namespace {

constexpr QFileDevice::Permissions kOwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerOnlyDir
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions kOthersAccess = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

// A folder the site owns: made private to the account (0700). With
// keepExistingPermissions, a folder that already holds other files keeps its
// mode: "--site /tmp" must not lock everyone else out of /tmp. The keys folder
// and every file the site writes are owner-only either way.
Status makeOwnerOnlyFolder(const QString &path, bool keepExistingPermissions = false)
{
    QDir dir;
    if (QFileInfo(path).isDir()) {
        if (keepExistingPermissions
            && !QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
            return {};
    } else if (!dir.mkpath(path)) {
        return Error{QStringLiteral("The folder %1 cannot be created.").arg(path), ErrorKind::Io};
    }
    if (!QFile::setPermissions(path, kOwnerOnlyDir))
        return Error{QStringLiteral("The folder %1 cannot be made private to your account.").arg(path), ErrorKind::Io};
    return {};
}

// Key files but no database: the database was lost or moved. Making a new site
// here would hide that and mix new keys with old ones. A create that crashed
// leaves its database under the temporary name, so that case is not refused.
bool hasKeysWithoutDatabase(const QString &folder)
{
    const QDir dir(folder);
    if (QFileInfo::exists(dir.filePath(QLatin1String(SiteDatabase::kFileName)))
        || QFileInfo::exists(dir.filePath(QLatin1String(SiteDatabase::kFileName) + QStringLiteral(".new"))))
        return false;
    return !QDir(dir.filePath(QLatin1String(Site::kKeysFolder)))
                .entryList({QStringLiteral("*.key")}, QDir::Files)
                .isEmpty();
}

void removeDatabaseFiles(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

// The one sentence for a refused site code, which quotes it as the user typed it.
Error invalidSiteCode(const QString &typed)
{
    return Error{
        QStringLiteral("The site code \"%1\" is not valid: use three letters or digits, such as ABC.").arg(typed),
        ErrorKind::InvalidInput};
}

} // namespace

QString Site::resolveFolder(const QString &explicitFolder)
{
    if (!explicitFolder.isEmpty())
        return QDir(explicitFolder).absolutePath();
    const QString fromEnv = qEnvironmentVariable("TOKENCONSOLE_SITE");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool Site::exists(const QString &folder)
{
    return QFileInfo::exists(QDir(folder).filePath(QLatin1String(SiteDatabase::kFileName)));
}

QString Site::missingSiteSentence(const QString &folder)
{
    const QString absolute = QDir(folder).absolutePath();
    if (hasKeysWithoutDatabase(absolute))
        return QStringLiteral(
                   "The site folder %1 holds private keys but no site database (%2); restore %2 from a backup, "
                   "or move the folder away to start a new site.")
            .arg(absolute, QLatin1String(SiteDatabase::kFileName));
    return QStringLiteral("No site exists in %1; create one with 'bulkregtoken init' or 'bulkregtoken /new'.")
        .arg(absolute);
}

bool Site::isValidSiteCode(const QString &code)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Z0-9]{3}$"));
    return pattern.match(code).hasMatch();
}

Result<QString> Site::parseSiteCode(const QString &typed)
{
    const QString code = typed.toUpper();
    if (!isValidSiteCode(code))
        return invalidSiteCode(typed);
    return code;
}

QString Site::databasePath() const
{
    return QDir(m_folder).filePath(QLatin1String(SiteDatabase::kFileName));
}

Result<std::unique_ptr<Site>> Site::attach(const QString &folder, std::unique_ptr<SiteDatabase> db)
{
    std::unique_ptr<Site> site(new Site);
    site->m_folder = folder;
    site->m_db = std::move(db);
    site->m_store = std::make_unique<CredentialStore>(*site->m_db);
    auto q = site->m_db->prepare(QStringLiteral("SELECT name, value FROM site_info"));
    if (!q)
        return q.takeError();
    if (auto done = SiteDatabase::exec(*q, QStringLiteral("read the site information")); !done)
        return done.takeError();
    while (q->next()) {
        const QString name = q->value(0).toString();
        if (name == QLatin1String("site_code"))
            site->m_siteCode = q->value(1).toString();
        else if (name == QLatin1String("tenant_id"))
            site->m_tenantId = q->value(1).toString();
    }
    if (!isValidSiteCode(site->m_siteCode) || QUuid::fromString(site->m_tenantId).isNull())
        return Error{
            QStringLiteral("The site database %1 has no valid site code or tenant id; restore it from a backup.")
                .arg(site->databasePath()),
            ErrorKind::Corrupt};
    return site;
}

Result<std::unique_ptr<Site>> Site::open(const QString &folder)
{
    const QString absolute = QDir(folder).absolutePath();
    const QFileInfo info(absolute);
    if (!info.exists())
        return Error{
            QStringLiteral("The site folder %1 does not exist; create a site with 'bulkregtoken init'.").arg(absolute),
            ErrorKind::NotFound};
    if (!info.isDir())
        return Error{QStringLiteral("The site folder %1 is not a folder.").arg(absolute), ErrorKind::InvalidInput};
    auto db = SiteDatabase::open(QDir(absolute).filePath(QLatin1String(SiteDatabase::kFileName)),
                                 SiteDatabase::OpenMode::OpenExisting);
    if (!db)
        return db.takeError();
    return attach(absolute, std::move(db).value());
}

Result<std::unique_ptr<Site>> Site::openAnotherConnection() const
{
    auto db = m_db->openAnotherConnection();
    if (!db)
        return db.takeError();
    return attach(m_folder, std::move(db).value());
}

Result<std::unique_ptr<Site>> Site::openOrCreate(const QString &folder)
{
    if (exists(folder))
        return open(folder);
    auto created = create(folder, QLatin1String(kDefaultSiteCode));
    if (!created && exists(folder)) // another process created it at the same moment
        return open(folder);
    return created;
}

Result<std::unique_ptr<Site>> Site::create(const QString &folder, const QString &siteCode)
{
    if (!isValidSiteCode(siteCode))
        return invalidSiteCode(siteCode);
    const QString absolute = QDir(folder).absolutePath();
    if (QFileInfo(absolute).exists() && !QFileInfo(absolute).isDir())
        return Error{QStringLiteral("The site folder %1 is not a folder.").arg(absolute), ErrorKind::InvalidInput};
    if (exists(absolute))
        return Error{QStringLiteral("A site already exists in %1.").arg(absolute), ErrorKind::Conflict};
    if (hasKeysWithoutDatabase(absolute))
        return Error{missingSiteSentence(absolute), ErrorKind::NotFound};
    if (auto made = makeOwnerOnlyFolder(absolute, true); !made)
        return made.takeError();
    if (auto made = makeOwnerOnlyFolder(QDir(absolute).filePath(QLatin1String(kKeysFolder))); !made)
        return made.takeError();

    QLockFile lock(QDir(absolute).filePath(QStringLiteral("site.lock")));
    if (!lock.tryLock(kBusyTimeoutMilliseconds))
        return Error{QStringLiteral("Another program is creating a site in %1.").arg(absolute), ErrorKind::Busy};
    if (exists(absolute))
        return Error{QStringLiteral("A site already exists in %1.").arg(absolute), ErrorKind::Conflict};

    const QString finalPath = QDir(absolute).filePath(QLatin1String(SiteDatabase::kFileName));
    const QString buildPath = finalPath + QStringLiteral(".new");
    // Under the lock and with no site.db, key files here belong to a creation
    // that did not finish (this one, or an interrupted one that left site.db.new):
    // they belong to no site and never signed a token that left this program.
    // Remove them rather than leave private keys lying about, or a folder that
    // the next run would refuse as "keys but no database".
    const auto removeUnfinished = [&absolute, &buildPath] {
        removeDatabaseFiles(buildPath);
        const QDir keys(QDir(absolute).filePath(QLatin1String(kKeysFolder)));
        for (const QString &name : keys.entryList({QStringLiteral("*.key"), QStringLiteral("*.key.tmp")}, QDir::Files))
            QFile::remove(keys.filePath(name));
    };
    if (QFileInfo::exists(buildPath))
        removeUnfinished();
    removeDatabaseFiles(buildPath); // stray -wal, -shm or -journal of the temporary name
    {
        auto db = SiteDatabase::open(buildPath, SiteDatabase::OpenMode::CreateNew);
        if (!db) {
            removeUnfinished();
            return db.takeError();
        }
        std::unique_ptr<Site> site(new Site);
        site->m_folder = absolute;
        site->m_siteCode = siteCode;
        site->m_tenantId = QUuid::createUuid().toString(QUuid::WithoutBraces).toUpper();
        site->m_db = std::move(db).value();
        site->m_store = std::make_unique<CredentialStore>(*site->m_db);
        auto initialised = SitePki(*site).initialise();
        // Only site.db.new is renamed, not its WAL: everything must be in the
        // database file itself first. A full disk can make this checkpoint fail.
        const Status complete = initialised ? site->m_db->checkpoint() : Status{};
        site.reset();
        if (!initialised) {
            removeUnfinished();
            return initialised.takeError();
        }
        if (!complete || QFileInfo(buildPath + QStringLiteral("-wal")).size() > 0) {
            removeUnfinished();
            return Error{
                QStringLiteral("The new site database %1 could not be written completely (%2); "
                               "free some disk space and try again.")
                    .arg(finalPath, complete ? QStringLiteral("data left in the write-ahead log") : complete.error()),
                ErrorKind::Io};
        }
    }
    QFile::setPermissions(buildPath, kOwnerOnlyFile);
    if (!QFile::rename(buildPath, finalPath)) {
        removeUnfinished();
        return Error{QStringLiteral("The site database could not be moved into place at %1.").arg(finalPath),
                     ErrorKind::Io};
    }
    return open(absolute);
}

Result<PrivateKey> Site::loadKey(const QString &keyFile) const
{
    const QString path = QDir(m_folder).filePath(QLatin1String(kKeysFolder) + QLatin1Char('/') + keyFile);
    QFile file(path);
    if (!file.exists())
        return Error{
            QStringLiteral("The private key file %1 is missing; restore the site folder from a backup.").arg(path),
            ErrorKind::Corrupt};
#ifdef Q_OS_UNIX
    if (file.permissions() & kOthersAccess)
        return Error{QStringLiteral("The private key file %1 can be read or changed by other accounts; "
                                    "run 'chmod 600 %1' and try again.")
                         .arg(path),
                     ErrorKind::Crypto};
#endif
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("The private key file %1 cannot be read: %2.").arg(path, file.errorString()),
                     ErrorKind::Io};
    auto key = PrivateKey::fromPem(file.readAll());
    if (!key)
        return Error{QStringLiteral("The private key file %1 is damaged: %2").arg(path, key.error()),
                     ErrorKind::Corrupt};
    return key;
}

Status Site::writeKey(const QString &keyFile, const PrivateKey &key) const
{
    const QString path = QDir(m_folder).filePath(QLatin1String(kKeysFolder) + QLatin1Char('/') + keyFile);
    const QString temp = path + QStringLiteral(".tmp");
    QFile::remove(temp);
    QFile file(temp);
    // The file is created 0600 before a single byte of the key is written.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnlyFile))
        return Error{QStringLiteral("The private key file %1 cannot be created: %2.").arg(temp, file.errorString()),
                     ErrorKind::Io};
    const QByteArray pem = key.toPemForKeyFile();
    const bool written = !pem.isEmpty() && file.write(pem) == pem.size() && file.flush();
#ifdef Q_OS_UNIX
    const bool synced = written && ::fsync(file.handle()) == 0;
#else
    const bool synced = written;
#endif
    file.close();
    if (!synced || !QFile::rename(temp, path)) {
        QFile::remove(temp);
        return Error{QStringLiteral("The private key file %1 could not be written (is the disk full?).").arg(path),
                     ErrorKind::Io};
    }
    return {};
}

} // namespace tc
