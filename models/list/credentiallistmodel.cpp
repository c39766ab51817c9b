#include "credentiallistmodel.h"

#include "credentialquery.h"
#include "credentialreader.h"
#include "credentialstore.h"
#include "rankdirectory.h"
#include "site.h"
#include "sitedatabase.h"

#include <QHash>
#include <QLocale>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <functional>

namespace tc {

namespace {

// Rows per page fetched with one query, and how many pages stay cached (LRU).
constexpr int kPageSize = 256;
constexpr int kMaxPages = 64;
// A filter matching at most this many rows is held in memory and sorted there:
// one scan answers the count and every page, and re-sorting costs no query.
constexpr int kInMemoryLimit = 2000;
// Beyond this many new rows at once, one layout change beats row-by-row inserts
// (each insert position costs a COUNT over the index).
constexpr int kFewInserts = 16;
// Persistent indexes (selection, current row) are re-found by id, at most this
// many rows (a selection of more loses the rest when the order changes).
constexpr int kMaxRemappedRows = 100000;
// From this many rows on, rank directories (one per order, built on a worker
// thread) place rows; below it one walk of the order's index is quick enough.
constexpr qint64 kDirectoryMinRows = 50000;
// A directory is built again once this many rows were added after it.
constexpr qint64 kDirectoryMaxNewer = 4096;
constexpr int kMaxAnchors = 4096;

QString formatTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

class CredentialListModel::Private
{
public:
    Private(CredentialListModel *owner, Site &s) : q(owner), site(s), reader(CredentialReader::create(s.database()))
    {
        query.dialect = &s.database().dialect();
    }

    CredentialListModel *q;
    Site &site;
    std::unique_ptr<CredentialReader> reader;
    QTimer poll;
    QDateTime fixedNow;
    CredentialQuery query;

    // In memory: every matching row, sorted. Otherwise: pages fetched on demand.
    bool inMemory = true;
    QList<CredentialRecord> all;
    int count = 0;

    struct Page
    {
        QList<CredentialRecord> rows;
        quint64 used = 0;
    };
    mutable QHash<int, Page> pages;
    mutable quint64 useClock = 0;
    // Row number -> its key under the current order: starting points for keyset seeks,
    // so a page next to a known row costs an index seek, not an OFFSET walk.
    mutable QMap<int, QVariantList> anchors;

    qint64 revision = -1;
    qint64 maxId = 0;
    // Rows another process added since the last refresh() stay out of every read
    // until refresh() announces them, so pages always agree with rowCount().
    QList<qint64> hidden;
    mutable std::optional<qint64> blocked;

    // Set when the model goes away: the directory builder stops instead of being waited for.
    std::shared_ptr<std::atomic_bool> cancelBuilds = std::make_shared<std::atomic_bool>(false);

    // Rank directories by their order's sort keys (joined), built one after the
    // other on a worker thread of their own; see placeByDirectory().
    QHash<QString, std::shared_ptr<const RankDirectory>> directories;
    std::unique_ptr<QThread> directoryBuilder;
    QStringList directoriesWanted; // orders the running build will deliver
    mutable qint64 placedByDirectory = 0;
    qint64 directoryMinRows = kDirectoryMinRows;
    // newerKeys()' cache.
    mutable struct
    {
        const RankDirectory *directory = nullptr;
        qint64 upTo = -1;
        qint64 maxId = -1;
        CredentialColumn column = CredentialColumn::Name;
        QList<QVariantList> keys;
    } newer;
    // Row -> id of the persistent indexes the last relayout placed, so the next
    // one (sorting again) need not read their pages back; cleared with the cache
    // by anything else that moves rows.
    mutable QHash<int, qint64> placedIds;

    QDateTime now() const { return fixedNow.isValid() ? fixedNow : QDateTime::currentDateTimeUtc(); }
    const SiteDatabase &db() const { return site.database(); }

    void fail(const QString &message) const { emit q->databaseError(message); }

    // The rows of "SELECT <every column> FROM credentials" + tail.
    std::optional<QList<CredentialRecord>> select(const QString &tail, const QVariantList &binds) const
    {
        auto rows = reader->records(tail, binds);
        if (!rows) {
            fail(rows.error());
            return std::nullopt;
        }
        return std::move(rows).value();
    }

    std::optional<QList<qint64>> integers(const QString &sql, const QVariantList &binds) const
    {
        auto values = reader->integers(sql, binds);
        if (!values) {
            fail(values.error());
            return std::nullopt;
        }
        return std::move(values).value();
    }

    std::optional<qint64> scalar(const QString &sql, const QVariantList &binds) const
    {
        auto value = reader->scalar(sql, binds);
        if (!value) {
            fail(value.error());
            return std::nullopt;
        }
        return *value;
    }

    // The filter, limited to the rows this model has announced.
    QString scopedWhere(QVariantList *binds, bool forOrderedScan) const
    {
        // "+id": checked on each index entry, never a reason to walk the table by rowid.
        QString where = CredentialQuery::andAlso(query.where(binds, forOrderedScan), QStringLiteral("+id <= ?"));
        *binds << maxId;
        if (!hidden.isEmpty()) {
            QStringList marks(hidden.size(), QStringLiteral("?"));
            where += QStringLiteral(" AND +id NOT IN (%1)").arg(marks.join(QLatin1Char(',')));
            for (qint64 id : hidden)
                *binds << id;
        }
        return where;
    }

