#pragma once

#include "records.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <atomic>
#include <optional>

namespace tc {

class SearchSource;
class SiteDatabase;

// The searchable text of every credential row in memory: name and thumbprint,
// ASCII-lowercased (as SQLite's LIKE folds case), one contiguous buffer plus the
// row ids, so a substring search over a million GUIDs is one memmem-style pass
// (tens of milliseconds) instead of a scan of the name index through SQL.
// Names, kinds and thumbprints never change after a row is written and rows are
// never deleted, so the index only grows: append() reads the rows added since.
// About 45 bytes per row (a million GUIDs: ~45 MB).
class SearchIndex
{
public:
    // Reads every row with id <= upTo (all rows when nullopt) from source, on
    // the source's thread. Gives up (an error) soon after *cancel becomes true.
    static Result<SearchIndex> build(SearchSource &source, std::optional<qint64> upTo = std::nullopt,
                                     const std::atomic_bool *cancel = nullptr);
    // The same through a read-only connection of its own to the database file:
    // callable on any thread.
    static Result<SearchIndex> build(const QString &databasePath, std::optional<qint64> upTo = std::nullopt,
                                     const std::atomic_bool *cancel = nullptr);
    // Adds the rows with id > maxId() and id <= upTo, from source (or through db on db's thread).
    Status append(SearchSource &source, qint64 upTo);
    Status append(const SiteDatabase &db, qint64 upTo);

    // The highest row id covered; every row up to it is in the index.
    qint64 maxId() const { return m_maxId; }
    qsizetype size() const { return m_ids.size(); }

    // Ids (ascending) of the rows whose name or thumbprint contains text
    // (ASCII case folded), optionally only of one kind and only up to maxId.
    QList<qint64> find(QStringView text, std::optional<CredentialKind> kind, qint64 upToId) const;

    // Folds ASCII letters to lower case, leaves every other byte as it is.
    static QByteArray fold(QStringView text);

private:
    void reserve(qint64 rows);
    void add(qint64 id, int kind, QByteArrayView name, QByteArrayView thumbprint);

    // Row i's text starts at m_starts[i]: "name\nthumbprint\n" (thumbprint may be empty);
    // no search text holds '\n', so a match never spans two fields or rows.
    QByteArray m_text;
    QList<quint32> m_starts;
    QList<qint64> m_ids;
    QByteArray m_kinds;
    qint64 m_maxId = 0;
};

} // namespace tc
