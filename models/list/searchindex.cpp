#include "searchindex.h"

#include "sqlitestatement.h"

#include <QScopeGuard>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace tc {

namespace {

char foldByte(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

const char kSelect[]
    = "SELECT id, kind, name, coalesce(thumbprint, '') FROM credentials WHERE id > ?1 AND id <= ?2 ORDER BY id";

} // namespace

QByteArray SearchIndex::fold(QStringView text)
{
    QByteArray bytes = text.toUtf8();
    for (char &c : bytes)
        c = foldByte(c);
    return bytes;
}

void SearchIndex::add(qint64 id, int kind, QByteArrayView name, QByteArrayView thumbprint)
{
    m_starts << quint32(m_text.size());
    m_ids << id;
    m_kinds.append(char(kind));
    const qsizetype from = m_text.size();
    m_text.append(name.data(), name.size());
    m_text.append('\n');
    m_text.append(thumbprint.data(), thumbprint.size());
    m_text.append('\n');
    char *p = m_text.data();
    for (qsizetype i = from; i < m_text.size(); ++i)
        p[i] = foldByte(p[i]);
    m_maxId = std::max(m_maxId, id);
}

Result<SearchIndex> SearchIndex::build(const QString &databasePath, std::optional<qint64> upTo,
                                       const std::atomic_bool *cancel)
{
    // Its own read-only connection through SQLite alone. Not through
    // SiteDatabase::open: that reads the file header with a plain file descriptor,
    // and closing any descriptor of the file drops every POSIX lock this process
    // holds on it, the GUI connection's included (SQLite's own connections share
    // their locks per file and do not).
    sqlite3 *db = nullptr;
    const int opened = sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    const auto close = qScopeGuard([db] { sqlite3_close(db); });
    if (opened != SQLITE_OK)
        return Error{QStringLiteral("The search index could not open the site database: %1.")
                         .arg(QString::fromUtf8(sqlite3_errmsg(db)))};
    sqlite3_busy_timeout(db, kBusyTimeoutMilliseconds);
    const qint64 last = upTo.value_or(std::numeric_limits<qint64>::max());
    SearchIndex index;
    sqlite3_stmt *count = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(id), 0) FROM credentials WHERE id <= ?1", -1, &count, nullptr)
        == SQLITE_OK) {
        sqlite3_bind_int64(count, 1, last);
        if (sqlite3_step(count) == SQLITE_ROW)
            index.reserve(sqlite3_column_int64(count, 0));
    }
    sqlite3_finalize(count);
    sqlite3_stmt *rows = nullptr;
    if (sqlite3_prepare_v2(db, kSelect, -1, &rows, nullptr) != SQLITE_OK)
        return Error{QStringLiteral("The search index could not read the site database: %1.")
                         .arg(QString::fromUtf8(sqlite3_errmsg(db)))};
    sqlite3_bind_int64(rows, 1, 0);
    sqlite3_bind_int64(rows, 2, last);
    int code = SQLITE_ROW;
    qint64 read = 0;
    while ((code = sqlite3_step(rows)) == SQLITE_ROW) {
        if (cancel && (++read & 0x3ff) == 0 && cancel->load(std::memory_order_relaxed)) {
            sqlite3_finalize(rows);
            return Error{QStringLiteral("The search index build was cancelled.")};
        }
        auto text = [rows](int column) {
            return QByteArrayView(reinterpret_cast<const char *>(sqlite3_column_text(rows, column)),
                                  sqlite3_column_bytes(rows, column));
        };
        index.add(sqlite3_column_int64(rows, 0), sqlite3_column_int(rows, 1), text(2), text(3));
    }
    sqlite3_finalize(rows);
    if (code != SQLITE_DONE)
        return Error{QStringLiteral("The search index could not read the site database: %1.")
                         .arg(QString::fromUtf8(sqlite3_errmsg(db)))};
    if (index.m_text.size() > qsizetype(std::numeric_limits<quint32>::max()))
        return Error{QStringLiteral("The search index grew too large.")};
    // No squeeze(): the reservation fits GUIDs exactly, and shrinking would copy
    // the whole buffer once more at the moment memory peaks.
    return index;
}

void SearchIndex::reserve(qint64 rows)
{
    rows = std::clamp<qint64>(rows, 0, 50'000'000);
    m_text.reserve(rows * 38); // a GUID and two separators
    m_starts.reserve(rows);
    m_ids.reserve(rows);
    m_kinds.reserve(rows);
}

Status SearchIndex::append(const SiteDatabase &db, qint64 upTo)
{
    if (upTo <= m_maxId)
        return {};
    auto statement = SqliteStatement::prepare(db, QString::fromLatin1(kSelect));
    if (!statement)
        return statement.takeError();
    SqliteStatement &s = *statement;
    s.bind(1, m_maxId);
    s.bind(2, upTo);
    while (s.step())
        add(s.columnInt64(0), int(s.columnInt64(1)), s.columnUtf8(2), s.columnUtf8(3));
    if (auto status = s.status(); !status)
        return status;
    if (m_text.size() > qsizetype(std::numeric_limits<quint32>::max()))
        return Error{QStringLiteral("The search index grew too large.")};
    return {};
}

QList<qint64> SearchIndex::find(QStringView text, std::optional<CredentialKind> kind, qint64 upToId) const
{
    QList<qint64> found;
    const QByteArray needle = fold(text);
    if (needle.isEmpty() || needle.contains('\n'))
        return found;
    const char *begin = m_text.constData();
    const char *end = begin + m_text.size();
    const char *at = begin;
    while (at < end) {
        const void *hit = memmem(at, size_t(end - at), needle.constData(), size_t(needle.size()));
        if (!hit)
            break;
        const quint32 offset = quint32(static_cast<const char *>(hit) - begin);
        // The row holding the hit: the last start at or before it.
        const auto next = std::upper_bound(m_starts.cbegin(), m_starts.cend(), offset);
        const qsizetype row = (next - m_starts.cbegin()) - 1;
        const qint64 id = m_ids.at(row);
        if (id <= upToId && (!kind || m_kinds.at(row) == char(int(*kind))))
            found << id;
        // Each row once: go on at the next row.
        at = next == m_starts.cend() ? end : begin + *next;
    }
    return found;
}

} // namespace tc