    // The announced rows: all matching rows minus the few not yet announced.
    // Without a search, all matching rows are read from the kept counts
    // (credential_counts), in the same statement as the rows newer than maxId,
    // so both come from one snapshot; nothing is counted but those newer rows.
    std::optional<qint64> countScoped(std::optional<CredentialState> state = std::nullopt) const
    {
        QVariantList binds;
        QString where = query.where(&binds, false);
        if (state) {
            // "+state": the rows newer than maxId are found by id, not among every blocked row.
            where = CredentialQuery::andAlso(where, QStringLiteral("+state = ?"));
            binds << int(*state);
        }
        const QString countAll = QStringLiteral("SELECT COUNT(*) FROM credentials");
        QVariantList newerBinds = binds;
        newerBinds << maxId;
        const QString newerSql = countAll + CredentialQuery::andAlso(where, QStringLiteral("id > ?"));
        std::optional<qint64> result;
        if (query.search.isEmpty()) {
            QStringList kept;
            QVariantList keptBinds;
            if (query.kind) {
                kept << QStringLiteral("kind = ?");
                keptBinds << int(*query.kind);
            }
            if (state) {
                kept << QStringLiteral("state = ?");
                keptBinds << int(*state);
            }
            const QString keptWhere
                = kept.isEmpty() ? QString() : QStringLiteral(" WHERE ") + kept.join(QStringLiteral(" AND "));
            result = scalar(QStringLiteral("SELECT (SELECT COALESCE(SUM(n), 0) FROM credential_counts%1) - (%2)")
                                .arg(keptWhere, newerSql),
                            keptBinds + newerBinds);
        } else {
            const auto total = scalar(countAll + where, binds);
            const auto newerCount = scalar(newerSql, newerBinds);
            if (total && newerCount)
                result = *total - *newerCount;
        }
        if (!result)
            return std::nullopt;
        if (!hidden.isEmpty()) {
            QVariantList hiddenBinds = binds;
            for (qint64 id : hidden)
                hiddenBinds << id;
            const QString in = QStringLiteral("id IN (%1)")
                                   .arg(QStringList(hidden.size(), QStringLiteral("?")).join(QLatin1Char(',')));
            *result -= scalar(countAll + CredentialQuery::andAlso(where, in), hiddenBinds).value_or(0);
        }
        return result;
    }

    void clearCache() const
    {
        placedIds.clear();
        pages.clear();
        anchors.clear();
        blocked.reset();
    }

    void sortInMemory()
    {
        std::stable_sort(all.begin(), all.end(), [this](const CredentialRecord &a, const CredentialRecord &b) {
            return query.compare(a, b) < 0;
        });
    }

    // The rows with these ids (at most kInMemoryLimit), through the primary key.
    std::optional<QList<CredentialRecord>> rowsWithIds(const QList<qint64> &ids) const
    {
        QList<CredentialRecord> rows;
        rows.reserve(ids.size());
        for (qsizetype start = 0; start < ids.size(); start += 500) {
            const QList<qint64> chunk = ids.mid(start, 500);
            QVariantList binds;
            for (qint64 id : chunk)
                binds << id;
            auto part = select(QStringLiteral(" WHERE id IN (%1)")
                                   .arg(QStringList(chunk.size(), QStringLiteral("?")).join(QLatin1Char(','))),
                               binds);
            if (!part)
                return std::nullopt;
            rows += *part;
        }
        return rows;
    }

    static QString orderName(const QStringList &keys) { return keys.join(QLatin1Char('|')); }

    // Starts building the directories that are missing or stale (current order
    // first), unless a build runs; a finished build looks again. False when
    // every order has a fresh one (or the site is too small to need them).
    bool scheduleDirectories()
    {
        if (directoryBuilder)
            return true;
        if (count < directoryMinRows && maxId < directoryMinRows)
            return false;
        QList<QStringList> orders{CredentialQuery::sortKeys(query.sortColumn)};
        for (int column = 0; column < int(CredentialColumn::NumColumns); ++column) {
            const QStringList keys = CredentialQuery::sortKeys(CredentialColumn(column));
            if (!orders.contains(keys))
                orders << keys;
        }
        orders.removeIf([this](const QStringList &keys) {
            const auto it = directories.constFind(orderName(keys));
            return it != directories.cend() && maxId - (*it)->upToId() <= kDirectoryMaxNewer;
        });
        if (orders.isEmpty())
            return false;
        directoriesWanted.clear();
        for (const QStringList &keys : std::as_const(orders))
            directoriesWanted << orderName(keys);
        const qint64 upTo = maxId;
        const QString path = site.databasePath();
        CredentialListModel *owner = q;
        directoryBuilder.reset(QThread::create([path, upTo, owner, orders, cancel = cancelBuilds] {
            bool ok = true;
            for (const QStringList &keys : orders) {
                auto built = RankDirectory::build(path, keys, upTo, cancel.get());
                if (!built) {
                    ok = false; // rows are placed by walking the order
                    break;
                }
                auto directory = std::make_shared<const RankDirectory>(std::move(*built));
                QMetaObject::invokeMethod(
                    owner, [owner, directory] { owner->d->adoptDirectory(directory); }, Qt::QueuedConnection);
            }
            if (!cancel->load())
                QMetaObject::invokeMethod(
                    owner, [owner, ok] { owner->d->directoryBuildDone(ok); }, Qt::QueuedConnection);
        }));
        directoryBuilder->start(QThread::LowPriority);
        return true;
    }

    void directoryBuildDone(bool ok)
    {
        directoryBuilder->wait(); // it posted this as its last step
        directoryBuilder.reset();
        // After a failed build the next refresh tries again, not this at once.
        if (ok && !scheduleDirectories())
            emit q->rankDirectoriesReady();
    }

    void adoptDirectory(const std::shared_ptr<const RankDirectory> &directory)
    {
        const QString name = orderName(directory->keys());
        // Made stale while it was built (a block changed a state order): dropped.
        if (!directoriesWanted.contains(name))
            return;
        directories.insert(name, directory);
    }

    // Blocking or unblocking moves rows in the orders that depend on the state.
    void dropStateDirectories()
    {
        for (CredentialColumn column : {CredentialColumn::Status, CredentialColumn::BlockedBy}) {
            const QString name = orderName(CredentialQuery::sortKeys(column));
            directories.remove(name);
            directoriesWanted.removeAll(name);
        }
    }

