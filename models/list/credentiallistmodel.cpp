#include "credentiallistmodel.h"

#include "credentialquery.h"
#include "credentialreader.h"
#include "credentialstore.h"
#include "searchindex.h"
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
// Persistent indexes (selection, current row) are re-found by id, at most this many rows.
constexpr int kMaxRemappedRows = 2000;
constexpr int kMaxAnchors = 4096;

QString formatTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

class CredentialListModel::Private
{
public:
    Private(CredentialListModel *owner, Site &s) : q(owner), site(s), reader(CredentialReader::create(s.database())) { }

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

    // Searches run over this in-memory index once it is built (on a worker thread,
    // with its own connection, after the model opens); until then through SQL.
    std::unique_ptr<SearchIndex> searchIndex;
    std::unique_ptr<QThread> indexBuilder;
    // Set when the model goes away: the builder stops instead of being waited for.
    std::shared_ptr<std::atomic_bool> cancelIndexBuild = std::make_shared<std::atomic_bool>(false);

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

    // COUNT(*) of the announced rows: all matching rows (a plain COUNT, which SQLite
    // answers from its smallest index) minus the few not yet announced.
    std::optional<qint64> countScoped() const
    {
        QVariantList binds;
        const QString where = query.where(&binds, false);
        const QString countAll = QStringLiteral("SELECT COUNT(*) FROM credentials");
        std::optional<qint64> total;
        if (query.kind && query.search.isEmpty()) {
            // Nearly every row is a token: all rows minus the other kinds reads a
            // handful of index entries instead of counting a million.
            const auto everything = scalar(countAll, {});
            const auto others = scalar(countAll + QStringLiteral(" WHERE kind < ? OR kind > ?"),
                                       {int(*query.kind), int(*query.kind)});
            if (everything && others)
                total = *everything - *others;
        } else {
            total = scalar(countAll + where, binds);
        }
        QVariantList newerBinds = binds;
        newerBinds << maxId;
        auto newer = scalar(countAll + CredentialQuery::andAlso(where, QStringLiteral("id > ?")), newerBinds);
        if (!total || !newer)
            return std::nullopt;
        qint64 result = *total - *newer;
        if (!hidden.isEmpty()) {
            QVariantList hiddenBinds = binds;
            for (qint64 id : hidden)
                hiddenBinds << id;
            const QString in = QStringLiteral("id IN (%1)")
                                   .arg(QStringList(hidden.size(), QStringLiteral("?")).join(QLatin1Char(',')));
            result -= scalar(countAll + CredentialQuery::andAlso(where, in), hiddenBinds).value_or(0);
        }
        return result;
    }

