#pragma once

// The sampled keys a rank directory is built from (every n-th row of one order
// of the credentials table), behind one interface. Each backend has one
// implementation (storage/sqlite/sqliteordersource.h).

#include "result.h"

#include <QString>
#include <QStringList>
#include <QVariantList>
#include <functional>
#include <memory>

namespace tc {

class SiteDatabase;

class OrderSource
{
public:
    virtual ~OrderSource() = default;

    // A read-only connection of its own to the site database file: made on one
    // thread, usable on another (one at a time), e.g. an index builder's.
    static Result<std::unique_ptr<OrderSource>> openReadOnly(const QString &databasePath);
    // On db's connection and thread; db must outlive it.
    static std::unique_ptr<OrderSource> create(const SiteDatabase &db);

    // Walks every row with id <= upTo in the order "ORDER BY <keys> ASC, id ASC"
    // (keys: SQL expressions, each backed by an index) and calls sample with the
    // rank and the key (each expression's value, then the id) of every every-th
    // row: ranks 0, every, 2 * every ... Returning false stops the walk (an
    // error). The number of rows walked.
    using Sample = std::function<bool(qint64 rank, const QVariantList &key)>;
    virtual Result<qint64> sampleOrder(const QStringList &keys, qint64 upTo, int every, const Sample &sample) = 0;
};

} // namespace tc