    // Reads the current filter's size, and its rows when few enough.
    void reload()
    {
        clearCache();
        all.clear();
        QVariantList binds;
        const QString where = scopedWhere(&binds, false);
        // The ids first: that scan needs only indexed columns (name, kind, rowid), so
        // SQLite reads a covering index instead of every table row; and only when
        // they are few are their rows read (not 2,001 rows to learn there are more).
        std::optional<QList<CredentialRecord>> probe;
        if (auto ids = integers(QStringLiteral("SELECT id FROM credentials") + where
                                    + QStringLiteral(" LIMIT %1").arg(kInMemoryLimit + 1),
                                binds);
            ids && ids->size() <= kInMemoryLimit)
            probe = rowsWithIds(*ids);
        if (probe) {
            inMemory = true;
            all = *probe;
            sortInMemory();
            count = int(all.size());
            return;
        }
        inMemory = false;
        count = int(countScoped().value_or(0));
    }

    void rememberRevision()
    {
        if (auto rev = db().revision())
            revision = *rev;
        else
            fail(rev.error());
        maxId = scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM credentials"), {}).value_or(maxId);
    }

    bool fetchPage(int page) const
    {
        const int start = page * kPageSize;
        const int n = std::min(kPageSize, count - start);
        if (n <= 0)
            return false;

        if (start > kPageSize && count - start > 2 * kPageSize) {
            // Samples on both sides of the row before the page and of the row after it.
            addDirectoryAnchors(start - 1);
            addDirectoryAnchors(start + n);
        }
        // Start from whichever known point is nearest: the first row, the last row,
        // or an anchor before or after the page. The cost is the OFFSET walked.
        enum class From { Start, End, AfterAnchor, BeforeAnchor } from = From::Start;
        qint64 offset = start;
        QVariantList key;
        if (const qint64 fromEnd = count - (start + n); fromEnd < offset) {
            from = From::End;
            offset = fromEnd;
        }
        auto next = anchors.lowerBound(start);
        if (next != anchors.cbegin()) {
            auto before = std::prev(next);
            if (const qint64 cost = start - before.key() - 1; cost < offset) {
                from = From::AfterAnchor;
                offset = cost;
                key = before.value();
            }
        }
        if (auto following = anchors.lowerBound(start + n); following != anchors.cend()) {
            if (const qint64 cost = following.key() - (start + n); cost < offset) {
                from = From::BeforeAnchor;
                offset = cost;
                key = following.value();
            }
        }

        const bool reversed = from == From::End || from == From::BeforeAnchor;
        QVariantList binds;
        const QString where = scopedWhere(&binds, true);
        std::optional<QList<CredentialRecord>> rows;
        if (key.isEmpty()) {
            binds << n << offset;
            rows = select(where + query.orderBy(reversed) + QStringLiteral(" LIMIT ? OFFSET ?"), binds);
        } else {
            // Part by part (see CredentialQuery::afterParts), skipping `offset` rows.
            // A part holding no more than the rows still to skip returns nothing; its
            // (capped) count then says how many of them it held.
            rows.emplace();
            qint64 skip = offset;
            for (const CredentialQuery::KeysetPart &part : query.afterParts(key, reversed)) {
                const QString partWhere = CredentialQuery::andAlso(where, part.condition);
                QVariantList partBinds = binds;
                partBinds << part.binds;
                auto got = select(partWhere + part.orderBy + QStringLiteral(" LIMIT ? OFFSET ?"),
                                  partBinds + QVariantList{qint64(n - rows->size()), skip});
                if (!got) {
                    rows.reset();
                    break;
                }
                if (got->isEmpty() && skip > 0) {
                    const auto held = scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM credentials")
                                                 + partWhere + QStringLiteral(" LIMIT ?) AS part"),
                                             partBinds + QVariantList{skip});
                    if (!held) {
                        rows.reset();
                        break;
                    }
                    skip -= *held;
                    continue;
                }
                skip = 0;
                rows->append(*got);
                if (rows->size() >= n)
                    break;
            }
        }
        if (!rows)
            return false;
        if (reversed)
            std::reverse(rows->begin(), rows->end());
        if (rows->size() != n) {
            // The database changed under us (another process); the poll will catch up.
            QMetaObject::invokeMethod(q, &CredentialListModel::refresh, Qt::QueuedConnection);
            if (reversed || rows->isEmpty())
                return false;
        } else {
            if (anchors.size() > kMaxAnchors)
                anchors.clear();
            anchors.insert(start, query.keyOf(rows->first()));
            anchors.insert(start + n - 1, query.keyOf(rows->last()));
        }
        if (pages.size() >= kMaxPages) {
            auto oldest = std::min_element(pages.begin(), pages.end(),
                                           [](const Page &a, const Page &b) { return a.used < b.used; });
            pages.erase(oldest);
        }
        pages.insert(page, Page{std::move(*rows), ++useClock});
        return true;
    }

    const CredentialRecord *recordAt(int row) const
    {
        if (row < 0 || row >= count)
            return nullptr;
        if (inMemory)
            return &all.at(row);
        const int page = row / kPageSize;
        auto it = pages.find(page);
        if (it == pages.end()) {
            if (!fetchPage(page))
                return nullptr;
            it = pages.find(page);
        }
        it->used = ++useClock;
        const int offset = row - page * kPageSize;
        return offset < it->rows.size() ? &it->rows.at(offset) : nullptr;
    }

    const CredentialRecord *cachedRecordAt(int row) const
    {
        if (row < 0 || row >= count)
            return nullptr;
        if (inMemory)
            return &all.at(row);
        auto it = pages.constFind(row / kPageSize);
        if (it == pages.cend() || row % kPageSize >= it->rows.size())
            return nullptr;
        return &it->rows.at(row % kPageSize);
    }

