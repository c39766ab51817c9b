#include "auditlogmodel.h"

#include "site.h"

#include <QLocale>

namespace tc {

AuditLogModel::AuditLogModel(Site &site, QObject *parent) : QAbstractTableModel(parent), m_site(site) { }

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEvent &e = m_events.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time: return QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat);
        case User: return e.actor;
        case Action: return auditActionDisplayName(e.action);
        case Target: return e.target;
        case Detail: return e.detail;
        }
    }
    if (role == Qt::EditRole) {
        switch (index.column()) {
        case Time: return e.at;
        case Action: return auditActionCode(e.action);
        default: return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case User: return tr("User");
    case Action: return tr("Action");
    case Target: return tr("Item");
    case Detail: return tr("Detail");
    }
    return {};
}

QString AuditLogModel::reload()
{
    auto events = m_site.store().audit({}, kMaxEvents);
    if (!events)
        return events.error();
    QList<AuditEvent> newestFirst(events->crbegin(), events->crend());
    const bool same = newestFirst.size() == m_events.size()
        && (newestFirst.isEmpty() || newestFirst.first().id == m_events.first().id);
    if (same)
        return {};
    beginResetModel();
    m_events = std::move(newestFirst);
    endResetModel();
    return {};
}

} // namespace tc
