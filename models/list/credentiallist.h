#pragma once

// The Certificates list's columns and roles, without the item model: what the
// list's SQL (CredentialQuery), the model and the views all speak of.

#include <Qt>

namespace tc {

// The columns of the Certificates list, in their default order. (A scoped
// enumerator named Status does not clash with tc::Status; GCC's -Wshadow says
// it does, so it is quiet here.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#endif
enum class CredentialColumn : int {
    Name, // token GUID, or certificate common name
    Type,
    Status,
    ValidFrom,
    ValidTo,
    Remaining,
    Lifetime,
    Issuer,
    Thumbprint,
    CreatedBy,
    BlockedBy,
    NumColumns
};
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// Custom roles. Qt::DisplayRole is formatted text; SortValueRole the raw value
// (QDateTime, qint64, QString) that the database sorts by.
enum CredentialRole {
    RecordRole = Qt::UserRole + 1, // QVariant::fromValue(CredentialRecord)
    IdRole,                        // qint64 row id in the credentials table
    KindRole,                      // int(CredentialKind)
    GuidRole,                      // token GUID (empty for certificates)
    DisplayStatusRole,             // int(DisplayStatus) at the model's clock
    SortValueRole,
};

} // namespace tc