    // The row a record has (or would have) under the current order: the number of
    // matching rows before it.
    int positionOf(const CredentialRecord &record) const
    {
        if (inMemory) {
            auto it = std::lower_bound(
                all.cbegin(), all.cend(), record,
                [this](const CredentialRecord &a, const CredentialRecord &b) { return query.compare(a, b) < 0; });
            return int(it - all.cbegin());
        }
        QVariantList binds;
        const QString where
            = CredentialQuery::andAlso(scopedWhere(&binds, true), query.keyCompare(QStringLiteral("<")));
        binds << CredentialQuery::keyCompareBinds(query.keyOf(record));
        return int(scalar(QStringLiteral("SELECT COUNT(*) FROM credentials") + where, binds).value_or(-1));
    }

    int rowOfId(qint64 id) const
    {
        if (inMemory) {
            for (int i = 0; i < all.size(); ++i) {
                if (all.at(i).id == id)
                    return i;
            }
            return -1;
        }
        for (auto it = pages.cbegin(); it != pages.cend(); ++it) {
            for (int i = 0; i < it->rows.size(); ++i) {
                if (it->rows.at(i).id == id)
                    return it.key() * kPageSize + i;
            }
        }
        const auto found = select(QStringLiteral(" WHERE id = ?"), {id});
        if (!found || found->isEmpty() || !query.matches(found->first()) || found->first().id > maxId
            || hidden.contains(id))
            return -1;
        const int row = positionOf(found->first());
        return row < count ? row : -1;
    }

    // Rows of many ids at once under the current order and filter: their records
    // are read by id, then placed by the order's rank directory when there is a
    // fresh one, else by one walk of the order's index up to the last of them.
    QHash<qint64, int> rowsOfIds(QList<qint64> ids) const
    {
        QHash<qint64, int> rows;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        if (inMemory) {
            for (int i = 0; i < all.size(); ++i) {
                if (std::binary_search(ids.cbegin(), ids.cend(), all.at(i).id))
                    rows.insert(all.at(i).id, i);
            }
            return rows;
        }
        auto found = rowsWithIds(ids);
        if (!found)
            return rows;
        found->removeIf(
            [this](const CredentialRecord &r) { return r.id > maxId || hidden.contains(r.id) || !query.matches(r); });
        if (auto placed = placeByDirectory(*found))
            return *placed;
        QSet<qint64> wanted;
        for (const CredentialRecord &r : std::as_const(*found))
            wanted.insert(r.id);
        if (wanted.isEmpty())
            return rows;
        // From both ends at once, in turns: a row that moved to the far end (the
        // first row, after the order is reversed) is found at once, and no row
        // costs more than half the list.
        QVariantList binds;
        const QString select = QStringLiteral("SELECT id FROM credentials") + scopedWhere(&binds, true);
        qint64 forward = 0;
        qint64 backward = count - 1;
        const auto batch = reader->batch();
        (void)batch->walkInTurns(select + query.orderBy(), select + query.orderBy(true), binds, 4096,
                                 [&](int walk, qint64 id) {
                                     const qint64 row = walk == 0 ? forward++ : backward--;
                                     if (wanted.remove(id))
                                         rows.insert(id, int(row));
                                     return !wanted.isEmpty() && forward <= backward;
                                 });
        return rows;
    }

    // The current order's rank directory when it describes the rows shown: no
    // filter, no rows held back, not too many added after it.
    const RankDirectory *currentDirectory() const
    {
        if (query.kind || !query.search.isEmpty() || !hidden.isEmpty())
            return nullptr;
        const auto it = directories.constFind(orderName(CredentialQuery::sortKeys(query.sortColumn)));
        if (it == directories.cend() || maxId - (*it)->upToId() > kDirectoryMaxNewer)
            return nullptr;
        return it->get();
    }

    // The ascending keys of the rows added after directory, sorted (read once
    // per directory and maxId); nullptr when they cannot be read.
    const QList<QVariantList> *newerKeys(const RankDirectory &directory) const
    {
        if (newer.directory == &directory && newer.upTo == directory.upToId() && newer.maxId == maxId
            && newer.column == query.sortColumn)
            return &newer.keys;
        newer = {};
        CredentialQuery ascending = query;
        ascending.order = Qt::AscendingOrder;
        if (maxId > directory.upToId()) {
            auto added = select(QStringLiteral(" WHERE id > ? AND id <= ?"), {directory.upToId(), maxId});
            if (!added)
                return nullptr;
            for (const CredentialRecord &r : std::as_const(*added))
                newer.keys << ascending.keyOf(r);
            std::sort(newer.keys.begin(), newer.keys.end(), [](const QVariantList &a, const QVariantList &b) {
                return RankDirectory::compareKeys(a, b) < 0;
            });
        }
        newer.directory = &directory;
        newer.upTo = directory.upToId();
        newer.maxId = maxId;
        newer.column = query.sortColumn;
        return &newer.keys;
    }

    static qint64 newerBefore(const QList<QVariantList> &keys, const QVariantList &key)
    {
        return std::lower_bound(
                   keys.cbegin(), keys.cend(), key,
                   [](const QVariantList &a, const QVariantList &b) { return RankDirectory::compareKeys(a, b) < 0; })
            - keys.cbegin();
    }

    // Anchors (row -> key) from the current order's directory: the samples on
    // either side of row. A page anywhere in ten million rows is then a seek and a walk of at
    // most kStride rows, not an OFFSET from the nearest end.
    void addDirectoryAnchors(int row) const
    {
        const RankDirectory *directory = currentDirectory();
        if (!directory || directory->samples() == 0)
            return;
        const QList<QVariantList> *added = newerKeys(*directory);
        if (!added)
            return;
        const bool ascending = query.order == Qt::AscendingOrder;
        const qint64 wanted = ascending ? row : count - 1 - row; // the rank in ascending order
        qsizetype i = std::clamp<qsizetype>(wanted / RankDirectory::kStride, 0, directory->samples() - 1);
        QVariantList key = directory->keyAt(i);
        qint64 rank = i * RankDirectory::kStride + newerBefore(*added, key);
        while (i > 0 && rank > wanted) {
            key = directory->keyAt(--i);
            rank = i * RankDirectory::kStride + newerBefore(*added, key);
        }
        for (qsizetype j = i; j < std::min(i + 2, directory->samples()); ++j) {
            if (j != i) {
                key = directory->keyAt(j);
                rank = j * RankDirectory::kStride + newerBefore(*added, key);
            }
            if (rank >= count)
                break;
            anchors.insert(int(ascending ? rank : count - 1 - rank), key);
        }
    }

