#pragma once

// The rows the list's search index is built from (id, kind, name, thumbprint,
// in id order), behind one interface. Each backend has one implementation
// (storage/sqlite/sqlitesearchsource.h).

#include "result.h"

#include <QByteArrayView>
#include <QString>
#include <functional>
#include <memory>

namespace tc {

class SiteDatabase;

class SearchSource
{
public:
    virtual ~SearchSource() = default;

    // A read-only connection of its own to the site database file: made on one
    // thread, usable on another (one at a time), e.g. an index builder's.
    static Result<std::unique_ptr<SearchSource>> openReadOnly(const QString &databasePath);
    // On db's connection and thread; db must outlive it.
    static std::unique_ptr<SearchSource> create(const SiteDatabase &db);

    // The highest row id at or below upTo (0 when none): how much to reserve.
    virtual Result<qint64> highestId(qint64 upTo) = 0;

    // The row's id, kind, name and thumbprint (empty when it has none); the text
    // is valid during the call. Returning false stops the read (an error).
    using Visit = std::function<bool(qint64 id, int kind, QByteArrayView name, QByteArrayView thumbprint)>;
    // Every row with after < id <= upTo, in id order.
    virtual Status rows(qint64 after, qint64 upTo, const Visit &visit) = 0;
};

} // namespace tc
