#pragma once

#include <QString>
#include <QStringList>

namespace tc {

// Every difference between SQL dialects lives here, so the rest of the code is
// portable SQL. SQLite is the default; PostgreSQL (QPSQL) is the planned second.
struct SqlDialect
{
    QString driver;            // Qt driver name
    QString beginWrite;        // starts a write transaction that takes the write lock now
    QString autoIdColumn;      // an integer primary key the database assigns
    QString blobType;
    QStringList connectionSetup; // statements run on every new connection
    bool isFileBased = true;     // a site folder holds the database file

    // Substitutes {ID}, {BLOB} in a portable schema statement.
    QString render(QString sql) const;

    static SqlDialect sqlite();
    static SqlDialect postgres();
};

} // namespace tc
