#pragma once

#include "credentialstore.h"
#include "keys.h"
#include "result.h"
#include "sitedatabase.h"

#include <QString>
#include <memory>

namespace tc {

// A management site: its folder (database and private keys), site code and
// tenant id. Created on first use or by `bulkregtoken init`.
class Site
{
public:
    static constexpr auto kDefaultSiteCode = "TC1";
    static constexpr auto kKeysFolder = "keys";

    // --site DIR, else $TOKENCONSOLE_SITE, else the platform's app-data folder.
    static QString resolveFolder(const QString &explicitFolder);
    static bool exists(const QString &folder);
    static bool isValidSiteCode(const QString &code);
    // A site code as an administrator types it ("abc") in its stored form
    // ("ABC"); the refusal quotes what was typed.
    static Result<QString> parseSiteCode(const QString &typed);
    // Why there is no site in folder, as one sentence for the user.
    static QString missingSiteSentence(const QString &folder);

    // Opens an existing site; every problem is one sentence naming the file.
    static Result<std::unique_ptr<Site>> open(const QString &folder);
    // Creates a new site: folder (0700), keys (0600), database, SMS Issuing root and
    // SMS Token Signing certificate. Built under a temporary name and renamed, so
    // a crash never leaves a half-made site behind.
    static Result<std::unique_ptr<Site>> create(const QString &folder, const QString &siteCode);
    // What the tools do on start: open, or create with the default site code.
    static Result<std::unique_ptr<Site>> openOrCreate(const QString &folder);

    const QString &folder() const { return m_folder; }
    QString databasePath() const;
    const QString &siteCode() const { return m_siteCode; }
    const QString &tenantId() const { return m_tenantId; } // upper-case GUID
    SiteDatabase &database() { return *m_db; }
    const SiteDatabase &database() const { return *m_db; }
    CredentialStore &store() { return *m_store; }
    const CredentialStore &store() const { return *m_store; }

    // Reads a private key from the keys folder, refusing a file that other
    // accounts can read (and saying how to fix it).
    Result<PrivateKey> loadKey(const QString &keyFile) const;
    // Writes a new key file with mode 0600 (temporary name, fsync, rename).
    Status writeKey(const QString &keyFile, const PrivateKey &key) const;

    // A second Site object on its own connection, for another thread.
    Result<std::unique_ptr<Site>> openAnotherConnection() const;

private:
    Site() = default;
    static Result<std::unique_ptr<Site>> attach(const QString &folder, std::unique_ptr<SiteDatabase> db);

    QString m_folder;
    QString m_siteCode;
    QString m_tenantId;
    std::unique_ptr<SiteDatabase> m_db;
    std::unique_ptr<CredentialStore> m_store;
};

} // namespace tc