    void clearCache() const
    {
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

    // A search through the in-memory index: the matching ids in one pass, then few
    // rows by id, or the count for the paged path. False when there is no index yet.
    bool reloadFromIndex()
    {
        if (!searchIndex || query.search.isEmpty() || searchIndex->maxId() < maxId)
            return false;
        QList<qint64> ids = searchIndex->find(query.search, query.kind, maxId);
        if (!hidden.isEmpty())
            ids.removeIf([this](qint64 id) { return hidden.contains(id); });
        if (ids.size() <= kInMemoryLimit) {
            auto rows = rowsWithIds(ids);
            if (!rows)
                return false;
            inMemory = true;
            all = std::move(*rows);
            sortInMemory();
            count = int(all.size());
            return true;
        }
        inMemory = false;
        count = int(ids.size());
        return true;
    }

    void startIndexBuild()
    {
        const qint64 upTo = maxId;
        const QString path = site.databasePath();
        CredentialListModel *owner = q;
        indexBuilder.reset(QThread::create([path, upTo, owner, cancel = cancelIndexBuild] {
            auto built = SearchIndex::build(path, upTo, cancel.get());
            if (!built)
                return; // searches keep using SQL
            auto index = std::make_shared<SearchIndex>(std::move(*built));
            QMetaObject::invokeMethod(
                owner, [owner, index] { owner->d->adoptIndex(std::move(*index)); }, Qt::QueuedConnection);
        }));
        indexBuilder->start(QThread::LowPriority);
    }

    void adoptIndex(SearchIndex index)
    {
        // Rows announced while it was being built.
        if (auto done = index.append(db(), maxId); !done)
            return;
        searchIndex = std::make_unique<SearchIndex>(std::move(index));
        emit q->searchIndexReady();
    }

    // Reads the current filter's size, and its rows when few enough.
    void reload()
    {
        clearCache();
        all.clear();
        if (reloadFromIndex())
            return;
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

    // Rows of many ids at once: sorted by key, each row is the previous one plus the
    // rows between them, so the index is walked once up to the last, not once per id.
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
        QList<CredentialRecord> found;
        for (qsizetype start = 0; start < ids.size(); start += 400) {
            const QList<qint64> chunk = ids.mid(start, 400);
            QVariantList binds;
            QString where = CredentialQuery::andAlso(
                scopedWhere(&binds, false),
                QStringLiteral("id IN (%1)")
                    .arg(QStringList(chunk.size(), QStringLiteral("?")).join(QLatin1Char(','))));
            for (qint64 id : chunk)
                binds << id;
            found += select(where, binds).value_or(QList<CredentialRecord>());
        }
        std::sort(found.begin(), found.end(),
                  [this](const CredentialRecord &a, const CredentialRecord &b) { return query.compare(a, b) < 0; });
        int row = 0;
        for (qsizetype i = 0; i < found.size(); ++i) {
            QVariantList binds;
            QString where = CredentialQuery::andAlso(scopedWhere(&binds, true), query.keyCompare(QStringLiteral("<")));
            binds << CredentialQuery::keyCompareBinds(query.keyOf(found.at(i)));
            if (i > 0) {
                where += QStringLiteral(" AND ") + query.keyCompare(QStringLiteral(">"));
                binds << CredentialQuery::keyCompareBinds(query.keyOf(found.at(i - 1)));
                row += 1; // the previous row itself
            }
            const auto between = scalar(QStringLiteral("SELECT COUNT(*) FROM credentials") + where, binds);
            if (!between)
                return rows;
            row += int(*between);
            rows.insert(found.at(i).id, row);
        }
        return rows;
    }

    // Moves persistent indexes (selection, current row) to where their records are
    // after change() has reordered or refiltered the rows.
    void relayout(const std::function<void()> &change)
    {
        emit q->layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = q->persistentIndexList();
        QHash<int, qint64> idOfRow;
        for (const QModelIndex &index : before) {
            if (idOfRow.contains(index.row()) || idOfRow.size() >= kMaxRemappedRows)
                continue;
            // Only what this model showed: the database may already hold the new state.
            if (const CredentialRecord *r = cachedRecordAt(index.row()))
                idOfRow.insert(index.row(), r->id);
        }
        change();
        const QList<qint64> ids(idOfRow.cbegin(), idOfRow.cend());
        const QHash<qint64, int> rowOfIdNow = rowsOfIds(ids);
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &index : before) {
            const int row = idOfRow.contains(index.row()) ? rowOfIdNow.value(idOfRow.value(index.row()), -1) : -1;
            after << (row >= 0 ? q->index(row, index.column()) : QModelIndex());
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

    void applyInMemory(const QList<CredentialRecord> &changed);
    void applyPaged(qint64 oldRevision, qint64 oldMaxId, qint64 newMaxId);
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

void CredentialListModel::Private::applyPaged(qint64 oldRevision, qint64 oldMaxId, qint64 newMaxId)
{
    // Kind, name and thumbprint never change after a row is written, so an update
    // never moves a row in or out of the filter; it moves a row within the order
    // only when the order depends on the block state.
    bool updated = false;
    if (auto any
        = scalar(QStringLiteral(
                     "SELECT COUNT(*) FROM (SELECT 1 FROM credentials WHERE change_seq > ? AND id <= ? LIMIT 1) AS c"),
                 {oldRevision, oldMaxId}))
        updated = *any > 0;

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
    d->startIndexBuild();
}

CredentialListModel::~CredentialListModel()
{
    // The builder reads the site through its own connection; stop it (within a
    // thousand rows) rather than wait for a whole build on the GUI thread.
    d->cancelIndexBuild->store(true);
    if (d->indexBuilder)
        d->indexBuilder->wait();
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

bool CredentialListModel::isSearchIndexReady() const
{
    return d->searchIndex != nullptr;
}

int CredentialListModel::sortColumn() const
{
    return int(d->query.sortColumn);
}

Qt::SortOrder CredentialListModel::sortOrder() const
{
    return d->query.order;
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
    if (!d->blocked) {
        QVariantList binds{int(CredentialState::Blocked)};
        const QString where = CredentialQuery::andAlso(d->scopedWhere(&binds, true), QStringLiteral("state = ?"));
        // where() appended its values after the state; move the state to the end.
        binds.move(0, binds.size() - 1);
        d->blocked = d->scalar(QStringLiteral("SELECT COUNT(*) FROM credentials") + where, binds).value_or(0);
    }
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
    const int countBefore = d->count;
    if (d->searchIndex && newMaxId > d->searchIndex->maxId()) {
        if (auto done = d->searchIndex->append(d->db(), newMaxId); !done)
            d->searchIndex.reset(); // searches go through SQL again
    }

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
        d->applyPaged(oldRevision, oldMaxId, newMaxId);
    }
    d->blocked.reset();
    Q_UNUSED(countBefore);
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
