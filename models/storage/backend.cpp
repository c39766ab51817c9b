// The one place where a backend's implementation of each storage interface is
// chosen. SQLite is the only backend so far; a second one is chosen here by
// the database's dialect.

#include "credentialreader.h"
#include "ordersource.h"
#include "sqlitecredentialreader.h"
#include "sqliteordersource.h"
#include "sqlitetokenlookup.h"
#include "tokenlookup.h"

namespace tc {

std::unique_ptr<TokenLookup> TokenLookup::create(const SiteDatabase &db)
{
    return std::make_unique<SqliteTokenLookup>(db);
}

std::unique_ptr<CredentialReader> CredentialReader::create(const SiteDatabase &db)
{
    return std::make_unique<SqliteCredentialReader>(db);
}

Result<std::unique_ptr<OrderSource>> OrderSource::openReadOnly(const QString &databasePath)
{
    return SqliteOrderSource::openReadOnly(databasePath);
}

std::unique_ptr<OrderSource> OrderSource::create(const SiteDatabase &db)
{
    return std::make_unique<SqliteOrderSource>(db);
}

} // namespace tc
