#pragma once

// What the list's background indexes are built from, behind one interface: the
// rows of the search index (id, kind, name, thumbprint, in id order) and the
// sampled keys of a rank directory (every n-th row of one order). Each backend
// has one implementation (storage/sqlite/sqlitesearchsource.h).

#include "result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVariantList>
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

    // Walks every row with id <= upTo in the order "ORDER BY <keys> ASC, id ASC"
    // (keys: SQL expressions, each backed by an index) and calls sample with the
    // rank and the key (each expression's value, then the id) of every every-th
    // row: ranks 0, every, 2 * every ... Returning false stops the walk (an
    // error). The number of rows walked.
    using Sample = std::function<bool(qint64 rank, const QVariantList &key)>;
    virtual Result<qint64> sampleOrder(const QStringList &keys, qint64 upTo, int every, const Sample &sample) = 0;
};

} // namespace tc
