#pragma once

#include "records.h"

#include <QAbstractTableModel>

namespace tc {

class Site;

// The site's audit log, newest first, read-only. Holds the newest kMaxEvents;
// reload() re-reads only when a newer event exists.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, User, Action, Target, Detail, NumColumns };
    static constexpr int kMaxEvents = 5000;

    explicit AuditLogModel(Site &site, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Empty on success; otherwise the sentence that explains the failure.
    QString reload();

private:
    Site &m_site;
    QList<AuditEvent> m_events; // newest first
};

} // namespace tc