    // Rows of records (in scope) through the current order's rank directory;
    // nullopt when there is none fit for use: a filter is on, it is not built
    // yet, or too many rows came after it.
    std::optional<QHash<qint64, int>> placeByDirectory(const QList<CredentialRecord> &records) const
    {
        const RankDirectory *current = currentDirectory();
        if (!current)
            return std::nullopt;
        const RankDirectory &directory = *current;
        const QStringList keys = CredentialQuery::sortKeys(query.sortColumn);
        const qint64 upTo = directory.upToId();
        CredentialQuery ascending = query;
        ascending.order = Qt::AscendingOrder;
        const QList<QVariantList> *added = newerKeys(directory);
        if (!added)
            return std::nullopt;

        // Rows from the directory's time are found by their id in a walk of at
        // most kStride rows from the sample before them; one statement per part
        // shape (CredentialQuery::afterParts), prepared once for all of them.
        // A row added later is not in that walk: for it, the walk's rows that sort
        // before its key are counted ("how many rows, and how many before it").
        QStringList aliased, names;
        for (qsizetype i = 0; i < keys.size(); ++i) {
            aliased << QStringLiteral("%1 AS k%2").arg(keys.at(i)).arg(i);
            names << QStringLiteral("k%1").arg(i);
        }
        names << QStringLiteral("id");
        aliased << QStringLiteral("id");
        const QString marks = QStringList(names.size(), QStringLiteral("?")).join(QStringLiteral(", "));
        const QString counted
            = QStringLiteral("SELECT COUNT(*), COALESCE(SUM(CASE WHEN (%1) < (%2) THEN 1 ELSE 0 END), 0)"
                             " FROM (SELECT %3 FROM credentials WHERE +id <= ?%4%5 LIMIT ?)")
                  .arg(names.join(QStringLiteral(", ")), marks, aliased.join(QStringLiteral(", ")));
        const QString walked = QStringLiteral("SELECT id FROM credentials WHERE +id <= ?%1%2 LIMIT ?");
        const auto batch = reader->batch();
        // The parts after a sample, as SQL text once (their shape does not depend
        // on the key) and the values each binds: part j binds the key's first j + 1
        // values (CredentialQuery::afterParts). When the first sort value of no two
        // samples is equal, one seek on it and a row-value test is a single part.
        struct Part
        {
            QString walk, count;
            qsizetype values = 0; // key values bound; -1: the row-value form
        };
        QList<Part> partsAfter;
        const QVariantList shape = directory.samples() > 0 ? directory.keyAt(0) : QVariantList();
        if (directory.leadingValuesDistinct()) {
            const QString condition = QStringLiteral(" AND ") + ascending.keyCompare(QStringLiteral(">"));
            partsAfter << Part{walked.arg(condition, ascending.orderBy()), counted.arg(condition, ascending.orderBy()),
                               -1};
        } else if (!shape.isEmpty()) {
            const QList<CredentialQuery::KeysetPart> parts = ascending.afterParts(shape);
            for (qsizetype p = 0; p < parts.size(); ++p) {
                const QString condition = QStringLiteral(" AND ") + parts.at(p).condition;
                partsAfter << Part{walked.arg(condition, parts.at(p).orderBy),
                                   counted.arg(condition, parts.at(p).orderBy), parts.at(p).binds.size()};
            }
        }
        const QList<Part> fromStart{
            Part{walked.arg(QString(), ascending.orderBy()), counted.arg(QString(), ascending.orderBy()), 0}};

        QHash<qint64, int> rows;
        for (const CredentialRecord &record : records) {
            const QVariantList key = ascending.keyOf(record);
            const RankDirectory::Sample sample = directory.floor(key);
            qint64 rank = 0;
            if (sample.rank >= 0 && RankDirectory::compareKeys(sample.key, key) == 0) {
                rank = sample.rank;
            } else {
                // From just after the sample (or from the first row), part by part.
                rank = sample.rank >= 0 ? sample.rank + 1 : 0;
                const QList<Part> &parts = sample.rank >= 0 ? partsAfter : fromStart;
                const bool old = record.id <= upTo;
                qint64 budget = RankDirectory::kStride;
                bool passed = false;
                for (const Part &part : parts) {
                    QVariantList binds{upTo};
                    if (part.values < 0)
                        binds << CredentialQuery::keyCompareBinds(sample.key);
                    else
                        binds << sample.key.mid(0, part.values);
                    binds << budget;
                    if (old) {
                        qint64 seen = 0;
                        auto done = batch->walk(part.walk, binds, [&](qint64 id) {
                            if (id == record.id) {
                                passed = true;
                                return false;
                            }
                            ++seen;
                            return true;
                        });
                        if (!done)
                            return std::nullopt;
                        rank += seen;
                        budget -= seen;
                    } else {
                        auto got = batch->row(part.count, key + binds);
                        if (!got || got->size() != 2)
                            return std::nullopt;
                        rank += got->at(1);
                        budget -= got->at(0);
                        passed = got->at(1) < got->at(0);
                    }
                    if (passed || budget <= 0)
                        break;
                }
                // An old row not within kStride rows of its sample: the directory
                // no longer describes the table (rows deleted or moved).
                if (old && !passed)
                    return std::nullopt;
                if (!old && !passed && budget <= 0)
                    return std::nullopt;
            }
            rank += newerBefore(*added, key);
            const qint64 row = query.order == Qt::AscendingOrder ? rank : count - 1 - rank;
            if (row < 0 || row >= count)
                return std::nullopt;
            rows.insert(record.id, int(row));
        }
        placedByDirectory += rows.size();
        return rows;
    }

