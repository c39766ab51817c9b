#pragma once

#include "ordersource.h"

struct sqlite3;

namespace tc {

// OrderSource through SQLite's C API, on a SiteDatabase's connection or on a
// read-only connection of its own.
class SqliteOrderSource final : public OrderSource
{
public:
    explicit SqliteOrderSource(const SiteDatabase &db) : m_db(&db) { }
    ~SqliteOrderSource() override;
    SqliteOrderSource(const SqliteOrderSource &) = delete;
    SqliteOrderSource &operator=(const SqliteOrderSource &) = delete;

    static Result<std::unique_ptr<OrderSource>> openReadOnly(const QString &databasePath);

    Result<qint64> sampleOrder(const QStringList &keys, qint64 upTo, int every, const Sample &sample) override;

private:
    explicit SqliteOrderSource(sqlite3 *own) : m_own(own) { }

    const SiteDatabase *m_db = nullptr;
    sqlite3 *m_own = nullptr;
};

} // namespace tc
