#pragma once

// Small helpers shared by the storage hardening tests (crash safety, concurrent
// admins, broken sites, input at the edges): real folders, real processes.

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <functional>
#include <optional>

namespace tc::testing {

// What one bulkregtoken run did.
struct CliRun
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    bool finished = false;
};

// How to run bulkregtoken; every member has a default.
struct CliOptions
{
    QByteArray input;                   // written to stdin, which is then closed
    int timeoutMs = 60000;
    QStringList wrapper;                // e.g. {"setpriv", "--reuid=nobody", ...}
    std::function<void()> childModifier;
    std::optional<QProcessEnvironment> environment; // default: this process's
};

// An environment that keeps a run away from the user's own files: no
// TOKENCONSOLE_SITE, HOME and XDG_DATA_HOME under home.
inline QProcessEnvironment isolatedEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TOKENCONSOLE_SITE"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    return env;
}

// Runs bulkregtoken (or wrapper + bulkregtoken) to completion.
inline CliRun runCli(const QStringList &arguments, const CliOptions &options = {})
{
    QProcess p;
    if (options.childModifier)
        p.setChildProcessModifier(options.childModifier);
    if (options.environment)
        p.setProcessEnvironment(*options.environment);
    if (options.wrapper.isEmpty()) {
        p.start(QStringLiteral(TC_BULKREGTOKEN), arguments);
    } else {
        p.start(options.wrapper.first(),
                options.wrapper.mid(1) + QStringList{QStringLiteral(TC_BULKREGTOKEN)} + arguments);
    }
    CliRun run;
    if (!p.waitForStarted(options.timeoutMs))
        return run;
    if (!options.input.isEmpty())
        p.write(options.input);
    p.closeWriteChannel();
    run.finished = p.waitForFinished(options.timeoutMs);
    if (!run.finished) {
        p.kill();
        p.waitForFinished();
    }
    run.exitCode = p.exitCode();
    run.exitStatus = p.exitStatus();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

// Copies a folder tree, keeping file permissions (QFile::copy does).
inline bool copyTree(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    QFile::setPermissions(to, QFileInfo(from).permissions());
    QDirIterator it(from, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(it.filePath());
        if (it.fileInfo().isDir()) {
            if (!QDir().mkpath(target))
                return false;
            QFile::setPermissions(target, it.fileInfo().permissions());
        } else if (!QFile::copy(it.filePath(), target)) {
            return false;
        }
    }
    return true;
}

// SHA-256 of every file under folder (relative path -> hex); folders as "<dir>".
inline QMap<QString, QByteArray> treeChecksums(const QString &folder)
{
    QMap<QString, QByteArray> sums;
    QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QString rel = QDir(folder).relativeFilePath(it.filePath());
        if (it.fileInfo().isDir()) {
            sums.insert(rel, QByteArrayLiteral("<dir>"));
            continue;
        }
        QFile f(it.filePath());
        if (!f.open(QIODevice::ReadOnly)) {
            sums.insert(rel, QByteArrayLiteral("<unreadable>"));
            continue;
        }
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&f);
        sums.insert(rel, h.result().toHex());
    }
    return sums;
}

// Empty when every file of before is byte-identical after; otherwise what differs.
// SQLite's coordination files (site.db-shm, and an empty site.db-wal) that a
// refused open may leave are not data and are allowed to appear.
inline QString compareTrees(const QMap<QString, QByteArray> &before, const QMap<QString, QByteArray> &after,
                            const QString &folder)
{
    QStringList problems;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            problems << QStringLiteral("%1 vanished").arg(it.key());
        else if (after.value(it.key()) != it.value())
            problems << QStringLiteral("%1 changed").arg(it.key());
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (before.contains(it.key()))
            continue;
        const bool shm = it.key().endsWith(QLatin1String(".db-shm"));
        const bool emptyWal = it.key().endsWith(QLatin1String(".db-wal"))
            && QFileInfo(QDir(folder).filePath(it.key())).size() == 0;
        if (!shm && !emptyWal)
            problems << QStringLiteral("%1 appeared").arg(it.key());
    }
    return problems.join(QStringLiteral("; "));
}

// A direct SQLite connection for checking what a (killed) process left behind.
class RawDatabase
{
public:
    explicit RawDatabase(const QString &path)
        : m_name(QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery(db).exec(QStringLiteral("PRAGMA busy_timeout = 15000"));
    }
    ~RawDatabase()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawDatabase(const RawDatabase &) = delete;
    RawDatabase &operator=(const RawDatabase &) = delete;

    bool isOpen() const { return QSqlDatabase::database(m_name, false).isOpen(); }

    // First column of the first row, as text ("" on error).
    QString scalar(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql) || !q.next())
            return QString();
        return q.value(0).toString();
    }
    qint64 count(const QString &sql) const { return scalar(sql).toLongLong(); }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql);
    }

private:
    QString m_name;
};

// "bulkregtoken: <sentence>" on one line, ending with a full stop.
inline bool isOneSentence(const QByteArray &stderrText)
{
    const QByteArray t = stderrText.trimmed();
    return t.startsWith("bulkregtoken: ") && !t.contains('\n') && t.endsWith('.') && t.size() > 30;
}

} // namespace tc::testing
