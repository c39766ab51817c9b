#pragma once

#include "credentiallist.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QVariantList>

#include <atomic>

namespace tc {

class OrderSource;

// Where a row stands in one order of the whole credentials table, without
// counting the rows before it: the key and rank of every kStride-th row in that
// order (ascending), read in one walk of the order's index on a worker thread.
// A row's rank is then the rank of the last sample at or before it plus the rows
// between the two, fewer than kStride: one short index walk instead of a count
// over every row before it (a COUNT deep into ten million rows takes 300 ms).
//
// It describes the rows with id <= upToId() as they were when it was built.
// The keys of most orders never change after a row is written (name, kind,
// dates, lifetime, issuer, thumbprint, creator); an order that depends on the
// block state (Status, Blocked By) goes stale when a row is blocked or
// unblocked, and its owner builds it again. Keys are packed in one buffer:
// about 50 bytes per sample for GUID names, 20 for dates (ten million rows:
// 156,000 samples per order).
class RankDirectory
{
public:
    static constexpr int kStride = 64;

    // The order's sort keys (CredentialQuery::sortKeys) over the rows with id <= upToId.
    static Result<RankDirectory> build(OrderSource &source, const QStringList &keys, qint64 upToId,
                                       const std::atomic_bool *cancel = nullptr);
    // The same through a read-only connection of its own: callable on any thread.
    static Result<RankDirectory> build(const QString &databasePath, const QStringList &keys, qint64 upToId,
                                       const std::atomic_bool *cancel = nullptr);

    const QStringList &keys() const { return m_keys; }
    qint64 upToId() const { return m_upToId; }
    // Rows with id <= upToId() when it was built.
    qint64 rows() const { return m_rows; }
    qsizetype samples() const { return m_offsets.size(); }
    // No two samples share their first sort value: every run of rows equal on it
    // is shorter than two strides, so a seek on it lands near any sample.
    bool leadingValuesDistinct() const { return m_leadingDistinct; }
    // Bytes held (for the memory figures).
    qsizetype bytes() const { return m_data.capacity() + m_offsets.capacity() * qsizetype(sizeof(quint32)); }

    struct Sample
    {
        qint64 rank = -1; // -1: the key sorts before every row
        QVariantList key;
    };
    // The last sample whose key sorts at or before key, in ascending order; key
    // is as CredentialQuery::keyOf() gives it (sort values, then the id).
    Sample floor(const QVariantList &key) const;

    // Negative, zero or positive as key a sorts before, with or after b, as SQL
    // compares them: integers by value, text by its UTF-8 bytes (BINARY collation).
    static int compareKeys(const QVariantList &a, const QVariantList &b);

    // The key of sample i (0 <= i < samples()); its rank is i * kStride.
    QVariantList keyAt(qsizetype sample) const;

private:
    void add(const QVariantList &key);

    QStringList m_keys;
    qint64 m_upToId = 0;
    qint64 m_rows = 0;
    bool m_leadingDistinct = true;
    QByteArray m_data; // per value: 'i' + 8 bytes, or 't' + 4-byte length + UTF-8
    QList<quint32> m_offsets;
};

} // namespace tc
