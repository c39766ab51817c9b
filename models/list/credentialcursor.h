#pragma once

#include "credentialquery.h"
#include "records.h"
#include "result.h"

#include <QList>
#include <memory>

namespace tc {

class CredentialReader;
class SiteDatabase;

// Every row of one CredentialQuery (filter, search, sort), in list order, a
// batch at a time: keyset seeks (CredentialQuery::afterParts) from the last
// row read, so each batch costs an index seek however deep the read is, and
// no list of all rows is ever held. The reads share one read transaction, so
// a writer in another process does not move rows under the cursor.
// On db's thread; db must outlive the cursor.
class CredentialCursor
{
public:
    CredentialCursor(const SiteDatabase &db, CredentialQuery query);
    ~CredentialCursor();
    CredentialCursor(const CredentialCursor &) = delete;
    CredentialCursor &operator=(const CredentialCursor &) = delete;

    // How many rows the query holds (in the cursor's snapshot).
    Result<qint64> count();
    // The next at most `limit` rows; empty when every row has been read.
    Result<QList<CredentialRecord>> next(int limit = 1000);

private:
    Status begin();

    const SiteDatabase &m_db;
    CredentialQuery m_query;
    std::unique_ptr<CredentialReader> m_reader;
    QVariantList m_lastKey; // the key of the last row read (empty before the first)
    bool m_inSnapshot = false;
    bool m_done = false;
};

} // namespace tc
