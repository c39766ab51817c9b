#pragma once

#include "page.h"

class QTableView;
class QTimer;

namespace tc {

class AuditLogModel;
class Site;

// Administration > Security > Audit Log: every recorded action, newest first,
// read again every pollMilliseconds while the page is shown.
class AuditLogPage : public Page
{
    Q_OBJECT

public:
    AuditLogPage(Site &site, int pollMilliseconds, QWidget *parent = nullptr);

    QList<Folder> folders() const override { return administrationSecurity(); }
    QString title() const override;
    QString iconPath() const override { return QStringLiteral(":/icons/audit.svg"); }
    QString menuText() const override;
    void shown() override;
    void hidden() override;
    void refresh() override;

    AuditLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

private:
    AuditLogModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QTimer *m_poll = nullptr;
};

} // namespace tc
