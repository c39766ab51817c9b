#pragma once

#include "searchsource.h"

struct sqlite3;

namespace tc {

// SearchSource through SQLite's C API, on a SiteDatabase's connection or on a
// read-only connection of its own.
class SqliteSearchSource final : public SearchSource
{
public:
    explicit SqliteSearchSource(const SiteDatabase &db) : m_db(&db) { }
    ~SqliteSearchSource() override;
    SqliteSearchSource(const SqliteSearchSource &) = delete;
    SqliteSearchSource &operator=(const SqliteSearchSource &) = delete;

    static Result<std::unique_ptr<SearchSource>> openReadOnly(const QString &databasePath);

    Result<qint64> highestId(qint64 upTo) override;
    Status rows(qint64 after, qint64 upTo, const Visit &visit) override;
    Result<qint64> sampleOrder(const QStringList &keys, qint64 upTo, int every, const Sample &sample) override;

private:
    explicit SqliteSearchSource(sqlite3 *own) : m_own(own) { }

    const SiteDatabase *m_db = nullptr;
    sqlite3 *m_own = nullptr;
};

} // namespace tc
