#pragma once

#include "credentiallist.h"
#include "records.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <optional>

namespace tc {

class Site;

// How views and actions reach the record behind an index; the list model and
// any proxy implement it.
class CredentialModelInterface
{
public:
    virtual ~CredentialModelInterface() = default;
    virtual std::optional<CredentialRecord> record(const QModelIndex &index) const = 0;
    virtual QList<CredentialRecord> records(const QModelIndexList &indexes) const = 0;
};

// The Certificates list over the site database, built for a million rows:
// the database sorts and filters (indexed), rows are fetched lazily in pages,
// and changes — ours or another process's — are applied without a reset,
// keeping selection and scroll position.
class CredentialListModel : public QAbstractTableModel, public CredentialModelInterface
{
    Q_OBJECT

public:
    // Reads through site's connection, on the thread that owns site.
    explicit CredentialListModel(Site &site, QObject *parent = nullptr);
    ~CredentialListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    std::optional<CredentialRecord> record(const QModelIndex &index) const override;
    QList<CredentialRecord> records(const QModelIndexList &indexes) const override;

    // Substring of GUID, certificate name or thumbprint; empty shows all.
    // Synchronous: three characters or more are looked up in the site's
    // substring index (a few lists of row ids, at once after opening); one or
    // two characters, which match most GUIDs, are a scan of the names.
    void setSearchText(const QString &text);
    QString searchText() const;
    // nullopt shows every type.
    void setKindFilter(std::optional<CredentialKind> kind);
    std::optional<CredentialKind> kindFilter() const;
    int sortColumn() const;
    Qt::SortOrder sortOrder() const;

    // Rank directories ready (one per order, built on a worker thread on sites
    // of 50,000 rows or more; they place selected rows when the order changes).
    int rankDirectoryCount() const;
    // How many rows were placed through a rank directory so far (diagnostics, tests).
    qint64 rowsPlacedByDirectory() const;
    // From how many rows on directories are built (50,000; tests lower it).
    void setRankDirectoryMinRows(qint64 rows);

    // Row of the item with this id under the current sort and filter, or -1.
    int rowOfId(qint64 id) const;

    // Counts for the status bar (for the current filter where it applies).
    qint64 blockedCount() const;

    // Re-reads what changed since the last look (the database revision), and
    // applies it as inserts/removes/dataChanged/layoutChanged, never a reset.
    // Called by the poll timer; call it after this process writes, too.
    void refresh();
    // How often to look for changes made by other processes (0 stops polling).
    void setPollInterval(int milliseconds);

    // The clock for Status/Remaining ("Expired" depends on it); tests set it.
    void setNow(const QDateTime &now);

signals:
    void countsChanged();
    // Every order has a fresh rank directory.
    void rankDirectoriesReady();
    // A read failed (e.g. the database became unreadable): one sentence.
    void databaseError(const QString &message);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace tc

Q_DECLARE_METATYPE(tc::CredentialRecord)
