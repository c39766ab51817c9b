#include "tokenlookup.h"

#include "sqlitetokenlookup.h"

namespace tc {

std::unique_ptr<TokenLookup> TokenLookup::create(const SiteDatabase &db)
{
    // SQLite is the only backend so far; a second one is chosen here by the database's dialect.
    return std::make_unique<SqliteTokenLookup>(db);
}

} // namespace tc