    // Moves persistent indexes (selection, current row) to where their records are
    // after change() has reordered or refiltered the rows.
    void relayout(const std::function<void()> &change)
    {
        emit q->layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = q->persistentIndexList();
        QList<int> rowsBefore;
        rowsBefore.reserve(before.size());
        for (const QModelIndex &index : before)
            rowsBefore << index.row();
        // In row order, so pages that left the cache are read back one after the other.
        std::sort(rowsBefore.begin(), rowsBefore.end());
        rowsBefore.erase(std::unique(rowsBefore.begin(), rowsBefore.end()), rowsBefore.end());
        QHash<int, qint64> idOfRow;
        for (int row : std::as_const(rowsBefore)) {
            if (idOfRow.size() >= kMaxRemappedRows)
                break;
            // What this model showed, read again only for a row it no longer holds.
            if (const CredentialRecord *r = cachedRecordAt(row)) {
                idOfRow.insert(row, r->id);
            } else if (const auto placed = placedIds.constFind(row); placed != placedIds.cend()) {
                idOfRow.insert(row, *placed);
            } else if (const CredentialRecord *read = recordAt(row)) {
                idOfRow.insert(row, read->id);
            }
        }
        change();
        const QList<qint64> ids(idOfRow.cbegin(), idOfRow.cend());
        const QHash<qint64, int> rowOfIdNow = rowsOfIds(ids);
        QModelIndexList after;
        after.reserve(before.size());
        placedIds.clear();
        for (const QModelIndex &index : before) {
            const auto id = idOfRow.constFind(index.row());
            const int row = id != idOfRow.cend() ? rowOfIdNow.value(*id, -1) : -1;
            after << (row >= 0 ? q->index(row, index.column()) : QModelIndex());
            if (row >= 0 && !inMemory)
                placedIds.insert(row, *id);
        }
        q->changePersistentIndexList(before, after);
        emit q->layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    void emitAllChanged()
    {
        if (count > 0)
            emit q->dataChanged(q->index(0, 0), q->index(count - 1, int(CredentialColumn::NumColumns) - 1));
    }

    void updateCachedPages(qint64 oldRevision, qint64 announcedMaxId)
    {
        constexpr int kMaxChangedInPlace = kPageSize * kMaxPages;
        if (pages.isEmpty())
            return;
        const auto changed = select(QStringLiteral(" WHERE change_seq > ? AND +id <= ? LIMIT ?"),
                                    {oldRevision, announcedMaxId, kMaxChangedInPlace + 1});
        if (!changed || changed->size() > kMaxChangedInPlace) {
            pages.clear();
            return;
        }
        QHash<qint64, qsizetype> byId;
        byId.reserve(changed->size());
        for (qsizetype i = 0; i < changed->size(); ++i)
            byId.insert(changed->at(i).id, i);
        for (Page &page : pages) {
            for (CredentialRecord &record : page.rows) {
                if (auto it = byId.constFind(record.id); it != byId.cend())
                    record = changed->at(*it);
            }
        }
    }

    // Whether a row this model announced changed since oldRevision.
    bool anyUpdated(qint64 oldRevision, qint64 oldMaxId) const
    {
        const auto any = scalar(
            QStringLiteral(
                "SELECT COUNT(*) FROM (SELECT 1 FROM credentials WHERE change_seq > ? AND id <= ? LIMIT 1) AS c"),
            {oldRevision, oldMaxId});
        return any && *any > 0;
    }

    void applyInMemory(const QList<CredentialRecord> &changed);
    // updated: whether a row announced before changed (anyUpdated()).
    void applyPaged(qint64 oldRevision, qint64 oldMaxId, qint64 newMaxId, bool updated);
};

void CredentialListModel::Private::applyInMemory(const QList<CredentialRecord> &changed)
{
    const int lastColumn = int(CredentialColumn::NumColumns) - 1;
    for (const CredentialRecord &record : changed) {
        int old = -1;
        for (int i = 0; i < all.size(); ++i) {
            if (all.at(i).id == record.id) {
                old = i;
                break;
            }
        }
        const bool wanted = query.matches(record);
        if (old < 0 && !wanted)
            continue;
        if (old >= 0 && !wanted) {
            q->beginRemoveRows({}, old, old);
            all.removeAt(old);
            count = int(all.size());
            q->endRemoveRows();
            continue;
        }
        if (old < 0) {
            const int at = positionOf(record);
            q->beginInsertRows({}, at, at);
            all.insert(at, record);
            count = int(all.size());
            q->endInsertRows();
            continue;
        }
        // In place, or moved to its new sorted position (beginMoveRows keeps selection).
        const CredentialRecord previous = all.takeAt(old);
        const int at = positionOf(record);
        all.insert(old, previous);
        if (at == old) {
            all[old] = record;
            emit q->dataChanged(q->index(old, 0), q->index(old, lastColumn));
            continue;
        }
        const int destination = at < old ? at : at + 1;
        q->beginMoveRows({}, old, old, {}, destination);
        all.removeAt(old);
        all.insert(at, record);
        q->endMoveRows();
        emit q->dataChanged(q->index(at, 0), q->index(at, lastColumn));
    }
}

void CredentialListModel::Private::applyPaged(qint64 oldRevision, qint64 oldMaxId, qint64 newMaxId, bool updated)
{
    // Kind, name and thumbprint never change after a row is written, so an update
    // never moves a row in or out of the filter; it moves a row within the order
    // only when the order depends on the block state.

    QList<CredentialRecord> inserted;
    if (newMaxId > oldMaxId) {
        QVariantList binds;
        QString where = CredentialQuery::andAlso(query.where(&binds, true), QStringLiteral("id > ?"));
        binds << oldMaxId << kFewInserts + 1;
        inserted = select(where + QStringLiteral(" ORDER BY id LIMIT ?"), binds).value_or(QList<CredentialRecord>());
    }

    if ((updated && query.orderDependsOnBlockState()) || inserted.size() > kFewInserts) {
        relayout([this, newMaxId] {
            clearCache();
            hidden.clear();
            maxId = newMaxId;
            count = int(countScoped().value_or(0));
        });
        return;
    }
    if (updated) {
        // Keys are unchanged, so row numbers and anchors stay valid; only the cached
        // values are stale. The changed rows (blocking ten thousand: ten thousand)
        // are read once and replace their cached copies, so the pages a selection
        // spans need not be fetched again; when more changed than the cache can
        // hold, the pages are dropped instead. The view re-reads what it shows.
        updateCachedPages(oldRevision, oldMaxId);
        blocked.reset();
        emitAllChanged();
    }
    std::sort(inserted.begin(), inserted.end(),
              [this](const CredentialRecord &a, const CredentialRecord &b) { return query.compare(a, b) < 0; });
    // Ascending final positions: each row's position counts the new rows before it,
    // which are already inserted by then. Until its turn a new row stays hidden.
    maxId = newMaxId;
    hidden.clear();
    for (const CredentialRecord &record : std::as_const(inserted))
        hidden << record.id;
    for (const CredentialRecord &record : std::as_const(inserted)) {
        const int at = std::clamp(positionOf(record), 0, count);
        q->beginInsertRows({}, at, at);
        hidden.removeOne(record.id);
        ++count;
        clearCache();
        q->endInsertRows();
    }
}

CredentialListModel::CredentialListModel(Site &site, QObject *parent)
    : QAbstractTableModel(parent), d(std::make_unique<Private>(this, site))
{
    qRegisterMetaType<CredentialRecord>();
    d->rememberRevision();
    d->reload();
    d->poll.setInterval(1000);
    connect(&d->poll, &QTimer::timeout, this, &CredentialListModel::refresh);
    d->poll.start();
    d->scheduleDirectories();
}

CredentialListModel::~CredentialListModel()
{
    // The builder reads the site through its own connection; stop it (within a
    // stride of rows) rather than wait for a whole build on the GUI thread.
    d->cancelBuilds->store(true);
    if (d->directoryBuilder)
        d->directoryBuilder->wait();
}

int CredentialListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : d->count;
}

int CredentialListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(CredentialColumn::NumColumns);
}

