#pragma once

#include "credentiallist.h"
#include "records.h"

#include <QString>
#include <QVariantList>
#include <optional>

namespace tc {

struct SqlDialect;

// The SQL behind one view of the Certificates list: which rows (Type filter,
// search text) in which order (a column, ascending or descending, then id).
// Every sort column maps to an indexed key, so ORDER BY ... LIMIT reads an
// index instead of sorting, and (key..., id) row values give keyset seeks.
// The same order and filter are also evaluated in memory, for small result
// sets and for placing changed rows.
class CredentialQuery
{
public:
    CredentialColumn sortColumn = CredentialColumn::Name;
    Qt::SortOrder order = Qt::AscendingOrder;
    std::optional<CredentialKind> kind;
    QString search; // trimmed; empty means no search
    // The site's dialect: a search of three or more characters then reads the
    // candidates from its substring index instead of every name.
    const SqlDialect *dialect = nullptr;

    // "WHERE ..." (or empty) and its bound values. indexFriendly=false keeps the
    // kind term from steering SQLite to the kind index when an ORDER BY index
    // is the better plan.
    QString where(QVariantList *binds, bool forOrderedScan) const;
    // Adds one more condition to a where() result.
    static QString andAlso(const QString &where, const QString &condition);

    // "ORDER BY k1 ASC, ..., id ASC"; reversed flips every direction.
    QString orderBy(bool reversed = false) const;
    // The rows after key in this order (reversed: before it), as parts that are
    // each one index range: first the rows equal on every sort key with a later
    // id, then for each sort key from the last to the first, the rows equal on
    // the keys before it and later on it. Read in this order, the parts' rows are
    // the rows after key in list order. One row-value comparison instead makes
    // SQLite walk every row sharing the leading key from its start (100 ms deep
    // into a million rows sorted by Created By, where every row has one of five).
    struct KeysetPart
    {
        QString condition; // "k1 = ? AND k2 > ?"
        QVariantList binds;
        QString orderBy; // " ORDER BY k2 ASC, id ASC": the keys not fixed by the condition
    };
    QList<KeysetPart> afterParts(const QVariantList &key, bool reversed = false) const;
    // "(k1, ..., id) <op> (?, ..., ?)" with op meant for ascending order ("<", ">=", ...);
    // flipped for a descending order, so "<" always means "sorts before".
    QString keyCompare(const QString &ascendingOp) const;
    // The values to bind for after() or keyCompare(), from a keyOf() key.
    static QVariantList keyCompareBinds(const QVariantList &key);

    // The key of a record in this order (sort values then id), as SQL compares them.
    QVariantList keyOf(const CredentialRecord &record) const;
    // Negative, zero or positive as a sorts before, with or after b in this order.
    int compare(const CredentialRecord &a, const CredentialRecord &b) const;
    bool matches(const CredentialRecord &record) const;

    // Whether a change to a token's block state can move it in this order.
    bool orderDependsOnBlockState() const;

    // The SQL expressions a column sorts by (each is backed by an index).
    static QStringList sortKeys(CredentialColumn column);
    // The raw value shown for SortValueRole.
    static QVariant sortValue(const CredentialRecord &record, CredentialColumn column, const QDateTime &now);

private:
    QString likePattern() const;
};

} // namespace tc
