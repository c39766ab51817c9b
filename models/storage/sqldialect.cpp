#include "sqldialect.h"

namespace tc {

ErrorKind errorKindOf(DbCause cause)
{
    switch (cause) {
    case DbCause::Busy: return ErrorKind::Busy;
    case DbCause::Corrupt: return ErrorKind::Corrupt;
    case DbCause::Full:
    case DbCause::Io:
    case DbCause::ReadOnly: return ErrorKind::Io;
    case DbCause::Constraint: return ErrorKind::Conflict;
    case DbCause::SqlError:
    case DbCause::Other: break;
    }
    return ErrorKind::Failed;
}

QString SqlDialect::render(QString sql) const
{
    sql.replace(QStringLiteral("{ID}"), autoIdColumn);
    sql.replace(QStringLiteral("{BLOB}"), blobType);
    return sql;
}

} // namespace tc