namespace {

QString remainingText(qint64 seconds)
{
    if (seconds <= 0)
        return CredentialListModel::tr("expired");
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds % 86400 / 3600;
    const qint64 minutes = seconds % 3600 / 60;
    if (days > 0)
        return CredentialListModel::tr("%1 d %2 h").arg(QLocale().toString(days)).arg(hours);
    if (hours > 0)
        return CredentialListModel::tr("%1 h %2 min").arg(hours).arg(minutes);
    if (minutes > 0)
        return CredentialListModel::tr("%1 min").arg(minutes);
    return CredentialListModel::tr("< 1 min");
}

QString lifetimeText(const CredentialRecord &r)
{
    const qint64 minutes = r.lifetimeMinutes;
    const qint64 days = minutes / 1440;
    if (!r.isToken())
        return CredentialListModel::tr("%1 d").arg(QLocale().toString(days));
    const qint64 hours = minutes % 1440 / 60;
    const qint64 rest = minutes % 60;
    QStringList parts;
    if (days)
        parts << CredentialListModel::tr("%1 d").arg(days);
    if (hours)
        parts << CredentialListModel::tr("%1 h").arg(hours);
    if (rest)
        parts << CredentialListModel::tr("%1 min").arg(rest);
    return CredentialListModel::tr("%1 min (%2)").arg(QLocale().toString(minutes), parts.join(QLatin1Char(' ')));
}

QString toolTipFor(const CredentialRecord &r, DisplayStatus status, const QDateTime &now)
{
    switch (status) {
    case DisplayStatus::Blocked: {
        QString text = CredentialListModel::tr("Blocked by %1 on %2.").arg(r.blockedBy, formatTime(r.blockedAt));
        if (!r.blockReason.isEmpty())
            text += QLatin1Char(' ') + CredentialListModel::tr("Reason: %1").arg(r.blockReason);
        return text;
    }
    case DisplayStatus::Expired: return CredentialListModel::tr("Expired on %1.").arg(formatTime(r.notAfter));
    case DisplayStatus::Superseded:
        return CredentialListModel::tr("Superseded by a renewed certificate; tokens it signed no longer verify.");
    case DisplayStatus::Active:
        if (r.expiresSoonAt(now))
            return CredentialListModel::tr("Expires on %1.").arg(formatTime(r.notAfter));
        break;
    }
    return r.isToken() ? CredentialListModel::tr("Bulk registration token %1").arg(r.name) : r.name;
}

} // namespace

QVariant CredentialListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::TextAlignmentRole:
    case RecordRole:
    case IdRole:
    case KindRole:
    case GuidRole:
    case DisplayStatusRole:
    case SortValueRole: break;
    default: return {};
    }
    const CredentialRecord *r = d->recordAt(index.row());
    if (!r)
        return {};
    const auto column = CredentialColumn(index.column());
    const QDateTime now = d->now();
    switch (role) {
    case RecordRole: return QVariant::fromValue(*r);
    case IdRole: return r->id;
    case KindRole: return int(r->kind);
    case GuidRole: return r->isToken() ? r->name : QString();
    case DisplayStatusRole: return int(r->statusAt(now));
    case SortValueRole: return CredentialQuery::sortValue(*r, column, now);
    case Qt::ToolTipRole: return toolTipFor(*r, r->statusAt(now), now);
    case Qt::TextAlignmentRole:
        if (column == CredentialColumn::Lifetime || column == CredentialColumn::Remaining)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: break;
    }
    switch (column) {
    case CredentialColumn::Name: return r->name;
    case CredentialColumn::Type: return kindDisplayName(r->kind);
    case CredentialColumn::Status:
        // The text a screen reader reads is the one painted: "Expires soon".
        return r->expiresSoonAt(now) ? expiresSoonDisplayName() : statusDisplayName(r->statusAt(now));
    case CredentialColumn::ValidFrom: return formatTime(r->notBefore);
    case CredentialColumn::ValidTo: return formatTime(r->notAfter);
    case CredentialColumn::Remaining: return remainingText(now.secsTo(r->notAfter));
    case CredentialColumn::Lifetime: return lifetimeText(*r);
    case CredentialColumn::Issuer: return r->issuer;
    case CredentialColumn::Thumbprint: return r->thumbprint.isEmpty() ? r->signerThumbprint : r->thumbprint;
    case CredentialColumn::CreatedBy: return r->createdBy;
    case CredentialColumn::BlockedBy: return r->blockedBy;
    case CredentialColumn::NumColumns: break;
    }
    return {};
}

