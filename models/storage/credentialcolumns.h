#pragma once

// The credentials table's one column list and one row decoder: every query
// that reads whole records (the store's QSqlQuery reads and the list's
// SQLite C-API pages) selects kCredentialColumns and decodes them here.

#include "records.h"

#include <QString>

namespace tc {

// In decodeCredential()'s order.
inline QString credentialColumns()
{
    return QStringLiteral(
        "id, kind, name, state, not_before, not_after, lifetime_minutes, issuer, thumbprint,"
        " signer_thumbprint, created_at, created_by, blocked_at, blocked_by, block_reason, change_seq");
}

// Row is any reader of one result row with, relative to the first column:
//   qint64 integer(int column) const; bool isNull(int column) const;
//   QString text(int column) const;       // (a NULL column: a null QString)
//   QString sharedText(int column) const; // the same, for text that repeats from row
//                                         // to row (issuer, signer, creator), which a
//                                         // reader may share between rows
template <typename Row>
CredentialRecord decodeCredential(const Row &row)
{
    CredentialRecord r;
    r.id = row.integer(0);
    r.kind = CredentialKind(row.integer(1));
    r.name = row.text(2);
    r.state = CredentialState(row.integer(3));
    r.notBefore = fromUnix(row.integer(4));
    r.notAfter = fromUnix(row.integer(5));
    r.lifetimeMinutes = int(row.integer(6));
    r.issuer = row.sharedText(7);
    r.thumbprint = row.sharedText(8);
    r.signerThumbprint = row.sharedText(9);
    r.createdAt = fromUnix(row.integer(10));
    r.createdBy = row.sharedText(11);
    if (!row.isNull(12))
        r.blockedAt = fromUnix(row.integer(12));
    r.blockedBy = row.sharedText(13);
    r.blockReason = row.sharedText(14);
    r.changeSeq = row.integer(15);
    return r;
}

} // namespace tc