QVariant CredentialListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (CredentialColumn(section)) {
    case CredentialColumn::Name: return tr("Name");
    case CredentialColumn::Type: return tr("Type");
    case CredentialColumn::Status: return tr("Status");
    case CredentialColumn::ValidFrom: return tr("Valid From");
    case CredentialColumn::ValidTo: return tr("Valid To");
    case CredentialColumn::Remaining: return tr("Remaining");
    case CredentialColumn::Lifetime: return tr("Lifetime");
    case CredentialColumn::Issuer: return tr("Issuer");
    case CredentialColumn::Thumbprint: return tr("Thumbprint");
    case CredentialColumn::CreatedBy: return tr("Created By");
    case CredentialColumn::BlockedBy: return tr("Blocked By");
    case CredentialColumn::NumColumns: break;
    }
    return {};
}

void CredentialListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= int(CredentialColumn::NumColumns))
        return;
    if (CredentialColumn(column) == d->query.sortColumn && order == d->query.order)
        return;
    d->relayout([&] {
        d->query.sortColumn = CredentialColumn(column);
        d->query.order = order;
        d->clearCache();
        if (d->inMemory)
            d->sortInMemory();
    });
}

std::optional<CredentialRecord> CredentialListModel::record(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return std::nullopt;
    if (const CredentialRecord *r = d->recordAt(index.row()))
        return *r;
    return std::nullopt;
}

QList<CredentialRecord> CredentialListModel::records(const QModelIndexList &indexes) const
{
    QList<int> rows;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && index.model() == this)
            rows << index.row();
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QList<CredentialRecord> out;
    out.reserve(rows.size());
    for (int row : std::as_const(rows)) {
        if (const CredentialRecord *r = d->recordAt(row))
            out << *r;
    }
    return out;
}

void CredentialListModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == d->query.search)
        return;
    beginResetModel();
    d->query.search = trimmed;
    d->reload();
    endResetModel();
    emit countsChanged();
}

QString CredentialListModel::searchText() const
{
    return d->query.search;
}

void CredentialListModel::setKindFilter(std::optional<CredentialKind> kind)
{
    if (kind == d->query.kind)
        return;
    beginResetModel();
    d->query.kind = kind;
    d->reload();
    endResetModel();
    emit countsChanged();
}

std::optional<CredentialKind> CredentialListModel::kindFilter() const
{
    return d->query.kind;
}

int CredentialListModel::sortColumn() const
{
    return int(d->query.sortColumn);
}

Qt::SortOrder CredentialListModel::sortOrder() const
{
    return d->query.order;
}

int CredentialListModel::rankDirectoryCount() const
{
    return int(d->directories.size());
}

qint64 CredentialListModel::rowsPlacedByDirectory() const
{
    return d->placedByDirectory;
}

void CredentialListModel::setRankDirectoryMinRows(qint64 rows)
{
    d->directoryMinRows = rows;
    d->scheduleDirectories();
}

int CredentialListModel::rowOfId(qint64 id) const
{
    return d->rowOfId(id);
}

qint64 CredentialListModel::blockedCount() const
{
    if (d->inMemory) {
        return std::count_if(d->all.cbegin(), d->all.cend(),
                             [](const CredentialRecord &r) { return r.state == CredentialState::Blocked; });
    }
    if (!d->blocked)
        d->blocked = d->countScoped(CredentialState::Blocked).value_or(0);
    return *d->blocked;
}

void CredentialListModel::refresh()
{
    auto current = d->db().revision();
    if (!current) {
        d->fail(current.error());
        return;
    }
    if (*current == d->revision)
        return;
    const qint64 oldRevision = d->revision;
    const qint64 oldMaxId = d->maxId;
    d->revision = *current;
    const qint64 newMaxId
        = d->scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM credentials"), {}).value_or(oldMaxId);
    // Asked once, for the paged path and the directories: a block or unblock
    // moves rows in the orders that depend on the state.
    const bool updated = (!d->inMemory || !d->directories.isEmpty()) && d->anyUpdated(oldRevision, oldMaxId);
    if (updated)
        d->dropStateDirectories();

    if (d->inMemory) {
        QVariantList binds;
        QString where = CredentialQuery::andAlso(d->query.where(&binds, true), QStringLiteral("change_seq > ?"));
        binds << oldRevision;
        const auto changed = d->select(where + QStringLiteral(" LIMIT %1").arg(kInMemoryLimit + 1), binds);
        if (!changed)
            return;
        d->maxId = newMaxId;
        if (changed->size() + d->all.size() > kInMemoryLimit)
            d->relayout([this] { d->reload(); }); // grew past the in-memory limit: read afresh
        else
            d->applyInMemory(*changed);
    } else {
        d->applyPaged(oldRevision, oldMaxId, newMaxId, updated);
    }
    d->blocked.reset();
    d->scheduleDirectories();
    emit countsChanged();
}

void CredentialListModel::setPollInterval(int milliseconds)
{
    if (milliseconds <= 0) {
        d->poll.stop();
        return;
    }
    d->poll.setInterval(milliseconds);
    d->poll.start();
}

void CredentialListModel::setNow(const QDateTime &now)
{
    d->fixedNow = now;
    d->emitAllChanged();
}

} // namespace tc
